#include "pelcamp/dynamics/mtk_barostat.hpp"

#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

const MtkBarostatConfig& validated(const MtkBarostatConfig& c) {
  if (!(c.pdamp > 0.0) || !std::isfinite(c.pdamp))
    throw Error(fmt::format("MTK barostat pdamp must be a positive time, got {}", c.pdamp));
  if (!std::isfinite(c.pressure))
    throw Error(fmt::format("MTK barostat target pressure must be finite, got {}", c.pressure));
  if (c.chain_length < 0)
    throw Error(fmt::format("MTK barostat chain length must be >= 0, got {}", c.chain_length));
  if (c.coupling == PressureCoupling::aniso && !(c.axes[0] || c.axes[1] || c.axes[2]))
    throw Error("MTK barostat with aniso coupling needs at least one barostatted axis");
  return c;
}

}  // namespace

MtkBarostat::MtkBarostat(const MtkBarostatConfig& config)
    : config_(validated(config)),
      axes_(config.coupling == PressureCoupling::iso ? std::array<bool, 3>{true, true, true}
                                                      : config.axes),
      frequency_(1.0 / config.pdamp) {
  if (config.chain_length > 0) chain_.emplace(config.chain_length, config.chain_loops);
}

int MtkBarostat::driven_count() const { return int(axes_[0]) + int(axes_[1]) + int(axes_[2]); }

int MtkBarostat::chain_dof() const {
  return config_.coupling == PressureCoupling::iso ? 1 : driven_count();
}

void MtkBarostat::setup(const Box& box, std::size_t atoms, double kt, const UnitSystem& units) {
  if (box.unbounded() || !(box.periodic(0) && box.periodic(1) && box.periodic(2)))
    throw Error("MTK barostat needs a box periodic in x, y and z");
  if (!(kt > 0.0))
    throw Error("MTK barostat needs a positive reference temperature (the protocol's target)");
  nktv2p_ = units.nktv2p;
  atoms_ = static_cast<double>(atoms);
  const double w2 = frequency_ * frequency_;
  const double nkt = (atoms_ + 1.0) * kt;
  for (int d = 0; d < 3; ++d) mass_[d] = axes_[d] ? nkt / w2 : 0.0;
  if (chain_) {
    chain_->set_masses(kt / w2, kt / w2);
    chain_->initialize_forces(kt);
  }
  reference_volume_ = box.volume();
  fixed_point_ = 0.5 * (box.lo() + box.hi());
}

void MtkBarostat::chain_half_step(double kt, double dt) {
  if (!chain_) return;
  double twice_kinetic = 0.0;
  for (int d = 0; d < 3; ++d)
    if (axes_[d]) twice_kinetic += mass_[d] * strain_rate_[d] * strain_rate_[d];
  const double factor = chain_->half_step(twice_kinetic, chain_dof() * kt, kt, dt);
  for (int d = 0; d < 3; ++d)
    if (axes_[d]) strain_rate_[d] *= factor;
}

void MtkBarostat::strain_rate_half_step(const Sym6& kinetic, const Mat3& virial, double volume,
                                        double dt) {
  const double inv_volume = 1.0 / volume;
  const double dims_atoms = driven_count() * atoms_;
  std::array<double, 3> pressure{};
  double mtk_force = 0.0;  // LAMMPS mtk_term1: the kinetic energy's share per barostat dof
  if (config_.coupling == PressureCoupling::iso) {
    const double twice_kinetic = kinetic[0] + kinetic[1] + kinetic[2];
    const double scalar = (twice_kinetic + virial(0, 0) + virial(1, 1) + virial(2, 2)) / 3.0 *
                          inv_volume * nktv2p_;
    pressure.fill(scalar);
    mtk_force = twice_kinetic / dims_atoms;
  } else {
    for (int d = 0; d < 3; ++d) {
      pressure[d] = (kinetic[d] + virial(d, d)) * inv_volume * nktv2p_;
      if (axes_[d]) mtk_force += kinetic[d];
    }
    mtk_force /= dims_atoms;
  }
  mtk_velocity_term_ = 0.0;
  for (int d = 0; d < 3; ++d) {
    if (!axes_[d]) continue;
    const double force = (pressure[d] - config_.pressure) * volume / (mass_[d] * nktv2p_) +
                         mtk_force / mass_[d];
    strain_rate_[d] += force * (0.5 * dt);
    mtk_velocity_term_ += strain_rate_[d];
  }
  mtk_velocity_term_ /= dims_atoms;
}

