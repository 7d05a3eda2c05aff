#pragma once
// `eval`: energy, forces, per-atom energies and virial pressure of one structure. The
// shortest real unit: the scheduling benchmark's unit, and a structure with overlapping
// atoms (non-finite energy, or closer than `min_distance`) is a failing unit with a reason.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& eval_unit_kind();

}  // namespace pelcamp::units
