#include "pelcamp/potential/eam_potential.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <type_traits>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/eam_spline.hpp"
#include "pelcamp/potential/hessian_accumulator.hpp"
#include "pelcamp/potential/registry.hpp"
#include "pelcamp/potential/single_atom_move.hpp"

namespace pelcamp {

namespace {

using Cubic = std::array<double, 4>;      // ((c0 t + c1) t + c2) t + c3
using Quadratic = std::array<double, 3>;  // (c0 t + c1) t + c2

inline double eval(const Cubic& c, double t) { return ((c[0] * t + c[1]) * t + c[2]) * t + c[3]; }
inline double eval(const Quadratic& c, double t) { return (c[0] * t + c[1]) * t + c[2]; }
// d/dt of a quadratic.
inline double eval_rate(const Quadratic& c, double t) { return 2.0 * c[0] * t + c[1]; }

// The knot records are laid out for the two passes: everything pass 1 needs for one pair
// sits in one cache line, everything pass 2 needs in two adjacent ones.
//
// Pair of atoms i (element a) and j (element b), looked up in the table of (a, b):
struct alignas(64) DensityKnot {
  Cubic at_i;  // density at i due to j: ρ_{b→a}
  Cubic at_j;  // density at j due to i: ρ_{a→b}
};
struct alignas(64) ForceKnot {
  Quadratic at_i_slope;  // dρ_{b→a}/dr
  Quadratic at_j_slope;  // dρ_{a→b}/dr
  Quadratic pair_slope;  // d(r φ_ab)/dr
  Cubic pair_value;      // r φ_ab
};
struct alignas(64) EmbeddingKnot {
  Cubic value;      // F
  Quadratic slope;  // dF/dρ
};

// Position on a uniform grid, found as LAMMPS finds it: p = x/δ + 1, m = ⌊p⌋ limited to the
// last interval, t = p − m limited to 1 (the last value continues flat beyond the table).
// The lookups' second derivatives take dt/dx = 1/δ for t < 1 and 0 from the table's end on,
// as the limited t does not move there.
struct GridPoint {
  int knot;  // 0-based knot starting the interval
  double t;  // fraction within the interval
};

// Pairs are prefetched this many pairs ahead of their use.
constexpr int kPrefetchDistance = 8;
// By default a system with at most this many candidate pairs (~50 bytes each: about 13 000
// atoms of a metallic liquid) is gathered in one batch, which the second pass reuses:
// re-reading it costs less than gathering and locating the pairs again (measured: 10 %
// faster for 4000 CuZr atoms, 20 % for 11 000). Larger systems stream through batches of
// kStreamCandidates, gathered again for the second pass, to bound the memory.
constexpr std::size_t kDefaultBatchLimit = std::size_t{1} << 20;
constexpr std::size_t kStreamCandidates = 2048;

inline void prefetch(const void* address) { __builtin_prefetch(address, 0, 3); }

}  // namespace

struct EamPotential::Model {
  int nr = 0, nrho = 0;
  double rdr = 0.0, rdrho = 0.0;  // 1/dr, 1/drho
  double rhomax = 0.0;
  double cutoff = 0.0;
  // Element a: knots [a nrho, (a+1) nrho). Ordered element pair (a, b), for atom i of
  // element a and j of element b: knots [(a n + b) nr, (a n + b + 1) nr).
  std::vector<EmbeddingKnot> embedding;
  std::vector<DensityKnot> density;
  std::vector<ForceKnot> force;

