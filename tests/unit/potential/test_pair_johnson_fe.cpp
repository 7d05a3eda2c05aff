// Modified Johnson Fe: the published properties of the piecewise form (cutoff 3.44 Å; φ, φ′
// continuous at 1.9 Å by the choice of A0, B; φ, φ′, φ″ continuous at 2.4 and 3.44 Å after
// Srolovitz et al.; OpenKIM Pair_Johnson_Fe__MO_857282754307_002 notes), the analytic
// derivatives, and the derivative fixture. The full-system comparison with LAMMPS is the
// golden reference fe_liquid_johnson.
#include <gtest/gtest.h>

#include <cmath>

#include "pair_test_configurations.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/johnson_fe.hpp"
#include "pelcamp/potential/registry.hpp"
#include "support/derivative_checks.hpp"

namespace pelcamp {
namespace {

using testing::LatticeSpec;

// One-sided values just below and at a knot.
JohnsonFeValue below(double r) { return johnson_fe_pair(std::nextafter(r, 0.0)); }

TEST(PairJohnsonFe, CutoffIsJohnsons344Angstrom) {
  auto pot = make_potential("johnson/fe");
  EXPECT_DOUBLE_EQ(pot->cutoff(), 3.44);
  EXPECT_EQ(pot->units(), "metal");
  EXPECT_EQ(pot->elements(), std::vector<std::string>{"Fe"});
  const JohnsonFeValue at = johnson_fe_pair(3.44), beyond = johnson_fe_pair(4.0);
  EXPECT_EQ(at.phi, 0.0);
  EXPECT_EQ(beyond.dphi, 0.0);
}

TEST(PairJohnsonFe, PotentialAndSlopeAreContinuousAtEveryKnot) {
  // Exact continuity up to the rounding of the published 7-digit coefficients.
  for (double knot : {1.9, 2.4, 3.0, 3.44}) {
    SCOPED_TRACE(knot);
    const JohnsonFeValue lo = below(knot), hi = johnson_fe_pair(knot);
    EXPECT_NEAR(lo.phi, hi.phi, 1e-6);    // eV; φ(1.9) ≈ 1.48 eV
    EXPECT_NEAR(lo.dphi, hi.dphi, 5e-6);  // eV/Å; φ′(1.9) ≈ −6.75 eV/Å
  }
}

TEST(PairJohnsonFe, CurvatureIsContinuousWhereSrolovitzSmoothedJohnson) {
  // Johnson's 1964 cubics jump in φ″ at 2.4 and 3.44 Å; the modified form does not.
  for (double knot : {2.4, 3.0, 3.44}) {
    SCOPED_TRACE(knot);
    EXPECT_NEAR(below(knot).d2phi, johnson_fe_pair(knot).d2phi, 1e-4);  // eV/Å², φ″(2.4) ≈ 2.75
  }
  // The exponential core only matches φ and φ′ at 1.9 Å (documented, not smoothed).
  EXPECT_GT(std::abs(below(1.9).d2phi - johnson_fe_pair(1.9).d2phi), 1.0);
}

TEST(PairJohnsonFe, MiddlePieceIsJohnsons1964CubicWithItsMinimum) {
  // Johnson (1964), 2.4 ≤ r ≤ 3.0: φ = −0.639230 (r − 3.115829)³ + 0.477871 r − 1.581570; its
  // minimum is where 3·0.639230 (r − 3.115829)² = 0.477871.
  const double r_min = 3.115829 - std::sqrt(0.477871 / (3 * 0.639230));
  EXPECT_NEAR(johnson_fe_pair(r_min).dphi, 0.0, 1e-12);
  EXPECT_GT(johnson_fe_pair(r_min).d2phi, 0.0);
  for (double r : {2.45, 2.7, 2.95}) {
    const double z = r - 3.115829;
    EXPECT_DOUBLE_EQ(johnson_fe_pair(r).phi, -0.639230 * z * z * z + 0.477871 * r - 1.581570);
  }
  // The well is the global minimum of φ: every other piece is above it.
  for (double r = 1.0; r < 3.44; r += 0.01)
    EXPECT_GE(johnson_fe_pair(r).phi, johnson_fe_pair(r_min).phi);
}

TEST(PairJohnsonFe, AnalyticDerivativesMatchFiniteDifferencesInEveryPiece) {
  const double h = 1e-6;
  for (double r : {1.5, 1.85, 2.0, 2.3, 2.5, 2.9, 3.1, 3.4}) {
    SCOPED_TRACE(r);
    const JohnsonFeValue v = johnson_fe_pair(r), p = johnson_fe_pair(r + h),
                         m = johnson_fe_pair(r - h);
    EXPECT_NEAR(v.dphi, (p.phi - m.phi) / (2 * h), 1e-6 * std::max(1.0, std::abs(v.dphi)));
    EXPECT_NEAR(v.d2phi, (p.dphi - m.dphi) / (2 * h), 1e-6 * std::max(1.0, std::abs(v.d2phi)));
  }
}

LatticeSpec bcc_iron(std::uint64_t seed, double a = 2.8665) {
  LatticeSpec s;
  s.basis = testing::bcc_basis();
  s.a = a;
  s.species = {"Fe"};
  s.mass = 55.845;
  s.jitter = 0.12;
  s.seed = seed;
  return s;
}

// The published coefficients leave steps of up to 4e-7 eV in φ and 2e-6 eV/Å in φ′ at the
// knots, so finite differences are taken on configurations with no pair near a knot
// (pair_test_configurations.hpp).
std::vector<double> johnson_knots(int, int) { return {1.9, 2.4, 3.0, 3.44}; }

template <class Make>
Configuration away_from_knots(Make make) {
  return testing::away_from_knots(make, johnson_fe::cutoff, johnson_knots);
}

TEST(PairJohnsonFe, PassesDerivativeFixtureInSmallTriclinicBox) {
  // 2×2×2 bcc cells: 5.7 Å, narrower than twice the 3.44 Å cutoff.
  const Configuration c = away_from_knots([](std::uint64_t seed) {
    LatticeSpec s = bcc_iron(seed);
    s.cells = 2;
    s.xy = 0.6, s.xz = 0.4, s.yz = -0.5;
    return testing::periodic_lattice(s);
  });
  auto pot = make_potential("johnson/fe");
  testing::expect_consistent_derivatives(*pot, c);
}

TEST(PairJohnsonFe, PassesDerivativeFixtureInCompressedBoxReachingTheCore) {
  // Compressed to a = 2.25 Å: nearest neighbours near 1.95 Å, some inside the exponential core.
  const Configuration c = away_from_knots([](std::uint64_t seed) {
    LatticeSpec s = bcc_iron(seed, 2.25);
    s.cells = 3;
    s.jitter = 0.15;
    return testing::periodic_lattice(s);
  });
  int core_pairs = 0;
  PairSource pairs(1.9, NeighborSettings{0.5, 256});
  pairs.update(c);
  pairs.for_each_pair(c, [&](int, int, const Vec3&, double) { ++core_pairs; });
  EXPECT_GT(core_pairs, 0);
  auto pot = make_potential("johnson/fe");
  testing::expect_consistent_derivatives(*pot, c);
}

TEST(PairJohnsonFe, PassesDerivativeFixtureOnFreeClusterThroughBothPairPaths) {
  const Configuration c = away_from_knots(
      [](std::uint64_t seed) { return testing::free_cluster(bcc_iron(seed), 5.0); });
  auto all_pairs = make_potential("johnson/fe");
  testing::expect_consistent_derivatives(*all_pairs, c);
  auto listed = make_potential("johnson/fe");
  listed->set_neighbor_settings(NeighborSettings{1.0, 0});  // Verlet list even for a cluster
  testing::expect_consistent_derivatives(*listed, c);
}

TEST(PairJohnsonFe, RegistryRejectsArgumentsAndExtraTypes) {
  EXPECT_THROW(make_potential("johnson/fe:Fe"), Error);
  Configuration c = testing::free_cluster(bcc_iron(24), 3.0);
  c.species.push_back({"Cr", 51.996});
  EXPECT_THROW(make_potential("johnson/fe")->energy(c), Error);
}

}  // namespace
}  // namespace pelcamp
