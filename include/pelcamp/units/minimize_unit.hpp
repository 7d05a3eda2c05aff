#pragma once
// `minimize`: relaxes a structure to its inherent structure (local minimum) at fixed box with
// FIRE, conjugate gradient or L-BFGS; the minimum is stored as the unit's structure.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& minimize_unit_kind();

}  // namespace pelcamp::units