  GridPoint locate_r(double r) const {
    const double p = r * rdr + 1.0;
    const int m = std::min(static_cast<int>(p), nr - 1);  // 1-based knot, as LAMMPS
    return {m - 1, std::min(p - m, 1.0)};
  }
  GridPoint locate_rho(double rho) const {
    const double p = rho * rdrho + 1.0;
    // m = ⌊p⌋ within [1, nrho − 1]; limiting p first keeps the conversion defined.
    const int m = static_cast<int>(std::max(1.0, std::min(p, static_cast<double>(nrho - 1))));
    return {m - 1, std::min(p - m, 1.0)};
  }
  // F and F′ of element a at ρ. Beyond the table F continues linearly, so that close
  // approaches conserve energy.
  struct Embedding {
    double value, slope;
  };
  Embedding embed(int a, double rho) const {
    const GridPoint g = locate_rho(rho);
    const EmbeddingKnot& knot = embedding[a * nrho + g.knot];
    const double slope = eval(knot.slope, g.t);
    const double value = eval(knot.value, g.t);
    return {rho > rhomax ? value + slope * (rho - rhomax) : value, slope};
  }
};

namespace {

std::shared_ptr<const EamPotential::Model> pack_model(const EamTables& t) {
  auto model = std::make_shared<EamPotential::Model>();
  const std::size_t n = t.num_elements();
  model->nr = t.nr;
  model->nrho = t.nrho;
  model->rdr = 1.0 / t.dr;
  model->rdrho = 1.0 / t.drho;
  model->rhomax = t.rhomax;
  model->cutoff = t.cutoff;

  for (std::size_t a = 0; a < n; ++a)
    for (const auto& knot : eam_spline(t.embedding[a], t.drho))
      model->embedding.push_back({knot.value, knot.slope});

  std::vector<std::vector<EamSplineKnot>> density(n * n), pair(n * n);
  for (std::size_t k = 0; k < n * n; ++k) {
    density[k] = eam_spline(t.density[k], t.dr);
    pair[k] = eam_spline(t.pair[k], t.dr);
  }
  model->density.reserve(n * n * t.nr);
  model->force.reserve(n * n * t.nr);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      const auto& at_i = density[b * n + a];  // t.density[source * n + target]
      const auto& at_j = density[a * n + b];
      const auto& phi = pair[a * n + b];
      for (int k = 0; k < t.nr; ++k) {
        model->density.push_back({at_i[k].value, at_j[k].value});
        model->force.push_back({at_i[k].slope, at_j[k].slope, phi[k].slope, phi[k].value});
      }
    }
  return model;
}

// Calls f(std::true_type) or f(std::false_type): turns a run-time flag into a template one.
template <class F>
void with_flag(bool flag, F&& f) {
  if (flag)
    f(std::true_type{});
  else
    f(std::false_type{});
}

}  // namespace

EamPotential::EamPotential(std::string spec, const EamTables& tables,
                           const std::vector<std::string>& type_elements, const std::string& source,
                           NeighborSettings neighbor_settings)
    : model_(pack_model(tables)),
      spec_(std::move(spec)),
      type_elements_(type_elements),
      pairs_(tables.cutoff, neighbor_settings),
      batch_limit_(kDefaultBatchLimit) {
  if (type_elements.empty() || (type_elements.size() == 1 && type_elements[0].empty()))
    throw Error(fmt::format("{}: no elements given for the configuration types", spec_));
  for (const auto& name : type_elements) {
    const int e = tables.element_index(name, source);
    type_element_.push_back(e);
    type_masses_.push_back(tables.masses[e]);
  }
  num_types_ = static_cast<int>(type_element_.size());
  const int n = static_cast<int>(tables.num_elements());
  for (int a : type_element_)
    for (int b : type_element_) table_offset_.push_back((a * n + b) * tables.nr);
  single_element_ = std::all_of(type_element_.begin(), type_element_.end(),
                                [&](int e) { return e == type_element_[0]; });
}

double EamPotential::cutoff() const { return model_->cutoff; }

void EamPotential::set_neighbor_settings(const NeighborSettings& settings) {
  pairs_ = PairSource(model_->cutoff, settings);
}

std::unique_ptr<Potential> EamPotential::clone() const {
  auto copy = std::make_unique<EamPotential>(*this);
  copy->pairs_ = PairSource(model_->cutoff, pairs_.settings());  // fresh neighbour state
  return copy;
}

void EamPotential::set_pair_batch_limit(std::size_t candidates) {
  batch_limit_ = std::max<std::size_t>(candidates, 1);
}

EamPotential::PairValues EamPotential::pair_values(int a, int b, double r) const {
  const Model& m = *model_;
  const GridPoint g = m.locate_r(r);
  const int knot = table_offset_[a * num_types_ + b] + g.knot;
  const DensityKnot& dk = m.density[knot];
  return {eval(m.force[knot].pair_value, g.t) * (1.0 / r), eval(dk.at_i, g.t), eval(dk.at_j, g.t)};
}

double EamPotential::embedding_energy(int a, double rho) const {
  return model_->embed(type_element_[a], rho).value;
}

