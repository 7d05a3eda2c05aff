#pragma once
// The minimizer interface shared by FIRE, conjugate gradient and L-BFGS, their stopping
// criteria and result, and the book-keeping they share (evaluation counts, stopping tests,
// observer calls), so each algorithm file holds only its own update rule.
#include <functional>
#include <optional>
#include <string>

#include "pelcamp/minimize/objective.hpp"

namespace pelcamp {

enum class StopReason {
  converged_force,     // gradient measure below fmax (plus the objective's own conditions)
  converged_energy,    // relative energy change below etol
  max_iterations,
  max_evaluations,
  line_search_failed,  // CG / L-BFGS: no decrease found even along steepest descent
  fire_stalled,        // FIRE: too many consecutive uphill steps (LAMMPS "max vdotf negatif")
};

// "converged-force", "converged-energy", "max-iterations", "max-evaluations",
// "line-search-failed", "fire-stalled".
const char* to_string(StopReason reason);

struct StoppingCriteria {
  // Stop when the gradient measure (largest per-atom force norm, force units) is below fmax.
  // 0 disables the test.
  double fmax = 1e-6;
  // Stop when |E_k − E_{k−1}| < etol · ½(|E_k| + |E_{k−1}| + 1e-8) between iterations, the
  // LAMMPS `minimize etol` definition (dimensionless). 0 disables the test.
  double etol = 0.0;
  long max_iterations = 10000;
  // Objective evaluations; checked after each iteration, so one iteration's line search may
  // exceed it by its own evaluations.
  long max_evaluations = 100000;

  // Throws pelcamp::Error naming the bad field and what is allowed.
  void validate() const;
};

struct MinimizeResult {
  double energy = 0.0;  // objective value at the returned point
  double fmax = 0.0;    // gradient measure at the returned point
  long iterations = 0;
  long evaluations = 0;
  StopReason reason = StopReason::max_iterations;
  bool converged() const {
    return reason == StopReason::converged_force || reason == StopReason::converged_energy;
  }
};

// Reported after the initial evaluation (iteration 0) and after every iteration, for the
// point the minimizer currently holds.
struct IterationRecord {
  long iteration = 0;
  long evaluations = 0;
  double energy = 0.0;
  double fmax = 0.0;
};
using IterationObserver = std::function<void(const IterationRecord&)>;

class Minimizer {
 public:
  virtual ~Minimizer() = default;
  virtual std::string name() const = 0;

  // Minimizes `objective` starting from x; on return x holds the returned point and the
  // objective's last evaluation was at x (so state it keeps, such as a configuration,
  // describes the result). Throws pelcamp::Error when the starting point is not finite.
  virtual MinimizeResult minimize(Objective& objective, VectorRef x,
                                  const StoppingCriteria& stop) = 0;

  void set_observer(IterationObserver observer) { observer_ = std::move(observer); }

 protected:
  IterationObserver observer_;
};

// LAMMPS energy-tolerance test (min.cpp, EPS_ENERGY = 1e-8).
bool energy_change_converged(double energy, double previous_energy, double etol);

// Evaluation counting, stopping tests and observer calls for one minimization.
class MinimizationTracker {
 public:
  MinimizationTracker(Objective& objective, const StoppingCriteria& stop,
                      const IterationObserver& observer);

  // Counted evaluation.
  double evaluate(ConstVectorRef x, VectorRef gradient);
  // Evaluates the starting point; throws pelcamp::Error when it is not finite.
  double evaluate_start(ConstVectorRef x, VectorRef gradient);

  // Ends iteration `iteration` at a point with `energy` and `gradient` (the last evaluated
  // point): notifies the observer and returns why to stop, if any. The energy test is applied
  // only when `energy_test` is true (FIRE skips it right after a velocity reset).
  std::optional<StopReason> end_iteration(double energy, double previous_energy,
                                          ConstVectorRef gradient, bool energy_test = true);
  // Convergence test of the starting point (iteration 0), also reported to the observer.
  std::optional<StopReason> start(double energy, ConstVectorRef gradient);

  MinimizeResult result(double energy, ConstVectorRef gradient, StopReason reason) const;
  long iterations() const { return iterations_; }
  long evaluations() const { return evaluations_; }
  bool evaluations_exhausted() const { return evaluations_ >= stop_.max_evaluations; }

 private:
  Objective& objective_;
  const StoppingCriteria& stop_;
  const IterationObserver& observer_;
  long iterations_ = 0;
  long evaluations_ = 0;
};

}  // namespace pelcamp
