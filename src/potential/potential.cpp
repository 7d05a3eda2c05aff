#include "pelcamp/potential/potential.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/hessian_accumulator.hpp"

namespace pelcamp {

void ComputeScope::check(std::size_t n) const {
  if (moving > reached || (moving != kAll && moving > n) || (reached != kAll && reached > n))
    throw Error(fmt::format("compute scope: {} moving and {} reached atoms do not fit {} atoms "
                            "(need moving ≤ reached ≤ atoms)",
                            moving == kAll ? std::string("all") : std::to_string(moving),
                            reached == kAll ? std::string("all") : std::to_string(reached), n));
}

void ComputeRequest::check_scope(std::size_t n, const std::string& who) const {
  scope.check(n);
  if (scope.restricts(n) && (per_atom_energy || virial || per_atom_virial))
    throw Error(fmt::format("{}: an evaluation restricted to moving atoms gives energy and forces "
                            "only, not per-atom energies or virials",
                            who));
}

void ComputeResult::reset(std::size_t n, const ComputeRequest& request) {
  energy = 0.0;
  virial.setZero();
  forces.assign(request.forces ? n : 0, Vec3::Zero());
  per_atom_energy.assign(request.per_atom_energy ? n : 0, 0.0);
  per_atom_virial.assign(request.per_atom_virial ? n : 0, Sym6{});
}

double max_force_norm(const std::vector<Vec3>& forces) {
  double fmax = 0.0;
  for (const auto& f : forces) fmax = std::max(fmax, f.norm());
  return fmax;
}

double virial_pressure(const Configuration& config, const Mat3& virial, const UnitSystem& units) {
  if (!config.box.any_periodic()) return 0.0;
  return virial.trace() / (3.0 * config.box.volume()) * units.nktv2p;
}

double Potential::energy(const Configuration& config) {
  ComputeRequest request;
  request.forces = false;
  ComputeResult result;
  compute(config, request, result);
  return result.energy;
}

void Potential::hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                               std::vector<Vec3>& out) {
  finite_difference_hessian_vector(config, ComputeRequest{}, v, out);
}

void Potential::scoped_hessian_vector(const Configuration& config, const ComputeScope& scope,
                                      const std::vector<Vec3>& v, std::vector<Vec3>& out) {
  scope.check(config.size());
  if (!scope.restricts(config.size())) {
    hessian_vector(config, v, out);
    return;
  }
  ComputeRequest request;
  request.scope = scope;
  finite_difference_hessian_vector(config, request, v, out);
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(scope.moving), out.end(), Vec3::Zero());
}

void Potential::finite_difference_hessian_vector(const Configuration& config,
                                                 const ComputeRequest& request,
                                                 const std::vector<Vec3>& v, std::vector<Vec3>& out) {
  const std::size_t n = config.size();
  double vnorm2 = 0.0;
  for (const auto& vi : v) vnorm2 += vi.squaredNorm();
  out.assign(n, Vec3::Zero());
  if (vnorm2 == 0.0) return;
  const double h = fd_step / std::sqrt(vnorm2);
  Configuration shifted = config;
  ComputeResult plus, minus;
  for (std::size_t i = 0; i < n; ++i) shifted.positions[i] = config.positions[i] + h * v[i];
  compute(shifted, request, plus);
  for (std::size_t i = 0; i < n; ++i) shifted.positions[i] = config.positions[i] - h * v[i];
  compute(shifted, request, minus);
  // H v = −(F(x + h v) − F(x − h v)) / (2h)
  for (std::size_t i = 0; i < n; ++i) out[i] = -(plus.forces[i] - minus.forces[i]) / (2.0 * h);
}

void Potential::add_hessian(const Configuration& config, HessianAccumulator& hessian) {
  const std::size_t n = config.size();
  std::vector<Vec3> v(n, Vec3::Zero());
  std::array<std::vector<Vec3>, 3> columns;
  for (std::size_t j = 0; j < n; ++j) {
    for (int beta = 0; beta < 3; ++beta) {
      v[j] = Vec3::Unit(beta);
      hessian_vector(config, v, columns[beta]);
    }
    v[j] = Vec3::Zero();
    for (std::size_t i = 0; i < n; ++i) {
      Mat3 block;
      for (int beta = 0; beta < 3; ++beta) block.col(beta) = columns[beta][i];
      if (!block.isZero(0.0)) hessian.add(static_cast<int>(i), static_cast<int>(j), block);
    }
  }
}

void Potential::check_types(const Configuration& config) const {
  if (config.num_species() > elements().size()) {
    std::string allowed;
    for (const auto& e : elements()) allowed += (allowed.empty() ? "" : ",") + e;
    throw Error(fmt::format("potential {} maps {} type(s) ({}) but the configuration has {} types",
                            name(), elements().size(), allowed, config.num_species()));
  }
}

}  // namespace pelcamp
