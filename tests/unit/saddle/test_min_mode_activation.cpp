#include <fmt/format.h>
#include <gtest/gtest.h>

#include "pelcamp/core/rng.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/saddle/artn.hpp"
#include "saddle/saddle_test_support.hpp"

namespace pelcamp {
namespace {

ArtnConfig muller_brown_config() {
  ArtnConfig c;
  c.basin.initial_displacement = 0.05;
  c.basin.push_step = 0.05;
  c.basin.max_pushes = 40;
  c.basin.eigenvalue_threshold = -100.0;
  c.activation.force_tolerance = 1e-3;
  c.activation.max_eigen_step = 0.05;
  c.activation.min_mode.max_step = 0.05;
  c.activation.min_mode.curvature_probe = 1e-3;
  c.relax.saddle_push = 0.02;
  c.relax.force_tolerance = 1e-5;
  c.relax.same_minimum_distance = 0.02;
  c.fd_step = 1e-5;
  return c;
}

TEST(MinModeExplore, MullerBrown) {
  testing::MullerBrownObjective surface;
  for (Eigen::Vector2d start : {Eigen::Vector2d(-0.558, 1.442), Eigen::Vector2d(0.623, 0.028)}) {
    Eigen::VectorXd x0 = start;
    StoppingCriteria stop;
    stop.fmax = 1e-8;
    make_minimizer("lbfgs")->minimize(surface, x0, stop);
    for (double thr : {-100.0, -10.0, -1.0}) {
      ArtnConfig classic = muller_brown_config();
      classic.basin.eigenvalue_threshold = thr;
      ArtnConfig mm = classic;
      mm.activation.method = ActivationMethod::min_mode;
      ArtnSearch a(surface, classic), b(surface, mm);
      for (int k = 0; k < 24; ++k) {
        const double angle = 2 * M_PI * k / 24;
        const Eigen::Vector2d d(std::cos(angle), std::sin(angle));
        const ArtnResult ra = a.run(x0, d), rb = b.run(x0, d);
        fmt::print("thr {} k {:2d} classic {:20s} ({:.3f},{:.3f}) calls {:4d} | minmode {:20s} ({:.3f},{:.3f}) calls {:4d} steps {}\n",
                   thr, k, to_string(ra.outcome), a.saddle()[0], a.saddle()[1], ra.force_calls,
                   to_string(rb.outcome), b.saddle()[0], b.saddle()[1], rb.force_calls, rb.activation_steps);
      }
    }
  }
}

}  // namespace
}  // namespace pelcamp
