#include "pelcamp/saddle/artn.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/saddle/hessian_operator.hpp"
#include "pelcamp/saddle/rigid_body_modes.hpp"

namespace pelcamp {

const char* to_string(ArtnOutcome outcome) {
  switch (outcome) {
    case ArtnOutcome::success: return "success";
    case ArtnOutcome::basin_not_left: return "basin-not-left";
    case ArtnOutcome::eigenvalue_lost: return "eigenvalue-lost";
    case ArtnOutcome::max_activation_steps: return "max-activation-steps";
    case ArtnOutcome::not_connected: return "not-connected";
    case ArtnOutcome::final_is_initial: return "final-is-initial";
  }
  return "unknown";
}

bool ArtnResult::saddle_converged() const {
  return outcome == ArtnOutcome::success || outcome == ArtnOutcome::not_connected ||
         outcome == ArtnOutcome::final_is_initial;
}

namespace {

void require(bool ok, const char* field, double value, const char* allowed) {
  if (!ok) throw Error(fmt::format("artn {} = {}: must be {}", field, value, allowed));
}

// Counts every evaluation (force call) of the wrapped objective.
class CountingObjective : public Objective {
 public:
  explicit CountingObjective(Objective& inner) : inner_(inner) {}
  Eigen::Index dimension() const override { return inner_.dimension(); }
  double evaluate(ConstVectorRef x, VectorRef gradient) override {
    ++calls_;
    return inner_.evaluate(x, gradient);
  }
  double gradient_measure(ConstVectorRef g) const override { return inner_.gradient_measure(g); }
  double step_measure(ConstVectorRef s) const override { return inner_.step_measure(s); }
  long calls() const { return calls_; }

 private:
  Objective& inner_;
  long calls_ = 0;
};

// The objective restricted to the hyperplane through the current point orthogonal to the
// unit vector u: the gradient loses its component along u, so a minimizer relaxes only the
// perpendicular forces (ART's perpendicular relaxation).
class PerpendicularObjective : public Objective {
 public:
  PerpendicularObjective(Objective& inner, const Eigen::VectorXd& u) : inner_(inner), u_(u) {}
  Eigen::Index dimension() const override { return inner_.dimension(); }
  double evaluate(ConstVectorRef x, VectorRef gradient) override {
    const double value = inner_.evaluate(x, gradient);
    gradient -= gradient.dot(u_) * u_;
    return value;
  }
  double gradient_measure(ConstVectorRef g) const override { return inner_.gradient_measure(g); }
  double step_measure(ConstVectorRef s) const override { return inner_.step_measure(s); }

