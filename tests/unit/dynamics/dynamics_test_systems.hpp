#pragma once
// Small systems for the dynamics tests, all with the test-only Morse potential.
#include <cmath>
#include <string>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/rng.hpp"
#include "support/morse_test_potential.hpp"

namespace pelcamp::testing {

// The test Morse potential reporting a chosen unit system, so that the integrators' unit
// constants (mvv2e, k_B, nktv2p) are exercised in metal units too.
class MorseInUnits : public MorseTestPotential {
 public:
  MorseInUnits(std::string units, double depth, double alpha, double r0, double rc)
      : MorseTestPotential(depth, alpha, r0, rc), units_(std::move(units)) {}
  std::string units() const override { return units_; }

 private:
  std::string units_;
};

// Morse parameters (reduced units) for which an fcc crystal of spacing 1.62 is near zero
// pressure at T ≈ 1 and the potential is thermodynamically stable (α r0 = 4.4).
inline MorseTestPotential stable_morse() { return MorseTestPotential(1.0, 4.0, 1.1, 2.5); }

// cells³ fcc unit cells of spacing a, positions jittered by `jitter` (Gaussian, length units),
// alternating species A (mass 1) and B (mass 1.7).
inline Configuration fcc_crystal(int cells, double a, double jitter, std::uint64_t seed) {
  Configuration c;
  const double l = cells * a;
  c.box = Box::orthorhombic(Vec3::Zero(), Vec3::Constant(l));
  c.species = {{"A", 1.0}, {"B", 1.7}};
  Rng rng(seed);
  const Vec3 basis[4] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  int k = 0;
  for (int i = 0; i < cells; ++i)
    for (int j = 0; j < cells; ++j)
      for (int m = 0; m < cells; ++m)
        for (const Vec3& b : basis) {
          const Vec3 x = a * (Vec3(i, j, m) + b) +
                         jitter * Vec3(rng.normal(), rng.normal(), rng.normal());
          c.add_atom(k++ % 2, x);
        }
  return c;
}

// The n fcc sites (spacing √2 r0, i.e. nearest neighbours at r0) closest to a lattice site,
// jittered: a compact free cluster of species A and B.
inline Configuration fcc_cluster(int n, double r0, double jitter, std::uint64_t seed) {
  Configuration c;
  c.species = {{"A", 1.0}, {"B", 1.7}};
  const double a = r0 * std::sqrt(2.0);
  std::vector<Vec3> sites;
  const Vec3 basis[4] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  for (int i = -3; i <= 3; ++i)
    for (int j = -3; j <= 3; ++j)
      for (int m = -3; m <= 3; ++m)
        for (const Vec3& b : basis) sites.push_back(a * (Vec3(i, j, m) + b));
  std::stable_sort(sites.begin(), sites.end(),
                   [](const Vec3& p, const Vec3& q) { return p.squaredNorm() < q.squaredNorm(); });
  Rng rng(seed);
  for (int k = 0; k < n; ++k)
    c.add_atom(k % 2, sites[k] + jitter * Vec3(rng.normal(), rng.normal(), rng.normal()));
  return c;
}

}  // namespace pelcamp::testing

namespace pelcamp::testing {

// Mean of a correlated time series and its standard error from `blocks` block means (blocks
// much longer than the correlation time make the block means independent).
struct BlockEstimate {
  double mean = 0.0;
  double error = 0.0;
};

inline BlockEstimate block_estimate(const std::vector<double>& series, int blocks = 20) {
  const std::size_t per_block = series.size() / blocks;
  std::vector<double> means(blocks, 0.0);
  for (int b = 0; b < blocks; ++b) {
    for (std::size_t k = 0; k < per_block; ++k) means[b] += series[b * per_block + k];
    means[b] /= static_cast<double>(per_block);
  }
  BlockEstimate e;
  for (double m : means) e.mean += m / blocks;
  double var = 0.0;
  for (double m : means) var += (m - e.mean) * (m - e.mean) / (blocks - 1);
  e.error = std::sqrt(var / blocks);
  return e;
}

}  // namespace pelcamp::testing
