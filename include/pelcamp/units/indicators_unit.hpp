#pragma once
// `indicators`: the structural indicators and elastic constants of a minimized glass sample
// (seed 003, Study 3): ρ, E_IS, s₂, Ψ, |u|, f⟨0,0,12,0⟩, G and C_ij, plus per-atom Ψ_i and
// |u_i|. Runs `for_each` over a stage whose units end in a minimized structure (or on a
// `structure` file). Conventions are stated in each field's doc.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& indicators_unit_kind();

}  // namespace pelcamp::units
