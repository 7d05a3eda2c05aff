#include "pelcamp/potential/pel_flattening.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp {
namespace {

// x^n for n ≥ 0 by repeated multiplication: exact signs for negative x, no pow() surprises.
double ipow(double x, int n) {
  double result = 1.0;
  for (int k = 0; k < n; ++k) result *= x;
  return result;
}

const char* const kFlattenForm = "--flatten eps=E,phi0=P,m=M (M an even integer >= 2)";

double parse_number(const std::string& key, const std::string& text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value))
    throw Error(fmt::format("--flatten: {} must be a finite number, got '{}'", key, text));
  return value;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

void FlatteningTransform::validate() const {
  if (m < 2 || m % 2 != 0)
    throw Error(fmt::format("--flatten: m must be an even integer >= 2, got {}", m));
  if (!std::isfinite(epsilon))
    throw Error(fmt::format("--flatten: eps must be finite, got {}", epsilon));
  if (!std::isfinite(phi0))
    throw Error(fmt::format("--flatten: phi0 must be finite, got {}", phi0));
}

double FlatteningTransform::value(double phi) const {
  const double delta = phi - phi0;
  return delta <= 0.0 ? phi + epsilon * ipow(delta, m) : phi;
}

double FlatteningTransform::factor(double phi) const {
  const double delta = phi - phi0;
  return delta <= 0.0 ? 1.0 + epsilon * m * ipow(delta, m - 1) : 1.0;
}

double FlatteningTransform::curvature(double phi) const {
  const double delta = phi - phi0;
  return delta <= 0.0 ? epsilon * m * (m - 1) * ipow(delta, m - 2) : 0.0;
}

std::optional<double> FlatteningTransform::extra_stationary_energy() const {
  // 1 + ε m Δ^(m−1) = 0 with Δ ≤ 0 and m − 1 odd needs ε > 0: Δ = −(ε m)^(−1/(m−1)).
  if (!(epsilon > 0.0)) return std::nullopt;
  return phi0 - std::pow(epsilon * m, -1.0 / (m - 1));
}

std::optional<double> FlatteningTransform::distance_to_extra_stationary(double lo,
                                                                        double hi) const {
  const auto phi_s = extra_stationary_energy();
  if (!phi_s) return std::nullopt;
  if (lo > hi) std::swap(lo, hi);
  if (*phi_s < lo) return lo - *phi_s;
  if (*phi_s > hi) return *phi_s - hi;
  return 0.0;
}

bool FlatteningTransform::comes_near(double lo, double hi, double margin) const {
  const auto distance = distance_to_extra_stationary(lo, hi);
  return distance && *distance <= margin;
}

std::string FlatteningTransform::spec() const {
  return fmt::format("eps={},phi0={},m={}", epsilon, phi0, m);
}

FlatteningTransform parse_flattening(const std::string& text) {
  FlatteningTransform t;
  bool have_eps = false, have_phi0 = false, have_m = false;
  if (text.empty()) throw Error(std::string("--flatten: empty value; expected ") + kFlattenForm);
  for (const std::string& item : split_list(text, ',')) {
    const auto eq = item.find('=');
    if (eq == std::string::npos)
      throw Error(fmt::format("--flatten: '{}' is not KEY=VALUE; expected {}", item, kFlattenForm));
    const std::string key = trimmed(item.substr(0, eq)), value = trimmed(item.substr(eq + 1));
    bool* seen = nullptr;
    if (key == "eps") {
      t.epsilon = parse_number(key, value);
      seen = &have_eps;
    } else if (key == "phi0") {
      t.phi0 = parse_number(key, value);
      seen = &have_phi0;
    } else if (key == "m") {
      int m = 0;
      const char* end = value.data() + value.size();
      auto [ptr, ec] = std::from_chars(value.data(), end, m);
      if (value.empty() || ec != std::errc() || ptr != end)
        throw Error(fmt::format("--flatten: m must be an even integer >= 2, got '{}'", value));
      t.m = m;
      seen = &have_m;
    } else {
      throw Error(fmt::format("--flatten: unknown key '{}'; allowed: eps, phi0, m", key));
    }
    if (*seen) throw Error(fmt::format("--flatten: key '{}' given twice", key));
    *seen = true;
  }
  std::string missing;
  if (!have_eps) missing += " eps";
  if (!have_phi0) missing += " phi0";
  if (!have_m) missing += " m";
  if (!missing.empty())
    throw Error(fmt::format("--flatten: missing key(s){}; expected {}", missing, kFlattenForm));
  t.validate();
  return t;
}

FlattenedPotential::FlattenedPotential(std::unique_ptr<Potential> inner,
                                       const FlatteningTransform& transform)
    : PotentialDecorator(std::move(inner), "flattening"), transform_(transform) {
  transform_.validate();
}

std::string FlattenedPotential::name() const {
  return inner_->name() + " --flatten " + transform_.spec();
}

void FlattenedPotential::compute(const Configuration& config, const ComputeRequest& request,
                                 ComputeResult& result) {
  inner_->compute(config, request, result);
  const double phi = result.energy;
  if (phi > transform_.phi0) return;  // φ* = φ
  const double s = transform_.factor(phi);
  const double extra = transform_.value(phi) - phi;
  result.energy = phi + extra;
  for (auto& f : result.forces) f *= s;
  if (!result.per_atom_energy.empty()) {
    const double share = extra / double(result.per_atom_energy.size());
    for (double& e : result.per_atom_energy) e += share;
  }
  result.virial *= s;
  for (auto& w : result.per_atom_virial)
    for (double& c : w) c *= s;
}

void FlattenedPotential::hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                                        std::vector<Vec3>& out) {
  inner_->compute(config, ComputeRequest{}, scratch_);
  inner_->hessian_vector(config, v, out);
  const double phi = scratch_.energy;
  if (phi > transform_.phi0) return;
  // H* v = s H v + (d²φ*/dφ²) (g·v) g, g = ∇φ = −F; the two signs of g cancel.
  const double s = transform_.factor(phi);
  double fv = 0.0;
  for (std::size_t i = 0; i < v.size(); ++i) fv += scratch_.forces[i].dot(v[i]);
  const double c = transform_.curvature(phi) * fv;
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = s * out[i] + c * scratch_.forces[i];
}

std::unique_ptr<Potential> FlattenedPotential::clone() const {
  return std::make_unique<FlattenedPotential>(inner_->clone(), transform_);
}

}  // namespace pelcamp
