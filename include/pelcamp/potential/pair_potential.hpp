#pragma once
// The one driver of every pair potential (style.md §2): the functional form lives in a tiny
// evaluator, the loops live here. Adding a pair potential means writing an evaluator and one
// registry line.
//
// An evaluator E is a copyable struct describing φ_ab(r) for type indices a, b:
//
//   double cutoff(int a, int b) const;                   // range of the a-b interaction
//   PairTerms terms(int a, int b, double r2) const;      // φ and −φ′/r at r² = r2
//   PairCurvature curvature(int a, int b, double r2) const;  // −φ′/r and φ″ (Hessian)
//
// The driver only calls terms/curvature for r2 < cutoff(a, b)² (mark them PELCAMP_INLINE:
// they belong in the pair loop). PairPotential<E> enumerates pairs through PairSource (all
// pairs for small free clusters, a half Verlet list with per-type-pair radii otherwise)
// and computes the energy, forces, per-atom energy (half of each pair to each atom), global
// and per-atom virial (only what the request asks for), and the analytic Hessian-vector
// product. A scoped request (potential.hpp ComputeScope) visits only rows [0, moving) of
// the half list, which hold every pair involving a moving atom: the energy leaves out the
// (constant) pairs of two fixed atoms.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "pelcamp/neighbor/pair_batch.hpp"
#include "pelcamp/potential/hessian_accumulator.hpp"
#include "pelcamp/potential/potential.hpp"
#include "pelcamp/potential/single_atom_move.hpp"

// The evaluator's functions are part of the pair body and must be inlined like it
// (PELCAMP_INLINE, neighbor_list.hpp): 13 % of a Kob-Andersen step went to calls of terms().

namespace pelcamp {

struct PairTerms {
  double energy;        // φ(r)
  double force_over_r;  // −φ′(r)/r: the force on j is force_over_r · (r_j − r_i)
};

struct PairCurvature {
  double force_over_r;  // −φ′(r)/r
  double d2phi;         // φ″(r)
};

// What a pair model is, independent of its functional form.
struct PairModelInfo {
  std::string name;                   // canonical specification, e.g. "lj/ka"
  std::string units;                  // "lj" or "metal"
  std::vector<std::string> elements;  // type names, in configuration type order
  std::vector<double> masses;         // per type when the model defines them, else empty
};

// The non-template half of the driver: bookkeeping shared by every evaluator.
class PairPotentialBase : public Potential {
 public:
  std::string name() const override { return info_.name; }
  const std::vector<std::string>& elements() const override { return info_.elements; }
  std::vector<double> masses() const override { return info_.masses; }
  double cutoff() const override { return max_cutoff_; }
  std::string units() const override { return info_.units; }
  void set_neighbor_settings(const NeighborSettings& settings) override;

 protected:
  // `cutoffs` is the row-major ntypes × ntypes table of pair ranges (symmetric, > 0). The
  // default Verlet skin is 0.3 σ in lj units (LAMMPS's lj default; the 1.0 of
  // NeighborSettings would triple the listed pairs) and NeighborSettings' default otherwise;
  // set_neighbor_settings overrides it.
  PairPotentialBase(PairModelInfo info, const std::vector<double>& cutoffs);
  std::size_t num_types() const { return info_.elements.size(); }
  // Validates the configuration and prepares pair enumeration for it.
  void prepare(const Configuration& config);

  PairModelInfo info_;
  std::vector<double> cutoffs_;  // per type pair, row-major
  double max_cutoff_ = 0.0;
  PairSource pairs_;
  // Candidate pairs gathered per batch: the batch's arrays (~36 bytes per candidate) stay in
  // L1 between gathering and evaluation.
  static constexpr std::size_t kBatchCandidates = 1024;
};

template <class Evaluator>
class PairPotential final : public PairPotentialBase {
 public:
  PairPotential(const PairModelInfo& info, Evaluator evaluator)
      : PairPotentialBase(info, cutoff_table(info.elements.size(), evaluator)),
        evaluator_(std::move(evaluator)) {}

