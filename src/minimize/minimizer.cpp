#include "pelcamp/minimize/minimizer.hpp"

#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

const char* to_string(StopReason reason) {
  switch (reason) {
    case StopReason::converged_force: return "converged-force";
    case StopReason::converged_energy: return "converged-energy";
    case StopReason::max_iterations: return "max-iterations";
    case StopReason::max_evaluations: return "max-evaluations";
    case StopReason::line_search_failed: return "line-search-failed";
    case StopReason::fire_stalled: return "fire-stalled";
  }
  return "unknown";
}

void StoppingCriteria::validate() const {
  if (!(fmax >= 0.0) || !std::isfinite(fmax))
    throw Error(fmt::format("minimize: fmax must be a finite number >= 0 (0 disables it), got {}", fmax));
  if (!(etol >= 0.0) || !std::isfinite(etol))
    throw Error(fmt::format("minimize: etol must be a finite number >= 0 (0 disables it), got {}", etol));
  if (max_iterations < 0)
    throw Error(fmt::format("minimize: max_iterations must be >= 0, got {}", max_iterations));
  if (max_evaluations < 1)
    throw Error(fmt::format("minimize: max_evaluations must be >= 1, got {}", max_evaluations));
}

bool energy_change_converged(double energy, double previous_energy, double etol) {
  constexpr double eps_energy = 1e-8;  // LAMMPS EPS_ENERGY
  return etol > 0.0 && std::abs(energy - previous_energy) <
                           etol * 0.5 * (std::abs(energy) + std::abs(previous_energy) + eps_energy);
}

MinimizationTracker::MinimizationTracker(Objective& objective, const StoppingCriteria& stop,
                                         const IterationObserver& observer)
    : objective_(objective), stop_(stop), observer_(observer) {
  stop_.validate();
}

double MinimizationTracker::evaluate(ConstVectorRef x, VectorRef gradient) {
  ++evaluations_;
  return objective_.evaluate(x, gradient);
}

double MinimizationTracker::evaluate_start(ConstVectorRef x, VectorRef gradient) {
  const double e = evaluate(x, gradient);
  if (!std::isfinite(e) || !gradient.allFinite())
    throw Error(fmt::format("minimize: the objective is not finite at the starting point "
                            "(value {}); check for overlapping atoms or a collapsed box", e));
  return e;
}

std::optional<StopReason> MinimizationTracker::start(double energy, ConstVectorRef gradient) {
  if (observer_) observer_({0, evaluations_, energy, objective_.gradient_measure(gradient)});
  if (stop_.fmax > 0.0 && objective_.converged(gradient, stop_.fmax))
    return StopReason::converged_force;
  if (stop_.max_iterations == 0) return StopReason::max_iterations;
  if (evaluations_exhausted()) return StopReason::max_evaluations;
  return std::nullopt;
}

std::optional<StopReason> MinimizationTracker::end_iteration(double energy, double previous_energy,
                                                             ConstVectorRef gradient,
                                                             bool energy_test) {
  ++iterations_;
  if (observer_)
    observer_({iterations_, evaluations_, energy, objective_.gradient_measure(gradient)});
  if (stop_.fmax > 0.0 && objective_.converged(gradient, stop_.fmax))
    return StopReason::converged_force;
  if (energy_test && energy_change_converged(energy, previous_energy, stop_.etol))
    return StopReason::converged_energy;
  if (iterations_ >= stop_.max_iterations) return StopReason::max_iterations;
  if (evaluations_exhausted()) return StopReason::max_evaluations;
  return std::nullopt;
}

MinimizeResult MinimizationTracker::result(double energy, ConstVectorRef gradient,
                                           StopReason reason) const {
  MinimizeResult r;
  r.energy = energy;
  r.fmax = objective_.gradient_measure(gradient);
  r.iterations = iterations_;
  r.evaluations = evaluations_;
  r.reason = reason;
  return r;
}

}  // namespace pelcamp
