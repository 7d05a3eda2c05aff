#pragma once
// Line search shared by conjugate gradient and L-BFGS: bracketing and zoom with safeguarded
// cubic interpolation until the strong Wolfe conditions hold (Nocedal & Wright, Numerical
// Optimization, 2nd ed., Algorithms 3.5 and 3.6):
//   φ(α) ≤ φ(0) + c1 α φ'(0)        (sufficient decrease)
//   |φ'(α)| ≤ c2 |φ'(0)|             (curvature)
// with φ(α) = f(x0 + α d). Steps are capped at α_max, which the caller derives from a largest
// per-atom displacement (as LAMMPS `dmax`): a capped step is accepted on sufficient decrease
// alone. A non-finite value counts as a step that went too far.
//
// Round-off. Close to a minimum the energy change of a step, ~|∇f|²/(2λ), falls below the
// round-off of the energy itself (for 10³ atoms near |∇f| ~ 1e-6), and comparisons of
// measured energies become coin flips: a search that trusted them would stall far above a
// tight force tolerance. So, as in the approximate Wolfe conditions of Hager & Zhang
// (SIAM J. Optim. 16 (2005) 170), when two energies differ by less than the resolution
// ε = energy_resolution · |φ(0)| their difference is replaced by the trapezoid integral of
// the directional derivative, ½(α₂ − α₁)(φ'(α₁) + φ'(α₂)), which has no cancellation error.
// Consequence: an accepted point is never measurably higher — its measured energy exceeds
// φ(0) by at most ε, and only when the derivatives show the true energy went down.
#include "pelcamp/minimize/minimizer.hpp"

namespace pelcamp {

struct LineSearchConfig {
  double sufficient_decrease = 1e-4;  // c1, in (0, c2)
  double curvature = 0.1;             // c2, in (c1, 1): 0.1 for CG, 0.9 for quasi-Newton
  int max_evaluations = 20;           // objective evaluations per line search
  // Relative resolution of energy values (see above); Hager & Zhang use 1e-6, we use a
  // value just above the round-off of large sums.
  double energy_resolution = 1e-12;

  // Throws pelcamp::Error unless 0 < c1 < c2 < 1, max_evaluations >= 2 and
  // 0 <= energy_resolution < 1e-3.
  void validate() const;
};

struct LineSearchResult {
  // True when a point with sufficient decrease was found: then x = x0 + alpha d, `gradient`
  // holds ∇f(x) and the objective's last evaluation was at x. When the evaluation budget ran
  // out before the curvature condition held, the lowest sufficient-decrease point is taken.
  // On failure x = x0 and gradient = g0, but the objective's last evaluation was elsewhere:
  // the caller re-evaluates x0 if it stops there.
  bool success = false;
  double alpha = 0.0;
  double value = 0.0;  // f(x)
};

// Searches along the descent direction d (requires g0·d < 0) from x0, where f = f0 and
// ∇f = g0, trying alpha_init first (clamped to (0, alpha_max]).
LineSearchResult line_search(MinimizationTracker& tracker, ConstVectorRef x0, double f0,
                             ConstVectorRef g0, ConstVectorRef d, double alpha_init,
                             double alpha_max, VectorRef x, VectorRef gradient,
                             const LineSearchConfig& config);

}  // namespace pelcamp
