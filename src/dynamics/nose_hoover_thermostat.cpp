#include "pelcamp/dynamics/nose_hoover_thermostat.hpp"

#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {
const NoseHooverConfig& validated(const NoseHooverConfig& config) {
  if (!(config.tdamp > 0.0) || !std::isfinite(config.tdamp))
    throw Error(fmt::format("Nosé–Hoover tdamp must be a positive time, got {}", config.tdamp));
  return config;
}
}  // namespace

NoseHooverThermostat::NoseHooverThermostat(const NoseHooverConfig& config)
    : config_(validated(config)),
      frequency_(1.0 / config.tdamp),
      chain_(config.chain_length, config.chain_loops) {}

void NoseHooverThermostat::set_masses(const ThermostatContext& c, double target) {
  const double kt = c.boltzmann * target;
  const double w2 = frequency_ * frequency_;
  chain_.set_masses(c.dof * kt / w2, kt / w2);
}

void NoseHooverThermostat::setup(const ThermostatContext& c, double target) {
  if (!(c.dof > 0.0))
    throw Error("Nosé–Hoover thermostat: the system has no kinetic degrees of freedom");
  if (!(target > 0.0))
    throw Error(fmt::format("Nosé–Hoover thermostat: target temperature must be > 0, got {}", target));
  set_masses(c, target);
  chain_.initialize_forces(c.boltzmann * target);
}

double NoseHooverThermostat::half_step(const ThermostatContext& c, double target,
                                       double twice_kinetic) {
  // The chain masses are proportional to the target: at 0 K they vanish (LAMMPS refuses a
  // zero target as well). A quench "to 0 K" must end at a small positive temperature.
  if (!(target > 0.0))
    throw Error(fmt::format("Nosé–Hoover thermostat: target temperature must stay > 0, got {} "
                            "(end a quench at a small positive temperature)",
                            target));
  set_masses(c, target);
  const double kt = c.boltzmann * target;
  return chain_.half_step(twice_kinetic, c.dof * kt, kt, c.dt);
}

double NoseHooverThermostat::first_half(const ThermostatContext& c, double target,
                                        double twice_kinetic) {
  return half_step(c, target, twice_kinetic);
}

double NoseHooverThermostat::second_half(const ThermostatContext& c, double target,
                                         double twice_kinetic) {
  return half_step(c, target, twice_kinetic);
}

double NoseHooverThermostat::reservoir_energy(const ThermostatContext& c, double target) const {
  const double kt = c.boltzmann * target;
  return chain_.energy(c.dof * kt, kt);
}

ComponentState NoseHooverThermostat::save() const {
  ComponentState s;
  s.kind = kind();
  chain_.save(s.values);
  return s;
}

void NoseHooverThermostat::restore(const ComponentState& state) {
  if (state.kind != kind())
    throw Error(fmt::format("cannot restore a '{}' thermostat state into a {} thermostat",
                            state.kind, kind()));
  if (state.values.size() != 4 * static_cast<std::size_t>(chain_.length()))
    throw Error(fmt::format("Nosé–Hoover state holds {} values; a chain of length {} needs {}",
                            state.values.size(), chain_.length(), 4 * chain_.length()));
  std::span<const double> in(state.values);
  chain_.restore(in);
}

}  // namespace pelcamp
