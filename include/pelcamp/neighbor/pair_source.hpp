#pragma once
// Chooses how pairs are enumerated for a configuration: a plain i<j loop over all atoms for
// small free clusters (no list, no bookkeeping: the whole cluster sits in L1 cache), a
// half Verlet list otherwise. Potential drivers call for_each_pair and never care which.
#include <cstddef>

#include "pelcamp/neighbor/neighbor_list.hpp"

namespace pelcamp {

struct NeighborSettings {
  double skin = 1.0;                    // Verlet skin, length units
  std::size_t all_pairs_max_atoms = 256;  // free clusters up to this size use all pairs
};

class PairSource {
 public:
  PairSource(double cutoff, NeighborSettings settings = {});
  // A cutoff per pair of types (see NeighborList): `type_cutoffs` is num_types × num_types.
  PairSource(const std::vector<double>& type_cutoffs, std::size_t num_types,
             NeighborSettings settings = {});

  // Prepares enumeration for this configuration (rebuilds the list when needed).
  void update(const Configuration& config);
  bool uses_all_pairs() const { return all_pairs_; }
  const NeighborList& list() const { return list_; }
  double cutoff() const { return list_.cutoff(); }  // the largest
  const NeighborSettings& settings() const { return settings_; }

  // Calls f(i, j, d, r2), d = r_j − r_i, once for each unordered pair closer than its cutoff.
  template <class F>
  void for_each_pair(const Configuration& config, F&& f) const {
    for_each_row(config, [&](int i, auto&& row) PELCAMP_INLINE {
      row([&](int j, const Vec3& d, double r2) PELCAMP_INLINE { f(i, j, d, r2); });
    });
  }

  // The same pairs row by row (NeighborList::for_each_row): visit(i, row), row(g) calls
  // g(j, d, r2) for the pairs (i, j) of row i.
  template <class Visit>
  void for_each_row(const Configuration& config, Visit&& visit) const {
    if (!all_pairs_)
      list_.for_each_row(config.positions, visit);
    else if (list_.typed())
      all_pair_rows<true>(config, visit);
    else
      all_pair_rows<false>(config, visit);
  }

 private:
  template <bool kTyped, class Visit>
  void all_pair_rows(const Configuration& config, Visit& visit) const {
    const int n = static_cast<int>(config.size());
    const Vec3* x = config.positions.data();
    const int* type = config.types.data();
    for (int i = 0; i < n; ++i) {
      const double* cutsq = list_.cutoff_sq_row(kTyped ? type[i] : 0);
      const double cutsq_all = cutsq[0];  // see NeighborList::visit_rows
      visit(i, [&](auto&& g) PELCAMP_INLINE {
        const Vec3 xi = x[i];
        for (int j = i + 1; j < n; ++j) {
          const Vec3 d = x[j] - xi;
          const double r2 = d.squaredNorm();
          if (r2 < (kTyped ? cutsq[type[j]] : cutsq_all)) g(j, d, r2);
        }
      });
    }
  }

  NeighborSettings settings_;
  NeighborList list_;
  bool all_pairs_ = false;
};

}  // namespace pelcamp