void MtkBarostat::scale_velocities(std::span<Vec3> velocities, double dt) const {
  std::array<double, 3> f{};
  for (int d = 0; d < 3; ++d) f[d] = std::exp(-(0.25 * dt) * (strain_rate_[d] + mtk_velocity_term_));
  for (Vec3& v : velocities)
    for (int d = 0; d < 3; ++d) v(d) = v(d) * f[d] * f[d];
}

void MtkBarostat::rescale_box_half_step(Box& box, std::span<Vec3> positions, double dt) const {
  const Vec3 lo_old = box.lo();
  const Mat3 inv = box.h_inv();
  Vec3 lo = lo_old;
  Mat3 h = box.h();
  for (int d = 0; d < 3; ++d) {
    if (!axes_[d]) continue;
    const double e = std::exp((0.5 * dt) * strain_rate_[d]);
    const double hi = (lo(d) + h(d, d) - fixed_point_(d)) * e + fixed_point_(d);
    lo(d) = (lo(d) - fixed_point_(d)) * e + fixed_point_(d);
    h(d, d) = hi - lo(d);
    // Tilts keep their proportion to the length they are measured along.
    if (d == 1) h(0, 1) *= e;
    if (d == 2) {
      h(0, 2) *= e;
      h(1, 2) *= e;
    }
  }
  box.set_h(h);
  box.set_lo(lo);
  // x → fractional in the old cell → Cartesian in the new one (h upper triangular).
  for (Vec3& x : positions) {
    const Vec3 r = x - lo_old;
    const double s0 = inv(0, 0) * r(0) + inv(0, 1) * r(1) + inv(0, 2) * r(2);
    const double s1 = inv(1, 1) * r(1) + inv(1, 2) * r(2);
    const double s2 = inv(2, 2) * r(2);
    x(0) = h(0, 0) * s0 + h(0, 1) * s1 + h(0, 2) * s2 + lo(0);
    x(1) = h(1, 1) * s1 + h(1, 2) * s2 + lo(1);
    x(2) = h(2, 2) * s2 + lo(2);
  }
}

double MtkBarostat::energy(double kt, double volume) const {
  double e = 0.0;
  for (int d = 0; d < 3; ++d)
    if (axes_[d])
      e += 0.5 * strain_rate_[d] * strain_rate_[d] * mass_[d] +
           config_.pressure * (volume - reference_volume_) / (driven_count() * nktv2p_);
  if (chain_) e += chain_->energy(chain_dof() * kt, kt);
  return e;
}

ComponentState MtkBarostat::save() const {
  ComponentState s;
  s.kind = kind();
  s.values.insert(s.values.end(), strain_rate_.begin(), strain_rate_.end());
  s.values.insert(s.values.end(), mass_.begin(), mass_.end());
  s.values.push_back(reference_volume_);
  for (int d = 0; d < 3; ++d) s.values.push_back(fixed_point_(d));
  if (chain_) chain_->save(s.values);
  return s;
}

void MtkBarostat::restore(const ComponentState& state) {
  if (state.kind != kind())
    throw Error(fmt::format("cannot restore a '{}' barostat state into an {} barostat", state.kind,
                            kind()));
  const std::size_t chain_values = chain_ ? 4 * static_cast<std::size_t>(chain_->length()) : 0;
  if (state.values.size() != 10 + chain_values)
    throw Error(fmt::format("MTK barostat state holds {} values; this barostat (chain length {}) "
                            "needs {}",
                            state.values.size(), config_.chain_length, 10 + chain_values));
  std::span<const double> in(state.values);
  for (int d = 0; d < 3; ++d) strain_rate_[d] = in[d];
  for (int d = 0; d < 3; ++d) mass_[d] = in[3 + d];
  reference_volume_ = in[6];
  fixed_point_ = Vec3(in[7], in[8], in[9]);
  in = in.subspan(10);
  if (chain_) chain_->restore(in);
}

}  // namespace pelcamp
