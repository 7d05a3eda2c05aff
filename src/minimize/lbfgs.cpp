#include "pelcamp/minimize/lbfgs.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/lbfgs_pairs.hpp"

namespace pelcamp {

void LbfgsConfig::validate() const {
  if (memory < 1) throw Error(fmt::format("lbfgs: memory must be >= 1, got {}", memory));
  if (!(max_step > 0.0) || !std::isfinite(max_step))
    throw Error(fmt::format("lbfgs: max_step must be a positive length, got {}", max_step));
  if (!(initial_step > 0.0) || !(initial_step <= max_step))
    throw Error(fmt::format("lbfgs: initial_step must be in (0, max_step = {}], got {}", max_step,
                            initial_step));
  line_search.validate();
}

Lbfgs::Lbfgs(LbfgsConfig config) : config_(config) { config_.validate(); }

MinimizeResult Lbfgs::minimize(Objective& objective, VectorRef x, const StoppingCriteria& stop) {
  MinimizationTracker tracker(objective, stop, observer_);
  const Eigen::Index n = objective.dimension();
  Eigen::VectorXd g(n), g_start(n), x_start(n), d(n);
  LbfgsPairs pairs(n, config_.memory);

  double energy = tracker.evaluate_start(x, g);
  if (auto reason = tracker.start(energy, g)) return tracker.result(energy, g, *reason);

  for (;;) {
    double alpha_init = 1.0;
    if (pairs.size() > 0) pairs.direction(g, d);
    if (pairs.size() == 0 || !(g.dot(d) < 0.0)) {
      pairs.clear();
      d = -g;
      alpha_init = config_.initial_step / objective.step_measure(d);
    }
    const double alpha_max = config_.max_step / objective.step_measure(d);
    x_start = x;
    g_start = g;
    const double energy_start = energy;
    const LineSearchResult step =
        line_search(tracker, x_start, energy_start, g_start, d, std::min(alpha_init, alpha_max),
                    alpha_max, x, g, config_.line_search);
    if (!step.success) {
      if (pairs.size() == 0 || tracker.evaluations_exhausted()) {
        energy = tracker.evaluate(x, g);  // x is back at x_start: restore the objective's state
        return tracker.result(energy, g, StopReason::line_search_failed);
      }
      pairs.clear();
      continue;
    }
    energy = step.value;
    pairs.push(x, x_start, g, g_start);
    if (auto reason = tracker.end_iteration(energy, energy_start, g))
      return tracker.result(energy, g, *reason);
  }
}

}  // namespace pelcamp
