#pragma once
// Mackay icosahedra: a central atom surrounded by shells k = 1 … K, shell k being an
// icosahedron of edge k·d' with k+1 atoms along each edge (Mackay, Acta Cryst. 15, 916
// (1962)). Shell k holds 10k² + 2 atoms, so the cluster has 1 + Σ (10k² + 2) atoms:
// 13, 55, 147, 309, 561, …
#include <cstddef>

#include "pelcamp/core/configuration.hpp"

namespace pelcamp {

struct IcosahedronSpec {
  int shells = 1;  // K ≥ 1
  // Distance from the centre to a first-shell atom, which is also the radial spacing of
  // the shells along the vertex directions and the shortest distance in the cluster (length).
  // Atoms within a shell are 1.0515× farther apart (edge/circumradius of an icosahedron),
  // the strain of the Mackay structure. ASE's Icosahedron(…, latticeconstant=a) uses
  // nn_distance = a/√2.
  double nn_distance = 0.0;
  Species species;
};

std::size_t mackay_icosahedron_size(int shells);

// Atoms centre first, then shell by shell (vertices, edge atoms, face atoms), centred on
// the origin, ids 1..N, in free space (Box::free_space()). Throws pelcamp::Error for
// shells < 1 or a non-positive distance or mass.
Configuration build_mackay_icosahedron(const IcosahedronSpec& spec);

}  // namespace pelcamp
