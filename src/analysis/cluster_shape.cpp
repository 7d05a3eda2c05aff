#include "pelcamp/analysis/cluster_shape.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

double GyrationRadii::radius_of_gyration() const {
  return std::sqrt(radii[0] * radii[0] + radii[1] * radii[1] + radii[2] * radii[2]);
}

double GyrationRadii::ellipsoid_volume() const {
  return 4.0 * std::numbers::pi / 3.0 * std::pow(5.0, 1.5) * radii[0] * radii[1] * radii[2];
}

Mat3 gyration_tensor(std::span<const Vec3> positions, std::span<const double> masses) {
  if (positions.empty() || positions.size() != masses.size())
    throw Error("gyration tensor: need one mass per position and at least one atom");
  double total = 0.0;
  Vec3 centre = Vec3::Zero();
  for (std::size_t i = 0; i < positions.size(); ++i) {
    total += masses[i];
    centre += masses[i] * positions[i];
  }
  centre /= total;
  Mat3 s = Mat3::Zero();
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const Vec3 d = positions[i] - centre;
    s += masses[i] * d * d.transpose();
  }
  return s / total;
}

GyrationRadii principal_gyration_radii(std::span<const Vec3> positions, std::span<const double> masses) {
  const Eigen::SelfAdjointEigenSolver<Mat3> solver(gyration_tensor(positions, masses), Eigen::EigenvaluesOnly);
  GyrationRadii g;
  for (int k = 0; k < 3; ++k) g.radii[k] = std::sqrt(std::max(0.0, solver.eigenvalues()[k]));  // ascending
  return g;
}

}  // namespace pelcamp
