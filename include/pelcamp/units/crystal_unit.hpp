#pragma once
// `crystal`: a perfect cubic lattice (sc, bcc, fcc, or B2 with two species) in a periodic
// box, built by build/lattice.hpp: the crystalline control of glass studies (B2 CuZr, fcc
// Cu). Later stages take it as their input structure (`for_each`), e.g. `sample_prep` with
// no melt to relax it, or `structure_analysis`.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& crystal_unit_kind();

}  // namespace pelcamp::units
