#pragma once
// Embedded-atom method potentials from LAMMPS files (styles eam, eam/alloy, eam/fs):
//   E = Σ_i F_{a_i}(ρ_i) + Σ_{i<j} φ_{a_i a_j}(r_ij),   ρ_i = Σ_{j≠i} ρ_{a_j→a_i}(r_ij)
// (Daw & Baskes, Phys. Rev. B 29, 6443 (1984); Finnis–Sinclair densities depend on both
// elements), with a_i the element of atom i. Tables are read and splined as LAMMPS pair_eam
// does (eam_file.hpp, eam_spline.hpp) and looked up the same way, so energies, forces and
// virials agree with LAMMPS to round-off.
//
// Evaluation is two passes over a half pair list (PairSource: all pairs for small free
// clusters, a Verlet list otherwise): pass 1 sums the densities of both atoms of each pair,
// then F(ρ_i) and F′(ρ_i) are taken once per atom, pass 2 adds the forces from φ′, ρ′ and
// the two F′. The per-atom energy of atom i is F(ρ_i) + ½ Σ_j φ_ij (its own embedding term
// included, as the single-atom probes need); per-atom virials get half of each pair's r⊗f.
// The Hessian-vector product is analytic (a density pass, then two passes over the pairs of
// the atoms v moves; products at the point of the last one skip the density pass).
//
// Scoped evaluations (ComputeRequest::scope, potential.hpp): pass 1 visits only the pairs
// of the reached atoms (rows [0, reached) of the half list hold every pair involving one
// of them) and F is taken for the reached atoms only; pass 2 visits only the pairs of the
// moving atoms. The energy is Σ_{i<reached} F(ρ_i) + Σ_{pairs with a moving atom} φ: the
// terms left out (F of atoms no moving atom reaches, φ between fixed atoms) are constant.
//
// Speed: the pairs are gathered into structure-of-arrays batches (pair_batch.hpp) and
// located on the distance grid once per evaluation (vectorized square roots and
// reciprocals); the kernels then read one cache line (pass 1) or two (pass 2) of
// interleaved spline coefficients per pair, prefetched a few pairs ahead, and accumulate
// atom i's sums in registers. Systems of up to 2^20 candidate pairs keep their batch for
// pass 2 (set_pair_batch_limit).
#include <memory>
#include <string>
#include <vector>

#include "pelcamp/neighbor/pair_batch.hpp"
#include "pelcamp/potential/eam_file.hpp"
#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

class EamPotential final : public Potential {
 public:
  // Configuration type t uses element type_elements[t] of `tables` (LAMMPS
  // `pair_coeff * * FILE E1 E2 ...`; an element may repeat). `spec` is the canonical
  // specification returned by name(); `source` names the file(s) in error messages.
  EamPotential(std::string spec, const EamTables& tables,
               const std::vector<std::string>& type_elements, const std::string& source,
               NeighborSettings neighbor_settings = {});

  std::string name() const override { return spec_; }
  const std::vector<std::string>& elements() const override { return type_elements_; }
  std::vector<double> masses() const override { return type_masses_; }
  double cutoff() const override;
  std::string units() const override { return "metal"; }