std::unique_ptr<SingleAtomMove> EamPotential::single_atom_move(const Configuration& config,
                                                               double max_displacement) const {
  check_types(config);
  return std::make_unique<EamSingleAtomMove>(config, *this, max_displacement);
}

void EamPotential::plan_batches(const Configuration& config, int rows) {
  const std::size_t candidates = candidate_pairs(pairs_, config, rows);
  work_.batch_candidates =
      candidates <= batch_limit_ ? candidates : std::min(batch_limit_, kStreamCandidates);
}

template <class Kernel>
void EamPotential::for_each_batch(const Configuration& config, bool reuse, int rows,
                                  Kernel&& kernel) {
  if (reuse && work_.batch.covers(rows)) {
    if (work_.batch.end_atom > rows) work_.batch.truncate(rows);
    kernel();
    return;
  }
  work_.hessian_ready = false;  // the batch changes
  for (int first = 0; first < rows;) {
    first = collect_pairs(pairs_, config, first, rows, work_.batch_candidates, work_.batch);
    with_flag(single_element_, [&](auto single) { locate_pairs<single()>(config); });
    kernel();
  }
}

template <bool kSingleElement>
void EamPotential::locate_pairs(const Configuration& config) {
  const Model& m = *model_;
  const PairBatch& b = work_.batch;
  const int count = b.size();
  const std::size_t padded = count + kPrefetchDistance;
  if (work_.lookup.size() < padded) work_.lookup.resize(padded);
  PairLookup* out = work_.lookup.data();
  const double* r2 = b.r2.data();
  const int* j = b.j.data();
  const int offset = table_offset_[0];
  for (int k = 0; k < count; ++k) {  // vectorizes
    const double r = std::sqrt(r2[k]);
    const GridPoint g = m.locate_r(r);
    out[k].t = g.t;
    out[k].inv_r = 1.0 / r;  // vectorizes here; in the kernels its latency stalls each pair
    out[k].knot = g.knot + (kSingleElement ? offset : 0);
    out[k].j = j[k];
  }
  if constexpr (!kSingleElement) {
    const int* type = config.types.data();
    for (int i = b.first_atom; i < b.end_atom; ++i) {
      const int* row_offset = table_offset_.data() + type[i] * num_types_;
      for (int k = b.row_begin[i - b.first_atom]; k < b.row_begin[i - b.first_atom + 1]; ++k)
        out[k].knot += row_offset[type[j[k]]];
    }
  }
  for (std::size_t k = count; k < padded; ++k) out[k] = {0.0, 0.0, 0, 0};  // prefetch targets
}

template <bool kSingleElement, bool kPairEnergy, bool kPerAtomEnergy>
void EamPotential::density_kernel(ComputeResult& result, int pair_rows) {
  const Model& m = *model_;
  const PairBatch& b = work_.batch;
  const DensityKnot* density = m.density.data();
  const ForceKnot* force = m.force.data();
  const PairLookup* lookup = work_.lookup.data();
  double* rho = work_.rho.data();
  double* atom_energy = result.per_atom_energy.data();
  double pair_energy = 0.0;
  for (int i = b.first_atom; i < b.end_atom; ++i) {
    double rho_i = 0.0, energy_i = 0.0;
    const bool pair_row = kPairEnergy && i < pair_rows;
    for (int k = b.row_begin[i - b.first_atom]; k < b.row_begin[i - b.first_atom + 1]; ++k) {
      prefetch(&density[lookup[k + kPrefetchDistance].knot]);
      const PairLookup& q = lookup[k];
      const DensityKnot& dk = density[q.knot];
      const double at_i = eval(dk.at_i, q.t);
      rho_i += at_i;
      // One element: the density functions both ways are the same.
      rho[q.j] += kSingleElement ? at_i : eval(dk.at_j, q.t);
      if (pair_row) {
        const double phi = eval(force[q.knot].pair_value, q.t) * q.inv_r;
        pair_energy += phi;
        if constexpr (kPerAtomEnergy) {
          energy_i += 0.5 * phi;
          atom_energy[q.j] += 0.5 * phi;
        }
      }
    }
    rho[i] += rho_i;
    if constexpr (kPerAtomEnergy) atom_energy[i] += energy_i;
  }
  result.energy += pair_energy;
}

