// Lennard-Jones family: the analytic pair function and its LAMMPS shift semantics, the
// derivative fixture on periodic (triclinic, small-box) and free configurations, the
// parameter-file reader and its errors, and the registry entries.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "pair_test_configurations.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/lennard_jones.hpp"
#include "pelcamp/potential/registry.hpp"
#include "support/derivative_checks.hpp"

namespace pelcamp {
namespace {

using testing::LatticeSpec;

double lj(double eps, double sigma, double r) {
  return 4.0 * eps * (std::pow(sigma / r, 12) - std::pow(sigma / r, 6));
}

Configuration dimer(int type_a, int type_b, double r) {
  Configuration c;
  c.species = {{"A", 1.0}, {"B", 1.0}};
  c.add_atom(type_a, Vec3(0.1, -0.2, 0.3));
  c.add_atom(type_b, Vec3(0.1, -0.2, 0.3) + r * Vec3(2, -1, 2) / 3.0);
  return c;
}

// Shifted LJ has a force kink at each per-pair cutoff: finite differences are taken on
// configurations with no pair near one (pair_test_configurations.hpp).
std::vector<double> ka_cutoffs(int a, int b) {
  const double rc[2][2] = {{2.5, 2.0}, {2.0, 2.2}};
  return {rc[a][b]};
}

template <class Make>
Configuration away_from_cutoffs(Make make) {
  return testing::away_from_knots(make, 2.5, ka_cutoffs);
}

LatticeSpec binary_fcc(std::uint64_t seed) {
  LatticeSpec s;
  s.basis = testing::fcc_basis();
  s.a = 1.6;  // nearest neighbours at 1.13 σ
  s.species = {"A", "B"};
  s.fraction_second = 0.3;
  s.seed = seed;
  return s;
}

TEST(PairLennardJones, KobAndersenDimerMatchesAnalyticShiftedForm) {
  auto pot = make_potential("lj/ka");
  const double eps[2][2] = {{1.0, 1.5}, {1.5, 0.5}}, sig[2][2] = {{1.0, 0.8}, {0.8, 0.88}};
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b) {
      const double rc = 2.5 * sig[a][b];
      for (double r : {0.9 * sig[a][b], 1.12 * sig[a][b], 2.0 * sig[a][b]}) {
        ComputeRequest req;
        req.per_atom_energy = true;
        ComputeResult res;
        const Configuration c = dimer(a, b, r);
        pot->compute(c, req, res);
        const double expected = lj(eps[a][b], sig[a][b], r) - lj(eps[a][b], sig[a][b], rc);
        EXPECT_NEAR(res.energy, expected, 1e-12 * std::max(1.0, std::abs(expected)));
        EXPECT_DOUBLE_EQ(res.per_atom_energy[0], 0.5 * res.energy);
        // −dφ/dr along the bond, on atom 1 pushing it away when positive.
        const double h = 1e-6;
        const double fd =
            -(lj(eps[a][b], sig[a][b], r + h) - lj(eps[a][b], sig[a][b], r - h)) / (2 * h);
        const Vec3 u = (c.positions[1] - c.positions[0]).normalized();
        EXPECT_NEAR(res.forces[1].dot(u), fd, 1e-6 * std::max(1.0, std::abs(fd)));
        EXPECT_NEAR((res.forces[0] + res.forces[1]).norm(), 0.0,
                    1e-12 * std::max(1.0, std::abs(fd)));
      }
      // Shifted: continuous to zero at the per-pair cutoff, zero beyond it.
      EXPECT_NEAR(pot->energy(dimer(a, b, rc * (1 - 1e-9))), 0.0, 1e-8);
      EXPECT_EQ(pot->energy(dimer(a, b, rc * (1 + 1e-9))), 0.0);
    }
}

TEST(PairLennardJones, CutoffIsPerTypePair) {
  // At r = 2.1 the A-A pair (rc 2.5) interacts, A-B (rc 2.0) does not.
  auto pot = make_potential("lj/ka");
  EXPECT_NE(pot->energy(dimer(0, 0, 2.1)), 0.0);
  EXPECT_EQ(pot->energy(dimer(0, 1, 2.1)), 0.0);
  EXPECT_EQ(pot->energy(dimer(1, 1, 2.25)), 0.0);
  EXPECT_DOUBLE_EQ(pot->cutoff(), 2.5);
}

TEST(PairLennardJones, UnshiftedFileKeepsTheTail) {
  const auto path = std::filesystem::temp_directory_path() / "pelcamp_lj_noshift.lj";
  std::ofstream(path) << "units metal\ntypes Ar\nshift no\npair Ar Ar 0.0104 3.40 8.5\n";
  auto pot = make_potential("lj/cut:" + path.string());
  EXPECT_EQ(pot->units(), "metal");
  Configuration c;
  c.species = {{"Ar", 39.948}};
  c.add_atom(0, Vec3::Zero());
  c.add_atom(0, Vec3(8.4, 0, 0));
  EXPECT_NEAR(pot->energy(c), lj(0.0104, 3.40, 8.4), 1e-15);
  EXPECT_TRUE(pot->masses().empty());
}

TEST(PairLennardJones, PassesDerivativeFixtureInSmallTriclinicBox) {
  // 2×2×2 fcc cells: the box (3.2 σ) is narrower than twice the cutoff (5 σ).
  const Configuration c = away_from_cutoffs([](std::uint64_t seed) {
    LatticeSpec s = binary_fcc(seed);
    s.cells = 2;
    s.xy = 0.5, s.xz = -0.3, s.yz = 0.4;
    return testing::periodic_lattice(s);
  });
  auto pot = make_potential("lj/ka");
  testing::expect_consistent_derivatives(*pot, c);
}

TEST(PairLennardJones, PassesDerivativeFixtureInOrthorhombicBox) {
  const Configuration c = away_from_cutoffs([](std::uint64_t seed) {
    LatticeSpec s = binary_fcc(seed);
    s.cells = 3;
    return testing::periodic_lattice(s);
  });
  auto pot = make_potential("lj/50-50");
  testing::expect_consistent_derivatives(*pot, c);
}

TEST(PairLennardJones, PassesDerivativeFixtureOnFreeClusterThroughBothPairPaths) {
  const Configuration c = away_from_cutoffs(
      [](std::uint64_t seed) { return testing::free_cluster(binary_fcc(seed), 2.0); });
  auto all_pairs = make_potential("lj/ka");
  testing::expect_consistent_derivatives(*all_pairs, c);
  auto listed = make_potential("lj/ka");
  listed->set_neighbor_settings(NeighborSettings{0.3, 0});  // Verlet list even for a cluster
  testing::expect_consistent_derivatives(*listed, c);
}

TEST(PairLennardJones, AllPairsAndVerletPathsAgree) {
  const Configuration c = testing::free_cluster(binary_fcc(14), 2.6);
  ASSERT_LT(c.size(), 256u);
  auto all_pairs = make_potential("lj/ka");
  auto listed = make_potential("lj/ka");
  listed->set_neighbor_settings(NeighborSettings{0.4, 0});
  ComputeRequest req;
  req.per_atom_energy = req.virial = true;
  ComputeResult a, b;
  all_pairs->compute(c, req, a);
  listed->compute(c, req, b);
  EXPECT_NEAR(a.energy, b.energy, 1e-12 * std::abs(a.energy));
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_NEAR((a.forces[i] - b.forces[i]).norm(), 0.0, 1e-11);
    EXPECT_NEAR(a.per_atom_energy[i], b.per_atom_energy[i], 1e-12);
  }
  EXPECT_NEAR((a.virial - b.virial).norm(), 0.0, 1e-10);
}

