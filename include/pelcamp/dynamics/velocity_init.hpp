#pragma once
// Initial velocities: Maxwell–Boltzmann at temperature T, with the centre-of-mass momentum
// (and, for free clusters, the angular momentum) removed, then rescaled so that the
// temperature over the remaining degrees of freedom (kinetic_degrees_of_freedom) is exactly T.
#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/core/units.hpp"

namespace pelcamp {

// Draws v_i,d = √(k_B T / (m_i · mvv2e)) ξ from `rng`, atom by atom in x, y, z order, so the
// result depends only on the stream. `temperature` in K (metal) or reduced (lj), >= 0;
// `angular` as MomentumConfig::angular (throws for a box with a periodic dimension).
void initialize_velocities(Configuration& config, double temperature, Rng& rng,
                           const UnitSystem& units, bool angular);

}  // namespace pelcamp