void EamPotential::embedding_pass(const Configuration& config, int count, bool per_atom_energy,
                                  ComputeResult& result) {
  const Model& m = *model_;
  double energy = 0.0;
  for (int i = 0; i < count; ++i) {
    const Model::Embedding e = m.embed(type_element_[config.types[i]], work_.rho[i]);
    work_.fp[i] = e.slope;
    energy += e.value;
    if (per_atom_energy) result.per_atom_energy[i] += e.value;
  }
  result.energy += energy;
}

template <bool kSingleElement, bool kPerAtomEnergy, bool kVirial, bool kPerAtomVirial>
void EamPotential::force_kernel(double* f, ComputeResult& result) {
  const Model& m = *model_;
  const PairBatch& b = work_.batch;
  const ForceKnot* force = m.force.data();
  const PairLookup* lookup = work_.lookup.data();
  const double* dx = b.dx.data();
  const double* dy = b.dy.data();
  const double* dz = b.dz.data();
  const double* fp = work_.fp.data();
  double* atom_energy = result.per_atom_energy.data();
  Sym6* atom_virial = result.per_atom_virial.data();
  double pair_energy = 0.0;
  std::array<double, 6> w{};  // virial xx, yy, zz, xy, xz, yz
  for (int i = b.first_atom; i < b.end_atom; ++i) {
    const double fp_i = fp[i];
    double fxi = 0.0, fyi = 0.0, fzi = 0.0, energy_i = 0.0;
    std::array<double, 6> w_i{};
    for (int k = b.row_begin[i - b.first_atom]; k < b.row_begin[i - b.first_atom + 1]; ++k) {
      const ForceKnot* ahead = &force[lookup[k + kPrefetchDistance].knot];
      prefetch(ahead);
      prefetch(reinterpret_cast<const char*>(ahead) + 64);
      const PairLookup& q = lookup[k];
      const ForceKnot& fk = force[q.knot];
      const double tk = q.t, ir = q.inv_r;
      const double rho_i_slope = eval(fk.at_i_slope, tk);
      const double rho_j_slope = kSingleElement ? rho_i_slope : eval(fk.at_j_slope, tk);
      const double z2_slope = eval(fk.pair_slope, tk);
      const double z2 = eval(fk.pair_value, tk);
      const double phi = z2 * ir;
      const double phi_slope = z2_slope * ir - phi * ir;
      const int jk = q.j;
      // dE/dr of this pair: both embedding terms depend on r, plus the pair term.
      const double de_dr = fp_i * rho_i_slope + fp[jk] * rho_j_slope + phi_slope;
      const double fpair = -de_dr * ir;  // force on j is fpair · d, d = r_j − r_i
      const double fx = fpair * dx[k], fy = fpair * dy[k], fz = fpair * dz[k];
      fxi -= fx;
      fyi -= fy;
      fzi -= fz;
      f[3 * jk] += fx;
      f[3 * jk + 1] += fy;
      f[3 * jk + 2] += fz;
      pair_energy += phi;
      if constexpr (kPerAtomEnergy) {
        energy_i += 0.5 * phi;
        atom_energy[jk] += 0.5 * phi;
      }
      if constexpr (kVirial || kPerAtomVirial) {
        const std::array<double, 6> wp = {fx * dx[k], fy * dy[k], fz * dz[k],
                                          fy * dx[k], fz * dx[k], fz * dy[k]};
        for (int c = 0; c < 6; ++c) {
          if constexpr (kVirial) w[c] += wp[c];
          if constexpr (kPerAtomVirial) {
            w_i[c] += 0.5 * wp[c];
            atom_virial[jk][c] += 0.5 * wp[c];
          }
        }
      }
    }
    f[3 * i] += fxi;
    f[3 * i + 1] += fyi;
    f[3 * i + 2] += fzi;
    if constexpr (kPerAtomEnergy) atom_energy[i] += energy_i;
    if constexpr (kPerAtomVirial)
      for (int c = 0; c < 6; ++c) atom_virial[i][c] += w_i[c];
  }
  result.energy += pair_energy;
  if constexpr (kVirial) {
    Mat3 batch_virial;
    batch_virial << w[0], w[3], w[4], w[3], w[1], w[5], w[4], w[5], w[2];
    result.virial += batch_virial;
  }
}

