#pragma once
// The one MD integrator: velocity Verlet on a Configuration with forces from a Potential,
// handed an optional thermostat (none = NVE), an optional MTK barostat (NPT, or NPH without
// a thermostat) and a temperature protocol that sets the thermostat's target each step.
//
// One step, in LAMMPS `fix nve` / `fix nvt` / `fix npt` order (so trajectories match LAMMPS to
// round-off for the same input):
//   barostat chain dt/2 → target T(n) → thermostat first half (NHC) → barostat strain rate
//   dt/2 and velocity scaling → kick dt/2 → box dt/2 → drift dt (Langevin: dt/2, O step,
//   dt/2) → box dt/2 → forces → kick dt/2 → barostat velocity scaling and strain rate dt/2 →
//   thermostat second half (NHC) → barostat chain dt/2 → momentum removal (every k steps).
//
// Time is in the potential's unit system (metal: ps; lj: τ), with the constants of
// core/units.hpp. The potential is asked only for forces and energy, plus the virial on steps
// where a barostat or an observer of a periodic system needs it. Positions are integrated as
// continuous (unwrapped) coordinates; image counts are left as given.
//
// A run is deterministic: running 2N steps gives the same bits as N steps, state(),
// restore() into a freshly built integrator with the same settings, and N more steps. (This
// needs forces that do not depend on the potential's neighbour-list history; NeighborList
// enumerates pairs in a canonical order for that.)
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/units.hpp"
#include "pelcamp/dynamics/dynamics_state.hpp"
#include "pelcamp/dynamics/momentum.hpp"
#include "pelcamp/dynamics/mtk_barostat.hpp"
#include "pelcamp/dynamics/temperature_protocol.hpp"
#include "pelcamp/dynamics/thermo.hpp"
#include "pelcamp/dynamics/thermostat.hpp"
#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

struct IntegratorConfig {
  double dt = 0.0;  // time step (ps in metal units, τ in lj); required, > 0
  MomentumConfig momentum;
};

class VelocityVerlet {
 public:
  using Observer = std::function<void(const Thermo&)>;

  // Advances `config` in place with forces from `potential`; both must outlive the integrator,
  // and positions and box must only change through it (or restore()) while it lives.
  // A thermostat or a barostat needs a temperature protocol (its target sets the barostat's
  // masses too). Computes the initial forces and sets up thermostat and barostat at step 0
  // (LAMMPS `setup`). Throws pelcamp::Error on invalid settings.
  VelocityVerlet(Configuration& config, Potential& potential, const IntegratorConfig& settings,
                 std::unique_ptr<Thermostat> thermostat = nullptr,
                 std::unique_ptr<MtkBarostat> barostat = nullptr,
                 std::optional<TemperatureProtocol> temperature = std::nullopt);

  // Advances `steps` steps. When `observer` is given it is called with the thermo of every
  // step whose number is a multiple of `every` (> 0; absolute step numbers, so sampling is the
  // same across restarts). Returns the steps done, fewer when request_stop() was called.
  std::int64_t run(std::int64_t steps, std::int64_t every = 0, const Observer& observer = {});
  // Ends run() after the current step (e.g. from an observer, for a checkpoint).
  void request_stop() { stop_requested_ = true; }

  // Thermodynamics of the current state (may evaluate the potential once for the virial).
  Thermo thermo();

  DynamicsState state() const;
  // Replaces positions, velocities, images, box, step and thermostat/barostat variables;
  // throws when the state does not fit this integrator (atom count, components, periodicity).
  void restore(const DynamicsState& state);
  // Replaces the temperature protocol from the next step on.
  void set_temperature_protocol(const TemperatureProtocol& protocol);

  std::int64_t step() const { return step_; }
  double time() const { return static_cast<double>(step_) * settings_.dt; }
  double target_temperature() const { return target_; }
  double degrees_of_freedom() const { return dof_; }
  const UnitSystem& units() const { return units_; }
  const Configuration& configuration() const { return config_; }
  // Energy and forces at the current positions.
  const ComputeResult& last_compute() const { return result_; }

 private:
  void advance(bool virial_for_observer);
  void compute_forces(bool virial);
  // v ← s v + dt/2 · F/m, then (with Drift) x ← x + dt v: one pass over the atoms.
  template <bool Drift>
  void scale_and_kick(double s);
  void drift(double dt);
  double kick_and_twice_kinetic();
  // v ← s v, returning Σ m v² · mvv2e of the scaled velocities.
  double scale_and_twice_kinetic(double s);
  double twice_kinetic() const;
  Sym6 kinetic() const;
  double kt() const { return units_.boltzmann * target_; }
  ThermostatContext context();

  Configuration& config_;
  Potential& potential_;
  IntegratorConfig settings_;
  UnitSystem units_;
  std::unique_ptr<Thermostat> thermostat_;
  std::unique_ptr<MtkBarostat> barostat_;
  std::optional<TemperatureProtocol> protocol_;

  std::vector<double> masses_;
  std::vector<double> kick_factor_;  // dt/2 · ftm2v / m per atom
  double dof_ = 0.0;
  bool periodic_ = false;            // x, y and z periodic: pressure is defined
  bool thermostat_mid_drift_ = false;

  ComputeRequest request_;
  ComputeResult result_;
  bool virial_valid_ = false;
  // Σ m v² · mvv2e of the current velocities, kept up to date between steps by the passes
  // that change them; always equal to a fresh sum, so restored runs see the same value.
  double twice_kinetic_ = 0.0;
  std::int64_t step_ = 0;
  double target_ = Thermo::kNone;
  bool stop_requested_ = false;
};

}  // namespace pelcamp
