#include "pelcamp/minimize/atoms_objective.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

// The variable vector aliases std::vector<Vec3> storage as 3N contiguous doubles.
static_assert(sizeof(Vec3) == 3 * sizeof(double), "Vec3 must be three packed doubles");

AtomsObjective::AtomsObjective(Configuration& config, Potential& potential, std::vector<bool> frozen)
    : config_(config), potential_(potential), frozen_(std::move(frozen)) {
  if (!frozen_.empty() && frozen_.size() != config_.size())
    throw Error(fmt::format("frozen-atom mask has {} entries but the configuration has {} atoms",
                            frozen_.size(), config_.size()));
  request_.forces = true;
}

Eigen::Map<Eigen::VectorXd> AtomsObjective::variables() {
  return {config_.positions.empty() ? nullptr : config_.positions.front().data(), dimension()};
}

double AtomsObjective::evaluate(ConstVectorRef x, VectorRef gradient) {
  auto positions = variables();
  if (x.data() != positions.data()) positions = x;
  potential_.compute(config_, request_, result_);
  const Eigen::Index n = static_cast<Eigen::Index>(config_.size());
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!frozen_.empty() && frozen_[i])
      gradient.segment<3>(3 * i).setZero();
    else
      gradient.segment<3>(3 * i) = -result_.forces[i];
  }
  return result_.energy;
}

double AtomsObjective::gradient_measure(ConstVectorRef gradient) const {
  return max_block_norm(gradient, 0, static_cast<Eigen::Index>(config_.size()));
}

double AtomsObjective::step_measure(ConstVectorRef step) const {
  return max_block_norm(step, 0, static_cast<Eigen::Index>(config_.size()));
}

}  // namespace pelcamp
