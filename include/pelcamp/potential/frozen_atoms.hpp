#pragma once
// Frozen atoms (pele's frozen_atoms.h): a decorator that pins a set of atoms. The energy,
// per-atom energies and virials are those of the full system (the frozen atoms still
// interact, and a homogeneous strain still moves them affinely); the forces on frozen atoms
// are zero, and the Hessian-vector product is that of the free subspace, P H P v with P the
// projector onto the free atoms (frozen rows and columns are zero). Used for the single-atom
// probes of physics.md §4: move one atom, freeze the rest.
#include <memory>
#include <string>
#include <vector>

#include "pelcamp/potential/potential_decorator.hpp"

namespace pelcamp {

class FrozenAtomsPotential final : public PotentialDecorator {
 public:
  // frozen[i] says whether atom i (configuration order) is frozen; the mask must have one
  // entry per atom of every configuration passed in.
  FrozenAtomsPotential(std::unique_ptr<Potential> inner, std::vector<bool> frozen);
  // Every atom of an n-atom configuration frozen except `free_atom`.
  static std::vector<bool> all_but(std::size_t n, std::size_t free_atom);

  const std::vector<bool>& frozen() const { return frozen_; }
  std::size_t num_frozen() const;

  // The inner name and the number of frozen atoms, e.g. "lj/ka (499 of 500 atoms frozen)".
  std::string name() const override;

  void compute(const Configuration& config, const ComputeRequest& request,
               ComputeResult& result) override;
  void hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                      std::vector<Vec3>& out) override;
  std::unique_ptr<Potential> clone() const override;

 private:
  void check_size(const Configuration& config) const;

  std::vector<bool> frozen_;
  std::vector<Vec3> masked_;
};

}  // namespace pelcamp
