// The ziggurat normal generator must be a standard normal: moments, the distribution function
// at many points including both tails (the ziggurat's tail and wedge branches), determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "pelcamp/core/rng.hpp"

namespace pelcamp {
namespace {

TEST(RngZiggurat, IsAStandardNormal) {
  constexpr int kSamples = 2000000;
  Rng rng(2024, 7);
  std::vector<double> x(kSamples);
  double sum = 0.0, sum2 = 0.0, sum4 = 0.0;
  for (double& v : x) {
    v = rng.normal_ziggurat();
    sum += v;
    sum2 += v * v;
    sum4 += v * v * v * v;
  }
  const double n = kSamples;
  // Standard errors: mean 1/√n, variance √(2/n), fourth moment √(96/n).
  EXPECT_NEAR(sum / n, 0.0, 5.0 / std::sqrt(n));
  EXPECT_NEAR(sum2 / n, 1.0, 5.0 * std::sqrt(2.0 / n));
  EXPECT_NEAR(sum4 / n, 3.0, 5.0 * std::sqrt(96.0 / n));

  // Empirical distribution function against Φ at points through the body, the layer edges
  // and the tail (r = 3.44): each count is binomial, compared within 5 standard deviations.
  std::sort(x.begin(), x.end());
  for (double t : {-4.5, -3.6, -3.44, -3.0, -2.0, -1.0, -0.3, 0.0, 0.5, 1.5, 2.5, 3.3, 3.5, 4.0, 4.8}) {
    const double phi = 0.5 * std::erfc(-t / std::sqrt(2.0));
    const double observed =
        static_cast<double>(std::lower_bound(x.begin(), x.end(), t) - x.begin()) / n;
    const double sigma = std::sqrt(phi * (1.0 - phi) / n);
    EXPECT_NEAR(observed, phi, 5.0 * sigma + 1e-7) << "at x = " << t;
  }
  EXPECT_LT(x.front(), -4.5);  // the tail branch does produce large deviates
  EXPECT_GT(x.back(), 4.5);
}

TEST(RngZiggurat, DependsOnlyOnTheStream) {
  Rng a(5, 1), b(5, 1), c(5, 2);
  for (int k = 0; k < 1000; ++k) {
    const double va = a.normal_ziggurat();
    EXPECT_EQ(va, b.normal_ziggurat());
    EXPECT_NE(va, c.normal_ziggurat());
  }
}

}  // namespace
}  // namespace pelcamp
