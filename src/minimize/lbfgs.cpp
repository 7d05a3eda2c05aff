#include "pelcamp/minimize/lbfgs.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

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

namespace {

// Circular store of the newest correction pairs and the two-loop recursion.
class CorrectionPairs {
 public:
  CorrectionPairs(Eigen::Index n, int memory) : s_(n, memory), y_(n, memory), rho_(memory), a_(memory) {}

  int size() const { return count_; }
  void clear() { count_ = 0; }

  // Stores s = x − x_old, y = g − g_old when the curvature s·y is positive (relative to
  // |s||y|, against round-off); the pair is built in place in the next free slot.
  void push(ConstVectorRef x, ConstVectorRef x_old, ConstVectorRef g, ConstVectorRef g_old) {
    const int next = (newest_ + 1) % capacity();
    s_.col(next) = x - x_old;
    y_.col(next) = g - g_old;
    const double sy = s_.col(next).dot(y_.col(next));
    if (!(sy > 1e-12 * s_.col(next).norm() * y_.col(next).norm())) {
      // The slot held the oldest pair when the store was full: that pair is gone.
      count_ = std::min(count_, capacity() - 1);
      return;
    }
    newest_ = next;
    rho_(next) = 1.0 / sy;
    count_ = std::min(count_ + 1, capacity());
  }

  // d = −H g by the two-loop recursion (requires size() > 0).
  void direction(ConstVectorRef g, VectorRef d) {
    d = g;
    for (int k = 0; k < count_; ++k) {  // newest to oldest
      const int j = slot(k);
      a_(j) = rho_(j) * s_.col(j).dot(d);
      d -= a_(j) * y_.col(j);
    }
    d *= s_.col(newest_).dot(y_.col(newest_)) / y_.col(newest_).squaredNorm();
    for (int k = count_ - 1; k >= 0; --k) {  // oldest to newest
      const int j = slot(k);
      const double b = rho_(j) * y_.col(j).dot(d);
      d += (a_(j) - b) * s_.col(j);
    }
    d = -d;
  }

 private:
  int capacity() const { return static_cast<int>(rho_.size()); }
  int slot(int age) const { return (newest_ - age + capacity()) % capacity(); }

  Eigen::MatrixXd s_, y_;
  Eigen::VectorXd rho_, a_;
  int count_ = 0;
  int newest_ = -1;
};

}  // namespace

MinimizeResult Lbfgs::minimize(Objective& objective, VectorRef x, const StoppingCriteria& stop) {
  MinimizationTracker tracker(objective, stop, observer_);
  const Eigen::Index n = objective.dimension();
  Eigen::VectorXd g(n), g_start(n), x_start(n), d(n);
  CorrectionPairs pairs(n, config_.memory);

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
