#pragma once
// Sum of potentials (pele's combine_potentials.h): E = Σ_k E_k, with forces, per-atom
// energies, virials and Hessian-vector products summed term by term. The terms must use the
// same units and the same element (type) list.
#include <memory>
#include <string>
#include <vector>

#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

class SumPotential final : public Potential {
 public:
  explicit SumPotential(std::vector<std::unique_ptr<Potential>> terms);

  std::size_t num_terms() const { return terms_.size(); }
  const Potential& term(std::size_t k) const { return *terms_[k]; }

  // The term names joined by " + ".
  std::string name() const override;
  const std::vector<std::string>& elements() const override { return terms_.front()->elements(); }
  // Masses of the first term that defines them.
  std::vector<double> masses() const override;
  double cutoff() const override;
  std::string units() const override { return terms_.front()->units(); }

  void compute(const Configuration& config, const ComputeRequest& request,
               ComputeResult& result) override;
  void hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                      std::vector<Vec3>& out) override;
  // Each term adds its own (analytic where the term has it).
  void add_hessian(const Configuration& config, HessianAccumulator& hessian) override;
  void set_neighbor_settings(const NeighborSettings& settings) override;
  std::unique_ptr<Potential> clone() const override;

 private:
  std::vector<std::unique_ptr<Potential>> terms_;
  ComputeResult scratch_;
  std::vector<Vec3> scratch_hv_;
};

}  // namespace pelcamp
