#include "pelcamp/dynamics/langevin_thermostat.hpp"

#include <bit>
#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/dynamics/momentum.hpp"

namespace pelcamp {

namespace {
const LangevinConfig& validated(const LangevinConfig& config) {
  if (!(config.tdamp > 0.0) || !std::isfinite(config.tdamp))
    throw Error(fmt::format("Langevin tdamp must be a positive time, got {}", config.tdamp));
  return config;
}
}  // namespace

LangevinThermostat::LangevinThermostat(const LangevinConfig& config)
    : config_(validated(config)), rng_(config.seed, config.stream) {}

void LangevinThermostat::setup(const ThermostatContext& c, double target) {
  if (!(c.dof > 0.0))
    throw Error("Langevin thermostat: the system has no kinetic degrees of freedom");
  if (!(target >= 0.0))
    throw Error(fmt::format("Langevin thermostat: target temperature must be >= 0, got {}", target));
  decay_ = std::exp(-c.dt / config_.tdamp);
  inverse_sqrt_m_.resize(c.masses.size());
  for (std::size_t i = 0; i < c.masses.size(); ++i)
    inverse_sqrt_m_[i] = 1.0 / std::sqrt(c.masses[i] * c.mvv2e);
  kicks_.assign(c.masses.size(), Vec3::Zero());
}

void LangevinThermostat::mid_drift(const ThermostatContext& c, double target) {
  const double amplitude = std::sqrt((1.0 - decay_ * decay_) * c.boltzmann * target);
  const std::size_t n = c.velocities.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double s = amplitude * inverse_sqrt_m_[i];
    for (int d = 0; d < 3; ++d) kicks_[i](d) = s * rng_.normal_ziggurat();  // x, y, z in order
  }
  remove_linear_momentum(kicks_, c.masses);
  if (c.angular) remove_angular_momentum(c.positions, kicks_, c.masses);
  double before = 0.0, after = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    Vec3& v = c.velocities[i];
    before += c.masses[i] * v.squaredNorm();
    v = decay_ * v + kicks_[i];
    after += c.masses[i] * v.squaredNorm();
  }
  absorbed_heat_ -= 0.5 * (after - before) * c.mvv2e;
}

double LangevinThermostat::reservoir_energy(const ThermostatContext&, double) const {
  return absorbed_heat_;
}

ComponentState LangevinThermostat::save() const {
  ComponentState s;
  s.kind = kind();
  s.values = {absorbed_heat_};
  const Rng::State& r = rng_.state();
  s.words.assign(r.s.begin(), r.s.end());
  s.words.push_back(r.has_spare_normal ? 1 : 0);
  s.words.push_back(std::bit_cast<std::uint64_t>(r.spare_normal));
  return s;
}

void LangevinThermostat::restore(const ComponentState& state) {
  if (state.kind != kind())
    throw Error(fmt::format("cannot restore a '{}' thermostat state into a {} thermostat",
                            state.kind, kind()));
  if (state.values.size() != 1 || state.words.size() != 6)
    throw Error("Langevin thermostat state: expected 1 value and 6 words (heat, RNG state)");
  absorbed_heat_ = state.values[0];
  Rng::State r;
  for (int k = 0; k < 4; ++k) r.s[k] = state.words[k];
  r.has_spare_normal = state.words[4] != 0;
  r.spare_normal = std::bit_cast<double>(state.words[5]);
  rng_.set_state(r);
}

}  // namespace pelcamp
