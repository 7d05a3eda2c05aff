// The Verlet list must find exactly the pairs (with periodic images) that a brute-force
// search over lattice translations finds, for orthorhombic, triclinic, small and free boxes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "pelcamp/core/rng.hpp"
#include "pelcamp/neighbor/neighbor_list.hpp"
#include "pelcamp/neighbor/pair_source.hpp"

namespace pelcamp {
namespace {

Configuration random_configuration(const Box& box, int n, std::uint64_t seed, double spread = 1.0) {
  Configuration c;
  c.box = box;
  c.species.push_back({"A", 1.0});
  Rng rng(seed);
  for (int i = 0; i < n; ++i) {
    Vec3 s(rng.uniform(), rng.uniform(), rng.uniform());
    // Some atoms outside the cell on purpose: positions need not be wrapped.
    Vec3 r = box.unbounded() ? Vec3(10 * s) : box.from_fractional(spread * s);
    c.add_atom(0, r);
  }
  return c;
}

// (i, j, rounded distance) for every pair/image within the cutoff, i <= j.
using PairKey = std::tuple<int, int, long long>;

std::vector<PairKey> brute_force(const Configuration& c, double cutoff) {
  std::vector<PairKey> pairs;
  const int n = static_cast<int>(c.size());
  std::array<int, 3> range{};
  for (int d = 0; d < 3; ++d)
    range[d] = c.box.periodic(d) ? static_cast<int>(std::ceil(cutoff / c.box.perpendicular_width(d))) + 2 : 0;
  for (int i = 0; i < n; ++i)
    for (int j = i; j < n; ++j)
      for (int a = -range[0]; a <= range[0]; ++a)
        for (int b = -range[1]; b <= range[1]; ++b)
          for (int e = -range[2]; e <= range[2]; ++e) {
            if (i == j && (a == 0 && b == 0 && e == 0)) continue;
            const Vec3 d = c.positions[j] - c.positions[i] + c.box.h() * Vec3(a, b, e);
            const double r = d.norm();
            if (r < cutoff) {
              if (i == j && r > 0 && d.x() + 1e-9 * d.y() + 1e-18 * d.z() < 0) continue;  // count self-images once
              pairs.emplace_back(i, j, std::llround(r * 1e9));
            }
          }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

std::vector<PairKey> from_list(const Configuration& c, const NeighborList& list) {
  std::vector<PairKey> pairs;
  list.for_each_pair(c.positions, [&](int i, int j, const Vec3& d, double r2) {
    EXPECT_NEAR(d.squaredNorm(), r2, 1e-12);
    pairs.emplace_back(std::min(i, j), std::max(i, j), std::llround(std::sqrt(r2) * 1e9));
  });
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

void expect_same_pairs(const Configuration& c, double cutoff, double skin) {
  NeighborList list(cutoff, skin);
  list.build(c);
  EXPECT_EQ(from_list(c, list), brute_force(c, cutoff));
}

TEST(NeighborList, OrthorhombicMatchesBruteForce) {
  auto c = random_configuration(Box::orthorhombic({0, 0, 0}, {12, 14, 16}), 300, 1, 1.3);
  expect_same_pairs(c, 3.0, 0.5);
}

TEST(NeighborList, TriclinicMatchesBruteForce) {
  auto c = random_configuration(Box::triclinic({-1, 2, 0}, {12, 11, 13}, 3.0, -2.0, 4.0), 300, 2, 1.2);
  expect_same_pairs(c, 3.2, 0.4);
}

TEST(NeighborList, BoxSmallerThanCutoffFindsAllImages) {
  auto c = random_configuration(Box::triclinic({0, 0, 0}, {3, 3.5, 4}, 1.0, 0.5, -0.7), 5, 3);
  expect_same_pairs(c, 5.0, 0.3);
}

TEST(NeighborList, MixedPeriodicity) {
  auto c = random_configuration(Box::orthorhombic({0, 0, 0}, {10, 10, 10}, {true, false, true}), 200, 4, 1.0);
  expect_same_pairs(c, 2.5, 0.5);
}

TEST(NeighborList, FreeCluster) {
  auto c = random_configuration(Box::free_space(), 200, 5);
  expect_same_pairs(c, 2.5, 0.5);
}

TEST(NeighborList, RebuildsOnlyPastHalfSkin) {
  auto c = random_configuration(Box::orthorhombic({0, 0, 0}, {10, 10, 10}), 100, 6);
  NeighborList list(2.5, 1.0);
  EXPECT_TRUE(list.update(c));
  c.positions[7] += Vec3(0.45, 0, 0);
  EXPECT_FALSE(list.update(c));
  EXPECT_EQ(from_list(c, list), brute_force(c, 2.5));
  c.positions[7] += Vec3(0.1, 0, 0);
  EXPECT_TRUE(list.update(c));
}

TEST(NeighborList, StaysExactUnderBoxDeformation) {
  auto c = random_configuration(Box::orthorhombic({0, 0, 0}, {10, 10, 10}), 150, 7);
  NeighborList list(2.5, 1.0);
  list.update(c);
  Rng rng(8);
  for (int step = 0; step < 40; ++step) {
    Mat3 h = c.box.h();
    const Mat3 a = Mat3::Identity() + 0.004 * Mat3::Identity() + 0.003 * (Mat3() << 0, 1, 0, 0, 0, 0, 0, 0, 0).finished();
    for (auto& x : c.positions) x = c.box.lo() + a * (x - c.box.lo());
    c.box.set_h(a * h);
    for (auto& x : c.positions) x += 0.02 * Vec3(rng.normal(), rng.normal(), rng.normal());
    list.update(c);
    ASSERT_EQ(from_list(c, list), brute_force(c, 2.5)) << "step " << step;
  }
  EXPECT_GT(list.build_count(), 1u);
}

// Per-type-pair cutoffs (the list radius of each type pair is its own cutoff + skin): the
// visited pairs are exactly those within their type pair's cutoff.
std::vector<PairKey> brute_force_typed(const Configuration& c, const std::vector<double>& cutoffs) {
  const double largest = *std::max_element(cutoffs.begin(), cutoffs.end());
  std::vector<PairKey> pairs;
  for (const PairKey& p : brute_force(c, largest)) {
    const double rc = cutoffs[c.types[std::get<0>(p)] * 2 + c.types[std::get<1>(p)]];
    if (std::get<2>(p) < std::llround(rc * 1e9)) pairs.push_back(p);
  }
  return pairs;
}

Configuration two_types(Configuration c) {
  c.species.push_back({"B", 1.0});
  for (std::size_t i = 0; i < c.size(); ++i) c.types[i] = (i % 3 == 0) ? 1 : 0;
  return c;
}

TEST(NeighborList, TypeCutoffsMatchBruteForce) {
  const std::vector<double> cutoffs = {3.0, 1.9, 1.9, 2.4};
  for (const Box& box : {Box::triclinic({-1, 2, 0}, {12, 11, 13}, 3.0, -2.0, 4.0),
                         Box::triclinic({0, 0, 0}, {3, 3.5, 4}, 1.0, 0.5, -0.7),
                         Box::free_space()}) {
    const auto c = two_types(random_configuration(box, box.unbounded() ? 200 : 150, 11, 1.2));
    NeighborList list(cutoffs, 2, 0.4);
    list.build(c);
    ASSERT_LT(brute_force_typed(c, cutoffs).size(), brute_force(c, 3.0).size());  // types matter
    EXPECT_EQ(from_list(c, list), brute_force_typed(c, cutoffs));
    // The same pairs on the all-pairs path of a free cluster.
    if (box.unbounded()) {
      PairSource source(cutoffs, 2);
      source.update(c);
      ASSERT_TRUE(source.uses_all_pairs());
      std::vector<PairKey> pairs;
      source.for_each_pair(c, [&](int i, int j, const Vec3&, double r2) {
        pairs.emplace_back(std::min(i, j), std::max(i, j), std::llround(std::sqrt(r2) * 1e9));
      });
      std::sort(pairs.begin(), pairs.end());
      EXPECT_EQ(pairs, brute_force_typed(c, cutoffs));
    }
  }
}

TEST(NeighborList, TypeCutoffsRebuildWhenTypesChange) {
  auto c = two_types(random_configuration(Box::orthorhombic({0, 0, 0}, {10, 10, 10}), 100, 12));
  const std::vector<double> cutoffs = {2.5, 1.5, 1.5, 2.0};
  NeighborList list(cutoffs, 2, 0.5);
  EXPECT_TRUE(list.update(c));
  EXPECT_FALSE(list.update(c));
  c.types[4] = 1 - c.types[4];
  EXPECT_TRUE(list.update(c));
  EXPECT_EQ(from_list(c, list), brute_force_typed(c, cutoffs));
}

TEST(NeighborList, FullListHoldsBothOrders) {
  auto c = random_configuration(Box::triclinic({0, 0, 0}, {3, 3.5, 4}, 1.0, 0.5, -0.7), 6, 13);
  NeighborList half(4.0, 0.3), full(4.0, 0.3, NeighborList::Kind::full);
  half.build(c);
  full.build(c);
  std::vector<PairKey> from_half, from_full;
  half.for_each_pair(c.positions, [&](int i, int j, const Vec3&, double r2) {
    from_half.emplace_back(i, j, std::llround(std::sqrt(r2) * 1e9));
    from_half.emplace_back(j, i, std::llround(std::sqrt(r2) * 1e9));
  });
  full.for_each_pair(c.positions, [&](int i, int j, const Vec3&, double r2) {
    from_full.emplace_back(i, j, std::llround(std::sqrt(r2) * 1e9));
  });
  std::sort(from_half.begin(), from_half.end());
  std::sort(from_full.begin(), from_full.end());
  EXPECT_EQ(from_full, from_half);
}

TEST(PairSource, AllPairsPathForSmallFreeClusters) {
  auto c = random_configuration(Box::free_space(), 40, 9);
  PairSource source(2.5);
  source.update(c);
  EXPECT_TRUE(source.uses_all_pairs());
  std::vector<PairKey> pairs;
  source.for_each_pair(c, [&](int i, int j, const Vec3&, double r2) {
    pairs.emplace_back(std::min(i, j), std::max(i, j), std::llround(std::sqrt(r2) * 1e9));
  });
  std::sort(pairs.begin(), pairs.end());
  EXPECT_EQ(pairs, brute_force(c, 2.5));
}

}  // namespace
}  // namespace pelcamp
