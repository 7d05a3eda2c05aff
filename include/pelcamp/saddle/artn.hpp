#pragma once
// One ART nouveau saddle search on an Objective (Barkema & Mousseau, PRL 77, 4358 (1996);
// Malek & Mousseau, PRE 62, 7723 (2000); refinements of Cancès et al., J. Chem. Phys. 130,
// 114711 (2009) and Machado-Charry et al., J. Chem. Phys. 135, 034102 (2011)):
//
//  1. Leave the basin: from the initial minimum x₀, displace along a given direction d
//     (initial_displacement, then push_step per push), relaxing the forces perpendicular to
//     d for a few steps after each push, until the lowest Hessian eigenvalue (Lanczos on
//     finite-difference Hessian-vector products) drops below eigenvalue_threshold.
//  2. Activation: repeatedly step along the lowest eigenvector e (oriented away from x₀) by
//     the Newton step to the maximum along e, t = (F·e)/λ, capped at max_eigen_step — this
//     inverts the force component along e — then relax the perpendicular forces for a few
//     steps; converged when the largest per-atom force is below force_tolerance. When λ
//     rises above eigenvalue_lost, climb on along the last negative-curvature mode for up to
//     lost_grace_steps steps; if λ stays positive it is a failure (eigenvalue-lost), unless
//     max_returns allows going back to step 1.
//  3. Relax from the saddle to the minima on both sides (x_s ± saddle_push e, full
//     minimization). One side must return to x₀ (the saddle connects to the initial
//     minimum); the other is the final minimum.
//
// Units are the objective's: lengths (Å in metal units), energies (eV), eigenvalues
// energy/length² (eV/Å²), forces energy/length (eV/Å). Displacement sizes are Euclidean
// norms of the whole variable vector (for atoms, over all moved atoms). Defaults are seed
// 002's (Han et al.: perturbation 0.10 Å then 0.15 Å increments, threshold −0.30 eV/Å²,
// saddle at 0.05 eV/Å); seed 003 uses a 0.5 Å total perturbation and −0.01 eV/Å².
#include <functional>
#include <string>

#include "pelcamp/minimize/minimizer.hpp"
#include "pelcamp/saddle/lanczos.hpp"

namespace pelcamp {

struct ArtnBasinConfig {
  double initial_displacement = 0.10;  // norm of the first displacement (length)
  double push_step = 0.15;             // norm of each further push (length)
  int max_pushes = 30;                 // pushes before giving up (basin-not-left)
  int relax_steps = 3;                 // perpendicular minimizer iterations after each push
  double eigenvalue_threshold = -0.30; // leave the basin below this (energy/length²)
  // Pushes made before the first Lanczos (pARTn's ninit): so close to the minimum the lowest
  // eigenvalue cannot be below the threshold, and a Lanczos there costs tens of force calls
  // for nothing. The last of max_pushes is always checked.
  int unchecked_pushes = 2;
  // Lanczos tolerance while pushing, as a fraction of |eigenvalue_threshold| (an absolute
  // eigenvalue change, so it does not tighten as the eigenvalue passes through zero on its
  // way to the threshold): only whether the threshold is crossed matters there. The
  // activation uses ArtnConfig::lanczos.
  double lanczos_tolerance = 0.1;
  // Krylov vectors of each Lanczos while pushing before that tolerance may stop it (see
  // LanczosConfig::min_krylov; at most lanczos.max_krylov): a soft mode that appears away
  // from the previous one must get the chance to show.
  int lanczos_min_krylov = 6;
};

struct ArtnActivationConfig {
  double force_tolerance = 0.05;   // saddle when the largest per-atom force is below (force)
  double max_eigen_step = 0.10;    // cap on the step along the eigenvector (length)
  int relax_steps = 4;             // perpendicular minimizer iterations per activation step
  int max_steps = 300;             // activation steps before giving up (max-activation-steps)
  double eigenvalue_lost = 0.0;    // λ above this during activation: eigenvalue-lost
  // Times a lost eigenvalue sends the search back to pushing along the initial direction
  // (continuing the basin pushes) before eigenvalue-lost is final (pARTn's nnewchance).
  int max_returns = 0;
  // Steps along the last mode that had negative curvature, uphill (against the force along
  // it) by max_eigen_step, each followed by the perpendicular relaxation, when λ rises above
  // eigenvalue_lost — before the loss counts (a return or eigenvalue-lost). The search goes
  // on with the activation as soon as λ is below eigenvalue_lost again. On the annealed
  // 4000-atom CuZr glass (art_search defaults, 3 × 48 searches per setting) 6 takes seed
  // 003's settings (0.5 Å push, −0.01 eV/Å²) from 17 % to 76 % successful searches and seed
  // 002's from 39 % to 75 %, with no eigenvalue-lost left and about 35 % (003) and 20 %
  // (002) less CPU per kept event (4: 74 % and 72 %, a few lost; a climb of 0.15 Å instead
  // of max_eigen_step needs more steps for less). 0 restores the plain return.
  int lost_grace_steps = 6;
};

struct ArtnRelaxConfig {
  double saddle_push = 0.05;            // displacement from the saddle along ±e (length)
  double force_tolerance = 1e-3;        // minimization to the adjacent minima (force)
  long max_iterations = 5000;
  double same_minimum_distance = 0.05;  // same minimum when no atom differs by more (length)
};

struct ArtnConfig {
  ArtnBasinConfig basin;
  ArtnActivationConfig activation;
  ArtnRelaxConfig relax;
  LanczosConfig lanczos;
  double fd_step = 1e-4;              // finite-difference step of Hessian products (length)
  std::string minimizer = "lbfgs";   // perpendicular and final relaxations (registry name)
  // Free clusters (variables = 3N positions in free space): project the rigid-body
  // translations and rotations out of the push and of the Lanczos space, and compare minima
  // after aligning them (see rigid_body_modes.hpp).
  bool project_rigid_body = false;
  // Periodic systems with every atom free: the three uniform translations are zero modes
  // (Lanczos would return λ = 0 before any soft mode below it, and a push with a net
  // translation carries the whole sample away from x₀). Project them out of the push and of
  // the Lanczos space. Not needed when some atoms are frozen (no zero mode is left).
  bool project_translations = false;

