#pragma once
// Per-atom stress: the configurational (virial) part of each atom's stress divided by its
// Voronoi volume (Egami's atomic-level stress, Egami et al., Phys. Rev. B 21, 2272 (1980)).
//
// Sign convention (LAMMPS `compute stress/atom`, stress = −pressure): with W_i the per-atom
// virial of ComputeResult (Σ_i W_i = W = Σ r⊗f, energy units) and V_i the Voronoi volume,
//   σ_i = −nktv2p · W_i / V_i   (pressure units of `units`: bar for metal),
// so that σ_i · V_i is LAMMPS's stress/atom with its `virial` keyword, and the
// volume-weighted mean Σ σ_i V_i / Σ V_i = −(virial pressure tensor) of the sample
// (compressed: negative diagonal). The kinetic term is left out: samples analysed here are
// inherent structures, and a thermal average of m v⊗v is not an atomic-level quantity.
#include <vector>

#include "pelcamp/core/types.hpp"
#include "pelcamp/core/units.hpp"

namespace pelcamp {

// Throws pelcamp::Error when the sizes differ or a volume is not positive.
std::vector<Sym6> atomic_stress(const std::vector<Sym6>& per_atom_virial,
                                const std::vector<double>& voronoi_volumes,
                                const UnitSystem& units);

// Σ σ_i V_i / Σ V_i (pressure units): equals −P_virial of the sample when the volumes tile it.
Sym6 volume_weighted_mean_stress(const std::vector<Sym6>& stress,
                                 const std::vector<double>& voronoi_volumes);

}  // namespace pelcamp
