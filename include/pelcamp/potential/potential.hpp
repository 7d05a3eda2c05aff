#pragma once
// The one interface every interatomic model and decorator implements, at three levels:
// energy; energy + forces (+ per-atom energy and virials on request); Hessian-vector product.
//
// Type binding follows LAMMPS `pair_coeff * * FILE A B`: configuration type index t uses
// the potential's element elements()[t]. Potentials keep neighbour-list state between
// calls, so one instance serves one trajectory at a time (clone() for another).
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/types.hpp"
#include "pelcamp/core/units.hpp"
#include "pelcamp/neighbor/pair_source.hpp"

namespace pelcamp {

class HessianAccumulator;  // potential/hessian_accumulator.hpp

// Restricts an evaluation to the atoms that move, for searches that move a few atoms of a
// large system (local ART, physics.md §2–3). The atoms are ordered: the first `moving`
// ones may move between the evaluations that share a scope, all others stay exactly where
// they are; the first `reached` ones (≥ moving) include every atom that comes within the
// potential's cutoff of a moving atom in any of those evaluations. A scoped evaluation
// gives exact forces on the moving atoms (those on the others mean nothing: zero when the
// potential restricts its work, the full ones when it does not), and an energy that
// differs from the full one by a constant (the same for every evaluation with this scope
// on configurations that differ only in moving atoms), so energy differences are exact.
// Potentials skip the work that cannot change: pair terms between two atoms that do not
// move, EAM densities of atoms beyond `reached`. A potential that does not restrict
// evaluates everything, which meets the same contract. The default scope is everything.
struct ComputeScope {
  static constexpr std::size_t kAll = static_cast<std::size_t>(-1);
  std::size_t moving = kAll;
  std::size_t reached = kAll;

  // Whether the scope leaves atoms out of a system of n atoms.
  bool restricts(std::size_t n) const { return moving < n; }
  // The moving and reached counts within a system of n atoms (pair rows to visit).
  int moving_in(std::size_t n) const { return static_cast<int>(std::min(moving, n)); }
  int reached_in(std::size_t n) const { return static_cast<int>(std::min(reached, n)); }
  // Throws pelcamp::Error unless moving ≤ reached and the counts fit n atoms (kAll fits).
  void check(std::size_t n) const;
};

struct ComputeRequest {
  bool forces = true;
  bool per_atom_energy = false;
  bool virial = false;           // global virial tensor
  bool per_atom_virial = false;  // per-atom virial tensors
  // Energy and forces only: a scope that restricts cannot be combined with per-atom
  // energies or virials (pelcamp::Error).
  ComputeScope scope{};

  // Throws pelcamp::Error (naming `who`) when the scope does not fit n atoms or restricts a
  // request for per-atom energies or virials.
  void check_scope(std::size_t n, const std::string& who) const;
};

// Virial convention (LAMMPS): W = Σ_i r_i ⊗ f_i over the periodic system, in energy units,
// so the pressure tensor is P = (Σ m v⊗v + W) / V. Per-atom virials sum to W and equal
// −(LAMMPS `compute stress/atom`)/nktv2p, the per-atom stress × volume with a minus sign.
struct ComputeResult {
  double energy = 0.0;
  std::vector<Vec3> forces;
  std::vector<double> per_atom_energy;
  Mat3 virial = Mat3::Zero();
  std::vector<Sym6> per_atom_virial;

  // Sizes the arrays requested for n atoms and zeroes everything.
  void reset(std::size_t n, const ComputeRequest& request);
};

// Largest per-atom force norm (force units); 0 for no atoms.
double max_force_norm(const std::vector<Vec3>& forces);
// Virial part of the pressure, tr(W)/(3V), in the unit system's pressure units (bar for
// metal); 0 for a system without a periodic dimension, which has no volume.
double virial_pressure(const Configuration& config, const Mat3& virial, const UnitSystem& units);

class SingleAtomMove;  // potential/single_atom_move.hpp

class Potential {
 public:
  virtual ~Potential() = default;

  // Canonical specification, e.g. "eam/fs:/path/CuZr_mm.eam.fs:Cu,Zr" or "lj/ka".
  virtual std::string name() const = 0;
  // Element (or model type) name for each configuration type index.
  virtual const std::vector<std::string>& elements() const = 0;
  // Mass of each element when the model defines one (EAM files do), else empty.
  virtual std::vector<double> masses() const { return {}; }
  // Interaction range: atoms farther apart than this do not interact.
  virtual double cutoff() const = 0;
  // Units the model's parameters are expressed in ("metal" or "lj").
  virtual std::string units() const = 0;

  virtual void compute(const Configuration& config, const ComputeRequest& request,
                       ComputeResult& result) = 0;

  // out = H v with H = ∂²E/∂r∂r. The default takes central differences of forces with step
  // `fd_step` along v (exact to O(h²)); analytic overrides are preferred where they exist.
  virtual void hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                              std::vector<Vec3>& out);
  // H v restricted to a scope (see ComputeScope): `v` (one entry per atom) must vanish
  // beyond the moving atoms; `out` is H v on the moving atoms and zero beyond. The default
  // takes central differences of scoped forces (or calls hessian_vector when the scope
  // restricts nothing); pair and EAM potentials restrict their analytic products.
  virtual void scoped_hessian_vector(const Configuration& config, const ComputeScope& scope,
                                     const std::vector<Vec3>& v, std::vector<Vec3>& out);

  // Adds the full Hessian ∂²E/∂r∂r of `config` to `hessian`, 3×3 block by block. The default
  // takes it column by column from 3N hessian_vector products (O(N²) work; blocks that come
  // out exactly zero are skipped); pair and EAM potentials assemble it analytically from their
  // pairs (O(N) blocks).
  virtual void add_hessian(const Configuration& config, HessianAccumulator& hessian);

  virtual void set_neighbor_settings(const NeighborSettings& settings) { (void)settings; }
  virtual std::unique_ptr<Potential> clone() const = 0;

  double energy(const Configuration& config);

  // Local energy updates for moving one atom of `config` with all others fixed, by at most
  // `max_displacement` (length units): single_atom_move.hpp. nullptr (the default) when the
  // potential has none; callers then evaluate the system. The result may refer to this
  // potential, which must outlive it.
  virtual std::unique_ptr<SingleAtomMove> single_atom_move(const Configuration& config,
                                                           double max_displacement) const;

 protected:
  // Throws pelcamp::Error when the configuration has more types than the model has elements.
  void check_types(const Configuration& config) const;
  // H v by central differences of the forces of `request` (step fd_step along v).
  void finite_difference_hessian_vector(const Configuration& config, const ComputeRequest& request,
                                        const std::vector<Vec3>& v, std::vector<Vec3>& out);
  double fd_step = 1e-5;
};

}  // namespace pelcamp