void EamPotential::compute(const Configuration& config, const ComputeRequest& request,
                           ComputeResult& result) {
  check_types(config);
  const std::size_t n = config.size();
  request.check_scope(n, spec_);
  const int moving = request.scope.moving_in(n), reached = request.scope.reached_in(n);
  result.reset(n, request);
  pairs_.update(config);
  plan_batches(config, reached);
  work_.rho.assign(n, 0.0);
  // Zero F′ beyond the reached atoms: a pair of a moving atom reaches them only when the
  // scope's promise is broken, and then the result must not depend on earlier calls.
  work_.fp.assign(n, 0.0);

  const bool force_pass = request.forces || request.virial || request.per_atom_virial;
  with_flag(single_element_, [&](auto single) {
    with_flag(!force_pass, [&](auto pair_energy) {
      with_flag(request.per_atom_energy, [&](auto per_atom_energy) {
        for_each_batch(config, false, reached, [&] {
          density_kernel<single(), pair_energy(), per_atom_energy()>(result, moving);
        });
      });
    });
  });
  embedding_pass(config, reached, request.per_atom_energy, result);
  if (!force_pass) return;

  // result.reset zeroed the requested forces; a virial alone accumulates them in scratch.
  if (!request.forces) work_.scratch_forces.assign(n, Vec3::Zero());
  std::vector<Vec3>& forces = request.forces ? result.forces : work_.scratch_forces;
  static_assert(sizeof(Vec3) == 3 * sizeof(double), "forces are read as 3 doubles per atom");
  double* f = n > 0 ? forces[0].data() : nullptr;
  with_flag(single_element_, [&](auto single) {
    with_flag(request.per_atom_energy, [&](auto per_atom_energy) {
      with_flag(request.virial, [&](auto virial) {
        with_flag(request.per_atom_virial, [&](auto per_atom_virial) {
          for_each_batch(config, true, moving, [&] {
            force_kernel<single(), per_atom_energy(), virial(), per_atom_virial()>(f, result);
          });
        });
      });
    });
  });
  // Pass 2 left partial sums on the partners of the moving atoms.
  std::fill(forces.begin() + moving, forces.end(), Vec3::Zero());
}

// H v for E = Σ_i F_i(ρ_i) + Σ_pairs φ(r). For a pair (i, j) with d = r_j − r_i, u = d/r
// and w = v_j − v_i, let ψ(r) = F′_i ρ_{j→i}(r) + F′_j ρ_{i→j}(r) + φ(r) with the F′ held
// fixed, and K w = ψ″ (u·w) u + (ψ′/r)(w − (u·w) u) the Hessian of ψ(|d|) applied to w.
// With s_i = ∇ρ_i·v,
//   H v = Σ_i F″(ρ_i) s_i ∇ρ_i + Σ_pairs (K w on j, −K w on i),
// where each partner j contributes ρ′_{j→i} u on j and −ρ′_{j→i} u on i to ∇ρ_i. The
// derivatives are those of the force formula (no second derivative where a lookup is
// limited to the table's end). In a scope, (H v)_i of a moving atom i needs the pairs of i
// and s_k, F′, F″ of its partners k (reached atoms), whose s_k involves only the pairs of
// k (v vanishes beyond the moving atoms).
void EamPotential::hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                                  std::vector<Vec3>& out) {
  scoped_hessian_vector(config, ComputeScope{}, v, out);
}

bool EamPotential::hessian_point_ready(const Configuration& config, int moving, int reached) const {
  const Box& box = work_.hessian_box;
  return work_.hessian_ready && moving == work_.hessian_moving &&
         reached == work_.hessian_reached && config.positions == work_.hessian_positions &&
         config.types == work_.hessian_types && config.box.unbounded() == box.unbounded() &&
         config.box.periodicity() == box.periodicity() && config.box.h() == box.h() &&
         config.box.lo() == box.lo();
}