  void validate() const;  // throws pelcamp::Error naming the bad field
};

enum class ArtnOutcome {
  success,               // saddle converged, connects to x₀ and to a different minimum
  basin_not_left,        // no eigenvalue below the threshold within max_pushes
  eigenvalue_lost,       // λ rose above eigenvalue_lost during activation
  max_activation_steps,  // the force did not converge within max_steps
  not_connected,         // neither side of the saddle relaxes back to x₀
  final_is_initial,      // both sides relax to x₀
};

// "success", "basin-not-left", "eigenvalue-lost", "max-activation-steps", "not-connected",
// "final-is-initial".
const char* to_string(ArtnOutcome outcome);

struct ArtnResult {
  ArtnOutcome outcome = ArtnOutcome::basin_not_left;
  double energy_initial = 0.0;
  double energy_saddle = 0.0;       // last activation point when activation failed
  double energy_final = 0.0;        // set when the saddle converged
  double eigenvalue_saddle = 0.0;   // lowest eigenvalue at the (last) activation point
  double saddle_force = 0.0;        // largest per-atom force there
  double saddle_displacement = 0.0; // |x_s − x₀| (length)
  double final_displacement = 0.0;  // |x_f − x₀| (length)
  int pushes = 0;
  int activation_steps = 0;
  int basin_returns = 0;            // returns to the basin push after a lost eigenvalue
  long force_calls = 0;             // objective evaluations, Lanczos products included
  bool connected = false;           // one side of the saddle relaxes back to x₀
  bool saddle_converged() const;
};

// The Hessian at a point x as an operator, for the Lanczos solver (e.g. a potential's
// analytic hessian_vector at x). The operator is used only until the next objective
// evaluation and must vanish on variables the objective holds fixed (zero gradient rows).
using HessianAt = std::function<LinearOperator(const Eigen::VectorXd& x)>;

class ArtnSearch {
 public:
  // `objective` must outlive the search; its last evaluated point afterwards is unspecified.
  // Without `hessian`, Lanczos takes central differences of the objective's gradient (two
  // evaluations per product, step fd_step); with it, each product counts as one force call
  // in ArtnResult::force_calls (a scoped analytic CuZr EAM product at one point costs about 0.35 of a force call in time).
  ArtnSearch(Objective& objective, ArtnConfig config, HessianAt hessian = {});

  // Searches from the minimum `initial` along `direction` (any nonzero vector; normalised).
  ArtnResult run(ConstVectorRef initial, ConstVectorRef direction);

  // Points of the last run: the saddle (or last activation point) and the final minimum
  // (empty unless the saddle converged).
  const Eigen::VectorXd& saddle() const { return saddle_; }
  const Eigen::VectorXd& final_minimum() const { return final_; }
  // Lowest eigenvector at the saddle, oriented away from the initial minimum.
  const Eigen::VectorXd& saddle_mode() const { return mode_; }

 private:
  Objective& objective_;
  ArtnConfig config_;
  HessianAt hessian_;
  Eigen::VectorXd saddle_, final_, mode_;
};

}  // namespace pelcamp
