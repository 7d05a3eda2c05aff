#pragma once
// FIRE 2.0, the Fast Inertial Relaxation Engine as revised by Guénolé et al., Comput. Mater.
// Sci. 175 (2020) 109584 (Algorithm 2): damped dynamics with semi-implicit Euler steps, the
// velocity mixed towards the force, v ← (1−α) v + α |v| F̂, while the power P = F·v stays
// positive; after `delay_steps` downhill steps dt grows and α shrinks; an uphill step
// (P ≤ 0) resets α, shrinks dt, moves back half a step (x ← x − ½ dt v) and stops the
// system. Defaults are those of LAMMPS `min_style fire` (alpha0 0.25, delaystep 20,
// dtgrow 1.1, dtshrink 0.5, alphashrink 0.99, tmax 10, tmin 0.02, dmax 0.1, halfstepback
// and initial delay on, at most 2000 consecutive uphill steps).
//
// Time units: the objective knows no masses, so the dynamics is ẍ = −∇f with unit mass on
// every variable; a step moves a variable by about dt²|∇f|. The defaults dt = 0.01,
// dt_max = 10 dt, dt_min = 0.02 dt are LAMMPS's in these units: its lj time step 0.005 with
// m = 1, and its metal time step 1 fs for Cu (m = 63.5 amu), which is 0.012 in unit-mass
// time. Larger steps (ASE uses 0.1 / 1.0) converge in about as many iterations on the
// tests here but with much larger transient energy rises.
//
// FIRE is not monotone: the energy may rise transiently. The returned point is the lowest
// one visited, up to the energy's round-off (`energy_resolution`): if the run converges at
// a point higher than the lowest visited, it resumes from the lowest; if it stops for any
// other reason it returns the lowest.
#include "pelcamp/minimize/minimizer.hpp"

namespace pelcamp {

struct FireConfig {
  double dt = 0.01;             // initial time step (unit-mass time, see above)
  double dt_max = 0.1;          // largest time step (LAMMPS tmax·dt)
  double dt_min = 0.0002;       // dt is not shrunk below this (LAMMPS tmin·dt)
  double dt_grow = 1.1;         // f_inc
  double dt_shrink = 0.5;       // f_dec
  double alpha0 = 0.25;         // α_start
  double alpha_shrink = 0.99;   // f_α
  int delay_steps = 20;         // N_delay: downhill steps before dt may grow
  bool initial_delay = true;    // no dt/α reset during the first delay_steps
  bool half_step_back = true;   // inertia correction on uphill steps
  double max_step = 0.1;        // largest per-atom displacement per step (length units;
                                // LAMMPS dmax caps each component instead)
  long max_uphill_steps = 2000; // consecutive uphill steps before stopping (fire-stalled)
  // Relative energy resolution (as LineSearchConfig's): a converged point whose energy is
  // within this times |E_lowest| of the lowest visited counts as the lowest. Close to a
  // minimum FIRE's energies differ by round-off only, so a strict comparison would send it
  // back to an earlier point that is lower by noise alone.
  double energy_resolution = 1e-12;

  void validate() const;  // throws pelcamp::Error
};

class Fire : public Minimizer {
 public:
  explicit Fire(FireConfig config = {});
  std::string name() const override { return "fire"; }
  MinimizeResult minimize(Objective& objective, VectorRef x, const StoppingCriteria& stop) override;

 private:
  FireConfig config_;
};

}  // namespace pelcamp
