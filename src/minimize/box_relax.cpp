#include "pelcamp/minimize/box_relax.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "pelcamp/core/error.hpp"
#include "pelcamp/core/units.hpp"

namespace pelcamp {

namespace {

// Upper-triangular (row, column) of each tri strain variable, LAMMPS order xx yy zz xy xz yz.
constexpr int kTriRow[6] = {0, 1, 2, 0, 0, 1};
constexpr int kTriCol[6] = {0, 1, 2, 1, 2, 2};

Mat3 to_matrix(const Sym6& s) {
  Mat3 m;
  m << s[0], s[3], s[4], s[3], s[1], s[5], s[4], s[5], s[2];
  return m;
}

const char* coupling_name(BoxCoupling c) {
  switch (c) {
    case BoxCoupling::iso: return "iso";
    case BoxCoupling::aniso: return "aniso";
    case BoxCoupling::tri: return "tri";
  }
  return "?";
}

}  // namespace

BoxRelaxConfig BoxRelaxConfig::hydrostatic(double pressure, BoxCoupling coupling,
                                           double pressure_tolerance) {
  BoxRelaxConfig c;
  c.coupling = coupling;
  c.target = {pressure, pressure, pressure, 0.0, 0.0, 0.0};
  c.pressure_tolerance = pressure_tolerance;
  return c;
}

bool BoxRelaxConfig::hydrostatic_target() const {
  return target[0] == target[1] && target[1] == target[2] && target[3] == 0.0 &&
         target[4] == 0.0 && target[5] == 0.0;
}

void BoxRelaxConfig::validate() const {
  for (double t : target)
    if (!std::isfinite(t)) throw Error("box relax: target pressure components must be finite");
  if (!(pressure_tolerance > 0.0) || !std::isfinite(pressure_tolerance))
    throw Error(fmt::format("box relax: pressure_tolerance must be set to a positive pressure "
                            "(bar for metal units, epsilon/sigma^3 for lj), got {}",
                            pressure_tolerance));
  if (max_passes < 1) throw Error(fmt::format("box relax: max_passes must be >= 1, got {}", max_passes));
  const bool shear = target[3] != 0.0 || target[4] != 0.0 || target[5] != 0.0;
  if (coupling == BoxCoupling::iso && !hydrostatic_target())
    throw Error("box relax: iso coupling needs a hydrostatic target (equal xx, yy, zz, zero shear); "
                "use aniso or tri for other targets");
  if (coupling == BoxCoupling::aniso && shear)
    throw Error("box relax: aniso coupling keeps the tilts fixed, so the target shear (xy, xz, yz) "
                "must be zero; use tri to relax shear");
}

BoxRelaxObjective::BoxRelaxObjective(Configuration& config, Potential& potential,
                                     const BoxRelaxConfig& settings, std::vector<bool> frozen)
    : config_(config),
      potential_(potential),
      settings_(settings),
      frozen_(std::move(frozen)),
      nktv2p_(UnitSystem::by_name(potential.units()).nktv2p) {
  settings_.validate();
  const Box& box = config_.box;
  if (box.unbounded() || !box.periodic(0) || !box.periodic(1) || !box.periodic(2))
    throw Error(fmt::format("box relax ({}): the box must be periodic in x, y and z",
                            coupling_name(settings_.coupling)));
  if (config_.size() == 0) throw Error("box relax: the configuration has no atoms");
  if (!frozen_.empty() && frozen_.size() != config_.size())
    throw Error(fmt::format("frozen-atom mask has {} entries but the configuration has {} atoms",
                            frozen_.size(), config_.size()));
  strain_length_ = std::cbrt(box.volume()) * std::pow(static_cast<double>(config_.size()), 1.0 / 6.0);
  reset_reference();
}

Eigen::Index BoxRelaxObjective::num_strain() const {
  switch (settings_.coupling) {
    case BoxCoupling::iso: return 1;
    case BoxCoupling::aniso: return 3;
    case BoxCoupling::tri: return 6;
  }
  return 0;
}

Eigen::Index BoxRelaxObjective::dimension() const {
  return 3 * static_cast<Eigen::Index>(config_.size()) + num_strain();
}

Eigen::VectorXd BoxRelaxObjective::reset_reference() {
  h_ref_ = config_.box.h();
  volume_ref_ = config_.box.volume();
  deformation_.setIdentity();
  const Eigen::Index n = static_cast<Eigen::Index>(config_.size());
  Eigen::VectorXd x = Eigen::VectorXd::Zero(dimension());
  for (Eigen::Index i = 0; i < n; ++i) x.segment<3>(3 * i) = config_.positions[i];
  return x;
}

Mat3 BoxRelaxObjective::strain(ConstVectorRef u) const {
  Mat3 e = Mat3::Zero();
  switch (settings_.coupling) {
    case BoxCoupling::iso: e.diagonal().setConstant(u(0)); break;
    case BoxCoupling::aniso: e.diagonal() = u.head<3>(); break;
    case BoxCoupling::tri:
      for (int k = 0; k < 6; ++k) e(kTriRow[k], kTriCol[k]) = u(k);
      break;
  }
  return e / strain_length_;
}

double BoxRelaxObjective::evaluate(ConstVectorRef x, VectorRef gradient) {
  const Eigen::Index n = static_cast<Eigen::Index>(config_.size());
  const Eigen::Index ns = num_strain();
  const Mat3 f = Mat3::Identity() + strain(x.tail(ns));
  if (!(f(0, 0) > 0.0 && f(1, 1) > 0.0 && f(2, 2) > 0.0)) {
    gradient.setZero();
    return std::numeric_limits<double>::infinity();  // the cell would turn inside out
  }
  deformation_ = f;
  config_.box.set_h(f * h_ref_);
  const Vec3 lo = config_.box.lo();
  for (Eigen::Index i = 0; i < n; ++i)
    config_.positions[i] = lo + f * (x.segment<3>(3 * i) - lo);

  ComputeRequest request;
  request.virial = true;
  potential_.compute(config_, request, result_);

  const double volume = config_.box.volume();
  pressure_ = result_.virial * (nktv2p_ / volume);
  const Mat3 target = to_matrix(settings_.target);
  const double mean_target = target.trace() / 3.0;
  const Mat3 deviatoric = target - mean_target * Mat3::Identity();

  const Mat3 ft = f.transpose();
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!frozen_.empty() && frozen_[i])
      gradient.segment<3>(3 * i).setZero();
    else
      gradient.segment<3>(3 * i) = -(ft * result_.forces[i]);
  }
  // ∂Φ/∂ε_cd (upper triangle used), energy units.
  const Mat3 finv_t = f.inverse().transpose();
  const Mat3 dphi = (mean_target * volume / nktv2p_ * Mat3::Identity() - result_.virial) * finv_t +
                    (volume_ref_ / nktv2p_) * deviatoric;
  auto g_strain = gradient.tail(ns);
  switch (settings_.coupling) {
    case BoxCoupling::iso: g_strain(0) = dphi.trace(); break;
    case BoxCoupling::aniso: g_strain = dphi.diagonal(); break;
    case BoxCoupling::tri:
      for (int k = 0; k < 6; ++k) g_strain(k) = dphi(kTriRow[k], kTriCol[k]);
      break;
  }
  g_strain /= strain_length_;

  const Mat3 e = f - Mat3::Identity();
  double work = mean_target * volume;
  for (int k = 0; k < 6; ++k) work += volume_ref_ * deviatoric(kTriRow[k], kTriCol[k]) * e(kTriRow[k], kTriCol[k]);
  return result_.energy + work / nktv2p_;
}

