#include <gtest/gtest.h>

#include "build/structure_checks.hpp"
#include "pelcamp/build/lattice.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/io/lammps_data.hpp"

namespace pelcamp {
namespace {

struct LatticeCase {
  LatticeSpec spec;
  const char* reference;  // made by LAMMPS lattice + create_atoms (tools/reference/make-build-reference)
  double nn_distance;     // in units of a
  int coordination;       // first-shell neighbours
  double second_shell;    // in units of a
};

std::vector<LatticeCase> cases() {
  const Species cu{"Cu", 63.546}, zr{"Zr", 91.224}, x{"X", 1.0};
  return {
      {{LatticeKind::fcc, 3.615, {3, 2, 2}, {x}}, "lammps_fcc.data", std::sqrt(0.5), 12, 1.0},
      {{LatticeKind::bcc, 2.8665, {2, 2, 3}, {x}}, "lammps_bcc.data", std::sqrt(0.75), 8, 1.0},
      {{LatticeKind::sc, 2.5, {2, 3, 2}, {x}}, "lammps_sc.data", 1.0, 6, std::sqrt(2.0)},
      {{LatticeKind::b2, 3.30, {2, 2, 2}, {cu, zr}}, "lammps_b2.data", std::sqrt(0.75), 8, 1.0},
  };
}

TEST(Lattice, MatchesLammpsCreateAtoms) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(lattice_kind_name(c.spec.kind));
    const Configuration built = build_lattice(c.spec);
    const Configuration lammps =
        read_lammps_data(std::string(PELCAMP_TEST_DATA) + "/build/" + c.reference);
    EXPECT_EQ(built.box.lo(), lammps.box.lo());
    EXPECT_TRUE(built.box.h().isApprox(lammps.box.h(), 1e-15));
    EXPECT_TRUE(built.box.periodic(0) && built.box.periodic(1) && built.box.periodic(2));
    test::expect_same_atom_set(built, lammps, 1e-12);
    ASSERT_EQ(built.num_species(), c.spec.species.size());
    for (std::size_t t = 0; t < built.num_species(); ++t) {
      EXPECT_EQ(built.species[t].name, c.spec.species[t].name);
      EXPECT_EQ(built.species[t].mass, c.spec.species[t].mass);
    }
    for (std::size_t i = 0; i < built.size(); ++i)
      EXPECT_EQ(built.ids[i], static_cast<std::int64_t>(i + 1));
  }
}

TEST(Lattice, CountsDensityNeighbourDistanceAndCoordination) {
  for (auto c : cases()) {
    SCOPED_TRACE(lattice_kind_name(c.spec.kind));
    c.spec.cells = {3, 4, 3};  // boxes wider than twice the cutoff, for minimum-image counts
    const Configuration built = build_lattice(c.spec);
    const double a = c.spec.a;
    const int basis = c.spec.kind == LatticeKind::fcc ? 4 : c.spec.kind == LatticeKind::sc ? 1 : 2;
    const int cells = c.spec.cells[0] * c.spec.cells[1] * c.spec.cells[2];
    EXPECT_EQ(built.size(), static_cast<std::size_t>(basis * cells));
    EXPECT_NEAR(built.size() / built.box.volume(), basis / (a * a * a), 1e-12);
    EXPECT_NEAR(test::min_pair_distance(built), c.nn_distance * a, 1e-12);
    const double between_shells = 0.5 * (c.nn_distance + c.second_shell) * a;
    for (int n : test::coordination(built, between_shells)) EXPECT_EQ(n, c.coordination);
    if (c.spec.kind == LatticeKind::b2) {  // all 8 nearest neighbours are of the other species
      for (int n : test::coordination(built, between_shells, /*unlike_only=*/true)) EXPECT_EQ(n, 8);
      EXPECT_EQ(std::count(built.types.begin(), built.types.end(), 1), cells);
    }
  }
}

TEST(Lattice, BadSpecificationsAreErrors) {
  const Species cu{"Cu", 63.546};
  EXPECT_THROW(build_lattice({LatticeKind::fcc, 0.0, {1, 1, 1}, {cu}}), Error);
  EXPECT_THROW(build_lattice({LatticeKind::fcc, 3.6, {1, 0, 1}, {cu}}), Error);
  EXPECT_THROW(build_lattice({LatticeKind::b2, 3.3, {1, 1, 1}, {cu}}), Error);
  EXPECT_THROW(build_lattice({LatticeKind::b2, 3.3, {1, 1, 1}, {cu, cu}}), Error);
  EXPECT_THROW(build_lattice({LatticeKind::sc, 3.3, {1, 1, 1}, {{"Cu", 0.0}}}), Error);
  EXPECT_EQ(lattice_kind_from_name("b2"), LatticeKind::b2);
  try {
    lattice_kind_from_name("hcp");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "unknown lattice 'hcp' (allowed: sc, bcc, fcc, b2)");
  }
}

}  // namespace
}  // namespace pelcamp
