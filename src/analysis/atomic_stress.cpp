#include "pelcamp/analysis/atomic_stress.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

void check_sizes(std::size_t tensors, const std::vector<double>& volumes) {
  if (tensors != volumes.size())
    throw Error(
        fmt::format("atomic stress: {} tensors but {} Voronoi volumes", tensors, volumes.size()));
  for (double v : volumes)
    if (!(v > 0.0))
      throw Error(fmt::format("atomic stress: Voronoi volume must be > 0, got {}", v));
}

}  // namespace

std::vector<Sym6> atomic_stress(const std::vector<Sym6>& per_atom_virial,
                                const std::vector<double>& voronoi_volumes,
                                const UnitSystem& units) {
  check_sizes(per_atom_virial.size(), voronoi_volumes);
  std::vector<Sym6> stress(per_atom_virial.size());
  for (std::size_t i = 0; i < stress.size(); ++i)
    for (int c = 0; c < 6; ++c)
      stress[i][c] = -units.nktv2p * per_atom_virial[i][c] / voronoi_volumes[i];
  return stress;
}

Sym6 volume_weighted_mean_stress(const std::vector<Sym6>& stress,
                                 const std::vector<double>& voronoi_volumes) {
  check_sizes(stress.size(), voronoi_volumes);
  Sym6 mean{};
  double volume = 0.0;
  for (std::size_t i = 0; i < stress.size(); ++i) {
    for (int c = 0; c < 6; ++c) mean[c] += stress[i][c] * voronoi_volumes[i];
    volume += voronoi_volumes[i];
  }
  for (double& c : mean) c /= volume;
  return mean;
}

}  // namespace pelcamp
