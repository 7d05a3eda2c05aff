#include "pelcamp/potential/potential.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

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
  const std::size_t n = config.size();
  double vnorm2 = 0.0;
  for (const auto& vi : v) vnorm2 += vi.squaredNorm();
  out.assign(n, Vec3::Zero());
  if (vnorm2 == 0.0) return;
  const double h = fd_step / std::sqrt(vnorm2);
  Configuration shifted = config;
  ComputeResult plus, minus;
  for (std::size_t i = 0; i < n; ++i) shifted.positions[i] = config.positions[i] + h * v[i];
  compute(shifted, ComputeRequest{}, plus);
  for (std::size_t i = 0; i < n; ++i) shifted.positions[i] = config.positions[i] - h * v[i];
  compute(shifted, ComputeRequest{}, minus);
  // H v = −(F(x + h v) − F(x − h v)) / (2h)
  for (std::size_t i = 0; i < n; ++i) out[i] = -(plus.forces[i] - minus.forces[i]) / (2.0 * h);
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
