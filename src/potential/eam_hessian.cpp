// The analytic second derivatives of EamPotential: Hessian-vector products (plain and
// scoped) and the assembled Hessian (add_hessian).
#include <fmt/format.h>

#include "eam_pair_passes.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/hessian_accumulator.hpp"

namespace pelcamp {

using namespace eam;  // the table vocabulary of eam_packed_model.hpp

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
  if (!hessian_point_ready(config, moving, reached)) {
    // ρ, F′ and F″ of the reached atoms, then the moving atoms' pairs for the two passes.
    pairs_.update(config);
    plan_batches(config, reached);
    embedding_curvatures(config, reached);
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

void EamPotential::embedding_curvatures(const Configuration& config, int count) {
  const std::size_t n = config.size();
  work_.rho.assign(n, 0.0);
  ComputeResult unused;  // the density pass adds no energy without kPairEnergy
  with_flag(single_element_, [&](auto single) {
    for_each_batch(config, false, count, [&] { density_kernel<single(), false, false>(unused, 0); });
  });
  const Model& m = *model_;
  work_.fp.assign(n, 0.0);  // zero beyond the counted atoms, as in compute()
  work_.fpp.assign(n, 0.0);
  for (int i = 0; i < count; ++i) {
    const GridPoint g = m.locate_rho(work_.rho[i]);
    const EmbeddingKnot& knot = m.embedding[type_element_[config.types[i]] * m.nrho + g.knot];
    work_.fp[i] = eval(knot.slope, g.t);
    work_.fpp[i] = eval_rate(knot.slope, g.t) * (g.t < 1.0 ? m.rdrho : 0.0);  // dt/dρ
  }
}

void EamPotential::add_hessian(const Configuration& config, HessianAccumulator& hessian) {
  check_types(config);
  const std::size_t n = config.size();
  pairs_.update(config);
  plan_batches(config, int(n));
  embedding_curvatures(config, int(n));
  std::vector<Vec3> self(n, Vec3::Zero());
  std::vector<std::vector<std::pair<int, Vec3>>> partners(n);
  for_each_batch(config, true, int(n), [&] {
    hessian_pair_terms();
    hessian_block_kernel(hessian, self, partners);
  });
  // F″(ρ_k) ∇ρ_k ⊗ ∇ρ_k, ∇ρ_k having entries on k and on each of its partners.
  const std::vector<double>& fpp = work_.fpp;
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
  const PairBatch& b = work_.batch;
  const PairLookup* lookup = work_.lookup.data();
  const HessianPair* terms = work_.hessian_pairs.data();
  for (int i = b.first_atom; i < b.end_atom; ++i) {
    for (int k = b.row_begin[i - b.first_atom]; k < b.row_begin[i - b.first_atom + 1]; ++k) {
      const int j = lookup[k].j;
      const HessianPair& h = terms[k];
      const Vec3 u = Vec3(b.dx[k], b.dy[k], b.dz[k]) * lookup[k].inv_r;
      hessian.add_pair(i, j, h.radial * (u * u.transpose()) + h.tangential * Mat3::Identity());
      // ρ_i depends on d = r_j − r_i through ρ_{j→i}(|d|), ρ_j through ρ_{i→j}(|d|).
      partners[i].emplace_back(j, h.rho_i_slope * u);
      self[i] -= h.rho_i_slope * u;
      partners[j].emplace_back(i, -h.rho_j_slope * u);
      self[j] += h.rho_j_slope * u;
    }
  }
}

}  // namespace pelcamp
