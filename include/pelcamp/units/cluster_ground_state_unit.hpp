#pragma once
// Ground states of free clusters (Sun & Gong, physics.md §1), found rather than typed in:
//   `cluster_ground_state`  one basin-hopping walker (Wales & Doye, J. Phys. Chem. A 101,
//       5111 (1997)): start from atoms placed at random in a sphere, minimize; then repeatedly
//       either (fraction `surface_moves`) move the least-bound atom to a random point just
//       outside the cluster, or displace every atom uniformly in a cube of half-edge
//       `step_size`; minimize, and accept the new minimum with the Metropolis rule at
//       `temperature`. Trial minima from which an atom has evaporated are rejected. Keeps the
//       lowest minimum seen. Many walkers are the stage's replicas. (Al55: 2 of 4 walkers of
//       300 steps reach the Mackay icosahedron; Al43: 2 of 6 walkers of 400 steps reach the
//       lowest minimum any of them found.)
//   `cluster_lowest`  a stage `after:` the walkers: re-evaluates every input structure with
//       its potential and keeps the lowest, reporting how many walkers reached it.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& cluster_ground_state_unit_kind();
const UnitKind& cluster_lowest_unit_kind();

}  // namespace pelcamp::units
