// Pair batches hold exactly the pairs PairSource::for_each_pair visits, in the same order,
// however the rows are split into batches: for a periodic triclinic box (Verlet list with
// image shifts), a free cluster on the all-pairs path and the same cluster on a Verlet list.
#include <gtest/gtest.h>

#include "pelcamp/core/rng.hpp"
#include "pelcamp/neighbor/pair_batch.hpp"

namespace pelcamp {
namespace {

Configuration random_atoms(const Box& box, int n, double extent, std::uint64_t seed) {
  Configuration c;
  c.box = box;
  c.species.push_back({"A", 1.0});
  Rng rng(seed);
  for (int k = 0; k < n; ++k)
    c.add_atom(0, Vec3(rng.uniform(-0.3, extent), rng.uniform(-0.3, extent), rng.uniform(-0.3, extent)));
  return c;
}

struct Pair {
  int i, j;
  Vec3 d;
  double r2;
};

std::vector<Pair> visited(const PairSource& source, const Configuration& c) {
  std::vector<Pair> pairs;
  source.for_each_pair(c, [&](int i, int j, const Vec3& d, double r2) {
    pairs.push_back({i, j, d, r2});
  });
  return pairs;
}

std::vector<Pair> batched(const PairSource& source, const Configuration& c, std::size_t max_candidates) {
  std::vector<Pair> pairs;
  PairBatch b;
  for (int first = 0; first < static_cast<int>(c.size());) {
    first = collect_pairs(source, c, first, static_cast<int>(c.size()), max_candidates, b);
    EXPECT_GT(b.end_atom, b.first_atom);
    for (int i = b.first_atom; i < b.end_atom; ++i)
      for (int k = b.row_begin[i - b.first_atom]; k < b.row_begin[i - b.first_atom + 1]; ++k)
        pairs.push_back({i, b.j[k], Vec3(b.dx[k], b.dy[k], b.dz[k]), b.r2[k]});
  }
  return pairs;
}

void expect_same_pairs(const PairSource& source, const Configuration& c) {
  const auto reference = visited(source, c);
  ASSERT_FALSE(reference.empty());
  for (std::size_t max_candidates : {std::size_t{1}, std::size_t{50}, candidate_pairs(source, c, static_cast<int>(c.size()))}) {
    const auto pairs = batched(source, c, max_candidates);
    ASSERT_EQ(pairs.size(), reference.size()) << "batches of " << max_candidates;
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      EXPECT_EQ(pairs[k].i, reference[k].i);
      EXPECT_EQ(pairs[k].j, reference[k].j);
      EXPECT_LT((pairs[k].d - reference[k].d).norm(), 1e-12);
      EXPECT_NEAR(pairs[k].r2, reference[k].r2, 1e-12);
    }
  }
}

TEST(PairBatch, TriclinicPeriodicBox) {
  const Box box = Box::triclinic({0, 0, 0}, {6.0, 6.5, 7.0}, 1.2, -0.8, 0.5);
  Configuration c = random_atoms(box, 60, 6.0, 3);
  PairSource source(3.2, NeighborSettings{0.5, 256});
  source.update(c);
  ASSERT_FALSE(source.uses_all_pairs());
  expect_same_pairs(source, c);
}

TEST(PairBatch, FreeClusterAllPairsAndVerlet) {
  Configuration c = random_atoms(Box::free_space(), 40, 8.0, 4);
  PairSource all_pairs(3.0, NeighborSettings{0.5, 256});
  all_pairs.update(c);
  ASSERT_TRUE(all_pairs.uses_all_pairs());
  EXPECT_EQ(candidate_pairs(all_pairs, c, 40), 40u * 39u / 2u);
  EXPECT_EQ(candidate_pairs(all_pairs, c, 3), 39u + 38u + 37u);
  expect_same_pairs(all_pairs, c);

  PairSource verlet(3.0, NeighborSettings{0.5, 0});
  verlet.update(c);
  ASSERT_FALSE(verlet.uses_all_pairs());
  expect_same_pairs(verlet, c);
}

}  // namespace
}  // namespace pelcamp