 private:
  Objective& inner_;
  const Eigen::VectorXd& u_;
};

}  // namespace

void ArtnConfig::validate() const {
  require(basin.initial_displacement > 0, "basin.initial_displacement", basin.initial_displacement, "> 0");
  require(basin.push_step > 0, "basin.push_step", basin.push_step, "> 0");
  require(basin.max_pushes >= 1, "basin.max_pushes", basin.max_pushes, "≥ 1");
  require(basin.relax_steps >= 0, "basin.relax_steps", basin.relax_steps, "≥ 0");
  require(basin.eigenvalue_threshold < 0, "basin.eigenvalue_threshold", basin.eigenvalue_threshold, "< 0");
  require(basin.unchecked_pushes >= 0, "basin.unchecked_pushes", basin.unchecked_pushes, "≥ 0");
  require(basin.lanczos_tolerance > 0, "basin.lanczos_tolerance", basin.lanczos_tolerance, "> 0");
  require(basin.lanczos_min_krylov >= 1, "basin.lanczos_min_krylov", basin.lanczos_min_krylov, "≥ 1");
  require(activation.force_tolerance > 0, "activation.force_tolerance", activation.force_tolerance, "> 0");
  require(activation.max_eigen_step > 0, "activation.max_eigen_step", activation.max_eigen_step, "> 0");
  require(activation.relax_steps >= 0, "activation.relax_steps", activation.relax_steps, "≥ 0");
  require(activation.max_steps >= 1, "activation.max_steps", activation.max_steps, "≥ 1");
  require(activation.max_returns >= 0, "activation.max_returns", activation.max_returns, "≥ 0");
  require(activation.lost_grace_steps >= 0, "activation.lost_grace_steps", activation.lost_grace_steps, "≥ 0");
  require(activation.eigenvalue_lost <= 0, "activation.eigenvalue_lost", activation.eigenvalue_lost, "≤ 0");
  require(activation.eigenvalue_lost > basin.eigenvalue_threshold, "activation.eigenvalue_lost",
          activation.eigenvalue_lost, "above basin.eigenvalue_threshold");
  require(relax.saddle_push > 0, "relax.saddle_push", relax.saddle_push, "> 0");
  require(relax.force_tolerance > 0, "relax.force_tolerance", relax.force_tolerance, "> 0");
  require(relax.max_iterations >= 1, "relax.max_iterations", double(relax.max_iterations), "≥ 1");
  require(relax.same_minimum_distance > 0, "relax.same_minimum_distance", relax.same_minimum_distance, "> 0");
  require(fd_step > 0, "fd_step", fd_step, "> 0");
  lanczos.validate();
  make_minimizer(minimizer);  // throws for an unknown name, listing the valid ones
}

ArtnSearch::ArtnSearch(Objective& objective, ArtnConfig config, HessianAt hessian)
    : objective_(objective), config_(std::move(config)), hessian_(std::move(hessian)) {
  config_.validate();
}

ArtnResult ArtnSearch::run(ConstVectorRef initial, ConstVectorRef direction) {
  const Eigen::Index n = objective_.dimension();
  if (initial.size() != n || direction.size() != n)
    throw Error(fmt::format("artn: initial point ({}) and direction ({}) must have {} variables",
                            initial.size(), direction.size(), n));
  if ((config_.project_rigid_body || config_.project_translations) && n % 3 != 0)
    throw Error(fmt::format("artn: projecting rigid-body modes needs 3N position variables, got {}", n));
  if (!(direction.norm() > 0.0) || !direction.allFinite())
    throw Error("artn: the perturbation direction must be finite and nonzero");

  final_.resize(0);  // set again only when the saddle converges
  CountingObjective counted(objective_);
  const std::unique_ptr<Minimizer> minimizer = make_minimizer(config_.minimizer);
  ArtnResult result;
  Eigen::VectorXd gradient(n);
  const Eigen::VectorXd x0 = initial;
  result.energy_initial = counted.evaluate(x0, gradient);

  // The push itself carries no rigid-body motion, so a connected search returns to x₀
  // itself rather than a rotated copy of it.
  Eigen::VectorXd push = direction;
  const Eigen::MatrixXd translations =
      config_.project_translations && !config_.project_rigid_body ? translation_modes(n / 3) : Eigen::MatrixXd();
  if (config_.project_rigid_body || config_.project_translations) {
    const Eigen::MatrixXd rigid = config_.project_rigid_body ? rigid_body_modes(x0) : translations;
    push -= rigid * (rigid.transpose() * push);
  }
  if (!(push.norm() > 0.0)) throw Error("artn: the perturbation direction is a rigid-body motion");
  push.normalize();
  Eigen::VectorXd x = x0 + config_.basin.initial_displacement * push;
  Eigen::VectorXd mode = push;
  double eigenvalue = 0.0;

  auto relax_perpendicular = [&](const Eigen::VectorXd& u, int steps, double fmax) {
    if (steps == 0) return;
    PerpendicularObjective hyperplane(counted, u);
    StoppingCriteria stop;
    stop.fmax = fmax;
    stop.max_iterations = steps;
    minimizer->minimize(hyperplane, x, stop);
  };
  long hessian_products = 0;  // products of `hessian_` (not objective evaluations)
  // While pushing, Lanczos stops on an absolute eigenvalue change scaled by the threshold.
  LanczosConfig basin_lanczos = config_.lanczos;
  basin_lanczos.relative_tolerance = 0.0;
  basin_lanczos.absolute_tolerance = config_.basin.lanczos_tolerance * -config_.basin.eigenvalue_threshold;
  basin_lanczos.min_krylov = std::min(config_.basin.lanczos_min_krylov, config_.lanczos.max_krylov);
  // Lowest eigenpair at x, restarted from the previous mode (Malek & Mousseau).
  auto update_mode = [&](const LanczosConfig& lanczos) {
    const Eigen::MatrixXd excluded = config_.project_rigid_body ? rigid_body_modes(x) : translations;
    const LanczosResult lowest = lowest_eigenpair(
        hessian_ ? hessian_(x) : finite_difference_hessian(counted, x, config_.fd_step), mode,
        lanczos, {}, excluded);
    if (hessian_) hessian_products += lowest.products;
    eigenvalue = lowest.eigenvalue;
    mode = lowest.eigenvector;
  };
  auto finish = [&](ArtnOutcome outcome) {
    result.outcome = outcome;
    result.force_calls = counted.calls() + hessian_products;
    result.eigenvalue_saddle = eigenvalue;
    result.saddle_displacement = (x - x0).norm();
    saddle_ = x;
    mode_ = mode;
    return result;
  };

  // 1. Leave the basin along the fixed push direction (continuing the push count when the
  // activation returns here).
  int next_push = 1;
  auto leave_basin = [&] {
    for (; next_push <= config_.basin.max_pushes; ++next_push) {
      if (next_push > 1) x += config_.basin.push_step * push;
      result.pushes = next_push;
      relax_perpendicular(push, config_.basin.relax_steps, 0.0);
      // The last allowed push is always checked.
      if (next_push <= config_.basin.unchecked_pushes && next_push < config_.basin.max_pushes) continue;
      update_mode(basin_lanczos);
      if (eigenvalue < config_.basin.eigenvalue_threshold) {
        ++next_push;
        return true;
      }
    }
    return false;
  };
  const bool left = leave_basin();
  result.energy_saddle = counted.evaluate(x, gradient);
  result.saddle_force = counted.gradient_measure(gradient);
  if (!left) return finish(ArtnOutcome::basin_not_left);

  // 2. Activation: invert the force along the lowest mode, relax the others. A lost
  // eigenvalue first gets lost_grace_steps climbs along the last mode that had negative
  // curvature, then sends the search back to pushing along the initial direction, at most
  // max_returns times (pARTn's "new chance").
  const ArtnActivationConfig& act = config_.activation;
  Eigen::VectorXd climb_mode = mode;  // the last mode with negative curvature
  int grace_steps = 0;                // climbs along it since the curvature was lost
  for (int step = 0;; ++step) {
    if (mode.dot(x - x0) < 0.0) mode = -mode;
    result.energy_saddle = counted.evaluate(x, gradient);
    result.saddle_force = counted.gradient_measure(gradient);
    if (eigenvalue > act.eigenvalue_lost && grace_steps < act.lost_grace_steps) {
      // The point that crossed the threshold is strained; relaxing it perpendicular to the
      // mode often falls back onto the convex side of the inflection along that mode (λ > 0)
      // while the force along it still points downhill. Keep climbing along the mode,
      // against that force, by max_eigen_step, instead of pushing again along the initial
      // direction (which overlaps the mode only weakly on CuZr glasses).
      if (step >= act.max_steps) return finish(ArtnOutcome::max_activation_steps);
      ++grace_steps;
      x += (gradient.dot(climb_mode) >= 0.0 ? act.max_eigen_step : -act.max_eigen_step) * climb_mode;
      relax_perpendicular(climb_mode, act.relax_steps, act.force_tolerance);
      mode = climb_mode;  // Lanczos restarts from it
      update_mode(config_.lanczos);
      result.activation_steps = step + 1;
      continue;
    }
    grace_steps = 0;
    if (eigenvalue > act.eigenvalue_lost) {
      if (result.basin_returns == act.max_returns || !leave_basin())
        return finish(ArtnOutcome::eigenvalue_lost);
      ++result.basin_returns;
      continue;
    }
    climb_mode = mode;
    if (result.saddle_force < act.force_tolerance) break;
    if (step >= act.max_steps) return finish(ArtnOutcome::max_activation_steps);
    // Newton step to the maximum along the mode: E(t) ≈ E − (F·e) t + ½ λ t².
    const double force_along = -gradient.dot(mode);
    const double t = std::clamp(force_along / eigenvalue, -act.max_eigen_step, act.max_eigen_step);
    x += t * mode;
    relax_perpendicular(mode, act.relax_steps, act.force_tolerance);
    update_mode(config_.lanczos);
    result.activation_steps = step + 1;
  }

  // 3. Relax to the minima on both sides of the saddle.
  auto relax_from_saddle = [&](double sign, double& energy) {
    Eigen::VectorXd y = x + sign * config_.relax.saddle_push * mode;
    StoppingCriteria stop;
    stop.fmax = config_.relax.force_tolerance;
    stop.max_iterations = config_.relax.max_iterations;
    energy = minimizer->minimize(counted, y, stop).energy;
    return y;
  };
  double energy_forward = 0.0, energy_backward = 0.0;
  const Eigen::VectorXd forward = relax_from_saddle(+1.0, energy_forward);
  const Eigen::VectorXd backward = relax_from_saddle(-1.0, energy_backward);
  auto is_initial = [&](const Eigen::VectorXd& y) {
    const Eigen::VectorXd difference =
        config_.project_rigid_body ? Eigen::VectorXd(aligned_onto(y, x0) - x0) : Eigen::VectorXd(y - x0);
    return counted.step_measure(difference) < config_.relax.same_minimum_distance;
  };
  const bool forward_home = is_initial(forward), backward_home = is_initial(backward);
  result.connected = forward_home || backward_home;
  // The mode points away from x₀, so the forward side is the final minimum unless only the
  // forward side returned home.
  const bool use_backward = forward_home && !backward_home;
  final_ = use_backward ? backward : forward;
  result.energy_final = use_backward ? energy_backward : energy_forward;
  result.final_displacement = (final_ - x0).norm();
  if (forward_home && backward_home) return finish(ArtnOutcome::final_is_initial);
  return finish(result.connected ? ArtnOutcome::success : ArtnOutcome::not_connected);
}

}  // namespace pelcamp
