#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "analysis/analysis_test_systems.hpp"
#include "pelcamp/analysis/excess_entropy.hpp"

namespace pelcamp {
namespace {

TEST(ExcessEntropy, IdealGasIsZeroWithinCountingNoise) {
  const int n = 8000, bins = 40;
  const auto gas = test::ideal_gas(n, 25.0, 11);
  const auto rdf = compute_rdf(gas, {6.0, bins});
  const double s2 = two_body_excess_entropy(rdf);
  // Zero up to the counting-noise bias −n(n+1)·bins/(4N) of two species (≈ −0.0075 here,
  // while a liquid has s₂ ≈ −3 and this estimator gives −67 for fcc).
  const double noise_bias = 2 * 3 * bins / (4.0 * n);
  EXPECT_GT(s2, -1.5 * noise_bias);
}

// A step g_ab = 0 for r < σ, 1 beyond (every species pair), the low-density limit of hard
// spheres: the integrand is 1 inside σ, so s₂ = −2πρσ³/3 exactly.
TEST(ExcessEntropy, StepFunctionRdfHasAnalyticValue) {
  RadialDistribution rdf;
  rdf.r_max = 3.0;
  rdf.volume = 1000.0;
  rdf.species_counts = {300, 500};
  const int bins = 30;
  rdf.bin_width = rdf.r_max / bins;
  const double sigma = 1.2;  // a bin edge
  rdf.partial.assign(2, std::vector<std::vector<double>>(2, std::vector<double>(bins)));
  for (int k = 0; k < bins; ++k) {
    const double lo = k * rdf.bin_width, hi = lo + rdf.bin_width;
    rdf.r.push_back(lo + rdf.bin_width / 2);
    rdf.shell_volumes.push_back(4.0 / 3.0 * std::numbers::pi * (hi * hi * hi - lo * lo * lo));
    for (auto& row : rdf.partial)
      for (auto& g : row) g[k] = hi <= sigma + 1e-12 ? 0.0 : 1.0;
  }
  const double rho = 800.0 / 1000.0;
  EXPECT_NEAR(two_body_excess_entropy(rdf), -2.0 * std::numbers::pi * rho * std::pow(sigma, 3) / 3,
              1e-12);
}

TEST(ExcessEntropy, CrystalIsStronglyOrdered) {
  // Sanity of sign and scale: a perfect lattice has delta-like peaks, s₂ far below zero.
  const auto fcc = test::cubic_lattice(LatticeKind::fcc, 3.615, 3);
  EXPECT_LT(two_body_excess_entropy(compute_rdf(fcc, {5.0, 100})), -3.0);
}

}  // namespace
}  // namespace pelcamp
