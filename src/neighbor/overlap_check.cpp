#include "pelcamp/neighbor/overlap_check.hpp"

#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/neighbor/neighbor_list.hpp"

namespace pelcamp {

void check_overlaps(const Configuration& config, double min_distance) {
  if (config.size() < 2) return;
  NeighborList list(min_distance, 0.0);
  list.build(config);
  double closest2 = min_distance * min_distance;
  int a = -1, b = -1;
  list.for_each_pair(config.positions, [&](int i, int j, const Vec3&, double r2) {
    if (r2 < closest2) {
      closest2 = r2;
      a = i;
      b = j;
    }
  });
  if (a >= 0)
    throw Error(fmt::format("atoms {} and {} overlap: distance {:.4g} < {:.4g} (length units)",
                            config.ids[a], config.ids[b], std::sqrt(closest2), min_distance));
}

}  // namespace pelcamp
