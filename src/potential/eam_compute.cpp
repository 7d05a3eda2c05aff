// EamPotential::compute: the density pass, the embedding terms and the force pass
// (pass 2) over the pair batches (the passes are described in eam_potential.hpp).
#include <array>

#include "eam_pair_passes.hpp"

namespace pelcamp {

using namespace eam;  // the table vocabulary of eam_packed_model.hpp

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

}  // namespace pelcamp
