#include <gtest/gtest.h>

#include "build/structure_checks.hpp"
#include "pelcamp/build/random_packing.hpp"
#include "pelcamp/core/error.hpp"

namespace pelcamp {
namespace {

RandomPackingSpec cuzr(std::size_t atoms, std::uint64_t seed) {
  RandomPackingSpec spec;
  spec.composition = {{{"Cu", 63.546}, 0.5}, {{"Zr", 91.224}, 0.5}};
  spec.atoms = atoms;
  spec.number_density = 0.0585;  // Cu50Zr50 liquid, Å⁻³
  spec.min_distance = 2.2;       // packing fraction 0.33
  spec.seed = seed;
  return spec;
}

TEST(RandomPacking, CompositionDensityAndMinimumDistance) {
  const RandomPackingSpec spec = cuzr(1000, 42);
  const Configuration c = build_random_packing(spec);
  ASSERT_EQ(c.size(), 1000u);
  EXPECT_EQ(std::count(c.types.begin(), c.types.end(), 0), 500);
  EXPECT_EQ(c.species[1].name, "Zr");
  EXPECT_NEAR(c.size() / c.box.volume(), spec.number_density, 1e-12);
  EXPECT_EQ(c.box.lx(), c.box.lz());
  EXPECT_TRUE(c.box.periodic(0) && c.box.periodic(1) && c.box.periodic(2));
  EXPECT_GE(test::min_pair_distance(c), spec.min_distance);
  for (const Vec3& x : c.positions) {
    EXPECT_TRUE((x.array() >= 0.0).all() && (x.array() <= c.box.lx()).all());
  }
  // Types are shuffled over the atoms, not in blocks.
  EXPECT_NE(std::count(c.types.begin(), c.types.begin() + 500, 0), 500);
}

TEST(RandomPacking, DeterministicForASeed) {
  const Configuration a = build_random_packing(cuzr(300, 7));
  const Configuration b = build_random_packing(cuzr(300, 7));
  const Configuration other = build_random_packing(cuzr(300, 8));
  EXPECT_EQ(a.positions, b.positions);
  EXPECT_EQ(a.types, b.types);
  EXPECT_NE(a.positions, other.positions);
}

TEST(RandomPacking, TenThousandAtomsWithATightMinimumDistance) {
  RandomPackingSpec spec = cuzr(10000, 1);
  spec.min_distance = 2.25;  // packing fraction 0.349 (RSA jams at 0.384)
  const Configuration c = build_random_packing(spec);
  ASSERT_EQ(c.size(), 10000u);
  // Check the distance with a sort along x instead of all 5·10⁷ pairs.
  std::vector<std::size_t> order(c.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](auto i, auto j) { return c.positions[i](0) < c.positions[j](0); });
  const double L = c.box.lx(), d = spec.min_distance;
  std::size_t close = 0;
  for (std::size_t a = 0; a < order.size(); ++a)
    for (std::size_t k = 1; k < order.size(); ++k) {
      const std::size_t b = (a + k) % order.size();
      double dx = c.positions[order[b]](0) - c.positions[order[a]](0);
      if (dx < 0) dx += L;
      if (dx >= d) break;
      if (test::separation(c, order[a], order[b]).norm() < d) ++close;
    }
  EXPECT_EQ(close, 0u);
}

TEST(RandomPacking, CountsUseLargestRemainders) {
  std::vector<CompositionEntry> ka = {{{"A", 1.0}, 0.8}, {{"B", 1.0}, 0.2}};
  EXPECT_EQ(composition_counts(ka, 1000), (std::vector<std::size_t>{800, 200}));
  EXPECT_EQ(composition_counts(ka, 7), (std::vector<std::size_t>{6, 1}));  // 5.6, 1.4
  std::vector<CompositionEntry> thirds = {
      {{"A", 1.0}, 1.0 / 3}, {{"B", 1.0}, 1.0 / 3}, {{"C", 1.0}, 1.0 / 3}};
  EXPECT_EQ(composition_counts(thirds, 100), (std::vector<std::size_t>{34, 33, 33}));
}

TEST(RandomPacking, ImpossibleRequestsFailClearly) {
  RandomPackingSpec spec = cuzr(500, 3);
  spec.min_distance = 2.5;  // packing fraction 0.48
  try {
    build_random_packing(spec);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("packing fraction 0.479"), std::string::npos) << e.what();
  }
  spec.min_distance = 2.3;  // possible in principle, but not in 5 trials per atom
  spec.max_trials_per_atom = 5;
  try {
    build_random_packing(spec);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no place found in 5 trials for atom"), std::string::npos)
        << e.what();
  }
  spec = cuzr(10, 1);
  spec.composition[1].fraction = 0.6;
  EXPECT_THROW(build_random_packing(spec), Error);  // fractions sum to 1.1
  spec.composition[1] = {{"Cu", 63.546}, 0.5};
  EXPECT_THROW(build_random_packing(spec), Error);  // repeated species
  spec = cuzr(10, 1);
  spec.number_density = 0.0;
  EXPECT_THROW(build_random_packing(spec), Error);
}

}  // namespace
}  // namespace pelcamp
