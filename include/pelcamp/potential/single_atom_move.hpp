#pragma once
// Energy changes when ONE atom moves and every other atom stays where it is, from the atom's
// neighbourhood alone: the local updates behind the single-atom perturbation probes
// (analysis/single_atom_probe.hpp, seed 004 §2.3), which displace each atom of a sample
// along thousands of directions.
//
// Potential::single_atom_move(config, max_displacement) returns one of these prepared for a
// configuration (nullptr when the potential has no local update). It lists each atom's
// neighbours within cutoff + max_displacement (a full Verlet list: every periodic image of a
// neighbour is an entry of its own, so small boxes are handled) and keeps the per-atom state
// the model needs (EAM: the host density ρ_j and F(ρ_j) of every atom). select(i) gathers
// atom i's neighbour entries and their terms at rest; delta(u) then gives, for r_i → r_i + u,
//   dE_sys  = E(r_i + u) − E(r_i)                 the system's energy change,
//   dE_atom = e_i(r_i + u) − e_i(r_i)             atom i's own energy as compute() reports
//                                                 it (pair: ½ Σ_j φ_ij; EAM: F_i(ρ_i) + ½ Σ_j φ_ij).
// Pair potentials: dE_sys = Σ_j Δφ_ij = 2 dE_atom. EAM (Daw & Baskes 1984; Finnis–Sinclair
// densities depend on both elements):
//   dE_sys = Σ_j Δφ_ij + [F_i(ρ_i + Δρ_i) − F_i(ρ_i)] + Σ_j [F_j(ρ_j + Δρ_j) − F_j(ρ_j)],
//   Δρ_i = Σ_j Δρ_{j→i}(r_ij),   Δρ_j = Σ_{images of j} Δρ_{i→j}(r_ij),
// over the neighbour entries j (periodic images of i itself keep their separation and drop
// out). The terms are the potential's own lookups (the same splines, the same cutoff test as
// compute()), so dE_sys and dE_atom equal differences of two full evaluations to round-off,
// and that round-off is the neighbourhood's (~1e-14 eV), not the total energy's.
//
// Cost: preparation is one pass over the configuration's pairs; select(i) and delta(u) touch
// only atom i's ~(cutoff + max_displacement)³ neighbour entries.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/neighbor/neighbor_list.hpp"

namespace pelcamp {

class EamPotential;

struct MoveDelta {
  double system = 0.0;  // dE_sys, energy units
  double atom = 0.0;    // dE_atom, energy units
};

class SingleAtomMove {
 public:
  virtual ~SingleAtomMove() = default;

  std::size_t size() const { return config_.size(); }  // atoms of the configuration
  double max_displacement() const { return max_displacement_; }
  // Makes `atom` the moving atom; throws pelcamp::Error for an index out of range.
  void select(std::size_t atom);
  std::size_t atom() const { return atom_; }
  // Neighbour entries of the selected atom (within cutoff + max_displacement; each periodic
  // image separately): the atoms a move of it can affect.
  std::size_t neighbours() const { return neighbours_.size(); }
  // dE_sys and dE_atom for the selected atom displaced by `displacement` (length units);
  // throws pelcamp::Error when |displacement| > max_displacement() or no atom is selected.
  MoveDelta delta(const Vec3& displacement) const;

 protected:
  // `cutoff`: the potential's interaction range (length units); `max_displacement` ≥ 0.
  SingleAtomMove(const Configuration& config, double cutoff, double max_displacement);

  struct Neighbour {
    Vec3 d;    // r_j − r_i at rest, for this image of j
    int j;     // atom index
    int type;  // configuration type of j
  };
  // The family's state for the selected atom's neighbours_ (its terms at rest).
  virtual void prepare_selected() = 0;
  virtual MoveDelta evaluate(const Vec3& displacement) const = 0;

  const Configuration config_;
  const double cutoff_;
  // Of the selected atom: entries sorted by j (the images of one atom are adjacent), none
  // for i itself.
  std::vector<Neighbour> neighbours_;
  std::size_t atom_ = 0;
  int atom_type_ = 0;
  bool selected_ = false;
  NeighborList list_;  // full, within cutoff + max_displacement

 private:
  double max_displacement_;
};

// The pair family (pair_potential.hpp): φ from the potential's evaluator, cut off per type
// pair as compute() cuts it.
template <class Evaluator>
class PairSingleAtomMove final : public SingleAtomMove {
 public:
  // `cutoffs`: the row-major num_types × num_types table of pair ranges (length units).
  PairSingleAtomMove(const Configuration& config, const Evaluator& evaluator,
                     const std::vector<double>& cutoffs, int num_types, double max_displacement)
      : SingleAtomMove(config, *std::max_element(cutoffs.begin(), cutoffs.end()), max_displacement),
        evaluator_(evaluator),
        num_types_(num_types) {
    for (double rc : cutoffs) cutoff_sq_.push_back(rc * rc);
  }

 private:
  double pair_energy(int b, const Vec3& d) const {
    const double r2 = d.squaredNorm();
    return r2 < cutoff_sq_[atom_type_ * num_types_ + b] ? evaluator_.terms(atom_type_, b, r2).energy : 0.0;
  }
  void prepare_selected() override {
    at_rest_.clear();
    for (const Neighbour& n : neighbours_) at_rest_.push_back(pair_energy(n.type, n.d));
  }
  MoveDelta evaluate(const Vec3& u) const override {
    double dphi = 0.0;
    for (std::size_t k = 0; k < neighbours_.size(); ++k)
      dphi += pair_energy(neighbours_[k].type, neighbours_[k].d - u) - at_rest_[k];
    return {dphi, 0.5 * dphi};
  }
  Evaluator evaluator_;
  int num_types_;
  std::vector<double> cutoff_sq_;  // per type pair, row-major
  std::vector<double> at_rest_;  // φ of each neighbour entry at rest
};

// EAM, alloy, Finnis–Sinclair and funcfl alike (eam_potential.hpp): the potential's spline
// lookups. The potential must outlive this object.
class EamSingleAtomMove final : public SingleAtomMove {
 public:
  EamSingleAtomMove(const Configuration& config, const EamPotential& potential,
                    double max_displacement);

 private:
  // φ_ij, ρ_{j→i} (at i) and ρ_{i→j} (at j) of a neighbour entry, zero beyond the cutoff.
  struct Terms {
    double phi = 0.0, rho_at_i = 0.0, rho_at_j = 0.0;
  };
  Terms terms(int type_j, const Vec3& d) const;
  void prepare_selected() override;
  MoveDelta evaluate(const Vec3& displacement) const override;

  const EamPotential& potential_;
  std::vector<double> rho_;        // host density of every atom at rest
  std::vector<double> embedding_;  // F(ρ) of every atom at rest
  // Of the selected atom: its neighbours' terms at rest, and where each atom's entries end.
  std::vector<Terms> at_rest_;
  std::vector<std::size_t> atom_end_;
};

}  // namespace pelcamp