void EamPotential::scoped_hessian_vector(const Configuration& config, const ComputeScope& scope,
                                         const std::vector<Vec3>& v, std::vector<Vec3>& out) {
  check_types(config);
  const std::size_t n = config.size();
  if (v.size() != n)
    throw Error(fmt::format("{}: hessian_vector got {} vectors for {} atoms", spec_, v.size(), n));
  scope.check(n);
  const int moving = scope.moving_in(n), reached = scope.reached_in(n);
  const Model& m = *model_;
  if (!hessian_point_ready(config, moving, reached)) {
    // ρ, F′ and F″ of the reached atoms, then the moving atoms' pairs for the two passes.
    pairs_.update(config);
    plan_batches(config, reached);
    work_.rho.assign(n, 0.0);
    ComputeResult unused;  // the density pass adds no energy without kPairEnergy
    with_flag(single_element_, [&](auto single) {
      for_each_batch(config, false, reached, [&] { density_kernel<single(), false, false>(unused, 0); });
    });
    work_.fp.assign(n, 0.0);  // zero beyond the reached atoms, as in compute()
    work_.fpp.assign(n, 0.0);
    for (int i = 0; i < reached; ++i) {
      const GridPoint g = m.locate_rho(work_.rho[i]);
      const EmbeddingKnot& knot = m.embedding[type_element_[config.types[i]] * m.nrho + g.knot];
      work_.fp[i] = eval(knot.slope, g.t);
      work_.fpp[i] = eval_rate(knot.slope, g.t) * (g.t < 1.0 ? m.rdrho : 0.0);  // dt/dρ
    }
    for_each_batch(config, true, moving, [&] { hessian_pair_terms(); });
    work_.hessian_ready = work_.batch.covers(moving);  // else each pass gathers anew
    work_.hessian_moving = moving;
    work_.hessian_reached = reached;
    work_.hessian_positions = config.positions;
    work_.hessian_types = config.types;
    work_.hessian_box = config.box;
  }

  // s_k = ∇ρ_k·v: v vanishes beyond the moving atoms, so only their pairs contribute.
  work_.grad_rho_v.assign(n, 0.0);
  const bool ready = work_.hessian_ready;
  for_each_batch(config, true, moving, [&] {
    if (!ready) hessian_pair_terms();  // a batch gathered anew
    hessian_slope_kernel(v);
  });
  // Pass 2 needs F″ only in the product F″(ρ_k) s_k.
  work_.fpp_s.resize(n);
  for (int k = 0; k < reached; ++k) work_.fpp_s[k] = work_.fpp[k] * work_.grad_rho_v[k];
  out.assign(n, Vec3::Zero());
  for_each_batch(config, true, moving, [&] {
    if (!ready) hessian_pair_terms();
    hessian_vector_kernel(v, out);
  });
  work_.hessian_ready = ready;
  std::fill(out.begin() + moving, out.end(), Vec3::Zero());
}

void EamPotential::hessian_pair_terms() {
  const Model& m = *model_;
  const PairBatch& b = work_.batch;
  const ForceKnot* force = m.force.data();
  const PairLookup* lookup = work_.lookup.data();
  const double* fp = work_.fp.data();
  work_.hessian_pairs.resize(b.size());
  HessianPair* out = work_.hessian_pairs.data();
  for (int i = b.first_atom; i < b.end_atom; ++i) {
    for (int k = b.row_begin[i - b.first_atom]; k < b.row_begin[i - b.first_atom + 1]; ++k) {
      const ForceKnot* ahead = &force[lookup[k + kPrefetchDistance].knot];
      prefetch(ahead);
      prefetch(reinterpret_cast<const char*>(ahead) + 64);
      const PairLookup& q = lookup[k];
      const int j = q.j;
      const ForceKnot& fk = force[q.knot];
      const double tk = q.t, ir = q.inv_r;
      const double rate = tk < 1.0 ? m.rdr : 0.0;  // dt/dr
      const double rho_i_slope = eval(fk.at_i_slope, tk);
      const double rho_j_slope = eval(fk.at_j_slope, tk);
      const double rho_i_curv = eval_rate(fk.at_i_slope, tk) * rate;
      const double rho_j_curv = eval_rate(fk.at_j_slope, tk) * rate;
      const double z2 = eval(fk.pair_value, tk);
      const double z2_slope = eval(fk.pair_slope, tk);
      const double z2_curv = eval_rate(fk.pair_slope, tk) * rate;
      // φ = z2/r and its derivatives.
      const double phi = z2 * ir;
      const double phi_slope = (z2_slope - phi) * ir;
      const double phi_curv = (z2_curv - 2.0 * phi_slope) * ir;
      const double psi_slope = fp[i] * rho_i_slope + fp[j] * rho_j_slope + phi_slope;
      const double psi_curv = fp[i] * rho_i_curv + fp[j] * rho_j_curv + phi_curv;
      out[k] = {rho_i_slope, rho_j_slope, psi_curv - psi_slope * ir, psi_slope * ir};
    }
  }
}

