// PEL flattening φ* (physics.md §1): the scalar transform and its φ_s, the --flatten parser,
// the decorator against the derivative fixture (around LJ and the Morse test potential), the
// identity above φ₀, and the stationary-point properties.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "pair_test_configurations.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/pel_flattening.hpp"
#include "pelcamp/potential/registry.hpp"
#include "support/derivative_checks.hpp"
#include "support/morse_test_potential.hpp"

namespace pelcamp {
namespace {

using testing::LatticeSpec;

std::vector<double> ka_cutoffs(int a, int b) {
  const double rc[2][2] = {{2.5, 2.0}, {2.0, 2.2}};
  return {rc[a][b]};
}
std::vector<double> morse_cutoff(int, int) { return {2.5}; }

LatticeSpec fcc(std::uint64_t seed, std::vector<std::string> species) {
  LatticeSpec s;
  s.basis = testing::fcc_basis();
  s.a = 1.6;
  s.species = std::move(species);
  s.fraction_second = s.species.size() > 1 ? 0.3 : 0.0;
  s.seed = seed;
  return s;
}

Configuration ka_cluster() {
  return testing::away_from_knots(
      [](std::uint64_t seed) {
        return testing::free_cluster(fcc(seed, {"A", "B"}), 2.2);
      },
      2.5, ka_cutoffs);
}

Configuration ka_small_triclinic_box() {
  return testing::away_from_knots(
      [](std::uint64_t seed) {
        LatticeSpec s = fcc(seed, {"A", "B"});
        s.cells = 2;
        s.xy = 0.4, s.xz = 0.3, s.yz = -0.2;
        return testing::periodic_lattice(s);
      },
      2.5, ka_cutoffs);
}

std::unique_ptr<Potential> flattened(std::unique_ptr<Potential> inner, double eps, double phi0,
                                     int m) {
  return std::make_unique<FlattenedPotential>(std::move(inner), FlatteningTransform{eps, phi0, m});
}

// ---- the scalar transform ----------------------------------------------------------

TEST(FlatteningTransform, DerivativesMatchFiniteDifferences) {
  for (int m : {2, 4, 6}) {
    const FlatteningTransform t{m == 2 ? 0.01 : 1e-4, -5.0, m};
    for (double phi : {-20.0, -9.0, -5.5, -4.0}) {
      const double h = 1e-5;
      EXPECT_NEAR(t.factor(phi), (t.value(phi + h) - t.value(phi - h)) / (2 * h), 1e-7)
          << m << " " << phi;
      EXPECT_NEAR(t.curvature(phi), (t.factor(phi + h) - t.factor(phi - h)) / (2 * h), 1e-6)
          << m << " " << phi;
    }
    EXPECT_EQ(t.value(-4.0), -4.0);  // identity above φ₀
    EXPECT_EQ(t.factor(-4.0), 1.0);
    EXPECT_EQ(t.curvature(-4.0), 0.0);
    EXPECT_EQ(t.value(-5.0), -5.0);  // continuous at φ₀
  }
}

TEST(FlatteningTransform, ExtraStationaryEnergyIsWhereTheFactorVanishes) {
  // Sun & Gong's Al55 setting: φ₀ = −2.58 eV × 55, m = 4, ε up to 2.8e-4.
  for (int m : {2, 4, 6}) {
    const FlatteningTransform t{2.8e-4, -2.58 * 55, m};
    const auto phi_s = t.extra_stationary_energy();
    ASSERT_TRUE(phi_s.has_value());
    // φ_s = φ₀ − (ε m)^(−1/(m−1)), below φ₀, where s = 1 + ε m (φ_s − φ₀)^(m−1) = 0.
    EXPECT_NEAR(*phi_s, t.phi0 - std::pow(2.8e-4 * m, -1.0 / (m - 1)), 1e-12 * std::abs(*phi_s));
    EXPECT_LT(*phi_s, t.phi0);
    EXPECT_NEAR(t.factor(*phi_s), 0.0, 1e-12);
    EXPECT_GT(t.factor(*phi_s + 1e-3), 0.0);  // forces reverse below φ_s
    EXPECT_LT(t.factor(*phi_s - 1e-3), 0.0);
  }
  // ε ≤ 0 (steeper landscape) has no extra stationary points: s ≥ 1 below φ₀.
  EXPECT_FALSE((FlatteningTransform{-4e-5, -2.58 * 43, 6}.extra_stationary_energy()));
  EXPECT_FALSE((FlatteningTransform{0.0, -1.0, 2}.extra_stationary_energy()));
}

TEST(FlatteningTransform, ReportsWhenTheSampledRangeComesNearPhiS) {
  const FlatteningTransform t{1e-4, -100.0, 4};
  const double phi_s = *t.extra_stationary_energy();  // −100 − 13.57
  EXPECT_EQ(*t.distance_to_extra_stationary(phi_s - 1, phi_s + 1), 0.0);
  EXPECT_NEAR(*t.distance_to_extra_stationary(phi_s + 2, phi_s + 5), 2.0, 1e-12);
  EXPECT_NEAR(*t.distance_to_extra_stationary(phi_s - 5, phi_s - 3), 3.0, 1e-12);
  EXPECT_TRUE(t.comes_near(phi_s + 2, phi_s + 5, 2.5));
  EXPECT_FALSE(t.comes_near(phi_s + 2, phi_s + 5, 1.5));
  EXPECT_FALSE((FlatteningTransform{-1e-4, -100.0, 4}.comes_near(-1e9, 1e9, 1.0)));
}

// ---- the --flatten parser ----------------------------------------------------------

std::string parse_error(const std::string& text) {
  try {
    parse_flattening(text);
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for '" << text << "'";
  return "";
}

TEST(FlatteningParser, ReadsKeysInAnyOrder) {
  const FlatteningTransform t = parse_flattening("m=4, phi0=-141.9,eps=2.8e-4");
  EXPECT_EQ(t.m, 4);
  EXPECT_DOUBLE_EQ(t.phi0, -141.9);
  EXPECT_DOUBLE_EQ(t.epsilon, 2.8e-4);
  const FlatteningTransform back = parse_flattening(t.spec());
  EXPECT_EQ(back.epsilon, t.epsilon);
  EXPECT_EQ(back.phi0, t.phi0);
  EXPECT_EQ(back.m, t.m);
}

TEST(FlatteningParser, RejectsBadInputWithClearErrors) {
  EXPECT_NE(parse_error("").find("empty"), std::string::npos);
  EXPECT_NE(parse_error("eps=1e-4,phi0=-1").find("missing key(s) m"), std::string::npos);
  EXPECT_NE(parse_error("eps=1e-4,phi0=-1,m=4,n=2").find("unknown key 'n'; allowed: eps, phi0, m"),
            std::string::npos);
  EXPECT_NE(parse_error("eps=1e-4,eps=2e-4,phi0=-1,m=4").find("'eps' given twice"),
            std::string::npos);
  EXPECT_NE(parse_error("eps=abc,phi0=-1,m=4").find("eps must be a finite number, got 'abc'"),
            std::string::npos);
  EXPECT_NE(parse_error("eps=1e-4,phi0=inf,m=4").find("phi0 must be a finite number"),
            std::string::npos);
  EXPECT_NE(parse_error("eps=1e-4,phi0=-1,m=3").find("m must be an even integer >= 2, got 3"),
            std::string::npos);
  EXPECT_NE(parse_error("eps=1e-4,phi0=-1,m=0").find("even integer >= 2"), std::string::npos);
  EXPECT_NE(parse_error("eps=1e-4,phi0=-1,m=4.0").find("even integer >= 2, got '4.0'"),
            std::string::npos);
  EXPECT_NE(parse_error("eps 1e-4").find("not KEY=VALUE"), std::string::npos);
  EXPECT_THROW(FlattenedPotential(make_potential("lj/ka"), FlatteningTransform{1e-4, 0.0, 5}),
               Error);
}

// ---- the decorator -----------------------------------------------------------------

TEST(FlattenedPotential, EqualsInnerAboveThreshold) {
  const Configuration c = ka_cluster();
  auto inner = make_potential("lj/ka");
  const double phi = inner->energy(c);
  auto pot = flattened(make_potential("lj/ka"), 1e-3, phi - 1.0, 4);  // φ > φ₀
  EXPECT_EQ(pot->name(), "lj/ka --flatten eps=0.001,phi0=" + fmt::format("{}", phi - 1.0) + ",m=4");
  ComputeRequest req;
  req.per_atom_energy = req.virial = req.per_atom_virial = true;
  ComputeResult a, b;
  inner->compute(c, req, a);
  pot->compute(c, req, b);
  EXPECT_EQ(a.energy, b.energy);
  EXPECT_EQ(a.virial, b.virial);
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_EQ(a.forces[i], b.forces[i]);
    EXPECT_EQ(a.per_atom_energy[i], b.per_atom_energy[i]);
    EXPECT_EQ(a.per_atom_virial[i], b.per_atom_virial[i]);
  }
  const auto v = testing::random_vectors(c.size(), 3);
  std::vector<Vec3> ha, hb;
  inner->hessian_vector(c, v, ha);
  pot->hessian_vector(c, v, hb);
  for (std::size_t i = 0; i < c.size(); ++i) EXPECT_EQ(ha[i], hb[i]);
}

TEST(FlattenedPotential, PassesDerivativeFixtureBelowThresholdAroundLennardJones) {
  // φ₀ 10 energy units above φ so the transform acts with factors s between 0.4 and 1.4.
  struct Case {
    double eps;
    int m;
  };
  for (const Configuration& c : {ka_cluster(), ka_small_triclinic_box()}) {
    const double phi = make_potential("lj/ka")->energy(c);
    for (Case k : {Case{0.01, 2}, Case{1e-4, 4}, Case{-1e-4, 4}, Case{1e-6, 6}}) {
      auto pot = flattened(make_potential("lj/ka"), k.eps, phi + 10.0, k.m);
      SCOPED_TRACE(pot->name());
      const auto& t = static_cast<FlattenedPotential&>(*pot).transform();
      ASSERT_GT(std::abs(t.factor(phi) - 1.0), 0.1);  // the transform really acts
      ASSERT_GT(t.factor(phi), 0.0);
      testing::expect_consistent_derivatives(*pot, c);
    }
  }
}

TEST(FlattenedPotential, PassesDerivativeFixtureAroundMorse) {
  const Configuration c = testing::away_from_knots(
      [](std::uint64_t seed) { return testing::free_cluster(fcc(seed, {"A"}), 2.2); }, 2.5,
      morse_cutoff);
  testing::MorseTestPotential morse;
  const double phi = morse.energy(c);
  FlattenedPotential pot(morse.clone(), FlatteningTransform{2e-4, phi + 12.0, 4});
  ASSERT_LT(pot.transform().factor(phi), 0.9);
  testing::expect_consistent_derivatives(pot, c);
}

TEST(FlattenedPotential, PerAtomEnergiesShareTheExtraEnergyEqually) {
  const Configuration c = ka_cluster();
  auto inner = make_potential("lj/ka");
  ComputeRequest req;
  req.per_atom_energy = true;
  ComputeResult a, b;
  inner->compute(c, req, a);
  auto pot = flattened(make_potential("lj/ka"), 1e-4, a.energy + 10.0, 4);
  pot->compute(c, req, b);
  const double extra = 1e-4 * std::pow(-10.0, 4);
  EXPECT_NEAR(b.energy, a.energy + extra, 1e-10 * std::abs(a.energy));
  for (std::size_t i = 0; i < c.size(); ++i)
    EXPECT_NEAR(b.per_atom_energy[i] - a.per_atom_energy[i], extra / double(c.size()), 1e-12);
}

TEST(FlattenedPotential, StationaryPointsOfPhiStayStationary) {
  // A regular tetrahedron of A atoms at the pair minimum 2^(1/6) σ: every pair force vanishes.
  Configuration c;
  c.species = {{"A", 1.0}};
  const double r = std::pow(2.0, 1.0 / 6.0) / std::sqrt(8.0);
  for (Vec3 x : {Vec3(1, 1, 1), Vec3(1, -1, -1), Vec3(-1, 1, -1), Vec3(-1, -1, 1)})
    c.add_atom(0, r * x);
  auto inner = make_potential("lj/ka");
  ComputeResult a, b;
  inner->compute(c, ComputeRequest{}, a);
  ASSERT_LT(testing::max_norm(a.forces), 1e-12);
  for (double eps : {1e-3, -1e-3}) {
    auto pot = flattened(make_potential("lj/ka"), eps, 0.0, 4);
    pot->compute(c, ComputeRequest{}, b);
    EXPECT_NE(b.energy, a.energy);
    EXPECT_LT(testing::max_norm(b.forces), 1e-12);
  }
}

TEST(FlattenedPotential, ConfigurationAtPhiSIsAnExtraStationaryPoint) {
  // Place φ_s exactly at the energy of a configuration with large forces: φ* is stationary there.
  const Configuration c = ka_cluster();
  auto inner = make_potential("lj/ka");
  ComputeResult a, b;
  inner->compute(c, ComputeRequest{}, a);
  const double fmax = testing::max_norm(a.forces);
  ASSERT_GT(fmax, 1.0);
  const double eps = 1e-4;
  const int m = 4;
  const double phi0 = a.energy + std::pow(eps * m, -1.0 / (m - 1));
  FlattenedPotential pot(make_potential("lj/ka"), FlatteningTransform{eps, phi0, m});
  EXPECT_NEAR(*pot.transform().extra_stationary_energy(), a.energy, 1e-10 * std::abs(a.energy));
  pot.compute(c, ComputeRequest{}, b);
  EXPECT_LT(testing::max_norm(b.forces), 1e-10 * fmax);
}

TEST(FlattenedPotential, CloneAndForwarding) {
  auto pot = flattened(make_potential("lj/ka"), 1e-4, -1.0, 4);
  auto copy = pot->clone();
  EXPECT_EQ(copy->name(), pot->name());
  EXPECT_EQ(copy->units(), "lj");
  EXPECT_EQ(copy->cutoff(), 2.5);
  EXPECT_EQ(copy->elements(), pot->elements());
  const Configuration c = ka_cluster();
  EXPECT_EQ(copy->energy(c), pot->energy(c));
}

}  // namespace
}  // namespace pelcamp
