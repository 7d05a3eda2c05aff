#pragma once
// Atom positions at fixed box as the variables of an Objective: x = (x1, y1, z1, x2, ...),
// value = potential energy, gradient = −forces. Atoms flagged frozen get a zero gradient,
// so no minimizer ever moves them (their coordinates stay bit-identical).
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/minimize/objective.hpp"
#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

class AtomsObjective : public Objective {
 public:
  // `config` and `potential` must outlive the objective; evaluate() writes the evaluated
  // point into config.positions. `frozen` is empty (nothing frozen) or one flag per atom.
  AtomsObjective(Configuration& config, Potential& potential, std::vector<bool> frozen = {});

  Eigen::Index dimension() const override { return 3 * static_cast<Eigen::Index>(config_.size()); }
  // Energy in the potential's energy units; gradient in energy/length.
  double evaluate(ConstVectorRef x, VectorRef gradient) override;
  // Largest per-atom force norm (frozen atoms excluded).
  double gradient_measure(ConstVectorRef gradient) const override;
  // Largest per-atom displacement.
  double step_measure(ConstVectorRef step) const override;

  // The configuration's positions as the variable vector (no copy): minimizing in place on
  // this map moves the atoms directly and evaluate() skips copying x.
  Eigen::Map<Eigen::VectorXd> variables();
  // Forces, energy (and virial, when asked for) of the last evaluation.
  const ComputeResult& last_result() const { return result_; }
  // Also compute the virial at every evaluation (off by default).
  void set_virial(bool on) { request_.virial = on; }

 private:
  Configuration& config_;
  Potential& potential_;
  std::vector<bool> frozen_;
  ComputeRequest request_;
  ComputeResult result_;
};

}  // namespace pelcamp
