#include "pelcamp/potential/sum_potential.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

SumPotential::SumPotential(std::vector<std::unique_ptr<Potential>> terms)
    : terms_(std::move(terms)) {
  if (terms_.empty()) throw Error("sum of potentials needs at least one term");
  for (const auto& t : terms_) {
    if (!t) throw Error("sum of potentials: null term");
    if (t->units() != terms_.front()->units())
      throw Error(fmt::format("sum of potentials: {} uses units {} but {} uses {}", t->name(),
                              t->units(), terms_.front()->name(), terms_.front()->units()));
    if (t->elements() != terms_.front()->elements())
      throw Error(fmt::format("sum of potentials: {} and {} map different elements", t->name(),
                              terms_.front()->name()));
  }
}

std::string SumPotential::name() const {
  std::string n;
  for (const auto& t : terms_) n += (n.empty() ? "" : " + ") + t->name();
  return n;
}

std::vector<double> SumPotential::masses() const {
  for (const auto& t : terms_)
    if (auto m = t->masses(); !m.empty()) return m;
  return {};
}

double SumPotential::cutoff() const {
  double rc = 0.0;
  for (const auto& t : terms_) rc = std::max(rc, t->cutoff());
  return rc;
}

void SumPotential::compute(const Configuration& config, const ComputeRequest& request,
                           ComputeResult& result) {
  terms_.front()->compute(config, request, result);
  for (std::size_t k = 1; k < terms_.size(); ++k) {
    terms_[k]->compute(config, request, scratch_);
    result.energy += scratch_.energy;
    result.virial += scratch_.virial;
    for (std::size_t i = 0; i < result.forces.size(); ++i) result.forces[i] += scratch_.forces[i];
    for (std::size_t i = 0; i < result.per_atom_energy.size(); ++i)
      result.per_atom_energy[i] += scratch_.per_atom_energy[i];
    for (std::size_t i = 0; i < result.per_atom_virial.size(); ++i)
      for (int c = 0; c < 6; ++c) result.per_atom_virial[i][c] += scratch_.per_atom_virial[i][c];
  }
}

void SumPotential::hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                                  std::vector<Vec3>& out) {
  terms_.front()->hessian_vector(config, v, out);
  for (std::size_t k = 1; k < terms_.size(); ++k) {
    terms_[k]->hessian_vector(config, v, scratch_hv_);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] += scratch_hv_[i];
  }
}

void SumPotential::add_hessian(const Configuration& config, HessianAccumulator& hessian) {
  for (auto& t : terms_) t->add_hessian(config, hessian);
}

void SumPotential::set_neighbor_settings(const NeighborSettings& settings) {
  for (auto& t : terms_) t->set_neighbor_settings(settings);
}

std::unique_ptr<Potential> SumPotential::clone() const {
  std::vector<std::unique_ptr<Potential>> copies;
  for (const auto& t : terms_) copies.push_back(t->clone());
  return std::make_unique<SumPotential>(std::move(copies));
}

}  // namespace pelcamp
