#pragma once
// Nosé–Hoover chain thermostat with LAMMPS `fix nvt` semantics: chain masses
// Q_0 = dof k_B T / ω², Q_k = k_B T / ω² with ω = 1/Tdamp, re-evaluated from the current
// target at every half step (so a temperature ramp keeps the chain's frequency), and the same
// half-step update order (see NoseHooverChain), so trajectories match LAMMPS to round-off.
#include "pelcamp/dynamics/nose_hoover_chain.hpp"
#include "pelcamp/dynamics/thermostat.hpp"

namespace pelcamp {

struct NoseHooverConfig {
  double tdamp = 0.0;    // damping time, LAMMPS Tdamp (ps in metal units, τ in lj); ~100 dt
  int chain_length = 3;  // thermostats in the chain (LAMMPS tchain)
  int chain_loops = 1;   // sub-steps per half step (LAMMPS tloop)
};

class NoseHooverThermostat final : public Thermostat {
 public:
  explicit NoseHooverThermostat(const NoseHooverConfig& config);

  std::string kind() const override { return "nose-hoover-chain"; }
  void setup(const ThermostatContext& c, double target) override;
  double first_half(const ThermostatContext& c, double target, double twice_kinetic) override;
  double second_half(const ThermostatContext& c, double target, double twice_kinetic) override;
  double reservoir_energy(const ThermostatContext& c, double target) const override;
  ComponentState save() const override;
  void restore(const ComponentState& state) override;

 private:
  double half_step(const ThermostatContext& c, double target, double twice_kinetic);
  void set_masses(const ThermostatContext& c, double target);

  NoseHooverConfig config_;
  double frequency_;  // 1 / Tdamp
  NoseHooverChain chain_;
};

}  // namespace pelcamp
