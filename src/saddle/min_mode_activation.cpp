#include "pelcamp/saddle/min_mode_activation.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

void MinModeConfig::validate() const {
  auto require = [](bool ok, const char* field, double value, const char* allowed) {
    if (!ok) throw Error(fmt::format("artn activation.min_mode.{} = {}: must be {}", field, value, allowed));
  };
  require(max_step > 0, "max_step", max_step, "> 0");
  require(max_convex_steps >= 0, "max_convex_steps", max_convex_steps, "≥ 0");
  require(memory >= 1, "memory", memory, "≥ 1");
  require(curvature_probe > 0, "curvature_probe", curvature_probe, "> 0");
}

MinModeActivation::MinModeActivation(Objective& objective, MinModeConfig config, double eigenvalue_lost,
                                     double mode_step)
    : objective_(objective), config_(config), eigenvalue_lost_(eigenvalue_lost), mode_step_(mode_step),
      pairs_(objective.dimension(), config.memory) {
  config_.validate();
  const Eigen::Index n = objective.dimension();
  x_previous_.resize(n);
  g_previous_.resize(n);
  g_effective_.resize(n);
  probe_.resize(n);
  direction_.resize(n);
}

bool MinModeActivation::eigenvalue_lost(double eigenvalue) {
  if (!(eigenvalue > eigenvalue_lost_)) {
    consecutive_convex_ = 0;
    return false;
  }
  ++convex_points_;
  if (++consecutive_convex_ <= config_.max_convex_steps) return false;
  consecutive_convex_ = 0;
  pairs_.clear();
  has_previous_ = false;
  return true;
}

void MinModeActivation::step(VectorRef x, ConstVectorRef gradient, ConstVectorRef mode, double eigenvalue) {
  if (eigenvalue > eigenvalue_lost_)
    convex_step(x, gradient, mode);
  else
    concave_step(x, gradient, mode);
}

void MinModeActivation::effective_gradient(ConstVectorRef g, ConstVectorRef e, VectorRef out) {
  out = g - 2.0 * g.dot(e) * e;
}

void MinModeActivation::convex_step(VectorRef x, ConstVectorRef gradient, ConstVectorRef mode) {
  // F_eff = −(F·e) e = (g·e) e points uphill along e; a quasi-Newton model of it has the
  // wrong sign of curvature, so it is a fixed step and the memory starts afresh afterwards.
  pairs_.clear();
  has_previous_ = false;
  const double uphill = gradient.dot(mode) < 0.0 ? -1.0 : 1.0;
  x += uphill * mode_step_ * mode;
}

void MinModeActivation::concave_step(VectorRef x, ConstVectorRef gradient, ConstVectorRef mode) {
  effective_gradient(gradient, mode, g_effective_);
  if (has_previous_ && !pairs_.push(x, x_previous_, g_effective_, g_previous_)) pairs_.clear();
  if (pairs_.size() > 0) {
    pairs_.direction(g_effective_, direction_);
    if (!(direction_.dot(g_effective_) < 0.0)) pairs_.clear();
  }
  if (pairs_.size() == 0) {
    // Probe the effective curvature along F_eff with the mode held fixed: the pair (probe
    // step, change of −F_eff) sets the step scale. Negative curvature there: the largest
    // step along F_eff.
    const double norm = g_effective_.norm();
    if (!(norm > 0.0)) return;  // a stationary point of the effective force
    probe_ = x - (config_.curvature_probe / norm) * g_effective_;
    objective_.evaluate(probe_, direction_);
    effective_gradient(direction_, mode, direction_);
    if (pairs_.push(probe_, x, direction_, g_effective_))
      pairs_.direction(g_effective_, direction_);
    else
      direction_ = -g_effective_;
  }
  const double largest = objective_.step_measure(direction_);
  if (largest > config_.max_step || pairs_.size() == 0) direction_ *= config_.max_step / largest;
  x_previous_ = x;
  g_previous_ = g_effective_;
  has_previous_ = true;
  x += direction_;
}

}  // namespace pelcamp
