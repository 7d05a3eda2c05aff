#include "pelcamp/dynamics/velocity_verlet.hpp"

#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

bool fully_periodic(const Box& box) {
  return !box.unbounded() && box.periodic(0) && box.periodic(1) && box.periodic(2);
}

}  // namespace

VelocityVerlet::VelocityVerlet(Configuration& config, Potential& potential,
                               const IntegratorConfig& settings,
                               std::unique_ptr<Thermostat> thermostat,
                               std::unique_ptr<MtkBarostat> barostat,
                               std::optional<TemperatureProtocol> temperature)
    : config_(config),
      potential_(potential),
      settings_(settings),
      units_(UnitSystem::by_name(potential.units())),
      thermostat_(std::move(thermostat)),
      barostat_(std::move(barostat)),
      protocol_(std::move(temperature)) {
  if (!(settings_.dt > 0.0) || !std::isfinite(settings_.dt))
    throw Error(fmt::format("MD time step must be a positive time, got {}", settings_.dt));
  if (settings_.momentum.every < 0)
    throw Error(fmt::format("momentum removal interval must be >= 0 steps, got {}",
                            settings_.momentum.every));
  config_.validate();
  if (settings_.momentum.angular && config_.box.any_periodic())
    throw Error("angular momentum removal is only for free clusters (box without periodic dimensions)");
  if ((thermostat_ || barostat_) && !protocol_)
    throw Error("a thermostat or barostat needs a temperature protocol "
                "(TemperatureProtocol::hold(T) for a constant temperature)");

  const std::size_t n = config_.size();
  masses_.resize(n);
  kick_factor_.resize(n);
  const double dtf = 0.5 * settings_.dt * units_.ftm2v();
  for (std::size_t i = 0; i < n; ++i) {
    masses_[i] = config_.mass(i);
    if (!(masses_[i] > 0.0))
      throw Error(fmt::format("atom id {} has non-positive mass {}", config_.ids[i], masses_[i]));
    kick_factor_[i] = dtf / masses_[i];
  }
  dof_ = kinetic_degrees_of_freedom(n, settings_.momentum.angular);
  periodic_ = fully_periodic(config_.box);
  request_.forces = true;
  target_ = protocol_ ? protocol_->at(step_) : Thermo::kNone;

  compute_forces(barostat_ != nullptr || periodic_);
  twice_kinetic_ = twice_kinetic();
  if (thermostat_) {
    thermostat_->setup(context(), target_);
    thermostat_mid_drift_ = thermostat_->acts_mid_drift();
  }
  if (barostat_) barostat_->setup(config_.box, n, kt(), units_);
}

ThermostatContext VelocityVerlet::context() {
  ThermostatContext c;
  c.velocities = config_.velocities;
  c.positions = config_.positions;
  c.masses = masses_;
  c.dt = settings_.dt;
  c.boltzmann = units_.boltzmann;
  c.mvv2e = units_.mvv2e;
  c.dof = dof_;
  c.angular = settings_.momentum.angular;
  return c;
}

void VelocityVerlet::compute_forces(bool virial) {
  request_.virial = virial;
  potential_.compute(config_, request_, result_);
  if (!std::isfinite(result_.energy))
    throw Error(fmt::format("MD at step {}: the potential energy is not finite "
                            "(atoms overlap or the system exploded)",
                            step_));
  virial_valid_ = virial;
}

template <bool Drift>
void VelocityVerlet::scale_and_kick(double s) {
  const std::size_t n = config_.size();
  Vec3* x = config_.positions.data();
  Vec3* v = config_.velocities.data();
  const Vec3* f = result_.forces.data();
  const double* k = kick_factor_.data();
  const double dt = settings_.dt;
  for (std::size_t i = 0; i < n; ++i) {
    v[i] = v[i] * s + k[i] * f[i];
    if constexpr (Drift) x[i] += dt * v[i];
  }
}

void VelocityVerlet::drift(double dt) {
  const std::size_t n = config_.size();
  Vec3* x = config_.positions.data();
  const Vec3* v = config_.velocities.data();
  for (std::size_t i = 0; i < n; ++i) x[i] += dt * v[i];
}