TEST(PairLennardJones, CloneComputesTheSame) {
  LatticeSpec s = binary_fcc(15);
  const Configuration c = testing::periodic_lattice(s);
  auto pot = make_potential("lj/ka");
  auto copy = pot->clone();
  EXPECT_EQ(copy->name(), "lj/ka");
  EXPECT_EQ(pot->energy(c), copy->energy(c));
}

TEST(PairLennardJones, FiftyFiftyPresetHasTheKobAndersenPairTable) {
  LatticeSpec s = binary_fcc(16);
  s.fraction_second = 0.5;
  const Configuration c = testing::periodic_lattice(s);
  auto ka = make_potential("lj/ka");
  auto fifty = make_potential("lj/50-50");
  EXPECT_EQ(fifty->name(), "lj/50-50");
  EXPECT_EQ(fifty->units(), "lj");
  EXPECT_EQ(fifty->elements(), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(ka->energy(c), fifty->energy(c));
}

TEST(PairLennardJones, ParameterFileReproducesPreset) {
  auto from_file = make_potential("lj/cut:" PELCAMP_TEST_DATA "/lj/kob_andersen.lj");
  auto preset = make_potential("lj/ka");
  EXPECT_EQ(from_file->masses(), preset->masses());
  const Configuration c = testing::periodic_lattice(binary_fcc(17));
  ComputeRequest req;
  req.per_atom_virial = req.virial = true;
  ComputeResult a, b;
  from_file->compute(c, req, a);
  preset->compute(c, req, b);
  EXPECT_EQ(a.energy, b.energy);
  for (std::size_t i = 0; i < c.size(); ++i) EXPECT_EQ(a.forces[i], b.forces[i]);
  EXPECT_EQ(a.virial, b.virial);
}

// Writes `text` to a temporary parameter file and returns the error message of reading it.
std::string file_error(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / "pelcamp_lj_bad.lj";
  std::ofstream(path) << text;
  try {
    read_lennard_jones_file(path.string());
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path.string());
    return e.what();
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return "";
}

TEST(PairLennardJones, ParameterFileErrorsNameLineAndWhatIsAllowed) {
  const std::string head = "units lj\ntypes A B\nshift yes\n";
  const std::string pairs = "pair A A 1 1 2.5\npair A B 1.5 0.8 2\npair B B 0.5 0.88 2.2\n";
  EXPECT_NE(file_error(head + "pair A A 1 1 2.5\npair A B 1.5 0.8 2\n")
                .find("missing 'pair' line(s) for B-B"),
            std::string::npos);
  EXPECT_NE(file_error(head + pairs + "pair B A 1 1 1\n").find("given twice"), std::string::npos);
  EXPECT_NE(file_error(head + "pair A C 1 1 1\n").find("unknown type 'C'"), std::string::npos);
  EXPECT_NE(file_error(head + "pair A A -1 1 2.5\n").find("epsilon must be >= 0"),
            std::string::npos);
  EXPECT_NE(file_error(head + "pair A A 1 0 2.5\n").find("sigma must be > 0"), std::string::npos);
  EXPECT_NE(
      file_error(head + "pair A A 1 1 abc\n").find("cutoff must be a finite number, got 'abc'"),
      std::string::npos);
  EXPECT_NE(
      file_error(head + "pair A A 1 1\n").find("expected 'pair NAME NAME epsilon sigma cutoff'"),
      std::string::npos);
  EXPECT_NE(file_error("units real\n").find("allowed: lj, metal"), std::string::npos);
  EXPECT_NE(file_error("units lj\ntypes A\nshift maybe\n").find("'yes' or 'no'"),
            std::string::npos);
  EXPECT_NE(file_error("types A\nshift yes\npair A A 1 1 1\n").find("missing 'units"),
            std::string::npos);
  EXPECT_NE(file_error("units lj\nbogus 1\n").find("unknown keyword 'bogus'"), std::string::npos);
  EXPECT_NE(file_error(head + pairs + "mass A 1\n").find("give all masses or none"),
            std::string::npos);
  // The line number is part of the message for line errors.
  const std::string msg = file_error(head + "pair A A 1 1 2.5\npair A B x 0.8 2\n");
  EXPECT_NE(msg.find(":5"), std::string::npos) << msg;
}

TEST(PairLennardJones, RegistryRejectsBadArguments) {
  EXPECT_THROW(make_potential("lj/ka:extra"), Error);
  EXPECT_THROW(make_potential("lj/cut"), Error);
  EXPECT_THROW(make_potential("lj/cut:/nonexistent/file.lj"), InputError);
  // More configuration types than the model has.
  Configuration c = dimer(0, 1, 1.0);
  c.species.push_back({"C", 1.0});
  EXPECT_THROW(make_potential("lj/ka")->energy(c), Error);
}

}  // namespace
}  // namespace pelcamp
