#include <gtest/gtest.h>

#include <map>

#include "build/structure_checks.hpp"
#include "pelcamp/build/icosahedron.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/io/extxyz.hpp"

namespace pelcamp {
namespace {

const Species al{"Al", 26.9815385};

TEST(Icosahedron, SizesFollowMackaysShellCount) {
  const std::size_t expected[] = {13, 55, 147, 309, 561};
  for (int k = 1; k <= 5; ++k) {
    EXPECT_EQ(mackay_icosahedron_size(k), expected[k - 1]);
    const Configuration c = build_mackay_icosahedron({k, 2.8, al});
    EXPECT_EQ(c.size(), expected[k - 1]);
    EXPECT_TRUE(c.box.unbounded());
    EXPECT_EQ(c.ids.back(), static_cast<std::int64_t>(expected[k - 1]));
  }
}

// ASE's ase.cluster.Icosahedron builds the same clusters (same vertex orientation) with
// centre-to-first-shell distance a/√2 (tools/reference/make-build-reference).
TEST(Icosahedron, MatchesAse) {
  const double d = 4.05 / std::sqrt(2.0);
  for (int k = 1; k <= 3; ++k) {
    SCOPED_TRACE(k);
    const std::string path = std::string(PELCAMP_TEST_DATA) + "/build/ase_icosahedron_" +
                             std::to_string(k) + "shells.xyz";
    const Configuration ase = read_extxyz(path).at(0).config;
    test::expect_same_atom_set(build_mackay_icosahedron({k, d, al}), ase, 1e-7);
  }
}

TEST(Icosahedron, NearestNeighboursAndSymmetry) {
  const double d = 2.86;
  const Configuration c = build_mackay_icosahedron({3, d, al});
  EXPECT_NEAR(test::min_pair_distance(c), d, 1e-12);
  EXPECT_EQ(c.positions[0], Vec3::Zero());
  // The centre has 12 neighbours at d; the next atoms are 1.70 d away.
  EXPECT_EQ(test::coordination(c, 1.2 * d)[0], 12);
  // Icosahedral symmetry makes the gyration tensor isotropic.
  Mat3 gyration = Mat3::Zero();
  for (const Vec3& x : c.positions) gyration += x * x.transpose();
  EXPECT_TRUE(gyration.isApprox(gyration.trace() / 3.0 * Mat3::Identity(), 1e-12));
}

// The 55-atom Mackay icosahedron: centre, 12 atoms at d, then the outer shell of 12
// vertices at 2d and 30 edge-midpoint atoms at 2d·cos(θ/2), θ the angle between adjacent
// vertices (cos θ = 1/√5). Inner atoms have 12 neighbours, surface vertices 6, surface edge
// atoms 8.
TEST(Icosahedron, FiftyFiveAtomShellStructure) {
  const double d = 2.0;
  const Configuration c = build_mackay_icosahedron({2, d, al});
  ASSERT_EQ(c.size(), 55u);
  const double edge_radius = 2.0 * d * std::sqrt(0.5 * (1.0 + 1.0 / std::sqrt(5.0)));
  std::map<int, int> radius_count;  // radius in units of 1e-9 d
  for (const Vec3& x : c.positions)
    ++radius_count[static_cast<int>(std::lround(x.norm() / d * 1e9))];
  const std::map<int, int> expected = {{0, 1},
                                       {1000000000, 12},
                                       {static_cast<int>(std::lround(edge_radius / d * 1e9)), 30},
                                       {2000000000, 12}};
  EXPECT_EQ(radius_count, expected);

  const double in_shell_edge = d * 2.0 / std::sqrt(0.5 * (5.0 + std::sqrt(5.0)));  // 1.0515 d
  const std::vector<int> cn = test::coordination(c, 0.5 * (in_shell_edge + edge_radius));
  std::map<std::pair<int, int>, int> by_radius_and_cn;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const double r = c.positions[i].norm();
    const int shell = r < 0.5 * d ? 0 : r < 1.5 * d ? 1 : r < 1.95 * d ? 2 : 3;
    ++by_radius_and_cn[{shell, cn[i]}];
  }
  const std::map<std::pair<int, int>, int> expected_cn = {
      {{0, 12}, 1}, {{1, 12}, 12}, {{2, 8}, 30}, {{3, 6}, 12}};
  EXPECT_EQ(by_radius_and_cn, expected_cn);
}

TEST(Icosahedron, BadSpecificationsAreErrors) {
  EXPECT_THROW(build_mackay_icosahedron({0, 2.8, al}), Error);
  EXPECT_THROW(build_mackay_icosahedron({2, -1.0, al}), Error);
  EXPECT_THROW(build_mackay_icosahedron({2, 2.8, {"Al", 0.0}}), Error);
}

}  // namespace
}  // namespace pelcamp
