#pragma once
// Statistics over a population of Voronoi indices: index populations, the icosahedral
// fraction f⟨0,0,12,0⟩ and the structural Shannon entropy.
//
// Populations are over the full index ⟨n₃,n₄,n₅,n₆⟩ as given (two atoms with the same
// index are the same structural motif). To restrict to centre species (e.g. Cu-centred
// clusters), pass only those atoms' indices.
#include <span>
#include <utility>
#include <vector>

#include "pelcamp/analysis/voronoi.hpp"

namespace pelcamp {

struct IndexPopulation {
  VoronoiIndex index;
  int count = 0;
};

// Distinct indices with their counts, most frequent first (ties in lexicographic order of
// the index, so the result is deterministic).
std::vector<IndexPopulation> index_populations(std::span<const VoronoiIndex> indices);

// Fraction of atoms whose index is ⟨0,0,12,0⟩ (full icosahedra). Throws pelcamp::Error for
// an empty population.
double icosahedral_fraction(std::span<const VoronoiIndex> indices);

// S = −Σ_k p_k ln p_k over index populations, p_k = count_k / N (dimensionless, nats);
// exp(S) is the effective number of motifs D. Throws pelcamp::Error for an empty population.
double structural_entropy(std::span<const VoronoiIndex> indices);

}  // namespace pelcamp
