#include "pelcamp/potential/frozen_atoms.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

FrozenAtomsPotential::FrozenAtomsPotential(std::unique_ptr<Potential> inner,
                                           std::vector<bool> frozen)
    : PotentialDecorator(std::move(inner), "frozen-atoms"), frozen_(std::move(frozen)) {}

std::vector<bool> FrozenAtomsPotential::all_but(std::size_t n, std::size_t free_atom) {
  if (free_atom >= n)
    throw Error(
        fmt::format("frozen atoms: free atom index {} out of range for {} atoms", free_atom, n));
  std::vector<bool> mask(n, true);
  mask[free_atom] = false;
  return mask;
}

std::size_t FrozenAtomsPotential::num_frozen() const {
  return std::size_t(std::count(frozen_.begin(), frozen_.end(), true));
}

std::string FrozenAtomsPotential::name() const {
  return fmt::format("{} ({} of {} atoms frozen)", inner_->name(), num_frozen(), frozen_.size());
}

void FrozenAtomsPotential::check_size(const Configuration& config) const {
  if (config.size() != frozen_.size())
    throw Error(
        fmt::format("frozen atoms: the mask has {} entries but the configuration has {} atoms",
                    frozen_.size(), config.size()));
}

void FrozenAtomsPotential::compute(const Configuration& config, const ComputeRequest& request,
                                   ComputeResult& result) {
  check_size(config);
  inner_->compute(config, request, result);
  for (std::size_t i = 0; i < result.forces.size(); ++i)
    if (frozen_[i]) result.forces[i].setZero();
}

void FrozenAtomsPotential::hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                                          std::vector<Vec3>& out) {
  check_size(config);
  masked_ = v;  // P v
  for (std::size_t i = 0; i < masked_.size(); ++i)
    if (frozen_[i]) masked_[i].setZero();
  inner_->hessian_vector(config, masked_, out);
  for (std::size_t i = 0; i < out.size(); ++i)  // P H P v
    if (frozen_[i]) out[i].setZero();
}

std::unique_ptr<Potential> FrozenAtomsPotential::clone() const {
  return std::make_unique<FrozenAtomsPotential>(inner_->clone(), frozen_);
}

}  // namespace pelcamp
