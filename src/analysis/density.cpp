#include "pelcamp/analysis/density.hpp"

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

// LAMMPS update.cpp: force->mv2d per unit style.
double mass_volume_to_density(const UnitSystem& units) {
  if (units.name == "metal") return 1.0 / 0.602214129;
  if (units.name == "lj") return 1.0;
  throw Error("density: unit system '" + units.name + "' has no density factor (metal or lj)");
}

}  // namespace

SampleDensity sample_density(const Configuration& config, const UnitSystem& units) {
  if (!config.box.any_periodic())
    throw Error("density: the configuration has no periodic dimension, so no volume");
  const double volume = config.box.volume();
  return {static_cast<double>(config.size()) / volume,
          config.total_mass() / volume * mass_volume_to_density(units)};
}

}  // namespace pelcamp