  const Evaluator& evaluator() const { return evaluator_; }

  std::unique_ptr<Potential> clone() const override {
    auto copy = std::make_unique<PairPotential>(info_, evaluator_);
    copy->set_neighbor_settings(pairs_.settings());
    return copy;
  }

  void compute(const Configuration& config, const ComputeRequest& request,
               ComputeResult& result) override {
    prepare(config);
    const std::size_t n = config.size();
    request.check_scope(n, info_.name);
    result.reset(n, request);
    const int flags =
        (request.forces ? kForces : 0) | (request.per_atom_energy ? kPerAtomEnergy : 0) |
        (request.virial ? kVirial : 0) | (request.per_atom_virial ? kPerAtomVirial : 0);
    const int moving = request.scope.moving_in(n);
    (this->*kernels_[flags])(config, moving, result);
    // The rows' pairs left partial forces on the fixed partners of the moving atoms.
    if (request.forces) std::fill(result.forces.begin() + moving, result.forces.end(), Vec3::Zero());
  }

  // H v with the pair Hessian block ∂²φ/∂r_j∂r_j = φ″ u⊗u + (φ′/r)(1 − u⊗u), u = d/r, and
  // ∂²φ/∂r_i∂r_j = −(that block).
  void hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                      std::vector<Vec3>& out) override {
    scoped_hessian_vector(config, ComputeScope{}, v, out);
  }

  void scoped_hessian_vector(const Configuration& config, const ComputeScope& scope,
                             const std::vector<Vec3>& v, std::vector<Vec3>& out) override {
    prepare(config);
    const std::size_t n = config.size();
    scope.check(n);
    const int moving = scope.moving_in(n);
    out.assign(n, Vec3::Zero());
    const int* type = config.types.data();
    // Each pair within its type pair's cutoff; atom i's sum stays in a register.
    for_each_batched_row(config, moving, [&](int i, auto&& row) PELCAMP_INLINE {
      const int a = type[i];
      Vec3 out_i = Vec3::Zero();
      row([&](int j, const Vec3& d, double r2) PELCAMP_INLINE {
        const PairCurvature c = evaluator_.curvature(a, type[j], r2);
        const Vec3 dv = v[j] - v[i];
        // φ′/r = −force_over_r, so H dv = (φ″ + force_over_r) u (u·dv) − force_over_r dv.
        const Vec3 h = ((c.d2phi + c.force_over_r) / r2 * d.dot(dv)) * d - c.force_over_r * dv;
        out[j] += h;
        out_i -= h;
      });
      out[i] += out_i;
    });
    std::fill(out.begin() + moving, out.end(), Vec3::Zero());
  }

  // The same pair blocks, each added once per pair (HessianAccumulator::add_pair).
  void add_hessian(const Configuration& config, HessianAccumulator& hessian) override {
    prepare(config);
    const int* type = config.types.data();
    for_each_batched_row(config, static_cast<int>(config.size()), [&](int i, auto&& row) {
      const int a = type[i];
      row([&](int j, const Vec3& d, double r2) {
        const PairCurvature c = evaluator_.curvature(a, type[j], r2);
        const Mat3 k = ((c.d2phi + c.force_over_r) / r2) * (d * d.transpose()) -
                       c.force_over_r * Mat3::Identity();
        hessian.add_pair(i, j, k);
      });
    });
  }

 private:
  // The one pair loop, instantiated for each combination of requested quantities so that the
  // per-pair work has no branches on the request.
  enum : int { kForces = 1, kPerAtomEnergy = 2, kVirial = 4, kPerAtomVirial = 8 };
  using Kernel = void (PairPotential::*)(const Configuration&, int, ComputeResult&);

