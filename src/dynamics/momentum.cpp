#include "pelcamp/dynamics/momentum.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>

namespace pelcamp {

double kinetic_degrees_of_freedom(std::size_t n, bool angular) {
  const double translational = 3.0 * static_cast<double>(n) - 3.0;
  if (!angular) return std::max(translational, 0.0);
  const double rotational = n <= 1 ? 0.0 : (n == 2 ? 2.0 : 3.0);
  return std::max(translational - rotational, 0.0);
}

Vec3 linear_momentum(std::span<const Vec3> velocities, std::span<const double> masses) {
  Vec3 p = Vec3::Zero();
  for (std::size_t i = 0; i < velocities.size(); ++i) p += masses[i] * velocities[i];
  return p;
}

Vec3 centre_of_mass(std::span<const Vec3> positions, std::span<const double> masses) {
  Vec3 sum = Vec3::Zero();
  double total = 0.0;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    sum += masses[i] * positions[i];
    total += masses[i];
  }
  return total > 0.0 ? Vec3(sum / total) : Vec3::Zero();
}

Vec3 angular_momentum(std::span<const Vec3> positions, std::span<const Vec3> velocities,
                      std::span<const double> masses) {
  const Vec3 rc = centre_of_mass(positions, masses);
  Vec3 l = Vec3::Zero();
  for (std::size_t i = 0; i < positions.size(); ++i)
    l += masses[i] * (positions[i] - rc).cross(velocities[i]);
  return l;
}

void remove_linear_momentum(std::span<Vec3> velocities, std::span<const double> masses) {
  double total = 0.0;
  for (std::size_t i = 0; i < velocities.size(); ++i) total += masses[i];
  if (total <= 0.0) return;
  const Vec3 vcm = linear_momentum(velocities, masses) / total;
  for (auto& v : velocities) v -= vcm;
}

void remove_angular_momentum(std::span<const Vec3> positions, std::span<Vec3> velocities,
                             std::span<const double> masses) {
  const Vec3 rc = centre_of_mass(positions, masses);
  Vec3 l = Vec3::Zero();
  Mat3 inertia = Mat3::Zero();
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const Vec3 r = positions[i] - rc;
    l += masses[i] * r.cross(velocities[i]);
    inertia += masses[i] * (r.squaredNorm() * Mat3::Identity() - r * r.transpose());
  }
  // Pseudo-inverse through the eigen-decomposition: a vanishing principal moment (two atoms,
  // or a collinear chain) carries no angular momentum and is left alone.
  const Eigen::SelfAdjointEigenSolver<Mat3> eigen(inertia);
  const Vec3 moments = eigen.eigenvalues();
  const double cutoff = 1e-12 * moments.cwiseAbs().maxCoeff();
  Vec3 projected = eigen.eigenvectors().transpose() * l;
  for (int k = 0; k < 3; ++k) projected(k) = moments(k) > cutoff ? projected(k) / moments(k) : 0.0;
  const Vec3 omega = eigen.eigenvectors() * projected;
  for (std::size_t i = 0; i < positions.size(); ++i) velocities[i] -= omega.cross(positions[i] - rc);
}

}  // namespace pelcamp
