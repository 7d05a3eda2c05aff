#pragma once
// Thermostats are objects handed to the one velocity-Verlet integrator (style.md §5), not
// variants of it. The integrator calls a thermostat a few times per step; each call acts on
// whole arrays, so there is no virtual call per atom.
//
// Where a thermostat acts in the step x(t), v(t) → x(t+dt), v(t+dt):
//   first_half   v ← s v, s = thermostat(dt/2) (Nosé–Hoover chains: before the first kick)
//                v ← v + dt/2 · F/m
//                x ← x + dt/2 · v
//   mid_drift    v ← thermostat(dt)          (Langevin BAOAB: between the two half drifts)
//                x ← x + dt/2 · v
//                F ← F(x)
//                v ← v + dt/2 · F/m
//   second_half  v ← s v, s = thermostat(dt/2) (Nosé–Hoover chains: after the second kick)
#include <span>
#include <string>

#include "pelcamp/core/types.hpp"
#include "pelcamp/dynamics/dynamics_state.hpp"

namespace pelcamp {

// What a thermostat acts on during one call; valid for that call only.
struct ThermostatContext {
  std::span<Vec3> velocities;        // length / time
  std::span<const Vec3> positions;   // length (unwrapped)
  std::span<const double> masses;    // per atom (amu in metal units)
  double dt = 0.0;                   // time step (ps in metal units, τ in lj)
  double boltzmann = 0.0;            // k_B, energy / temperature
  double mvv2e = 0.0;                // mass · velocity² → energy
  double dof = 0.0;                  // kinetic degrees of freedom
  bool angular = false;              // angular momentum also held at zero (free clusters)
};

class Thermostat {
 public:
  virtual ~Thermostat() = default;

  // Identifies the thermostat in a saved state ("nose-hoover-chain", "langevin").
  virtual std::string kind() const = 0;
  // Prepares the reservoir before the first step; `target` is the protocol's temperature at
  // step 0 (K, or reduced).
  virtual void setup(const ThermostatContext& c, double target) = 0;

  // Half steps before the first kick and after the second, for thermostats that rescale all
  // velocities by one factor (Nosé–Hoover chains): `twice_kinetic` is Σ m v² · mvv2e of the
  // current velocities; returns the factor the integrator multiplies every velocity by (fused
  // with its own passes over the atoms).
  virtual double first_half(const ThermostatContext&, double /*target*/, double /*twice_kinetic*/) {
    return 1.0;
  }
  virtual double second_half(const ThermostatContext&, double /*target*/, double /*twice_kinetic*/) {
    return 1.0;
  }
  // Thermostats that act once per step between the two half drifts say so here; the
  // integrator asks once, so a plain velocity Verlet pays nothing for the hook.
  virtual bool acts_mid_drift() const { return false; }
  virtual void mid_drift(const ThermostatContext&, double /*target*/) {}

  // Energy held by (Nosé–Hoover) or given to (Langevin) the reservoir: K + U plus this is
  // conserved up to integration error. Energy units.
  virtual double reservoir_energy(const ThermostatContext& c, double target) const = 0;

  virtual ComponentState save() const = 0;
  // Throws pelcamp::Error when the state belongs to another kind or layout.
  virtual void restore(const ComponentState& state) = 0;
};

}  // namespace pelcamp
