#pragma once
// Geometry checks for built structures, by brute force over all pairs (minimum image in
// periodic boxes): independent of the neighbour-list code.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "pelcamp/core/configuration.hpp"

namespace pelcamp::test {

inline Vec3 separation(const Configuration& c, std::size_t i, std::size_t j) {
  return c.box.minimum_image(c.positions[j] - c.positions[i]);
}

inline double min_pair_distance(const Configuration& c) {
  double d2 = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < c.size(); ++i)
    for (std::size_t j = i + 1; j < c.size(); ++j)
      d2 = std::min(d2, separation(c, i, j).squaredNorm());
  return std::sqrt(d2);
}

// Number of neighbours of each atom within `cutoff`, optionally only of another species.
inline std::vector<int> coordination(const Configuration& c, double cutoff,
                                     bool unlike_only = false) {
  std::vector<int> count(c.size(), 0);
  for (std::size_t i = 0; i < c.size(); ++i)
    for (std::size_t j = i + 1; j < c.size(); ++j)
      if (separation(c, i, j).norm() < cutoff && (!unlike_only || c.types[i] != c.types[j])) {
        ++count[i];
        ++count[j];
      }
  return count;
}

// Every atom of `a` has an atom of `b` of the same type within `tol`, and the sizes agree.
inline void expect_same_atom_set(const Configuration& a, const Configuration& b, double tol) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    bool found = false;
    for (std::size_t j = 0; j < b.size() && !found; ++j)
      found = a.types[i] == b.types[j] && (a.positions[i] - b.positions[j]).norm() < tol;
    EXPECT_TRUE(found) << "atom " << i << " at " << a.positions[i].transpose();
  }
}

}  // namespace pelcamp::test
