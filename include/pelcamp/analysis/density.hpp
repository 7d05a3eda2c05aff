#pragma once
// Number and mass density of a periodic sample, V = box volume.
// Mass density follows LAMMPS's `density` thermo keyword: Σm/V times its mass·volume →
// density factor mv2d (metal: amu/Å³ → g/cm³ with N_A = 0.602214129e24, mv2d =
// 1/0.602214129; lj: 1), so values compare digit for digit with a LAMMPS log.
#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/units.hpp"

namespace pelcamp {

struct SampleDensity {
  double number = 0.0;  // N/V (1/length³)
  double mass = 0.0;    // g/cm³ in metal units, m/σ³ in lj
};

// Throws pelcamp::Error for a configuration with no periodic dimension (no volume).
SampleDensity sample_density(const Configuration& config, const UnitSystem& units);

}  // namespace pelcamp
