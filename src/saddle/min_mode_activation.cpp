#include "pelcamp/saddle/min_mode_activation.hpp"

#include <fmt/format.h>

#include <algorithm>

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
  g_perpendicular_.resize(n);
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
  if (eigenvalue > eigenvalue_lost_ || !(eigenvalue < 0.0))
    convex_step(x, gradient, mode);
  else
    concave_step(x, gradient, mode, eigenvalue);
}

void MinModeActivation::convex_step(VectorRef x, ConstVectorRef gradient, ConstVectorRef mode) {
  // F_eff = −(F·e) e = (g·e) e points uphill along e; a quasi-Newton model of it has the
  // wrong sign of curvature, so it is a fixed step and the memory starts afresh afterwards.
  pairs_.clear();
  has_previous_ = false;
  const double uphill = gradient.dot(mode) < 0.0 ? -1.0 : 1.0;
  x += uphill * mode_step_ * mode;
}

void MinModeActivation::concave_step(VectorRef x, ConstVectorRef gradient, ConstVectorRef mode, double eigenvalue) {
  // Along the mode F_eff = −(F·e) e has the curvature |λ|, known from Lanczos: its Newton
  // step t = (g·e)/|λ| goes to the maximum along e (capped at mode_step). Perpendicular to
  // the mode F_eff is the force itself: L-BFGS steps on the perpendicular gradient, with pairs
  // projected on the current hyperplane (the mode turns from one point to the next).
  const double along = gradient.dot(mode);
  const double t = std::clamp(along / -eigenvalue, -mode_step_, mode_step_);
  g_perpendicular_ = gradient - along * mode;
  if (has_previous_) {
    // The pair s = P (x − x_prev), y = g⊥ − P g⊥_prev, P the projector off the current mode:
    // x_prev becomes x − s.
    x_previous_ -= x;
    x_previous_ -= x_previous_.dot(mode) * mode;
    x_previous_ += x;
    g_previous_ -= g_previous_.dot(mode) * mode;
    if (!pairs_.push(x, x_previous_, g_perpendicular_, g_previous_))
      pairs_.clear();
  }
  if (pairs_.size() > 0) {
    pairs_.direction(g_perpendicular_, direction_);
    if (!(direction_.dot(g_perpendicular_) < 0.0)) pairs_.clear();
  }
  const double norm = g_perpendicular_.norm();
  if (pairs_.size() == 0 && norm > 0.0) {
    // Probe the curvature along the perpendicular force: the pair (probe step, change of
    // the perpendicular gradient) sets the step scale. Negative curvature there: the
    // largest step along the force.
    probe_ = x - (config_.curvature_probe / norm) * g_perpendicular_;
    objective_.evaluate(probe_, direction_);
    direction_ -= direction_.dot(mode) * mode;
    if (pairs_.push(probe_, x, direction_, g_perpendicular_))
      pairs_.direction(g_perpendicular_, direction_);
    else
      direction_ = -g_perpendicular_;
  }
  if (norm > 0.0) {
    direction_ -= direction_.dot(mode) * mode;
    const double largest = objective_.step_measure(direction_);
    if (largest > config_.max_step || pairs_.size() == 0) direction_ *= config_.max_step / largest;
  } else {
    direction_.setZero();
  }
  x_previous_ = x;
  g_previous_ = g_perpendicular_;
  has_previous_ = true;
  x += t * mode + direction_;
}

}  // namespace pelcamp
