#pragma once
// Langevin thermostat integrated by the BAOAB splitting of Leimkuhler & Matthews,
// J. Chem. Phys. 138, 174102 (2013) — half kick, half drift, an exact Ornstein–Uhlenbeck step
// over dt, half drift, half kick — which samples configurations with O(dt²) error and one
// force evaluation per step. The O step is
//   v ← c v + √((1 − c²) k_B T / (m · mvv2e)) ξ,   c = exp(−dt / Tdamp),
// with ξ standard normal (Rng::normal_ziggurat) from the thermostat's own Rng stream, drawn
// atom by atom in x, y, z order, so a run is deterministic given (seed, stream). The noise is
// projected (in the mass-weighted metric) onto zero total momentum, and onto zero angular
// momentum when the integrator holds it at zero, so the thermostat acts on exactly the degrees
// of freedom the temperature counts. This is not LAMMPS `fix langevin` (a force-based scheme
// with uniform noise).
#include <cstdint>
#include <vector>

#include "pelcamp/core/rng.hpp"
#include "pelcamp/dynamics/thermostat.hpp"

namespace pelcamp {

struct LangevinConfig {
  double tdamp = 0.0;         // damping time 1/γ (ps in metal units, τ in lj), as LAMMPS damp
  std::uint64_t seed = 0;     // the noise comes from Rng(seed, stream)
  std::uint64_t stream = 0;
};

class LangevinThermostat final : public Thermostat {
 public:
  explicit LangevinThermostat(const LangevinConfig& config);

  std::string kind() const override { return "langevin"; }
  void setup(const ThermostatContext& c, double target) override;
  bool acts_mid_drift() const override { return true; }
  void mid_drift(const ThermostatContext& c, double target) override;
  // The heat absorbed by the bath so far: −Σ ΔK over all O steps.
  double reservoir_energy(const ThermostatContext& c, double target) const override;
  ComponentState save() const override;
  void restore(const ComponentState& state) override;

 private:
  LangevinConfig config_;
  Rng rng_;
  double decay_ = 0.0;                  // c = exp(−dt / Tdamp)
  double absorbed_heat_ = 0.0;          // energy units
  std::vector<double> inverse_sqrt_m_;  // 1 / √(m · mvv2e) per atom
  std::vector<Vec3> kicks_;             // noise of the current step, per atom
};

}  // namespace pelcamp