void EamPotential::hessian_slope_kernel(const std::vector<Vec3>& v) {
  const PairBatch& b = work_.batch;
  const PairLookup* lookup = work_.lookup.data();
  const HessianPair* terms = work_.hessian_pairs.data();
  double* s = work_.grad_rho_v.data();
  for (int i = b.first_atom; i < b.end_atom; ++i) {
    double s_i = 0.0;
    for (int k = b.row_begin[i - b.first_atom]; k < b.row_begin[i - b.first_atom + 1]; ++k) {
      const int j = lookup[k].j;
      const Vec3 w = v[j] - v[i];
      const double uw = (b.dx[k] * w.x() + b.dy[k] * w.y() + b.dz[k] * w.z()) * lookup[k].inv_r;
      s_i += terms[k].rho_i_slope * uw;
      s[j] += terms[k].rho_j_slope * uw;
    }
    s[i] += s_i;
  }
}

void EamPotential::hessian_vector_kernel(const std::vector<Vec3>& v, std::vector<Vec3>& out) {
  const PairBatch& b = work_.batch;
  const PairLookup* lookup = work_.lookup.data();
  const HessianPair* terms = work_.hessian_pairs.data();
  const double* fpp_s = work_.fpp_s.data();
  for (int i = b.first_atom; i < b.end_atom; ++i) {
    Vec3 out_i = Vec3::Zero();
    for (int k = b.row_begin[i - b.first_atom]; k < b.row_begin[i - b.first_atom + 1]; ++k) {
      const int j = lookup[k].j;
      const HessianPair& h = terms[k];
      const Vec3 u = Vec3(b.dx[k], b.dy[k], b.dz[k]) * lookup[k].inv_r;
      const Vec3 w = v[j] - v[i];
      const double along_u = fpp_s[i] * h.rho_i_slope + fpp_s[j] * h.rho_j_slope + h.radial * u.dot(w);
      const Vec3 t = along_u * u + h.tangential * w;
      out[j] += t;
      out_i -= t;
    }
    out[i] += out_i;
  }
}

void EamPotential::embedding_curvatures(const Configuration& config, std::vector<double>& fpp) {
  const std::size_t n = config.size();
  work_.rho.assign(n, 0.0);
  ComputeResult unused;  // the density pass adds no energy without kPairEnergy
  with_flag(single_element_, [&](auto single) {
    for_each_batch(config, false, int(n), [&] { density_kernel<single(), false, false>(unused, 0); });
  });
  const Model& m = *model_;
  work_.fp.resize(n);
  fpp.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const GridPoint g = m.locate_rho(work_.rho[i]);
    const EmbeddingKnot& knot = m.embedding[type_element_[config.types[i]] * m.nrho + g.knot];
    work_.fp[i] = eval(knot.slope, g.t);
    fpp[i] = eval_rate(knot.slope, g.t) * (g.t < 1.0 ? m.rdrho : 0.0);
  }
}

void EamPotential::add_hessian(const Configuration& config, HessianAccumulator& hessian) {
  check_types(config);
  const std::size_t n = config.size();
  pairs_.update(config);
  plan_batches(config, int(n));
  std::vector<double> fpp;
  embedding_curvatures(config, fpp);
  std::vector<Vec3> self(n, Vec3::Zero());
  std::vector<std::vector<std::pair<int, Vec3>>> partners(n);
  for_each_batch(config, true, int(n), [&] { hessian_block_kernel(hessian, self, partners); });
  // F″(ρ_k) ∇ρ_k ⊗ ∇ρ_k, ∇ρ_k having entries on k and on each of its partners.
  for (std::size_t k = 0; k < n; ++k) {
    if (fpp[k] == 0.0) continue;
    auto& entries = partners[k];
    entries.emplace_back(static_cast<int>(k), self[k]);
    for (const auto& [a, ga] : entries) {
      const Vec3 scaled = fpp[k] * ga;
      for (const auto& [b, gb] : entries) hessian.add(a, b, scaled * gb.transpose());
    }
  }
}

