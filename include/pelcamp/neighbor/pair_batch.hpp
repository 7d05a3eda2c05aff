#pragma once
// The pairs of a PairSource gathered row by row into structure-of-arrays batches, for
// potentials whose per-pair work is heavy enough to want vector loops, software prefetch
// and per-row accumulators instead of a call per pair (EAM). The pairs and separations are
// exactly those PairSource::for_each_pair visits, in the same order.
#include <cstddef>
#include <vector>

#include "pelcamp/neighbor/pair_source.hpp"

namespace pelcamp {

struct PairBatch {
  int first_atom = 0;  // rows i ∈ [first_atom, end_atom)
  int end_atom = 0;
  // Pairs of row i are [row_begin[i − first_atom], row_begin[i − first_atom + 1]).
  std::vector<int> row_begin;
  // Per pair: partner j and separation d = r_j − r_i (length units), r2 = |d|².
  std::vector<int> j;
  std::vector<double> dx, dy, dz, r2;

  int size() const { return row_begin.empty() ? 0 : row_begin.back(); }
  // Whether the batch holds rows [0, rows), perhaps more.
  bool covers(int rows) const { return first_atom == 0 && end_atom >= rows; }
  // Drops the rows from `end` on (first_atom < end ≤ end_atom).
  void truncate(int end) {
    row_begin.resize(end - first_atom + 1);
    end_atom = end;
  }

  // Position copies used by the all-pairs path (structure-of-arrays for vector loops).
  std::vector<double> x_, y_, z_;
};

// Number of candidate pairs rows [0, rows) test together (pairs inside cutoff + skin for a
// Verlet list, every i < j for all pairs); `source` must be updated for `config`. A pair
// sits in the row of its lower index, so rows [0, k) hold every pair that involves one of
// the first k atoms (what scoped evaluations use, potential.hpp ComputeScope).
std::size_t candidate_pairs(const PairSource& source, const Configuration& config, int rows);

// Gathers the pairs closer than the cutoff of rows first_atom, first_atom+1, ... (below
// end_row ≤ config.size()) into `batch`, adding rows while their candidates stay within
// max_candidates (always at least one row). Returns batch.end_atom.
int collect_pairs(const PairSource& source, const Configuration& config, int first_atom,
                  int end_row, std::size_t max_candidates, PairBatch& batch);

}  // namespace pelcamp
