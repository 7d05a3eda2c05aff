// Each minimizer on objectives with a known minimum, the line search's acceptance
// conditions, the stopping criteria and the validation of settings.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "minimize/minimize_test_support.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/conjugate_gradient.hpp"
#include "pelcamp/minimize/fire.hpp"
#include "pelcamp/minimize/lbfgs.hpp"
#include "pelcamp/minimize/line_search.hpp"
#include "pelcamp/minimize/registry.hpp"

namespace pelcamp {
namespace {

using testing::QuadraticObjective;
using testing::RecordingObjective;
using testing::RosenbrockObjective;

class AnalyticMinimizer : public ::testing::TestWithParam<std::string> {};

TEST_P(AnalyticMinimizer, FindsTheMinimumOfAnIllConditionedQuadratic) {
  QuadraticObjective f(30, 50.0, -3.0, 11);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(30);
  StoppingCriteria stop;
  stop.fmax = 1e-9;
  const auto minimizer = make_minimizer(GetParam());
  const MinimizeResult r = minimizer->minimize(f, x, stop);
  EXPECT_EQ(r.reason, StopReason::converged_force) << to_string(r.reason);
  EXPECT_LT(r.fmax, 1e-9);
  // |x − c| ≤ |∇f| / λ_min with λ_min = 1.
  EXPECT_LT((x - f.centre()).cwiseAbs().maxCoeff(), 1e-9 * std::sqrt(30.0));
  EXPECT_NEAR(r.energy, f.minimum(), 1e-15 * 3.0 + 1e-17);
}

TEST_P(AnalyticMinimizer, FindsTheMinimumOfRosenbrock) {
  RosenbrockObjective f(3);
  Eigen::VectorXd x(6);
  x << -1.2, 1.0, -1.2, 1.0, 0.5, -0.5;
  StoppingCriteria stop;
  stop.fmax = 1e-10;
  stop.max_iterations = 100000;
  const auto minimizer = make_minimizer(GetParam());
  const MinimizeResult r = minimizer->minimize(f, x, stop);
  EXPECT_EQ(r.reason, StopReason::converged_force) << to_string(r.reason);
  // Near the minimum H has eigenvalues ≥ 0.4, so |x − 1| ≲ |∇f| / 0.4.
  EXPECT_LT((x - Eigen::VectorXd::Ones(6)).cwiseAbs().maxCoeff(), 1e-9);
  EXPECT_LT(r.energy, 1e-18);
}

TEST_P(AnalyticMinimizer, LastEvaluationIsAtTheReturnedPoint) {
  RosenbrockObjective rosenbrock(2);
  RecordingObjective f(rosenbrock);
  Eigen::VectorXd x(4);
  x << -1.2, 1.0, 0.0, 2.0;
  StoppingCriteria stop;
  stop.fmax = 1e-6;
  stop.max_iterations = 40;  // stop far from the minimum as well
  const auto minimizer = make_minimizer(GetParam());
  const MinimizeResult r = minimizer->minimize(f, x, stop);
  Eigen::VectorXd g(4);
  EXPECT_EQ(rosenbrock.evaluate(x, g), f.values.back());
  EXPECT_EQ(r.energy, f.values.back());
  EXPECT_EQ(r.evaluations, static_cast<long>(f.values.size()));
}

TEST_P(AnalyticMinimizer, StopsOnTheEnergyCriterion) {
  RosenbrockObjective f(1);
  Eigen::VectorXd x(2);
  x << -1.2, 1.0;
  StoppingCriteria stop;
  stop.fmax = 0.0;
  stop.etol = 1e-6;
  const auto minimizer = make_minimizer(GetParam());
  std::vector<double> energies;
  minimizer->set_observer([&](const IterationRecord& rec) { energies.push_back(rec.energy); });
  const MinimizeResult r = minimizer->minimize(f, x, stop);
  ASSERT_EQ(r.reason, StopReason::converged_energy);
  ASSERT_GE(energies.size(), 2u);
  const double e = energies.back(), e_prev = energies[energies.size() - 2];
  EXPECT_LT(std::abs(e - e_prev), 1e-6 * 0.5 * (std::abs(e) + std::abs(e_prev) + 1e-8));
}

TEST_P(AnalyticMinimizer, StopsAtTheIterationAndEvaluationLimits) {
  const auto minimizer = make_minimizer(GetParam());
  RosenbrockObjective f(1);
  StoppingCriteria stop;
  stop.fmax = 1e-12;
  stop.max_iterations = 5;
  Eigen::VectorXd x(2);
  x << -1.2, 1.0;
  MinimizeResult r = minimizer->minimize(f, x, stop);
  EXPECT_EQ(r.reason, StopReason::max_iterations);
  EXPECT_EQ(r.iterations, 5);

  stop.max_iterations = 100000;
  stop.max_evaluations = 7;
  x << -1.2, 1.0;
  r = minimizer->minimize(f, x, stop);
  EXPECT_EQ(r.reason, StopReason::max_evaluations);
  EXPECT_GE(r.evaluations, 7);
}

TEST_P(AnalyticMinimizer, RejectsANonFiniteStartingPoint) {
  RosenbrockObjective f(1);
  Eigen::VectorXd x(2);
  x << std::numeric_limits<double>::quiet_NaN(), 1.0;
  const auto minimizer = make_minimizer(GetParam());
  EXPECT_THROW(minimizer->minimize(f, x, StoppingCriteria{}), Error);
}

INSTANTIATE_TEST_SUITE_P(AllMinimizers, AnalyticMinimizer, ::testing::Values("fire", "cg", "lbfgs"));

TEST(Fire, ReturnsTheLowestPointVisitedWhenStoppedWhileClimbing) {
  RosenbrockObjective rosenbrock(1);
  const Eigen::Vector2d start(-1.2, 1.0);
  StoppingCriteria stop;
  stop.fmax = 1e-10;
  stop.max_iterations = 400;
  // First run: the energy at every iteration; find one where FIRE stands clearly above a
  // point it visited before.
  Fire fire;
  std::vector<double> energies;
  fire.set_observer([&](const IterationRecord& r) { energies.push_back(r.energy); });
  Eigen::VectorXd x = start;
  fire.minimize(rosenbrock, x, stop);
  long climbing = -1;
  double lowest_before = energies[0];
  for (std::size_t k = 1; k < energies.size() && climbing < 0; ++k) {
    if (energies[k] > lowest_before + 1e-3) climbing = static_cast<long>(k);
    lowest_before = std::min(lowest_before, energies[k]);
  }
  ASSERT_GT(climbing, 0) << "FIRE never climbed on Rosenbrock; pick another test objective";

  // Second run, identical up to `climbing`, stopped there: it must hand back the lowest point.
  RecordingObjective recorder(rosenbrock);
  fire.set_observer(nullptr);
  stop.max_iterations = climbing;
  x = start;
  const MinimizeResult r = fire.minimize(recorder, x, stop);
  EXPECT_EQ(r.reason, StopReason::max_iterations);
  const double lowest = *std::min_element(recorder.values.begin(), recorder.values.end());
  EXPECT_EQ(r.energy, lowest);
  EXPECT_LT(r.energy, energies[climbing] - 1e-3);
  Eigen::VectorXd g(2);
  EXPECT_EQ(rosenbrock.evaluate(x, g), r.energy);
}

// f(x) = x⁴/4 − x along d = +1 from 0: φ'(α) = α³ − 1.
class Quartic1d : public Objective {
 public:
  Eigen::Index dimension() const override { return 1; }
  double evaluate(ConstVectorRef x, VectorRef g) override {
    g(0) = x(0) * x(0) * x(0) - 1.0;
    return 0.25 * std::pow(x(0), 4) - x(0);
  }
};

struct LineSearchCase {
  double alpha_init, alpha_max;
};

class LineSearchConditions : public ::testing::TestWithParam<LineSearchCase> {};

TEST_P(LineSearchConditions, AcceptsOnlyStrongWolfePointsOrTheCap) {
  Quartic1d f;
  StoppingCriteria stop;
  IterationObserver none;
  MinimizationTracker tracker(f, stop, none);
  Eigen::VectorXd x0 = Eigen::VectorXd::Zero(1), g0(1), d = Eigen::VectorXd::Ones(1), x(1), g(1);
  const double f0 = f.evaluate(x0, g0);
  const LineSearchConfig config{1e-4, 0.1, 20};
  const auto [alpha_init, alpha_max] = GetParam();
  const LineSearchResult r = line_search(tracker, x0, f0, g0, d, alpha_init, alpha_max, x, g, config);
  ASSERT_TRUE(r.success);
  EXPECT_DOUBLE_EQ(x(0), r.alpha);
  EXPECT_LE(r.alpha, alpha_max);
  EXPECT_LE(r.value, f0 + 1e-4 * r.alpha * g0.dot(d));
  const double slope = g.dot(d);
  const bool strong_wolfe = std::abs(slope) <= 0.1 * std::abs(g0.dot(d));
  const bool capped_descending = r.alpha == alpha_max && slope < 0.0;
  EXPECT_TRUE(strong_wolfe || capped_descending) << "alpha " << r.alpha << " slope " << slope;
  if (alpha_max < 0.5) {
    EXPECT_TRUE(capped_descending);
  }
  Eigen::VectorXd g_check(1);
  EXPECT_EQ(f.evaluate(x, g_check), r.value);
  EXPECT_EQ(g_check(0), g(0));
}

INSTANTIATE_TEST_SUITE_P(Starts, LineSearchConditions,
                         ::testing::Values(LineSearchCase{1e-3, 10.0},  // expands
                                           LineSearchCase{8.0, 10.0},   // zooms back
                                           LineSearchCase{1.0, 1.0},    // exact minimum at 1
                                           LineSearchCase{0.1, 0.3}));  // capped

// Infinite beyond x = 0.5: a non-finite value must be treated as a step that went too far.
class WalledQuadratic : public Objective {
 public:
  Eigen::Index dimension() const override { return 1; }
  double evaluate(ConstVectorRef x, VectorRef g) override {
    g(0) = x(0) - 2.0;
    return x(0) > 0.5 ? std::numeric_limits<double>::infinity() : 0.5 * (x(0) - 2.0) * (x(0) - 2.0);
  }
};

TEST(LineSearch, BacksOffFromNonFiniteValues) {
  WalledQuadratic f;
  StoppingCriteria stop;
  IterationObserver none;
  MinimizationTracker tracker(f, stop, none);
  Eigen::VectorXd x0 = Eigen::VectorXd::Zero(1), g0(1), d = Eigen::VectorXd::Ones(1), x(1), g(1);
  const double f0 = f.evaluate(x0, g0);
  const LineSearchResult r = line_search(tracker, x0, f0, g0, d, 3.0, 5.0, x, g, LineSearchConfig{});
  ASSERT_TRUE(r.success);
  EXPECT_LE(x(0), 0.5);
  EXPECT_GT(x(0), 0.0);
  EXPECT_LT(r.value, f0);
}

TEST(LineSearch, FailsOnAnAscentDirectionAndRestoresTheStart) {
  Quartic1d f;
  StoppingCriteria stop;
  IterationObserver none;
  MinimizationTracker tracker(f, stop, none);
  Eigen::VectorXd x0 = Eigen::VectorXd::Zero(1), g0(1), d = -Eigen::VectorXd::Ones(1), x(1), g(1);
  const double f0 = f.evaluate(x0, g0);
  const LineSearchResult r = line_search(tracker, x0, f0, g0, d, 1.0, 1.0, x, g, LineSearchConfig{});
  EXPECT_FALSE(r.success);
  EXPECT_EQ(x(0), 0.0);
  EXPECT_EQ(g(0), g0(0));
}

TEST(MinimizerSettings, InvalidValuesAreErrors) {
  StoppingCriteria stop;
  stop.fmax = -1.0;
  EXPECT_THROW(stop.validate(), Error);
  stop = {};
  stop.etol = std::numeric_limits<double>::infinity();
  EXPECT_THROW(stop.validate(), Error);
  stop = {};
  stop.max_evaluations = 0;
  EXPECT_THROW(stop.validate(), Error);

  FireConfig fire;
  fire.dt_min = 2.0 * fire.dt;
  EXPECT_THROW(Fire{fire}, Error);
  fire = {};
  fire.dt_shrink = 1.5;
  EXPECT_THROW(Fire{fire}, Error);

  ConjugateGradientConfig cg;
  cg.line_search.curvature = 1e-5;  // below c1
  EXPECT_THROW(ConjugateGradient{cg}, Error);
  cg = {};
  cg.max_step = 0.0;
  EXPECT_THROW(ConjugateGradient{cg}, Error);

  LbfgsConfig lbfgs;
  lbfgs.memory = 0;
  EXPECT_THROW(Lbfgs{lbfgs}, Error);
  lbfgs = {};
  lbfgs.initial_step = 2.0 * lbfgs.max_step;
  EXPECT_THROW(Lbfgs{lbfgs}, Error);
}

TEST(MinimizerRegistry, UnknownNamesListTheValidOnes) {
  EXPECT_EQ(make_minimizer("cg")->name(), "cg");
  EXPECT_EQ(make_minimizer("fire")->name(), "fire");
  EXPECT_EQ(make_minimizer("lbfgs")->name(), "lbfgs");
  try {
    make_minimizer("bfgs");
    FAIL() << "no error for an unknown minimizer";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'bfgs'"), std::string::npos) << what;
    EXPECT_NE(what.find("fire, cg, lbfgs"), std::string::npos) << what;
  }
}

TEST(StopReasonNames, AreTheDocumentedStrings) {
  EXPECT_STREQ(to_string(StopReason::converged_force), "converged-force");
  EXPECT_STREQ(to_string(StopReason::converged_energy), "converged-energy");
  EXPECT_STREQ(to_string(StopReason::max_iterations), "max-iterations");
  EXPECT_STREQ(to_string(StopReason::max_evaluations), "max-evaluations");
  EXPECT_STREQ(to_string(StopReason::line_search_failed), "line-search-failed");
  EXPECT_STREQ(to_string(StopReason::fire_stalled), "fire-stalled");
}

}  // namespace
}  // namespace pelcamp
