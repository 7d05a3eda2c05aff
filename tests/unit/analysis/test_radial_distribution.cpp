#include <gtest/gtest.h>

#include <cmath>

#include "analysis/analysis_test_systems.hpp"
#include "pelcamp/analysis/radial_distribution.hpp"
#include "pelcamp/core/error.hpp"

namespace pelcamp {
namespace {

int bin_of(const RadialDistribution& rdf, double r) { return int(r / rdf.bin_width); }

// Every neighbour shell of a perfect lattice sits in one bin: g is zero elsewhere, the
// coordination steps by the shell's multiplicity there, and g in that bin is the shell's
// count over the ideal-gas expectation.
void expect_shell(const RadialDistribution& rdf, std::size_t a, std::size_t b, double r_lo,
                  double r_shell, double before, double after) {
  const int k = bin_of(rdf, r_shell);
  const int k_lo = bin_of(rdf, r_lo);
  for (int q = k_lo + 1; q < k; ++q) EXPECT_EQ(rdf.partial[a][b][q], 0.0) << "bin " << q;
  EXPECT_NEAR(rdf.coordination[a][b][k - 1], before, 1e-12);
  EXPECT_NEAR(rdf.coordination[a][b][k], after, 1e-12);
  const double rho_b = (rdf.species_counts[b] - (a == b)) / rdf.volume;
  EXPECT_NEAR(rdf.partial[a][b][k], (after - before) / (rho_b * rdf.shell_volumes[k]), 1e-9);
}

TEST(RadialDistribution, FccFirstShellTwelveAtASqrtHalf) {
  const double a = 3.615;
  const auto config = test::cubic_lattice(LatticeKind::fcc, a, 3);
  const auto rdf = compute_rdf(config, {1.1 * a, 230});
  expect_shell(rdf, 0, 0, 0.0, a / std::sqrt(2.0), 0, 12);
  expect_shell(rdf, 0, 0, a / std::sqrt(2.0), a, 12, 18);
  // One species: the total is the partial.
  for (std::size_t k = 0; k < rdf.total.size(); ++k) EXPECT_EQ(rdf.total[k], rdf.partial[0][0][k]);
}

TEST(RadialDistribution, B2EightUnlikeNeighboursAtHalfBodyDiagonal) {
  const double a = 3.30;
  const auto config = test::cubic_lattice(LatticeKind::b2, a, 3);
  const auto rdf = compute_rdf(config, {1.1 * a, 230});
  for (std::size_t s = 0; s < 2; ++s) {
    expect_shell(rdf, s, 1 - s, 0.0, std::sqrt(3.0) * a / 2, 0, 8);
    expect_shell(rdf, s, s, 0.0, a, 0, 6);  // like neighbours only on the cube edges
  }
  // Total: 8 then 6 neighbours per atom, normalised by all atoms.
  const int k = bin_of(rdf, std::sqrt(3.0) * a / 2);
  const double rho = (rdf.num_atoms() - 1.0) / rdf.volume;
  EXPECT_NEAR(rdf.total[k], 8.0 / (rho * rdf.shell_volumes[k]), 1e-9);
}

TEST(RadialDistribution, TriclinicPrimitiveFccMatchesCubicShells) {
  const double a = 4.05;
  const auto config = test::triclinic_fcc(a, 2);  // 8 atoms, box smaller than r_max
  const auto rdf = compute_rdf(config, {1.3 * a, 270});
  expect_shell(rdf, 0, 0, 0.0, a / std::sqrt(2.0), 0, 12);
  expect_shell(rdf, 0, 0, a / std::sqrt(2.0), a, 12, 18);
  expect_shell(rdf, 0, 0, a, std::sqrt(1.5) * a, 18, 42);
}

TEST(RadialDistribution, IdealGasIsOneWithinCountingStatistics) {
  const double l = 20.0;
  const auto config = test::ideal_gas(4000, l, 7);
  const auto rdf = compute_rdf(config, {5.0, 25});
  const double rho = (rdf.num_atoms() - 1.0) / rdf.volume;
  double weighted = 0.0, shells = 0.0;
  for (std::size_t k = 0; k < rdf.r.size(); ++k) {
    // Each unordered pair is counted twice: the relative error of g is 1/√(pairs).
    const double pairs = 0.5 * rdf.num_atoms() * rho * rdf.shell_volumes[k];
    EXPECT_NEAR(rdf.total[k], 1.0, 5.0 / std::sqrt(pairs)) << "r = " << rdf.r[k];
    weighted += rdf.total[k] * rdf.shell_volumes[k];
    shells += rdf.shell_volumes[k];
  }
  const double pairs_all = 0.5 * rdf.num_atoms() * rho * shells;
  EXPECT_NEAR(weighted / shells, 1.0, 5.0 / std::sqrt(pairs_all));
  // Partials: A–B and A–A are ideal too.
  EXPECT_NEAR(rdf.partial[0][1].back(), 1.0, 0.05);
  EXPECT_NEAR(rdf.partial[0][0].back(), 1.0, 0.07);
}

TEST(RadialDistribution, RejectsBadInput) {
  const auto config = test::cubic_lattice(LatticeKind::fcc, 3.6, 2);
  EXPECT_THROW(compute_rdf(config, {0.0, 10}), Error);
  EXPECT_THROW(compute_rdf(config, {3.0, 0}), Error);
  Configuration cluster = config;
  cluster.box = Box::free_space();
  EXPECT_THROW(compute_rdf(cluster, {3.0, 10}), Error);
}

}  // namespace
}  // namespace pelcamp
