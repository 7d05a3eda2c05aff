#pragma once
// `perturbation_probe`: single-atom perturbation probes (analysis/single_atom_probe.hpp;
// seed 004 §2.3–2.4, §4.2–4.3) of a batch of atoms of a relaxed sample, all other atoms
// frozen. Each atom is displaced by every dr of a logarithmic grid along every direction of
// a uniform (θ, ϕ) grid (default 18 × 36, 10° cells); per atom the unit stores Ω(dE_atom <
// 0)/4π at the chosen dr and at the smallest dr, the dr of the smallest dE_atom, the
// smallest dE_atom and dE_sys, and max |dE_sys − 2 dE_atom| (0 to round-off for a pair
// potential). Atoms outside the batch get NaN. The full directional maps of the first
// `map_atoms` probed atoms go to the series `map`.
//
// Each probe evaluates only the atom's neighbourhood (neighbor/local_region.hpp), so a
// 50 000-atom sample is probed atom by atom at a cost independent of its size; batches
// (`batch` of `batches`, contiguous ranges of atom indices) spread a sample over units.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& perturbation_probe_unit_kind();

}  // namespace pelcamp::units