void EamPotential::hessian_block_kernel(HessianAccumulator& hessian, std::vector<Vec3>& self,
                                        std::vector<std::vector<std::pair<int, Vec3>>>& partners) {
  const Model& m = *model_;
  const PairBatch& b = work_.batch;
  const ForceKnot* force = m.force.data();
  const PairLookup* lookup = work_.lookup.data();
  const double* fp = work_.fp.data();
  for (int i = b.first_atom; i < b.end_atom; ++i) {
    for (int k = b.row_begin[i - b.first_atom]; k < b.row_begin[i - b.first_atom + 1]; ++k) {
      const PairLookup& q = lookup[k];
      const int j = q.j;
      const ForceKnot& fk = force[q.knot];
      const double tk = q.t, ir = q.inv_r;
      const double rate = tk < 1.0 ? m.rdr : 0.0;  // dt/dr, as in hessian_vector_kernel
      const double rho_i_slope = eval(fk.at_i_slope, tk);
      const double rho_j_slope = eval(fk.at_j_slope, tk);
      const double z2 = eval(fk.pair_value, tk);
      const double z2_slope = eval(fk.pair_slope, tk);
      const double phi = z2 * ir;
      const double phi_slope = (z2_slope - phi) * ir;
      const double phi_curv = (eval_rate(fk.pair_slope, tk) * rate - 2.0 * phi_slope) * ir;
      const double psi_slope = fp[i] * rho_i_slope + fp[j] * rho_j_slope + phi_slope;
      const double psi_curv = fp[i] * eval_rate(fk.at_i_slope, tk) * rate +
                              fp[j] * eval_rate(fk.at_j_slope, tk) * rate + phi_curv;
      const Vec3 u = Vec3(b.dx[k], b.dy[k], b.dz[k]) * ir;
      hessian.add_pair(i, j,
                       (psi_curv - psi_slope * ir) * (u * u.transpose()) +
                           (psi_slope * ir) * Mat3::Identity());
      // ρ_i depends on d = r_j − r_i through ρ_{j→i}(|d|), ρ_j through ρ_{i→j}(|d|).
      partners[i].emplace_back(j, rho_i_slope * u);
      self[i] -= rho_i_slope * u;
      partners[j].emplace_back(i, -rho_j_slope * u);
      self[j] += rho_j_slope * u;
    }
  }
}

namespace {

// Checks the argument count of a STYLE:FILE:ELEMENTS specification.
void expect_file_and_elements(const std::vector<std::string>& args, const char* usage,
                              const char* example) {
  if (args.size() != 2 || args[0].empty())
    throw Error(fmt::format("expected {} (e.g. {}), got {} field(s) after the style", usage,
                            example, args.size()));
}

std::string join(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& a : args) out += ":" + a;
  return out;
}

}  // namespace

std::unique_ptr<Potential> make_eam_funcfl(const std::vector<std::string>& args) {
  expect_file_and_elements(args, "eam:FILE[,FILE...]:ELEMENTS", "eam:Cu_u3.eam:Cu");
  const auto paths = split_list(args[0]);
  const auto type_elements = split_list(args[1]);
  const EamTables tables = read_eam_funcfl(paths);
  auto potential = std::make_unique<EamPotential>("eam" + join(args), tables, type_elements, args[0]);
  // Every file takes part in LAMMPS's common grid, so every file must be used.
  for (std::size_t k = 0; k < paths.size(); ++k)
    if (std::find(type_elements.begin(), type_elements.end(), tables.elements[k]) ==
        type_elements.end())
      throw Error(fmt::format("eam: {} (element {}) is used by none of the types {}", paths[k],
                              tables.elements[k], args[1]));
  return potential;
}

std::unique_ptr<Potential> make_eam_alloy(const std::vector<std::string>& args) {
  expect_file_and_elements(args, "eam/alloy:FILE:ELEMENTS", "eam/alloy:CuNi.eam.alloy:Cu,Ni");
  return std::make_unique<EamPotential>("eam/alloy" + join(args), read_eam_setfl(args[0]),
                                        split_list(args[1]), args[0]);
}

std::unique_ptr<Potential> make_eam_fs(const std::vector<std::string>& args) {
  expect_file_and_elements(args, "eam/fs:FILE:ELEMENTS", "eam/fs:CuZr_mm.eam.fs:Cu,Zr");
  return std::make_unique<EamPotential>("eam/fs" + join(args), read_eam_fs(args[0]),
                                        split_list(args[1]), args[0]);
}

}  // namespace pelcamp
