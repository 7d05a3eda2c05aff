#include "pelcamp/dynamics/velocity_init.hpp"

#include <cmath>
#include <fmt/format.h>
#include <vector>

#include "pelcamp/core/error.hpp"
#include "pelcamp/dynamics/momentum.hpp"
#include "pelcamp/dynamics/thermo.hpp"

namespace pelcamp {

void initialize_velocities(Configuration& config, double temperature, Rng& rng,
                           const UnitSystem& units, bool angular) {
  if (!(temperature >= 0.0) || !std::isfinite(temperature))
    throw Error(fmt::format("initial temperature must be finite and >= 0, got {}", temperature));
  if (angular && config.box.any_periodic())
    throw Error("angular momentum removal is only for free clusters (box without periodic dimensions)");
  const std::size_t n = config.size();
  std::vector<double> masses(n);
  for (std::size_t i = 0; i < n; ++i) masses[i] = config.mass(i);
  config.velocities.assign(n, Vec3::Zero());
  if (temperature == 0.0) return;
  const double dof = kinetic_degrees_of_freedom(n, angular);
  if (!(dof > 0.0))
    throw Error(fmt::format("cannot give {} atom(s) a temperature: no kinetic degrees of freedom "
                            "remain once the total momentum is removed", n));

  for (std::size_t i = 0; i < n; ++i) {
    const double sigma = std::sqrt(units.boltzmann * temperature / (masses[i] * units.mvv2e));
    for (int d = 0; d < 3; ++d) config.velocities[i](d) = sigma * rng.normal();
  }
  remove_linear_momentum(config.velocities, masses);
  if (angular) remove_angular_momentum(config.positions, config.velocities, masses);
  const double current =
      twice_kinetic_energy(config.velocities, masses, units.mvv2e) / (dof * units.boltzmann);
  const double scale = std::sqrt(temperature / current);
  for (Vec3& v : config.velocities) v *= scale;
}

}  // namespace pelcamp