  void compute(const Configuration& config, const ComputeRequest& request,
               ComputeResult& result) override;
  void hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                      std::vector<Vec3>& out) override;
  // Restricted as compute() is (the class comment).
  void scoped_hessian_vector(const Configuration& config, const ComputeScope& scope,
                             const std::vector<Vec3>& v, std::vector<Vec3>& out) override;
  // Analytic: the pair blocks of ψ (see hessian_vector) plus Σ_k F″(ρ_k) ∇ρ_k ⊗ ∇ρ_k, which
  // couples every two partners of an atom (blocks reach twice the cutoff).
  void add_hessian(const Configuration& config, HessianAccumulator& hessian) override;

  void set_neighbor_settings(const NeighborSettings& settings) override;
  // Systems with at most this many candidate pairs keep all their pair data (~50 bytes per
  // candidate) from the first pass for the second; larger ones stream through batches of at
  // most min(limit, 2048) candidates that each pass gathers anew. Default 2^20.
  void set_pair_batch_limit(std::size_t candidates);
  std::unique_ptr<Potential> clone() const override;

  // Packed spline tables, shared (read-only) between clones.
  struct Model;

 private:
  // Chooses the batch size for an evaluation of rows [0, rows) of `config` (pairs_ updated).
  void plan_batches(const Configuration& config, int rows);
  // Gathers the pairs of rows [0, rows) of `config` in batches (see pair_batch.hpp),
  // locates each pair on the distance grid and runs kernel(batch) on every batch. With
  // `reuse`, a batch that already holds those rows of the same configuration (small
  // systems) is passed on as it is (cut to those rows).
  template <class Kernel>
  void for_each_batch(const Configuration& config, bool reuse, int rows, Kernel&& kernel);
  template <bool kSingleElement>
  void locate_pairs(const Configuration& config);
  // The kernels work on work_.batch. Pass 1: densities (and, when no force pass follows,
  // the pair energies of rows below `pair_rows`).
  template <bool kSingleElement, bool kPairEnergy, bool kPerAtomEnergy>
  void density_kernel(ComputeResult& result, int pair_rows);
  // F(ρ_i) and F′(ρ_i) of atoms [0, count); adds their embedding energies to `result`.
  void embedding_pass(const Configuration& config, int count, bool per_atom_energy,
                      ComputeResult& result);
  // Pass 2: forces (and pair energies, virials) into `forces` (3 doubles per atom).
  template <bool kSingleElement, bool kPerAtomEnergy, bool kVirial, bool kPerAtomVirial>
  void force_kernel(double* forces, ComputeResult& result);
  // The two passes of the Hessian-vector product over the moving atoms' pairs: ∇ρ_i·v,
  // then H v, from the pair terms of the batch (work_.hessian_pairs, hessian_pair_terms:
  // they depend on the point only, so Lanczos products at one point share them).
  void hessian_pair_terms();
  void hessian_slope_kernel(const std::vector<Vec3>& v);
  void hessian_vector_kernel(const std::vector<Vec3>& v, std::vector<Vec3>& out);
  // Whether the densities, F′, F″ and pair batch of the last Hessian-vector product are
  // those of `config` and this scope (Lanczos takes many products at one point).
  bool hessian_point_ready(const Configuration& config, int moving, int reached) const;
  // ρ_i, F′(ρ_i) and F″(ρ_i) of atoms [0, count) into work_.rho, work_.fp and work_.fpp
  // (F′ and F″ zero beyond them).
  void embedding_curvatures(const Configuration& config, int count);
  // add_hessian's pair pass, from the batch's hessian_pair_terms: the ψ blocks into
  // `hessian`; ∇ρ_k as its part on k itself (`self`) and one (partner, vector) entry per
  // pair of k (`partners`).
  void hessian_block_kernel(HessianAccumulator& hessian, std::vector<Vec3>& self,
                            std::vector<std::vector<std::pair<int, Vec3>>>& partners);

  std::shared_ptr<const Model> model_;
  std::string spec_;
  std::vector<std::string> type_elements_;
  std::vector<double> type_masses_;
  std::vector<int> type_element_;  // element index of each configuration type
  int num_types_ = 0;
  // First knot of the (element of type a, element of type b) tables, at [a * num_types_ + b].
  std::vector<int> table_offset_;
  bool single_element_ = false;  // every type maps to the same element
  PairSource pairs_;
  std::size_t batch_limit_;  // see set_pair_batch_limit

  // Per pair of the batch, for Hessian-vector products: ρ′ both ways and, with ψ the pair
  // function of hessian_vector (F′ fixed), ψ″ − ψ′/r (along u) and ψ′/r (isotropic).
  struct HessianPair {
    double rho_i_slope, rho_j_slope, radial, tangential;
  };

  // Where a pair of the current batch sits on the distance grid.
  struct PairLookup {
    double t;      // fraction within the interval
    double inv_r;  // 1/distance
    int knot;      // first knot of the interval, in the model's pair tables
    int j;         // the partner atom
  };

  // Work arrays reused between calls; a copy of the potential starts with empty ones.
  struct Work {
    Work() = default;
    Work(const Work&) {}
    Work& operator=(const Work&) { return *this; }

    PairBatch batch;
    std::size_t batch_candidates = 0;  // candidates per batch in the current evaluation
    std::vector<PairLookup> lookup;    // per pair of `batch` (padded for prefetching)
    // Per atom:
    std::vector<double> rho;         // host density ρ_i
    std::vector<double> fp;          // F′(ρ_i)
    std::vector<double> fpp;         // F″(ρ_i) (Hessian-vector product only)
    std::vector<HessianPair> hessian_pairs;  // per pair of `batch`
    std::vector<double> fpp_s;       // F″(ρ_i) ∇ρ_i·v (Hessian-vector product only)
    std::vector<double> grad_rho_v;  // ∇ρ_i·v (Hessian-vector product only)
    std::vector<Vec3> scratch_forces;
    // The point of the last Hessian-vector product: rho, fp, fpp and the batch (holding the
    // moving atoms' rows) are its own while `hessian_ready` (any new gathering clears it).
    bool hessian_ready = false;
    int hessian_moving = 0, hessian_reached = 0;
    std::vector<Vec3> hessian_positions;
    std::vector<int> hessian_types;
    Box hessian_box;
  } work_;

 public:
  // Single lookups of the tables, as compute() evaluates them, for local energy updates
  // (single_atom_move.hpp). For configuration types a (atom i) and b (atom j) at distance r
  // (0 < r, within cutoff()): φ_ab(r), the density at i due to j and the density at j due to i.
  struct PairValues {
    double phi, rho_at_i, rho_at_j;
  };
  PairValues pair_values(int a, int b, double r) const;
  // F(ρ) of configuration type a (continued linearly beyond the table, as compute() does).
  double embedding_energy(int a, double rho) const;
  std::unique_ptr<SingleAtomMove> single_atom_move(const Configuration& config,
                                                   double max_displacement) const override;
};

// Registry factories; `args` are the ':'-separated fields after the style name.
//   eam:FILE[,FILE...]:ELEMENTS   funcfl files, one element each (named by atomic number)
//   eam/alloy:FILE:ELEMENTS       setfl
//   eam/fs:FILE:ELEMENTS          Finnis–Sinclair
// ELEMENTS is a comma-separated element name per configuration type, e.g. Cu,Zr.
std::unique_ptr<Potential> make_eam_funcfl(const std::vector<std::string>& args);
std::unique_ptr<Potential> make_eam_alloy(const std::vector<std::string>& args);
std::unique_ptr<Potential> make_eam_fs(const std::vector<std::string>& args);

}  // namespace pelcamp
