#include <gtest/gtest.h>

#include <cmath>

#include "pelcamp/analysis/voronoi_statistics.hpp"
#include "pelcamp/core/error.hpp"

namespace pelcamp {
namespace {

const VoronoiIndex ico{0, 0, 12, 0}, fcc{0, 12, 0, 0}, bcc{0, 6, 0, 8}, dist{0, 2, 8, 2};

TEST(VoronoiStatistics, PopulationsSortedByCount) {
  const std::vector<VoronoiIndex> v = {fcc, ico, ico, dist, ico, fcc};
  const auto pops = index_populations(v);
  ASSERT_EQ(pops.size(), 3u);
  EXPECT_EQ(pops[0].index, ico);
  EXPECT_EQ(pops[0].count, 3);
  EXPECT_EQ(pops[1].index, fcc);
  EXPECT_EQ(pops[1].count, 2);
  EXPECT_EQ(pops[2].index, dist);
  EXPECT_EQ(pops[2].count, 1);
}

TEST(VoronoiStatistics, IcosahedralFraction) {
  const std::vector<VoronoiIndex> v = {fcc, ico, ico, dist, ico, bcc, ico, fcc};
  EXPECT_DOUBLE_EQ(icosahedral_fraction(v), 0.5);
  EXPECT_DOUBLE_EQ(icosahedral_fraction(std::vector<VoronoiIndex>(5, fcc)), 0.0);
}

TEST(VoronoiStatistics, ShannonEntropyOfHandMadePopulations) {
  // One motif: S = 0, D = 1.
  EXPECT_DOUBLE_EQ(structural_entropy(std::vector<VoronoiIndex>(7, bcc)), 0.0);
  // Four equally populated motifs: S = ln 4, D = 4.
  const std::vector<VoronoiIndex> uniform = {ico, fcc, bcc, dist, dist, bcc, fcc, ico};
  EXPECT_NEAR(structural_entropy(uniform), std::log(4.0), 1e-15);
  EXPECT_NEAR(std::exp(structural_entropy(uniform)), 4.0, 1e-14);
  // p = (1/2, 1/4, 1/4): S = (3/2) ln 2.
  const std::vector<VoronoiIndex> skewed = {ico, ico, fcc, bcc};
  EXPECT_NEAR(structural_entropy(skewed), 1.5 * std::log(2.0), 1e-15);
}

TEST(VoronoiStatistics, EmptyPopulationIsAnError) {
  EXPECT_THROW(icosahedral_fraction(std::vector<VoronoiIndex>{}), Error);
  EXPECT_THROW(structural_entropy(std::vector<VoronoiIndex>{}), Error);
}

}  // namespace
}  // namespace pelcamp
