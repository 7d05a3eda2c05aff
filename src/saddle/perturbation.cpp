#include "pelcamp/saddle/perturbation.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

Eigen::VectorXd local_random_direction(const Configuration& config, std::size_t centre,
                                       double radius, Rng& rng, const std::vector<bool>& frozen) {
  const std::size_t n = config.size();
  if (centre >= n)
    throw Error(fmt::format("perturbation centre atom {} out of range (0..{})", centre, n - 1));
  if (!(radius >= 0.0))
    throw Error(fmt::format("perturbation radius {} must be ≥ 0", radius));
  if (!frozen.empty() && frozen.size() != n)
    throw Error(fmt::format("frozen mask has {} entries for {} atoms", frozen.size(), n));
  if (!frozen.empty() && frozen[centre])
    throw Error(fmt::format("perturbation centre atom {} is frozen", centre));

  Eigen::VectorXd direction = Eigen::VectorXd::Zero(3 * static_cast<Eigen::Index>(n));
  const Vec3 origin = config.positions[centre];
  for (std::size_t i = 0; i < n; ++i) {
    if (!frozen.empty() && frozen[i]) continue;
    if (config.box.minimum_image(config.positions[i] - origin).norm() > radius) continue;
    for (int k = 0; k < 3; ++k) direction[3 * static_cast<Eigen::Index>(i) + k] = rng.normal();
  }
  return direction.normalized();
}

}  // namespace pelcamp