  // The pairs of rows [0, rows).
  template <int Flags>
  void accumulate(const Configuration& config, int rows, ComputeResult& result) {
    const int* type = config.types.data();
    Vec3* force = result.forces.data();
    double* atom_energy = result.per_atom_energy.data();
    Sym6* atom_virial = result.per_atom_virial.data();
    double energy = 0.0;
    Mat3 virial = Mat3::Zero();
    // Atom i's sums stay in registers through its row.
    for_each_batched_row(config, rows, [&](int i, auto&& row) PELCAMP_INLINE {
      const int a = type[i];
      Vec3 force_i = Vec3::Zero();
      double energy_i = 0.0;
      Sym6 virial_i{};
      row([&](int j, const Vec3& d, double r2) PELCAMP_INLINE {
        const PairTerms t = evaluator_.terms(a, type[j], r2);
        energy += t.energy;
        if constexpr ((Flags & kPerAtomEnergy) != 0) {
          energy_i += 0.5 * t.energy;
          atom_energy[j] += 0.5 * t.energy;
        }
        if constexpr ((Flags & kForces) != 0) {
          const Vec3 fj = t.force_over_r * d;
          force[j] += fj;
          force_i -= fj;
        }
        if constexpr ((Flags & (kVirial | kPerAtomVirial)) != 0) {
          // (r_j − r_i) ⊗ f_j summed over pairs is Σ_i r_i ⊗ f_i for the periodic system.
          const Mat3 w = t.force_over_r * (d * d.transpose());
          if constexpr ((Flags & kVirial) != 0) virial += w;
          if constexpr ((Flags & kPerAtomVirial) != 0) {
            const Sym6 half = to_sym6(0.5 * w);
            for (int k = 0; k < 6; ++k) {
              virial_i[k] += half[k];
              atom_virial[j][k] += half[k];
            }
          }
        }
      });
      if constexpr ((Flags & kForces) != 0) force[i] += force_i;
      if constexpr ((Flags & kPerAtomEnergy) != 0) atom_energy[i] += energy_i;
      if constexpr ((Flags & kPerAtomVirial) != 0)
        for (int k = 0; k < 6; ++k) atom_virial[i][k] += virial_i[k];
    });
    result.energy = energy;
    result.virial = virial;
  }

  // Visits rows [0, rows) as pairs_.for_each_row does, with each batch of rows gathered
  // first (pair_batch.hpp: the separations of the pairs within their cutoffs, compacted
  // without branches), so the loop that evaluates the pairs has no cutoff branch to
  // mispredict.
  template <class Visit>
  void for_each_batched_row(const Configuration& config, int rows, Visit&& visit) {
    for (int first = 0; first < rows;) {
      first = collect_pairs(pairs_, config, first, rows, kBatchCandidates, batch_);
      const PairBatch& b = batch_;
      for (int i = b.first_atom; i < b.end_atom; ++i) {
        visit(i, [&](auto&& g) PELCAMP_INLINE {
          for (int k = b.row_begin[i - b.first_atom]; k < b.row_begin[i - b.first_atom + 1]; ++k)
            g(b.j[k], Vec3(b.dx[k], b.dy[k], b.dz[k]), b.r2[k]);
        });
      }
    }
  }

  template <int... Flags>
  static constexpr std::array<Kernel, sizeof...(Flags)> kernel_table(
      std::integer_sequence<int, Flags...>) {
    return {&PairPotential::accumulate<Flags>...};
  }
  static constexpr std::array<Kernel, 16> kernels_ =
      kernel_table(std::make_integer_sequence<int, 16>{});

  static std::vector<double> cutoff_table(std::size_t n, const Evaluator& e) {
    std::vector<double> table(n * n);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b) table[a * n + b] = e.cutoff(int(a), int(b));
    return table;
  }

  Evaluator evaluator_;
  PairBatch batch_;  // scratch of for_each_batched_row

 public:
  // φ changes of the moved atom's pairs (single_atom_move.hpp).
  std::unique_ptr<SingleAtomMove> single_atom_move(const Configuration& config,
                                                   double max_displacement) const override {
    return std::make_unique<PairSingleAtomMove<Evaluator>>(config, evaluator_, cutoffs_,
                                                          static_cast<int>(num_types()), max_displacement);
  }
};

}  // namespace pelcamp
