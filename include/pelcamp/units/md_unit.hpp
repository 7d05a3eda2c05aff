#pragma once
// `md`: canonical (Nosé–Hoover chain or Langevin) or microcanonical molecular dynamics at
// one temperature point, with velocities drawn from the unit's own stream; reports means
// over the sampled steps (temperature, potential and total energy, pressure) and the heat
// capacity from the total-energy fluctuations, and stores the final structure. Long runs
// checkpoint every `checkpoint_every` steps and continue bit-identically after a stop.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& md_unit_kind();

}  // namespace pelcamp::units
