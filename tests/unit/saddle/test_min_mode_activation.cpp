#include <gtest/gtest.h>

#include <cmath>

#include "pelcamp/core/error.hpp"
#include "pelcamp/saddle/artn.hpp"
#include "pelcamp/saddle/min_mode_activation.hpp"
#include "saddle/saddle_test_support.hpp"

namespace pelcamp {
namespace {

using testing::describe;
using testing::expect_first_order_saddle;
using testing::minimize_from;
using testing::muller_brown_config;

// E = ½ xᵀ diag(k) x: a saddle at the origin when one k is negative.
class QuadraticObjective : public Objective {
 public:
  explicit QuadraticObjective(Eigen::Vector3d k) : k_(k) {}
  Eigen::Index dimension() const override { return 3; }
  double evaluate(ConstVectorRef x, VectorRef g) override {
    g = k_.cwiseProduct(x);
    return 0.5 * x.dot(g);
  }

 private:
  Eigen::Vector3d k_;
};

// On a quadratic saddle with the exact lowest mode, the effective force F − 2(F·e)e is the
// force of the bowl with the mode's curvature flipped, so the quasi-Newton iteration on it
// reaches the saddle (the origin) in a few steps, never taking a step above max_step.
TEST(MinModeActivation, ConvergesOnAQuadraticSaddle) {
  QuadraticObjective surface({-2.0, 1.0, 5.0});
  MinModeConfig config;
  config.max_step = 0.2;
  MinModeActivation activation(surface, config, 0.0, 0.1);
  const Eigen::Vector3d mode(1.0, 0.0, 0.0);
  Eigen::VectorXd x = Eigen::Vector3d(0.3, 0.4, -0.2), g(3);
  int iterations = 0;
  for (; iterations < 20; ++iterations) {
    surface.evaluate(x, g);
    if (g.norm() < 1e-10) break;
    EXPECT_FALSE(activation.eigenvalue_lost(-2.0));
    const Eigen::VectorXd before = x;
    activation.step(x, g, mode, -2.0);
    EXPECT_LE(surface.step_measure(x - before), config.max_step + 1e-12);
  }
  EXPECT_LT(iterations, 12);
  EXPECT_LT(x.norm(), 1e-9) << x.transpose();
}

// In the convex region the step is mode_step uphill along the mode alone, and the
// eigenvalue is lost only after max_convex_steps consecutive convex points.
TEST(MinModeActivation, ConvexRegionClimbsAlongTheModeUntilTheLimit) {
  QuadraticObjective bowl({1.0, 4.0, 9.0});
  MinModeConfig config;
  config.max_convex_steps = 2;
  MinModeActivation activation(bowl, config, 0.0, 0.1);
  const Eigen::Vector3d mode(1.0, 0.0, 0.0);
  for (double side : {1.0, -1.0}) {
    Eigen::VectorXd x = Eigen::Vector3d(0.2 * side, 0.1, -0.1), g(3);
    const double energy = bowl.evaluate(x, g);
    const Eigen::VectorXd before = x;
    activation.step(x, g, mode, 1.0);
    EXPECT_NEAR(x[0] - before[0], 0.1 * side, 1e-15);  // away from the bottom along the mode
    EXPECT_EQ(x.tail<2>(), before.tail<2>());
    EXPECT_GT(bowl.evaluate(x, g), energy);
  }
  EXPECT_FALSE(activation.eigenvalue_lost(0.5));
  EXPECT_FALSE(activation.eigenvalue_lost(0.5));
  EXPECT_FALSE(activation.eigenvalue_lost(-0.5));  // negative again: the count restarts
  EXPECT_FALSE(activation.eigenvalue_lost(0.5));
  EXPECT_FALSE(activation.eigenvalue_lost(0.5));
  EXPECT_TRUE(activation.eigenvalue_lost(0.5));
  EXPECT_EQ(activation.convex_points(), 5);

  config.max_convex_steps = 0;  // no convex-region rule: lost at once
  MinModeActivation strict(bowl, config, 0.0, 0.1);
  EXPECT_TRUE(strict.eigenvalue_lost(1e-6));
}

ArtnConfig min_mode(ArtnConfig config) {
  config.activation.method = ActivationMethod::min_mode;
  return config;
}

// From each Müller–Brown minimum, 24 evenly spread push directions: every min-mode success
// finds the published adjacent saddle (first-order by dense diagonalisation, zero force) and
// the final minimum C, and min-mode succeeds at least as often as the Newton-perpendicular
// activation from the same directions.
TEST(MinModeActivation, FindsTheMullerBrownSaddles) {
  struct Case {
    Eigen::Vector2d minimum, saddle;
  };
  const Eigen::Vector2d final_minimum(-0.050, 0.467);
  for (const Case& c : {Case{{-0.558, 1.442}, {-0.822, 0.624}}, Case{{0.623, 0.028}, {0.212, 0.293}}}) {
    testing::MullerBrownObjective surface;
    const Eigen::VectorXd x0 = minimize_from(surface, c.minimum, 1e-8);
    ArtnSearch classic(surface, muller_brown_config()), search(surface, min_mode(muller_brown_config()));
    int classic_successes = 0, successes = 0;
    for (int k = 0; k < 24; ++k) {
      const Eigen::Vector2d direction(std::cos(M_PI * k / 12), std::sin(M_PI * k / 12));
      classic_successes += classic.run(x0, direction).outcome == ArtnOutcome::success;
      const ArtnResult r = search.run(x0, direction);
      if (r.outcome != ArtnOutcome::success) continue;
      ++successes;
      EXPECT_NEAR(search.saddle()[0], c.saddle[0], 1e-3) << describe(r);
      EXPECT_NEAR(search.saddle()[1], c.saddle[1], 1e-3) << describe(r);
      EXPECT_NEAR(search.final_minimum()[0], final_minimum[0], 1e-3);
      EXPECT_NEAR(search.final_minimum()[1], final_minimum[1], 1e-3);
      EXPECT_LT(r.saddle_force, 1e-3);
      EXPECT_LT(r.eigenvalue_saddle, 0.0);
      EXPECT_GT(r.energy_saddle, std::max(r.energy_initial, r.energy_final));
      expect_first_order_saddle(surface, search.saddle(), 0.0);
    }
    EXPECT_GE(successes, classic_successes) << "from " << c.minimum.transpose();
    EXPECT_GE(successes, 5) << "from " << c.minimum.transpose();
  }
}

// A valley with a shoulder: E(x, y) = V(x) + ½ k (y − b sin πx)², with
//   V(x) = −cos(πx)/π − 2 cos³(πx)/(3π),  V′ = sin(πx)(1 + 2cos²(πx)),  V″ = 3π cos(πx) cos(2πx).
// Minima at (0, 0) and (2, 0), the saddle between them at (1, 0) with the Hessian
// [[−3π + k b²π², k b π], [k b π, k]] (analytic). Along the valley the curvature is positive near the minimum
// (x < 1/4), negative for 1/4 < x < 1/2, positive again on the shoulder 1/2 < x < 3/4 and
// negative up to the saddle: a search that leaves the basin along the valley must cross a
// region of positive lowest curvature before the saddle.
class ShoulderValley : public Objective {
 public:
  static constexpr double k = 20.0, b = 0.3;
  Eigen::Index dimension() const override { return 2; }
  double evaluate(ConstVectorRef p, VectorRef g) override {
    const double c = std::cos(M_PI * p[0]), s = std::sin(M_PI * p[0]);
    const double dy = p[1] - b * s;
    g[0] = s * (1.0 + 2.0 * c * c) - k * dy * b * M_PI * c;
    g[1] = k * dy;
    return -c / M_PI - 2.0 * c * c * c / (3.0 * M_PI) + 0.5 * k * dy * dy;
  }
};

ArtnConfig shoulder_config() {
  ArtnConfig c = muller_brown_config();
  c.basin.eigenvalue_threshold = -1.0;
  c.activation.force_tolerance = 1e-4;
  // The shoulder is 1/4 wide along the valley and a convex step 0.05 long.
  c.activation.min_mode.max_convex_steps = 8;
  return c;
}

// On the shoulder valley, pushed from (0, 0) along the valley: the Newton-perpendicular
// activation loses the eigenvalue on the shoulder, and so does min-mode without the
// convex-region rule (max_convex_steps = 0); with it, min-mode climbs along the mode over
// the shoulder and converges at the saddle (1, 0), connected to both minima.
TEST(MinModeActivation, CrossesAPositiveCurvatureRegionThatLosesTheClassicSearch) {
  ShoulderValley surface;
  const Eigen::Vector2d x0(0.0, 0.0), direction(1.0, 0.3);

  ArtnSearch classic(surface, shoulder_config());
  const ArtnResult lost_classic = classic.run(x0, direction);
  EXPECT_EQ(lost_classic.outcome, ArtnOutcome::eigenvalue_lost) << describe(lost_classic);
  EXPECT_GT(classic.saddle()[0], 0.5);  // lost on the shoulder
  EXPECT_LT(classic.saddle()[0], 0.75);

  ArtnConfig no_convex_rule = min_mode(shoulder_config());
  no_convex_rule.activation.min_mode.max_convex_steps = 0;
  ArtnSearch strict(surface, no_convex_rule);
  const ArtnResult lost = strict.run(x0, direction);
  EXPECT_EQ(lost.outcome, ArtnOutcome::eigenvalue_lost) << describe(lost);
  EXPECT_GT(lost.eigenvalue_saddle, 0.0);

  ArtnSearch search(surface, min_mode(shoulder_config()));
  const ArtnResult r = search.run(x0, direction);
  ASSERT_EQ(r.outcome, ArtnOutcome::success) << describe(r);
  EXPECT_NEAR(search.saddle()[0], 1.0, 1e-4);
  EXPECT_NEAR(search.saddle()[1], 0.0, 1e-4);
  EXPECT_NEAR(search.final_minimum()[0], 2.0, 1e-4);
  EXPECT_NEAR(search.final_minimum()[1], 0.0, 1e-4);
  Eigen::Matrix2d hessian;
  hessian << -3.0 * M_PI + ShoulderValley::k * std::pow(ShoulderValley::b * M_PI, 2),
      ShoulderValley::k * ShoulderValley::b * M_PI, ShoulderValley::k * ShoulderValley::b * M_PI, ShoulderValley::k;
  EXPECT_NEAR(r.eigenvalue_saddle, Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(hessian).eigenvalues()[0], 1e-2);
  EXPECT_LT(r.saddle_force, 1e-4);
  expect_first_order_saddle(surface, search.saddle(), 0.0);
}

// The perpendicular steps of min-mode have no line search: on LJ clusters (reduced units,
// curvatures of tens of ε/σ²) they are capped at 0.02 σ. Even so min-mode succeeds less
// often there than the Newton-perpendicular activation (4 of 8 against 7 and 6 of 8 here):
// the positive curvature persists and the eigenvalue is lost.
TEST(MinModeActivation, LennardJonesClusterSaddlesAreFirstOrder) {
  ArtnConfig settings = min_mode(testing::lennard_jones_config());
  settings.activation.min_mode.max_step = 0.02;
  testing::expect_lennard_jones_saddles(settings);
}

TEST(MinModeActivation, BadConfigurationIsAnError) {
  testing::MullerBrownObjective surface;
  ArtnConfig bad = min_mode(muller_brown_config());
  bad.activation.min_mode.max_step = 0.0;
  EXPECT_THROW(ArtnSearch(surface, bad), Error);
  bad = min_mode(muller_brown_config());
  bad.activation.min_mode.max_convex_steps = -1;
  EXPECT_THROW(ArtnSearch(surface, bad), Error);
  bad = min_mode(muller_brown_config());
  bad.activation.min_mode.memory = 0;
  EXPECT_THROW(ArtnSearch(surface, bad), Error);
}

}  // namespace
}  // namespace pelcamp
