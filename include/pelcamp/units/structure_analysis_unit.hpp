#pragma once
// `structure_analysis`: the structural indicators glass studies compute on every sample
// (seeds 002–004), on the input unit's structure or a `structure` file:
//   - partial and total RDFs (analysis/radial_distribution.hpp conventions) as the `rdf`
//     series, and the two-body excess entropy s₂ from them (excess_entropy.hpp);
//   - Voronoi tessellation, plain or radical (analysis/voronoi.hpp): per-atom index
//     ⟨n₃,n₄,n₅,n₆⟩, volume, face count, centroid offset |u|; the icosahedral fraction
//     f⟨0,0,12,0⟩ and the structural Shannon entropy over index populations
//     (voronoi_statistics.hpp);
//   - number and mass density (density.hpp), energy and virial pressure of the structure as
//     given (E_IS when the input is an inherent structure: `fmax` says how close it is), and
//     per-atom energies;
//   - per-atom stress: virial over the atom's Voronoi volume of the chosen tessellation
//     (atomic_stress.hpp: σ = −nktv2p W_i/V_i, LAMMPS stress/atom sign, no kinetic term).
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& structure_analysis_unit_kind();

}  // namespace pelcamp::units
