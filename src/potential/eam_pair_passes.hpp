#pragma once
// Internal to src/potential (not public API): the pair batches of EamPotential and the
// density pass (pass 1), which both compute() (eam_compute.cpp) and the Hessian products
// (eam_hessian.cpp) run. They are templates on the kernel and on compile-time flags, so
// their definitions sit here, where each evaluation's translation unit instantiates and
// inlines them.
#include <cmath>

#include "eam_packed_model.hpp"

namespace pelcamp {

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
    eam::with_flag(single_element_, [&](auto single) { locate_pairs<single()>(config); });
    kernel();
  }
}

template <bool kSingleElement>
void EamPotential::locate_pairs(const Configuration& config) {
  const Model& m = *model_;
  const PairBatch& b = work_.batch;
  const int count = b.size();
  const std::size_t padded = count + eam::kPrefetchDistance;
  if (work_.lookup.size() < padded) work_.lookup.resize(padded);
  PairLookup* out = work_.lookup.data();
  const double* r2 = b.r2.data();
  const int* j = b.j.data();
  const int offset = table_offset_[0];
  for (int k = 0; k < count; ++k) {  // vectorizes
    const double r = std::sqrt(r2[k]);
    const eam::GridPoint g = m.locate_r(r);
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
  const eam::DensityKnot* density = m.density.data();
  const eam::ForceKnot* force = m.force.data();
  const PairLookup* lookup = work_.lookup.data();
  double* rho = work_.rho.data();
  double* atom_energy = result.per_atom_energy.data();
  double pair_energy = 0.0;
  for (int i = b.first_atom; i < b.end_atom; ++i) {
    double rho_i = 0.0, energy_i = 0.0;
    const bool pair_row = kPairEnergy && i < pair_rows;
    for (int k = b.row_begin[i - b.first_atom]; k < b.row_begin[i - b.first_atom + 1]; ++k) {
      eam::prefetch(&density[lookup[k + eam::kPrefetchDistance].knot]);
      const PairLookup& q = lookup[k];
      const eam::DensityKnot& dk = density[q.knot];
      const double at_i = eam::eval(dk.at_i, q.t);
      rho_i += at_i;
      // One element: the density functions both ways are the same.
      rho[q.j] += kSingleElement ? at_i : eam::eval(dk.at_j, q.t);
      if (pair_row) {
        const double phi = eam::eval(force[q.knot].pair_value, q.t) * q.inv_r;
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

}  // namespace pelcamp
