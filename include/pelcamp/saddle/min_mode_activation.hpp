#pragma once
// Min-mode following: an alternative ART nouveau activation, the saddle search of the dimer
// and Lanczos min-mode methods (Henkelman & Jónsson, J. Chem. Phys. 111, 7010 (1999);
// Olsen et al., J. Chem. Phys. 121, 9776 (2004); eOn's MinModeSaddleSearch). With e the
// lowest Hessian eigenvector and λ its eigenvalue at the current point, the search is an
// optimisation on the effective force
//   concave region (λ ≤ eigenvalue_lost):  F_eff = F − 2 (F·e) e,
// which points uphill along e and downhill in every other direction, so its zeros with
// λ < 0 are first-order saddles; and
//   convex region (λ > eigenvalue_lost):   F_eff = −(F·e) e,
// only the uphill component along e, followed by a fixed step along ±e. In the convex region
// a lost negative eigenvalue is therefore not a failure: the search climbs along the softest
// mode until the curvature turns negative again, and gives up (eigenvalue-lost) only when
// the curvature stays positive for more than max_convex_steps consecutive points.
// (ArtnSearch's Newton-perpendicular activation ends at the first positive curvature.)
//
// In the concave region each iteration is one step on F_eff, split along the mode and
// perpendicular to it. Along e, F_eff = −(F·e) e has the curvature |λ|, which Lanczos has
// just measured, so that part is the Newton step to the maximum along e (capped at the mode
// step, as in the Newton-perpendicular activation). Perpendicular to e, F_eff is the force:
// a limited-memory BFGS step on the perpendicular gradient with no line search, capped at
// max_step per atom, its correction pairs projected off the current mode (the mode turns
// from one point to the next) and kept from one iteration to the next. A plain L-BFGS step
// on the whole of F_eff (eOn's) was tried first: with the 0.05 eV/Å tolerance it often
// stopped where the curvature is weak and the force along e just below tolerance, far
// before the saddle, so that both sides relaxed back to the initial minimum. The memory is
// cleared after a convex step, when a pair has no positive curvature, and when the
// quasi-Newton direction is not downhill; with an empty memory, a finite-difference probe of
// length curvature_probe along the perpendicular force (one force call) gives the first pair
// and thus the step scale (eOn's L-BFGS does the same). The lowest mode is refreshed by the
// caller at every iteration (ArtnSearch: Lanczos restarted from the previous mode).
//
// Units are the objective's: lengths (Å), energies (eV), forces (eV/Å), λ (eV/Å²).
#include "pelcamp/minimize/lbfgs_pairs.hpp"
#include "pelcamp/minimize/objective.hpp"

namespace pelcamp {

struct MinModeConfig {
  double max_step = 0.1;  // largest per-atom displacement of a perpendicular step (length)
  // Consecutive activation points in the convex region followed uphill before the
  // eigenvalue counts as lost; 0: lost at the first one (no convex-region rule). 3 rather
  // than 10 on the CuZr glass (3 × 48 searches at seed 002's and 003's settings): fewer
  // successes (0.56 and 0.49 against 0.67 and 0.65) but fewer CPU-s per kept event, fewer
  // not-connected saddles, and searches that also succeed with the Newton-perpendicular
  // activation reach the same saddles more often.
  int max_convex_steps = 3;
  int memory = 10;                // L-BFGS correction pairs perpendicular to the mode
  double curvature_probe = 0.01;  // finite-difference step of the probe (length)

  void validate() const;  // throws pelcamp::Error naming the bad field
};

class MinModeActivation {
 public:
  // `objective` must outlive the activation. `eigenvalue_lost` (energy/length², ≤ 0)
  // separates the concave region from the convex one; a convex step moves `mode_step`
  // (length, Euclidean norm) along the mode, which also caps the Newton step along it.
  MinModeActivation(Objective& objective, MinModeConfig config, double eigenvalue_lost,
                    double mode_step);

  // Records an activation point whose lowest eigenvalue is `eigenvalue`; true when the
  // curvature has now been convex at more than max_convex_steps consecutive points. The
  // optimiser's memory is then cleared, as the activation can only restart elsewhere.
  bool eigenvalue_lost(double eigenvalue);

  // One iteration from x, where the objective's gradient is `gradient` and the lowest
  // eigenpair (`eigenvalue`, unit `mode`) was computed: moves x. In the convex region the
  // step is mode_step uphill along the mode (along `mode` itself when the force has no
  // component on it: orient it away from the initial minimum beforehand, as ART does).
  void step(VectorRef x, ConstVectorRef gradient, ConstVectorRef mode, double eigenvalue);

  int convex_points() const { return convex_points_; }  // all convex points recorded so far

 private:
  void convex_step(VectorRef x, ConstVectorRef gradient, ConstVectorRef mode);
  void concave_step(VectorRef x, ConstVectorRef gradient, ConstVectorRef mode, double eigenvalue);

  Objective& objective_;
  MinModeConfig config_;
  double eigenvalue_lost_;
  double mode_step_;
  LbfgsPairs pairs_;
  bool has_previous_ = false;  // x_previous_, g_previous_ hold the last concave step's start
  Eigen::VectorXd x_previous_, g_previous_, g_perpendicular_, probe_, direction_;
  int consecutive_convex_ = 0;
  int convex_points_ = 0;
};

}  // namespace pelcamp