double BoxRelaxObjective::gradient_measure(ConstVectorRef gradient) const {
  // gradient_i = −Fᵀ f_i, so f_i = −F⁻ᵀ gradient_i.
  const Mat3 finv_t = deformation_.inverse().transpose();
  double max2 = 0.0;
  for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(config_.size()); ++i)
    max2 = std::max(max2, (finv_t * gradient.segment<3>(3 * i)).squaredNorm());
  return std::sqrt(max2);
}

bool BoxRelaxObjective::converged(ConstVectorRef gradient, double fmax) const {
  if (!(gradient_measure(gradient) < fmax)) return false;
  // Residual in pressure units: ∂Φ/∂ε nktv2p / V (iso: per diagonal component).
  const double per_unit = strain_length_ * nktv2p_ / config_.box.volume() /
                          (settings_.coupling == BoxCoupling::iso ? 3.0 : 1.0);
  const double residual = gradient.tail(num_strain()).cwiseAbs().maxCoeff() * per_unit;
  return residual < settings_.pressure_tolerance;
}

double BoxRelaxObjective::step_measure(ConstVectorRef step) const {
  const Eigen::Index n = static_cast<Eigen::Index>(config_.size());
  return std::max(max_block_norm(step, 0, n), step.tail(num_strain()).cwiseAbs().maxCoeff());
}

double BoxRelaxObjective::pressure_error() const {
  const Mat3 diff = pressure_ - to_matrix(settings_.target);
  switch (settings_.coupling) {
    case BoxCoupling::iso: return std::abs(diff.trace() / 3.0);
    case BoxCoupling::aniso: return diff.diagonal().cwiseAbs().maxCoeff();
    case BoxCoupling::tri: return diff.cwiseAbs().maxCoeff();
  }
  return 0.0;
}

BoxRelaxResult relax_box(Configuration& config, Potential& potential, Minimizer& minimizer,
                         const StoppingCriteria& stop, const BoxRelaxConfig& settings,
                         std::vector<bool> frozen) {
  BoxRelaxObjective objective(config, potential, settings, std::move(frozen));
  BoxRelaxResult out;
  long iterations = 0, evaluations = 0;
  for (out.passes = 1;; ++out.passes) {
    Eigen::VectorXd x = objective.reset_reference();
    out.minimize = minimizer.minimize(objective, x, stop);
    iterations += out.minimize.iterations;
    evaluations += out.minimize.evaluations;
    // The minimizer's last evaluation was at its returned point, so the objective's
    // pressure describes the state left in `config`.
    const bool within = objective.pressure_error() < settings.pressure_tolerance;
    out.converged = out.minimize.reason == StopReason::converged_energy ||
                    (out.minimize.reason == StopReason::converged_force && within);
    if (out.converged || out.minimize.reason != StopReason::converged_force ||
        out.passes >= settings.max_passes)
      break;
  }
  out.minimize.iterations = iterations;
  out.minimize.evaluations = evaluations;
  out.potential_energy = objective.potential_energy();
  out.volume = objective.volume();
  out.pressure = objective.pressure();
  out.pressure_error = objective.pressure_error();
  return out;
}

}  // namespace pelcamp
