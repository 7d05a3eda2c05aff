#pragma once
// A chain of M Nosé–Hoover thermostats coupled to one subsystem (the atoms' velocities, or the
// MTK barostat's strain rates), advanced by the Trotter factorisation of Martyna, Tuckerman,
// Tobias & Klein, Mol. Phys. 87, 1117 (1996), in the same update order as LAMMPS `fix nh`
// (nhc_temp_integrate / nhc_press_integrate) so that trajectories agree to round-off.
//
// Chain variables: positions η_k (dimensionless), velocities η̇_k (1/time), forces η̈_k and
// masses Q_k (energy · time²). The first element is driven by the subsystem,
// Q_0 η̈_0 = 2K − L k_B T; the others by their predecessor, Q_k η̈_k = Q_{k−1} η̇_{k−1}² − k_B T.
#include <span>
#include <vector>

namespace pelcamp {

class NoseHooverChain {
 public:
  // `length` ≥ 1 thermostats; each half step is split into `loops` ≥ 1 sub-steps (LAMMPS
  // tchain/pchain and tloop/ploop).
  NoseHooverChain(int length, int loops);

  int length() const { return static_cast<int>(eta_.size()); }

  // Q_0 and Q_k for k ≥ 1 (energy · time²).
  void set_masses(double first, double others);
  // Forces on elements k ≥ 1 from the current velocities (done once before the first step).
  void initialize_forces(double kt);

  // Advances the chain by dt/2 while coupled to a subsystem of kinetic energy twice_kinetic/2
  // whose target is target_twice_kinetic/2 (= L k_B T / 2 for L degrees of freedom); kt = k_B T
  // drives the rest of the chain. Returns the factor by which the subsystem's velocities must
  // be scaled.
  double half_step(double twice_kinetic, double target_twice_kinetic, double kt, double dt);

  // L k_B T η_0 + Σ_{k≥1} k_B T η_k + Σ_k ½ Q_k η̇_k² (energy units).
  double energy(double target_twice_kinetic, double kt) const;

  // η, η̇, η̈, Q of every element, in that order (4 · length values).
  void save(std::vector<double>& out) const;
  // Reads 4 · length values from the front of `in` and advances it past them.
  void restore(std::span<const double>& in);

 private:
  int loops_;
  std::vector<double> eta_;
  std::vector<double> eta_dot_;  // length + 1: a last, always-zero element ends the chain
  std::vector<double> eta_dotdot_;
  std::vector<double> mass_;
};

}  // namespace pelcamp
