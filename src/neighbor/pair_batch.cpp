#include "pelcamp/neighbor/pair_batch.hpp"

#include <type_traits>

namespace pelcamp {

namespace {

std::size_t row_candidates(const PairSource& source, int num_atoms, int i) {
  if (source.uses_all_pairs()) return static_cast<std::size_t>(num_atoms - 1 - i);
  const auto& offsets = source.list().offsets();
  return static_cast<std::size_t>(offsets[i + 1] - offsets[i]);
}

}  // namespace

std::size_t candidate_pairs(const PairSource& source, const Configuration& config, int rows) {
  const std::size_t n = config.size(), k = static_cast<std::size_t>(rows);
  // Rows i < k of the i < j loop: Σ (n − 1 − i).
  if (source.uses_all_pairs()) return k * (n > 0 ? n - 1 : 0) - k * (k > 0 ? k - 1 : 0) / 2;
  return static_cast<std::size_t>(source.list().offsets()[k]);
}

int collect_pairs(const PairSource& source, const Configuration& config, int first_atom,
                  int end_row, std::size_t max_candidates, PairBatch& batch) {
  const int n = static_cast<int>(config.size());
  batch.first_atom = first_atom;
  int end = first_atom;
  std::size_t candidates = 0;
  while (end < end_row) {
    const std::size_t more = row_candidates(source, n, end);
    if (end > first_atom && candidates + more > max_candidates) break;
    candidates += more;
    ++end;
  }
  batch.end_atom = end;
  if (batch.j.size() < candidates) {
    batch.j.resize(candidates);
    batch.dx.resize(candidates);
    batch.dy.resize(candidates);
    batch.dz.resize(candidates);
    batch.r2.resize(candidates);
  }
  batch.row_begin.resize(end - first_atom + 1);

  const NeighborList& list = source.list();
  const int* type = config.types.data();
  int* out_j = batch.j.data();
  double* out_dx = batch.dx.data();
  double* out_dy = batch.dy.data();
  double* out_dz = batch.dz.data();
  double* out_r2 = batch.r2.data();
  int c = 0;  // pairs kept so far
  auto store = [&](int j, double dx, double dy, double dz, double r2) {
    out_j[c] = j;
    out_dx[c] = dx;
    out_dy[c] = dy;
    out_dz[c] = dz;
    out_r2[c] = r2;
  };

  // kTyped: the source has a cutoff per type pair (else one cutoff, looked up at index 0).
  auto gather = [&](auto typed) {
    constexpr bool kTyped = decltype(typed)::value;
    if (source.uses_all_pairs()) {
      batch.x_.resize(n);
      batch.y_.resize(n);
      batch.z_.resize(n);
      for (int i = 0; i < n; ++i) {
        batch.x_[i] = config.positions[i].x();
        batch.y_[i] = config.positions[i].y();
        batch.z_[i] = config.positions[i].z();
      }
      const double* x = batch.x_.data();
      const double* y = batch.y_.data();
      const double* z = batch.z_.data();
      for (int i = first_atom; i < end; ++i) {
        batch.row_begin[i - first_atom] = c;
        const double xi = x[i], yi = y[i], zi = z[i];
        const double* cutsq = list.cutoff_sq_row(kTyped ? type[i] : 0);
        const double cutsq_all = cutsq[0];  // see NeighborList::visit_rows
        // A branch per candidate: the in/out pattern of a small cluster barely changes from
        // one step to the next, so the branch predictor learns it, and rejected candidates
        // cost no stores (measured faster than the branch-free form below for 55 to 250 atoms).
        for (int j = i + 1; j < n; ++j) {
          const double dx = x[j] - xi, dy = y[j] - yi, dz = z[j] - zi;
          const double r2 = dx * dx + dy * dy + dz * dz;
          if (r2 < (kTyped ? cutsq[type[j]] : cutsq_all)) {
            store(j, dx, dy, dz, r2);
            ++c;
          }
        }
      }
      return;
    }
    const int* offsets = list.offsets().data();
    const int* neighbors = list.neighbors().data();
    const int* row_runs = list.row_runs().data();
    const NeighborList::ShiftRun* runs = list.runs().data();
    const Vec3* shifts = list.shifts().data();
    const Vec3* x = config.positions.data();
    for (int i = first_atom; i < end; ++i) {
      batch.row_begin[i - first_atom] = c;
      const double* cutsq = list.cutoff_sq_row(kTyped ? type[i] : 0);
      const double cutsq_all = cutsq[0];
      int k = offsets[i];
      for (int r = row_runs[i]; r < row_runs[i + 1]; ++r) {
        const Vec3 xi = x[i] - shifts[runs[r].shift_id];  // as NeighborList::for_each_pair
        // Branch-free compaction: every candidate is written at slot c, which advances only
        // when the pair is inside the cutoff (the in/out pattern of a large list is too long
        // for a branch predictor to learn).
        for (const int run_end = runs[r].end; k < run_end; ++k) {
          const int j = neighbors[k];
          const double dx = x[j].x() - xi.x(), dy = x[j].y() - xi.y(), dz = x[j].z() - xi.z();
          const double r2 = dx * dx + dy * dy + dz * dz;
          store(j, dx, dy, dz, r2);
          c += r2 < (kTyped ? cutsq[type[j]] : cutsq_all);
        }
      }
    }
  };
  if (list.typed())
    gather(std::true_type{});
  else
    gather(std::false_type{});
  batch.row_begin[end - first_atom] = c;
  return end;
}

}  // namespace pelcamp
