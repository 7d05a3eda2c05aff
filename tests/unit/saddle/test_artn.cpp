#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/saddle/artn.hpp"
#include "pelcamp/saddle/perturbation.hpp"
#include "saddle/saddle_test_support.hpp"

namespace pelcamp {
namespace {

std::string describe(const ArtnResult& r) {
  return fmt::format("outcome {} E0 {} Es {} Ef {} λ {} F {} pushes {} steps {} calls {}",
                     to_string(r.outcome), r.energy_initial, r.energy_saddle, r.energy_final,
                     r.eigenvalue_saddle, r.saddle_force, r.pushes, r.activation_steps,
                     r.force_calls);
}

Eigen::VectorXd minimize_from(Objective& objective, Eigen::VectorXd x, double fmax) {
  StoppingCriteria stop;
  stop.fmax = fmax;
  const MinimizeResult r = make_minimizer("lbfgs")->minimize(objective, x, stop);
  EXPECT_TRUE(r.converged()) << to_string(r.reason);
  return x;
}

// Müller–Brown energies are O(100) over lengths O(1): steps and tolerances scaled to it.
ArtnConfig muller_brown_config() {
  ArtnConfig c;
  c.basin.initial_displacement = 0.05;
  c.basin.push_step = 0.05;
  c.basin.max_pushes = 40;
  c.basin.eigenvalue_threshold = -100.0;
  c.activation.force_tolerance = 1e-3;
  c.activation.max_eigen_step = 0.05;
  c.relax.saddle_push = 0.02;
  c.relax.force_tolerance = 1e-5;
  c.relax.same_minimum_distance = 0.02;
  c.fd_step = 1e-5;
  return c;
}

void expect_first_order_saddle(Objective& objective, const Eigen::VectorXd& saddle,
                               double negative_below) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> dense(testing::dense_hessian(objective, saddle));
  const Eigen::VectorXd& lambda = dense.eigenvalues();
  EXPECT_LT(lambda[0], negative_below) << lambda.transpose();
  EXPECT_GT(lambda[1], negative_below) << lambda.transpose();
  EXPECT_EQ((lambda.array() < negative_below).count(), 1) << lambda.transpose();
}

struct MullerBrownCase {
  Eigen::Vector2d minimum, saddle, final_minimum;
};

// From minimum A the only adjacent saddle is (−0.822, 0.624), from B (0.212, 0.293), both
// leading to C (published stationary points of Müller & Brown 1979, to their three
// decimals). Every successful search from a random direction must find that saddle and
// that final minimum, with one negative Hessian eigenvalue; failures are named outcomes
// (ART does not succeed from every direction).
TEST(Artn, FindsTheMullerBrownSaddles) {
  const std::vector<MullerBrownCase> cases = {
      {{-0.558, 1.442}, {-0.822, 0.624}, {-0.050, 0.467}},
      {{0.623, 0.028}, {0.212, 0.293}, {-0.050, 0.467}},
  };
  Rng rng(42, 3);
  for (const MullerBrownCase& c : cases) {
    testing::MullerBrownObjective surface;
    const Eigen::VectorXd x0 = minimize_from(surface, c.minimum, 1e-8);
    ArtnSearch search(surface, muller_brown_config());
    int successes = 0;
    for (int k = 0; k < 12; ++k) {
      const ArtnResult r = search.run(x0, Eigen::Vector2d(rng.normal(), rng.normal()));
      if (r.outcome != ArtnOutcome::success) continue;
      ++successes;
      EXPECT_NEAR(search.saddle()[0], c.saddle[0], 1e-3) << describe(r);
      EXPECT_NEAR(search.saddle()[1], c.saddle[1], 1e-3) << describe(r);
      EXPECT_NEAR(search.final_minimum()[0], c.final_minimum[0], 1e-3);
      EXPECT_NEAR(search.final_minimum()[1], c.final_minimum[1], 1e-3);
      EXPECT_LT(r.saddle_force, 1e-3);
      EXPECT_LT(r.eigenvalue_saddle, 0.0);
      EXPECT_GT(r.energy_saddle, std::max(r.energy_initial, r.energy_final));
      expect_first_order_saddle(surface, search.saddle(), 0.0);
    }
    EXPECT_GE(successes, 2) << "from " << c.minimum.transpose();
  }
}

// LJ₇ and LJ₁₃ (lj/ka, all atoms type A, reduced units): converged saddles are first-order
// (one negative Hessian eigenvalue, dense diagonalisation), have forces below tolerance and
// connect back to the initial minimum when reported successful (a converged saddle between
// two other minima is the named outcome not-connected).
TEST(Artn, LennardJonesClusterSaddlesAreFirstOrder) {
  for (const std::vector<Vec3>& start : {testing::lj7_bipyramid(), testing::lj13_icosahedron()}) {
    Configuration config = testing::lj_cluster(start);
    auto potential = make_potential("lj/ka");
    AtomsObjective objective(config, *potential);
    const Eigen::VectorXd x0 = minimize_from(objective, objective.variables(), 1e-10);

    ArtnConfig settings;  // seed 002 defaults, tighter force tolerances for the Hessian check
    settings.activation.force_tolerance = 1e-4;
    settings.relax.force_tolerance = 1e-6;
    settings.relax.same_minimum_distance = 0.01;
    settings.project_rigid_body = true;
    ArtnSearch search(objective, settings);
    int successes = 0;
    for (std::uint64_t stream = 0; stream < 8; ++stream) {
      Rng rng(7, stream);
      const Eigen::VectorXd direction =
          local_random_direction(config, stream % config.size(), 1.2, rng);
      const ArtnResult r = search.run(x0, direction);
      if (!r.saddle_converged()) continue;
      EXPECT_LT(r.saddle_force, 1e-4);
      expect_first_order_saddle(objective, search.saddle(), -1e-2);
      if (r.outcome != ArtnOutcome::success) continue;
      ++successes;
      EXPECT_TRUE(r.connected);
      EXPECT_GT(r.energy_saddle, r.energy_initial) << describe(r);
      EXPECT_GT(r.energy_saddle, r.energy_final) << describe(r);
      // Independent check of the connection: FIRE (not the search's L-BFGS) from both sides
      // of the saddle reaches the initial minimum's energy on one side and the final one on
      // the other.
      std::vector<double> sides;
      for (double sign : {1.0, -1.0}) {
        Eigen::VectorXd y = search.saddle() + sign * 0.05 * search.saddle_mode();
        StoppingCriteria stop;
        stop.fmax = 1e-7;
        sides.push_back(make_minimizer("fire")->minimize(objective, y, stop).energy);
      }
      std::sort(sides.begin(), sides.end());
      const double low = std::min(r.energy_initial, r.energy_final);
      const double high = std::max(r.energy_initial, r.energy_final);
      EXPECT_NEAR(sides[0], low, 1e-8) << describe(r);
      EXPECT_NEAR(sides[1], high, 1e-8) << describe(r);
    }
    EXPECT_GE(successes, 2) << start.size() << " atoms";
  }
}

// Skipping Lanczos on the first pushes and a loose Lanczos tolerance while pushing (only the
// threshold crossing matters there) leave the basin at the same push and find the same saddle
// as a search that runs a tight Lanczos after every push, with fewer force calls (counted, not
// timed).
TEST(Artn, CheaperBasinLanczosFindsTheSameSaddles) {
  testing::MullerBrownObjective surface;
  const Eigen::VectorXd x0 = minimize_from(surface, Eigen::Vector2d(-0.558, 1.442), 1e-8);
  ArtnConfig thorough = muller_brown_config();
  thorough.basin.unchecked_pushes = 0;
  thorough.basin.lanczos_tolerance = 1e-9;
  ArtnConfig cheap = muller_brown_config();
  cheap.basin.unchecked_pushes = 3;
  cheap.basin.lanczos_tolerance = 0.1;
  ArtnSearch reference(surface, thorough), search(surface, cheap);
  Rng rng(42, 5);
  int compared = 0;
  for (int k = 0; k < 12; ++k) {
    const Eigen::Vector2d direction(rng.normal(), rng.normal());
    const ArtnResult a = reference.run(x0, direction);
    if (a.outcome != ArtnOutcome::success || a.pushes <= cheap.basin.unchecked_pushes) continue;
    const ArtnResult b = search.run(x0, direction);
    ++compared;
    EXPECT_EQ(b.outcome, ArtnOutcome::success) << describe(b);
    EXPECT_EQ(b.pushes, a.pushes) << describe(a) << " / " << describe(b);
    EXPECT_NEAR(search.saddle()[0], reference.saddle()[0], 1e-3);
    EXPECT_NEAR(search.saddle()[1], reference.saddle()[1], 1e-3);
    EXPECT_LT(b.force_calls, a.force_calls) << describe(a) << " / " << describe(b);
  }
  EXPECT_GE(compared, 2);

  // The last allowed push is checked even when it is one of the unchecked ones: a search
  // that needs a.pushes pushes still leaves the basin with max_pushes = a.pushes.
  const Eigen::Vector2d direction(1.66, 0.64);
  const ArtnResult a = reference.run(x0, direction);
  ASSERT_GT(a.pushes, 1) << describe(a);
  ArtnConfig last_checked = cheap;
  last_checked.basin.max_pushes = a.pushes;
  last_checked.basin.unchecked_pushes = a.pushes + 5;
  ArtnSearch limited(surface, last_checked);
  const ArtnResult b = limited.run(x0, direction);
  EXPECT_NE(b.outcome, ArtnOutcome::basin_not_left) << describe(b);
  EXPECT_EQ(b.pushes, a.pushes);
}

// Failures are recorded by name: a single push from minimum A does not leave the basin, and
// a search allowed one activation step (from a direction that succeeds with more) runs out
// of activation steps.
TEST(Artn, FailuresAreNamedOutcomes) {
  testing::MullerBrownObjective surface;
  const Eigen::VectorXd x0 = minimize_from(surface, Eigen::Vector2d(-0.558, 1.442), 1e-8);
  ArtnConfig one_push = muller_brown_config();
  one_push.basin.max_pushes = 1;
  ArtnSearch search(surface, one_push);
  const ArtnResult r = search.run(x0, Eigen::Vector2d(1.66, 0.64));
  EXPECT_EQ(r.outcome, ArtnOutcome::basin_not_left);
  EXPECT_EQ(r.pushes, 1);
  EXPECT_FALSE(r.saddle_converged());
  EXPECT_EQ(search.final_minimum().size(), 0);
  EXPECT_STREQ(to_string(r.outcome), "basin-not-left");

  ArtnConfig few_steps = muller_brown_config();
  few_steps.activation.max_steps = 1;
  ArtnSearch short_search(surface, few_steps);
  const ArtnResult s = short_search.run(x0, Eigen::Vector2d(1.66, 0.64));
  EXPECT_EQ(s.outcome, ArtnOutcome::max_activation_steps) << describe(s);
  EXPECT_EQ(s.activation_steps, 1);
  EXPECT_GT(s.force_calls, 0);
}

// Two Gaussian wells at x = 0 and x = 4 with a shallow shoulder between them (a third,
// small Gaussian at x = 1.5), and a harmonic y: E = V(x) + ½ k y². V' > 0 on (0, x_s), but
// V'' is negative on (0.88, 1.36), positive on (1.36, 1.62) and negative again up to and
// beyond the saddle x_s ≈ 2: the activation leaves the first concave stretch in steps of
// max_eigen_step and lands on the convex shoulder, where λ > 0 — the situation of the CuZr
// searches that end eigenvalue-lost.
class ShoulderObjective : public Objective {
 public:
  static constexpr double shoulder_depth = 0.05, shoulder_at = 1.5, shoulder_width = 0.2, stiffness = 2.0;
  Eigen::Index dimension() const override { return 2; }
  double evaluate(ConstVectorRef p, VectorRef g) override {
    g[0] = slope(p[0]);
    g[1] = stiffness * p[1];
    return potential(p[0]) + 0.5 * stiffness * p[1] * p[1];
  }
  static double potential(double x) {
    const double s = (x - shoulder_at) / shoulder_width;
    return -std::exp(-0.5 * x * x) - std::exp(-0.5 * (x - 4) * (x - 4)) - shoulder_depth * std::exp(-0.5 * s * s);
  }
  static double slope(double x) {  // V'(x)
    const double s = (x - shoulder_at) / shoulder_width;
    return x * std::exp(-0.5 * x * x) + (x - 4) * std::exp(-0.5 * (x - 4) * (x - 4)) +
           shoulder_depth * s / shoulder_width * std::exp(-0.5 * s * s);
  }
};

ArtnConfig shoulder_config() {
  ArtnConfig c;
  c.basin.initial_displacement = 0.6;
  c.basin.push_step = 0.1;
  c.basin.eigenvalue_threshold = -0.2;
  c.activation.force_tolerance = 1e-5;
  c.activation.max_eigen_step = 0.1;
  c.relax.saddle_push = 0.05;
  c.relax.force_tolerance = 1e-7;
  c.relax.same_minimum_distance = 0.05;
  c.fd_step = 1e-5;
  return c;
}

// Without lost_grace_steps the search pushed across the first concave stretch loses its
// eigenvalue on the shoulder; with them it climbs on along the last negative mode into the
// saddle's concave region and converges on the saddle (V'(x_s) = 0 by bisection, y = 0),
// first-order by dense diagonalisation and connected to the initial minimum.
TEST(Artn, GraceStepsCarryTheActivationOverAConvexShoulder) {
  ShoulderObjective surface;
  const Eigen::Vector2d x0(0.0, 0.0), direction(1.0, 0.3);
  // Zeros of V' by bisection: the saddle in (1.7, 3), the second minimum in (3, 4.5).
  auto zero_of_slope = [](double lo, double hi) {
    const double sign_lo = ShoulderObjective::slope(lo) > 0.0 ? 1.0 : -1.0;
    EXPECT_LT(sign_lo * ShoulderObjective::slope(hi), 0.0);
    while (hi - lo > 1e-12)
      (sign_lo * ShoulderObjective::slope(0.5 * (lo + hi)) > 0.0 ? lo : hi) = 0.5 * (lo + hi);
    return 0.5 * (lo + hi);
  };
  const double saddle = zero_of_slope(1.7, 3.0), second_minimum = zero_of_slope(3.0, 4.5);

  ArtnConfig without = shoulder_config();
  without.activation.lost_grace_steps = 0;
  const ArtnResult lost = ArtnSearch(surface, without).run(x0, direction);
  EXPECT_EQ(lost.outcome, ArtnOutcome::eigenvalue_lost) << describe(lost);

  ArtnConfig with = shoulder_config();
  with.activation.lost_grace_steps = 4;
  ArtnSearch search(surface, with);
  const ArtnResult r = search.run(x0, direction);
  ASSERT_EQ(r.outcome, ArtnOutcome::success) << describe(r);
  EXPECT_NEAR(search.saddle()[0], saddle, 1e-4) << describe(r);
  EXPECT_NEAR(search.saddle()[1], 0.0, 1e-4);
  EXPECT_NEAR(search.final_minimum()[0], second_minimum, 1e-4);
  EXPECT_NEAR(search.final_minimum()[1], 0.0, 1e-4);
  EXPECT_LT(r.saddle_force, 1e-5);
  expect_first_order_saddle(surface, search.saddle(), 0.0);

  // One grace step is not enough to cross the shoulder (0.26 wide at steps of 0.1).
  ArtnConfig one = shoulder_config();
  one.activation.lost_grace_steps = 1;
  EXPECT_EQ(ArtnSearch(surface, one).run(x0, direction).outcome, ArtnOutcome::eigenvalue_lost);
}

TEST(Artn, BadConfigurationIsAnError) {
  testing::MullerBrownObjective surface;
  ArtnConfig bad = muller_brown_config();
  bad.basin.eigenvalue_threshold = 0.5;
  EXPECT_THROW(ArtnSearch(surface, bad), Error);
  bad = muller_brown_config();
  bad.activation.lost_grace_steps = -1;
  EXPECT_THROW(ArtnSearch(surface, bad), Error);
  bad = muller_brown_config();
  bad.minimizer = "newton";
  EXPECT_THROW(ArtnSearch(surface, bad), Error);
  ArtnSearch search(surface, muller_brown_config());
  EXPECT_THROW(search.run(Eigen::Vector2d(0, 0), Eigen::Vector2d(0, 0)), Error);
}

TEST(Perturbation, OnlyAtomsWithinTheRadiusMove) {
  Configuration config = testing::lj_cluster({{0, 0, 0}, {1, 0, 0}, {0, 1.5, 0}, {3, 3, 3}});
  Rng rng(1, 2);
  const Eigen::VectorXd d = local_random_direction(config, 0, 1.2, rng, {false, true, false, false});
  EXPECT_NEAR(d.norm(), 1.0, 1e-12);
  EXPECT_GT(d.segment<3>(0).norm(), 0.0);
  EXPECT_EQ(d.segment<3>(3).norm(), 0.0);  // frozen
  EXPECT_EQ(d.segment<3>(6).norm(), 0.0);  // beyond the radius
  EXPECT_EQ(d.segment<3>(9).norm(), 0.0);
  EXPECT_THROW(local_random_direction(config, 4, 1.0, rng), Error);
  EXPECT_THROW(local_random_direction(config, 1, 1.0, rng, {false, true, false, false}), Error);
}

}  // namespace
}  // namespace pelcamp
