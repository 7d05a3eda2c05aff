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

  // Prepares enumeration for this configuration (rebuilds the list when needed).
  void update(const Configuration& config);
  bool uses_all_pairs() const { return all_pairs_; }
  const NeighborList& list() const { return list_; }
  double cutoff() const { return list_.cutoff(); }
  const NeighborSettings& settings() const { return settings_; }

  // Calls f(i, j, d, r2), d = r_j − r_i, once for each unordered pair closer than the cutoff.
  template <class F>
  void for_each_pair(const Configuration& config, F&& f) const {
    if (!all_pairs_) {
      list_.for_each_pair(config.positions, f);
      return;
    }
    const double cutsq = cutoff() * cutoff();
    const int n = static_cast<int>(config.size());
    const Vec3* x = config.positions.data();
    for (int i = 0; i < n; ++i) {
      const Vec3 xi = x[i];
      for (int j = i + 1; j < n; ++j) {
        const Vec3 d = x[j] - xi;
        const double r2 = d.squaredNorm();
        if (r2 < cutsq) f(i, j, d, r2);
      }
    }
  }

 private:
  NeighborSettings settings_;
  NeighborList list_;
  bool all_pairs_ = false;
};

}  // namespace pelcamp
