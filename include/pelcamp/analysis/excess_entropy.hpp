#pragma once
// Two-body (pair) excess entropy per atom of a multicomponent system, in units of k_B
// (Baranyai & Evans, Phys. Rev. A 40, 3817 (1989); mixtures: Laird & Haymet, Phys. Rev. A
// 45, 5680 (1992)):
//   s₂ = −2πρ Σ_ab x_a x_b ∫₀^{r_c} [g_ab ln g_ab − g_ab + 1] r² dr,
// with ρ = N/V, x_a = N_a/N and g_ab the partial RDFs (g ln g → 0 where g = 0).
// The integral is the histogram sum over the RDF's bins, r² dr → ΔV_k/(4π) with the exact
// shell volumes, so the cut-off r_c is the RDF's r_max: choose it where g_ab has decayed
// to 1 (several neighbour shells; half the box at most for a periodic sample).
// An ideal gas has s₂ = 0; counting noise in g biases the estimate by about
// −n(n+1)·bins/(4N) for n species (the integrand is (g − 1)²/2 ≥ 0 near g = 1, and the
// variance of g_ab in a bin is 1/(expected pairs)), so use N ≫ bins.
#include "pelcamp/analysis/radial_distribution.hpp"

namespace pelcamp {

double two_body_excess_entropy(const RadialDistribution& rdf);

}  // namespace pelcamp