// The sums below use the expression of twice_kinetic_energy() term by term, so that they are
// bit-identical to a fresh evaluation.
double VelocityVerlet::kick_and_twice_kinetic() {
  const std::size_t n = config_.size();
  Vec3* v = config_.velocities.data();
  const Vec3* f = result_.forces.data();
  const double* k = kick_factor_.data();
  const double* m = masses_.data();
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    v[i] += k[i] * f[i];
    sum += (v[i](0) * v[i](0) + v[i](1) * v[i](1) + v[i](2) * v[i](2)) * m[i];
  }
  return sum * units_.mvv2e;
}

double VelocityVerlet::scale_and_twice_kinetic(double s) {
  const std::size_t n = config_.size();
  Vec3* v = config_.velocities.data();
  const double* m = masses_.data();
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    v[i] *= s;
    sum += (v[i](0) * v[i](0) + v[i](1) * v[i](1) + v[i](2) * v[i](2)) * m[i];
  }
  return sum * units_.mvv2e;
}

double VelocityVerlet::twice_kinetic() const {
  return twice_kinetic_energy(config_.velocities, masses_, units_.mvv2e);
}

Sym6 VelocityVerlet::kinetic() const {
  return kinetic_tensor(config_.velocities, masses_, units_.mvv2e);
}

void VelocityVerlet::advance(bool virial_for_observer) {
  const std::int64_t next = step_ + 1;
  const double dt = settings_.dt;
  // The barostat's chain acts before the new target is set, as in LAMMPS.
  if (barostat_) barostat_->chain_half_step(kt(), dt);
  if (protocol_) target_ = protocol_->at(next);
  const ThermostatContext ctx = context();
  const double first_scale = thermostat_ ? thermostat_->first_half(ctx, target_, twice_kinetic_) : 1.0;

  if (!barostat_ && !thermostat_mid_drift_) {
    scale_and_kick<true>(first_scale);
  } else {
    if (barostat_) {
      for (Vec3& v : config_.velocities) v *= first_scale;
      barostat_->strain_rate_half_step(kinetic(), result_.virial, config_.box.volume(), dt);
      barostat_->scale_velocities(config_.velocities, dt);
      scale_and_kick<false>(1.0);  // the thermostat's factor is already applied
      barostat_->rescale_box_half_step(config_.box, config_.positions, dt);
    } else {
      scale_and_kick<false>(first_scale);
    }
    if (thermostat_mid_drift_) {
      drift(0.5 * dt);
      thermostat_->mid_drift(ctx, target_);
      drift(0.5 * dt);
    } else {
      drift(dt);
    }
    if (barostat_) barostat_->rescale_box_half_step(config_.box, config_.positions, dt);
  }

  step_ = next;
  compute_forces(barostat_ != nullptr || virial_for_observer);
  twice_kinetic_ = kick_and_twice_kinetic();
  if (barostat_) {
    barostat_->scale_velocities(config_.velocities, dt);
    const Sym6 k = kinetic();
    twice_kinetic_ = twice_kinetic();
    barostat_->strain_rate_half_step(k, result_.virial, config_.box.volume(), dt);
  }
  if (!std::isfinite(twice_kinetic_))
    throw Error(fmt::format("MD at step {}: velocities are not finite (the system exploded; "
                            "try a smaller time step)",
                            step_));
  if (thermostat_) {
    const double second_scale = thermostat_->second_half(ctx, target_, twice_kinetic_);
    if (second_scale != 1.0) twice_kinetic_ = scale_and_twice_kinetic(second_scale);
  }
  if (barostat_) barostat_->chain_half_step(kt(), dt);

  const auto& momentum = settings_.momentum;
  if (momentum.every > 0 && step_ % momentum.every == 0) {
    remove_linear_momentum(config_.velocities, masses_);
    if (momentum.angular)
      remove_angular_momentum(config_.positions, config_.velocities, masses_);
    twice_kinetic_ = twice_kinetic();
  }
}

