#include "pelcamp/minimize/fire.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

void FireConfig::validate() const {
  auto positive = [](double v) { return v > 0.0 && std::isfinite(v); };
  if (!positive(dt) || !positive(dt_max) || !positive(dt_min) || !(dt_min <= dt && dt <= dt_max))
    throw Error(fmt::format("fire: need 0 < dt_min <= dt <= dt_max, got dt_min {} dt {} dt_max {}",
                            dt_min, dt, dt_max));
  if (!(dt_grow >= 1.0)) throw Error(fmt::format("fire: dt_grow must be >= 1, got {}", dt_grow));
  if (!(dt_shrink > 0.0 && dt_shrink < 1.0))
    throw Error(fmt::format("fire: dt_shrink must be in (0, 1), got {}", dt_shrink));
  if (!(alpha0 >= 0.0 && alpha0 <= 1.0))
    throw Error(fmt::format("fire: alpha0 must be in [0, 1], got {}", alpha0));
  if (!(alpha_shrink > 0.0 && alpha_shrink <= 1.0))
    throw Error(fmt::format("fire: alpha_shrink must be in (0, 1], got {}", alpha_shrink));
  if (delay_steps < 0) throw Error(fmt::format("fire: delay_steps must be >= 0, got {}", delay_steps));
  if (!positive(max_step)) throw Error(fmt::format("fire: max_step must be a positive length, got {}", max_step));
  if (max_uphill_steps < 1)
    throw Error(fmt::format("fire: max_uphill_steps must be >= 1, got {}", max_uphill_steps));
  if (!(energy_resolution >= 0.0))
    throw Error(fmt::format("fire: energy_resolution must be >= 0, got {}", energy_resolution));
}

Fire::Fire(FireConfig config) : config_(config) { config_.validate(); }

MinimizeResult Fire::minimize(Objective& objective, VectorRef x, const StoppingCriteria& stop) {
  MinimizationTracker tracker(objective, stop, observer_);
  const FireConfig& c = config_;
  const Eigen::Index n = objective.dimension();
  Eigen::VectorXd g(n), v = Eigen::VectorXd::Zero(n), x_best(n);

  double energy = tracker.evaluate_start(x, g);
  if (auto reason = tracker.start(energy, g)) return tracker.result(energy, g, *reason);

  double best_energy = energy;
  x_best = x;
  auto above_best = [&](double e) {
    return e > best_energy + c.energy_resolution * std::abs(best_energy);
  };
  long last_uphill = 0;  // iteration of the last uphill step (or velocity reset)
  double dt = c.dt, alpha = c.alpha0;
  // Back to the lowest point visited, at rest.
  auto restart_from_best = [&](long iteration) {
    x = x_best;
    v.setZero();
    alpha = c.alpha0;
    last_uphill = iteration;
    energy = tracker.evaluate(x, g);
  };

  long uphill_run = 0;
  for (long iteration = 1;; ++iteration) {
    const double power = -g.dot(v);
    const bool downhill = power > 0.0;
    if (downhill) {
      uphill_run = 0;
      if (iteration - last_uphill > c.delay_steps) {
        dt = std::min(dt * c.dt_grow, c.dt_max);
        alpha *= c.alpha_shrink;
      }
    } else {
      last_uphill = iteration;
      if (!(c.initial_delay && iteration <= c.delay_steps)) {
        alpha = c.alpha0;
        if (dt * c.dt_shrink >= c.dt_min) dt *= c.dt_shrink;
      }
      if (++uphill_run > c.max_uphill_steps) {
        if (above_best(energy)) restart_from_best(iteration);
        return tracker.result(energy, g, StopReason::fire_stalled);
      }
      if (c.half_step_back) x -= 0.5 * dt * v;
      v.setZero();
    }

    // Semi-implicit Euler step with unit masses; FIRE mixing after the velocity update.
    v -= dt * g;
    if (downhill) {
      const double gnorm = g.norm();
      const double mix = gnorm > 0.0 ? alpha * v.norm() / gnorm : 0.0;
      v = (1.0 - alpha) * v - mix * g;
    }
    // Cap the displacement; the velocity is scaled with it so that it stays the velocity of
    // the step actually taken (and a later half step back stays within max_step / 2).
    const double largest = objective.step_measure(v) * dt;
    if (largest > c.max_step) v *= c.max_step / largest;
    x += dt * v;

    const double previous_energy = energy;
    energy = tracker.evaluate(x, g);
    if (!std::isfinite(energy) || !g.allFinite()) {
      // Stepped out of the objective's domain: back to the lowest point, slower.
      dt = std::max(dt * c.dt_shrink, c.dt_min);
      restart_from_best(iteration);
    } else if (energy < best_energy) {
      best_energy = energy;
      x_best = x;
    }

    const auto reason =
        tracker.end_iteration(energy, previous_energy, g, iteration - last_uphill > c.delay_steps);
    if (!reason) continue;
    if (!above_best(energy)) return tracker.result(energy, g, *reason);
    const bool converged = *reason == StopReason::converged_force || *reason == StopReason::converged_energy;
    restart_from_best(iteration);
    if (!converged || (stop.fmax > 0.0 && objective.converged(g, stop.fmax)))
      return tracker.result(energy, g, converged ? StopReason::converged_force : *reason);
  }
}

}  // namespace pelcamp
