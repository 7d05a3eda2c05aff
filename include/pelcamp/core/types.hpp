#pragma once
// Basic numeric types shared by every layer.
#include <Eigen/Dense>
#include <array>
#include <cstdint>

namespace pelcamp {

using Vec3 = Eigen::Vector3d;
using Mat3 = Eigen::Matrix3d;
using Image = std::array<int, 3>;  // periodic image counts, as LAMMPS image flags

// Symmetric 3x3 tensor in LAMMPS order: xx, yy, zz, xy, xz, yz.
using Sym6 = std::array<double, 6>;

inline Sym6 to_sym6(const Mat3& m) {
  return {m(0, 0), m(1, 1), m(2, 2), 0.5 * (m(0, 1) + m(1, 0)), 0.5 * (m(0, 2) + m(2, 0)),
          0.5 * (m(1, 2) + m(2, 1))};
}

}  // namespace pelcamp
