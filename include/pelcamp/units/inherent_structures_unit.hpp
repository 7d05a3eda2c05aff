#pragma once
// `inherent_structures`: minimizes every snapshot of its input unit (e.g. the quench
// snapshots of `sample_prep`, seed 002) to its inherent structure, at fixed box (the
// paper's conjugate gradient on each snapshot) or with the cell relaxed to a pressure.
// Outputs one row per snapshot in the `minimum` series, in the input's snapshot order (join
// with the input's `snapshot` series by row); the minimized structures are the unit's
// snapshots, and its structure is the last one (the coldest of a quench).
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& inherent_structures_unit_kind();

}  // namespace pelcamp::units