std::int64_t VelocityVerlet::run(std::int64_t steps, std::int64_t every, const Observer& observer) {
  if (steps < 0) throw Error(fmt::format("MD run length must be >= 0 steps, got {}", steps));
  if (observer && every <= 0)
    throw Error(fmt::format("MD observer interval must be > 0 steps, got {}", every));
  stop_requested_ = false;
  twice_kinetic_ = twice_kinetic();  // in case the caller changed velocities between runs
  for (std::int64_t done = 0; done < steps; ++done) {
    const bool observe = observer && (step_ + 1) % every == 0;
    advance(observe && periodic_);
    if (observe) observer(thermo());
    if (stop_requested_) return done + 1;
  }
  return steps;
}

Thermo VelocityVerlet::thermo() {
  Thermo t;
  t.step = step_;
  t.time = time();
  t.potential_energy = result_.energy;
  const double twice_k = twice_kinetic();
  t.kinetic_energy = 0.5 * twice_k;
  t.degrees_of_freedom = dof_;
  t.temperature = dof_ > 0.0 ? twice_k / (dof_ * units_.boltzmann) : 0.0;
  if (protocol_) t.target_temperature = target_;
  t.conserved_energy = t.kinetic_energy + t.potential_energy;
  if (thermostat_) t.conserved_energy += thermostat_->reservoir_energy(context(), target_);
  if (barostat_) t.conserved_energy += barostat_->energy(kt(), config_.box.volume());
  if (periodic_) {
    if (!virial_valid_) compute_forces(true);
    t.volume = config_.box.volume();
    t.pressure_tensor = pressure_tensor(kinetic(), result_.virial, t.volume, units_.nktv2p);
    t.pressure = (t.pressure_tensor[0] + t.pressure_tensor[1] + t.pressure_tensor[2]) / 3.0;
  }
  return t;
}

DynamicsState VelocityVerlet::state() const {
  DynamicsState s;
  s.step = step_;
  s.box = config_.box;
  s.positions = config_.positions;
  s.velocities = config_.velocities;
  s.images = config_.images;
  if (thermostat_) s.thermostat = thermostat_->save();
  if (barostat_) s.barostat = barostat_->save();
  return s;
}

void VelocityVerlet::restore(const DynamicsState& s) {
  const std::size_t n = config_.size();
  if (s.positions.size() != n || s.velocities.size() != n || s.images.size() != n)
    throw Error(fmt::format("MD state holds {} atoms but the configuration has {}",
                            s.positions.size(), n));
  if (s.box.unbounded() != config_.box.unbounded() ||
      s.box.periodicity() != config_.box.periodicity())
    throw Error("MD state has a box of different periodicity than the configuration");
  const auto component = [](const ComponentState& c) { return c.kind.empty() ? "none" : c.kind; };
  if (thermostat_ ? s.thermostat.kind != thermostat_->kind() : !s.thermostat.kind.empty())
    throw Error(fmt::format("MD state has thermostat '{}' but this integrator has '{}'",
                            component(s.thermostat),
                            thermostat_ ? thermostat_->kind() : std::string("none")));
  if (barostat_ ? s.barostat.kind != barostat_->kind() : !s.barostat.kind.empty())
    throw Error(fmt::format("MD state has barostat '{}' but this integrator has '{}'",
                            component(s.barostat),
                            barostat_ ? barostat_->kind() : std::string("none")));
  // Restore both components or neither.
  const ComponentState previous_thermostat = thermostat_ ? thermostat_->save() : ComponentState{};
  try {
    if (thermostat_) thermostat_->restore(s.thermostat);
    if (barostat_) barostat_->restore(s.barostat);
  } catch (...) {
    if (thermostat_) thermostat_->restore(previous_thermostat);
    throw;
  }
  config_.box = s.box;
  config_.positions = s.positions;
  config_.velocities = s.velocities;
  config_.images = s.images;
  step_ = s.step;
  target_ = protocol_ ? protocol_->at(step_) : Thermo::kNone;
  compute_forces(barostat_ != nullptr || periodic_);
  twice_kinetic_ = twice_kinetic();
}

void VelocityVerlet::set_temperature_protocol(const TemperatureProtocol& protocol) {
  protocol_ = protocol;
}

}  // namespace pelcamp
