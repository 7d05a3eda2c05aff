#pragma once
// `lattice`: a perfect cubic crystal (build/lattice.hpp: sc, bcc, fcc, b2) of cells³
// conventional cells in a periodic cube, the crystalline control of a glass study (e.g. B2
// CuZr beside the Cu50Zr50 glass, seed 004) with the same atom count and box shape as the
// glasses built by `packing`.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& lattice_unit_kind();

}  // namespace pelcamp::units
