#pragma once
// Partial and total radial distribution functions of a configuration (periodic, triclinic,
// partly periodic or free).
//
// Normalisation (ideal-gas convention, as LAMMPS `compute rdf` with its self-pair
// correction): with n_ab(k) the number of ordered pairs (i of species a, j ≠ i of species b,
// any periodic image) whose distance falls in bin k = [r_k, r_k + Δr),
//   g_ab(r_k) = n_ab(k) / (N_a ρ'_b ΔV_k),  ρ'_b = (N_b − δ_ab) / V,
//   ΔV_k = 4π/3 [(r_k + Δr)³ − r_k³]  (exact shell volume),
// so that an ideal gas gives g_ab = 1 with no O(1/N) bias. The total g(r) uses the same
// rule over all atoms: g(r_k) = n(k) / (N ρ' ΔV_k), ρ' = (N − 1)/V.
// The cumulative coordination number (running integral 4πρ'_b ∫₀^r g_ab r'² dr') is kept
// as counts: coordination_ab(k) = Σ_{k' ≤ k} n_ab(k') / N_a, the mean number of b atoms
// within the outer edge of bin k of an a atom.
// V is the box volume; a free cluster has no volume, so it is rejected.
#include <vector>

#include "pelcamp/core/configuration.hpp"

namespace pelcamp {

struct RdfOptions {
  double r_max = 0.0;  // histogram range [0, r_max) (length); must be > 0
  int bins = 200;      // number of equal-width bins
};

struct RadialDistribution {
  double r_max = 0.0;
  double bin_width = 0.0;               // Δr (length)
  double volume = 0.0;                  // V of the box (length³)
  std::vector<int> species_counts;      // N_a
  std::vector<double> r;                // bin centres (length)
  std::vector<double> shell_volumes;    // ΔV_k (length³)
  std::vector<double> total;            // g(r)
  // partial[a][b][k] = g_ab(r_k); symmetric in a, b up to the N_a/N_b weighting.
  std::vector<std::vector<std::vector<double>>> partial;
  // coordination[a][b][k]: mean number of b atoms within r_k + Δr/2 of an a atom.
  std::vector<std::vector<std::vector<double>>> coordination;

  std::size_t num_species() const { return species_counts.size(); }
  int num_atoms() const;
  double number_density() const { return num_atoms() / volume; }
  double fraction(std::size_t a) const { return double(species_counts[a]) / num_atoms(); }
};

// Throws pelcamp::Error for r_max ≤ 0, bins < 1, a configuration with no periodic
// dimension (no volume to normalise by) or with fewer than two atoms.
RadialDistribution compute_rdf(const Configuration& config, const RdfOptions& options);

}  // namespace pelcamp
