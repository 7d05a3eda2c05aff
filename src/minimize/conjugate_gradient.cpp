#include "pelcamp/minimize/conjugate_gradient.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

void ConjugateGradientConfig::validate() const {
  if (!(max_step > 0.0) || !std::isfinite(max_step))
    throw Error(fmt::format("cg: max_step must be a positive length, got {}", max_step));
  if (restart_interval < 0)
    throw Error(fmt::format("cg: restart_interval must be >= 0 (0 = dimension), got {}", restart_interval));
  line_search.validate();
}

ConjugateGradient::ConjugateGradient(ConjugateGradientConfig config) : config_(config) {
  config_.validate();
}

MinimizeResult ConjugateGradient::minimize(Objective& objective, VectorRef x,
                                           const StoppingCriteria& stop) {
  MinimizationTracker tracker(objective, stop, observer_);
  const Eigen::Index n = objective.dimension();
  const long restart_interval = config_.restart_interval > 0 ? config_.restart_interval : std::max<long>(n, 1);
  Eigen::VectorXd g(n), g_start(n), x_start(n), d(n);

  double energy = tracker.evaluate_start(x, g);
  if (auto reason = tracker.start(energy, g)) return tracker.result(energy, g, *reason);

  d = -g;
  bool steepest = true;
  long since_restart = 0;
  double previous_alpha = 0.0, previous_slope = 0.0;
  for (;;) {
    double slope = g.dot(d);
    if (!(slope < 0.0)) {
      d = -g;
      slope = -g.squaredNorm();
      steepest = true;
    }
    const double alpha_max = config_.max_step / objective.step_measure(d);
    const double alpha_init =
        previous_alpha > 0.0 ? previous_alpha * previous_slope / slope : alpha_max;
    x_start = x;
    g_start = g;
    const double energy_start = energy;
    const LineSearchResult step = line_search(tracker, x_start, energy_start, g_start, d,
                                              alpha_init, alpha_max, x, g, config_.line_search);
    if (!step.success) {
      if (steepest || tracker.evaluations_exhausted()) {
        energy = tracker.evaluate(x, g);  // x is back at x_start: restore the objective's state
        return tracker.result(energy, g, StopReason::line_search_failed);
      }
      d = -g;
      steepest = true;
      since_restart = 0;
      previous_alpha = 0.0;
      continue;
    }
    energy = step.value;
    if (auto reason = tracker.end_iteration(energy, energy_start, g))
      return tracker.result(energy, g, *reason);

    // Polak–Ribière+, restarted periodically.
    double beta = std::max(0.0, g.dot(g - g_start) / g_start.squaredNorm());
    if (++since_restart >= restart_interval) beta = 0.0;
    if (beta == 0.0) since_restart = 0;
    steepest = beta == 0.0;
    d = beta * d - g;
    previous_alpha = step.alpha;
    previous_slope = slope;
  }
}

}  // namespace pelcamp
