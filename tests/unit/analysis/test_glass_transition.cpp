// T_g fits on synthetic quench curves with a known kink plus Gaussian noise.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "pelcamp/analysis/glass_transition.hpp"
#include "pelcamp/core/error.hpp"

namespace pelcamp {
namespace {

// A volume-like curve from 2000 K down to 1 K in 200 rows: glass slope 4e-4, liquid slope
// 1.1e-3 per K, kink at 675 K (the seed-002 T_g), noise σ.
struct Curve {
  std::vector<double> t, y;
};

Curve piecewise(double tg, double sigma, unsigned seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> noise(0.0, sigma);
  Curve c;
  for (int k = 0; k < 200; ++k) {
    const double t = 2000.0 - (2000.0 - 1.0) * k / 199.0;
    const double y = 17.0 + (t <= tg ? 4e-4 : 1.1e-3) * (t - tg);
    c.t.push_back(t);
    c.y.push_back(y + noise(gen));
  }
  return c;
}

TEST(GlassTransition, ExactPiecewiseLinearCurveGivesItsKink) {
  const Curve c = piecewise(675.0, 0.0, 1);
  const KinkFit fit = fit_kink(c.t, c.y);
  EXPECT_NEAR(fit.tg, 675.0, 1e-6);
  EXPECT_NEAR(fit.value_at_tg, 17.0, 1e-9);
  EXPECT_NEAR(fit.slope_glass, 4e-4, 1e-12);
  EXPECT_NEAR(fit.slope_liquid, 1.1e-3, 1e-12);
  EXPECT_LT(fit.rms_residual, 1e-9);
  EXPECT_EQ(fit.points, 200u);
}

TEST(GlassTransition, NoisyCurvesRecoverTheKinkWithinTheirScatter) {
  // Noise σ = 0.02 (≈ 3 % of the glass branch's total change): the breakpoint's standard
  // error is ~ σ / (Δslope · √n) · few ≈ 20 K; require 40 K on every one of 20 seeds.
  for (unsigned seed = 1; seed <= 20; ++seed) {
    const Curve c = piecewise(675.0, 0.02, seed);
    const KinkFit fit = fit_kink(c.t, c.y);
    EXPECT_NEAR(fit.tg, 675.0, 40.0) << "seed " << seed;
    EXPECT_NEAR(fit.rms_residual, 0.02, 0.005) << "seed " << seed;
  }
}

TEST(GlassTransition, HeatCapacityStepOfANoisyEnthalpyKink) {
  // H with slopes C_p,glass = 3 k_B and C_p,liquid = 4 k_B (eV/K per atom), kink at 700 K,
  // 200 rows from 1 to 2000 K; exact first, then with noise σ = 2 meV (a quench trace's
  // scatter), which makes the windowed C_p noisy enough to cross any level many times.
  const double kb = 8.617343e-5;
  for (const double sigma : {0.0, 2e-3}) {
    std::mt19937_64 gen(7);
    std::normal_distribution<double> noise(0.0, sigma);
    std::vector<double> t, h;
    for (int k = 0; k < 200; ++k) {
      t.push_back(1.0 + 1999.0 * k / 199.0);
      h.push_back(-5.0 + (t.back() <= 700.0 ? 3 * kb : 4 * kb) * (t.back() - 700.0) + (sigma > 0 ? noise(gen) : 0.0));
    }
    const auto cp = local_slope(t, h, 3);
    const StepFit step = fit_step(t, cp);
    if (sigma == 0.0) {
      EXPECT_NEAR(cp.front(), 3 * kb, 1e-12);
      EXPECT_NEAR(cp.back(), 4 * kb, 1e-12);
      // The windowed slope of a kink is symmetric about it: the step sits at the kink.
      EXPECT_NEAR(step.tg, 700.0, 10.05);
    } else {
      EXPECT_NEAR(step.tg, 700.0, 100.0);
    }
    EXPECT_NEAR(step.below, 3 * kb, 0.1 * kb);
    EXPECT_NEAR(step.above, 4 * kb, 0.1 * kb);
  }
}

TEST(GlassTransition, IgnoresNaNAndOutOfRangePointsAndRejectsTooFew) {
  Curve c = piecewise(800.0, 0.0, 1);
  c.y[3] = std::nan("");
  KinkFitOptions options;
  options.t_min = 300.0;
  const KinkFit fit = fit_kink(c.t, c.y, options);
  EXPECT_NEAR(fit.tg, 800.0, 1e-6);
  EXPECT_LT(fit.points, 199u);
  const std::vector<double> few_t{1, 2, 3}, few_y{1, 2, 3};
  EXPECT_THROW(fit_kink(few_t, few_y), Error);
  EXPECT_THROW(fit_kink(few_t, std::vector<double>{1.0}), Error);
}

}  // namespace
}  // namespace pelcamp
