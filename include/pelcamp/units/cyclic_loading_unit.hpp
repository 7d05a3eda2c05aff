#pragma once
// `cyclic_loading`: one intra-cage loading cycle of a relaxed sample at shear strain γ
// (analysis/cyclic_shear.hpp; seed 004 §2.1): shear, relax, unshear, relax, at a tight force
// tolerance (default 1e-10 energy/length, FIRE, which needs no energy line search and so
// converges below the round-off of the total energy). Stores the per-atom stress before and
// after, the displacements, the atoms whose Voronoi index changed, and per unit Θ(γ) and
// δ(γ) = RMS(Δσ_xy)/RMS(σ_xy,initial). A `for_each` stage over minimized samples.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& cyclic_loading_unit_kind();

}  // namespace pelcamp::units
