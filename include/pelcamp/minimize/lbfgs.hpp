#pragma once
// Limited-memory BFGS: the two-loop recursion over the last `memory` correction pairs
// (s = Δx, y = Δ∇f) with the initial inverse Hessian γI, γ = s·y / y·y of the newest pair
// (Nocedal & Wright, Numerical Optimization, Algorithm 7.4 and eq. 7.20), followed by the
// strong-Wolfe line search of line_search.hpp (c2 = 0.9, unit step tried first). Steps are
// capped at `max_step` per atom; pairs without positive curvature are skipped; the memory
// is cleared when the quasi-Newton direction is not downhill or its line search fails, and a
// failure along steepest descent stops with line-search-failed. Accepted energies never
// increase.
#include "pelcamp/minimize/line_search.hpp"
#include "pelcamp/minimize/minimizer.hpp"

namespace pelcamp {

struct LbfgsConfig {
  int memory = 10;  // correction pairs kept (m)
  // Largest per-atom displacement of one step (length units).
  double max_step = 0.2;
  // With no curvature information (first step, after a reset) the steepest-descent trial
  // step moves the fastest atom this far (length units).
  double initial_step = 0.05;
  LineSearchConfig line_search{1e-4, 0.9, 20};

  void validate() const;  // throws pelcamp::Error
};

class Lbfgs : public Minimizer {
 public:
  explicit Lbfgs(LbfgsConfig config = {});
  std::string name() const override { return "lbfgs"; }
  MinimizeResult minimize(Objective& objective, VectorRef x, const StoppingCriteria& stop) override;

 private:
  LbfgsConfig config_;
};

}  // namespace pelcamp
