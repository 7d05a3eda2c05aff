#include "pelcamp/saddle/rigid_body_modes.hpp"

#include <fmt/format.h>

#include <cmath>

#include "pelcamp/core/error.hpp"
#include "pelcamp/core/types.hpp"

namespace pelcamp {

namespace {

void require_positions(ConstVectorRef x) {
  if (x.size() % 3 != 0)
    throw Error(fmt::format("rigid-body modes need 3N position variables, got {}", x.size()));
}

Vec3 centroid_of(ConstVectorRef x) {
  Vec3 c = Vec3::Zero();
  const Eigen::Index n = x.size() / 3;
  for (Eigen::Index i = 0; i < n; ++i) c += x.segment<3>(3 * i);
  return n > 0 ? Vec3(c / static_cast<double>(n)) : c;
}

}  // namespace

Eigen::MatrixXd translation_modes(Eigen::Index atoms) {
  Eigen::MatrixXd modes = Eigen::MatrixXd::Zero(3 * atoms, 3);
  if (atoms == 0) return modes;
  const double norm = 1.0 / std::sqrt(static_cast<double>(atoms));
  for (Eigen::Index i = 0; i < atoms; ++i)
    for (int k = 0; k < 3; ++k) modes(3 * i + k, k) = norm;
  return modes;
}

Eigen::MatrixXd rigid_body_modes(ConstVectorRef positions) {
  require_positions(positions);
  const Eigen::Index n = positions.size() / 3;
  const Vec3 centroid = centroid_of(positions);

  Eigen::MatrixXd candidates = Eigen::MatrixXd::Zero(3 * n, 6);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Vec3 r = positions.segment<3>(3 * i) - centroid;
    for (int k = 0; k < 3; ++k) {
      candidates(3 * i + k, k) = 1.0;
      candidates.block<3, 1>(3 * i, 3 + k) = Vec3::Unit(k).cross(r);
    }
  }
  // Modified Gram–Schmidt, dropping rotations that vanish (about the axis of a linear
  // cluster, or all three for a single atom).
  Eigen::MatrixXd basis(3 * n, 6);
  Eigen::Index kept = 0;
  for (Eigen::Index c = 0; c < 6; ++c) {
    Eigen::VectorXd v = candidates.col(c);
    const double scale = v.norm();
    for (Eigen::Index b = 0; b < kept; ++b) v -= basis.col(b).dot(v) * basis.col(b);
    if (scale == 0.0 || v.norm() <= 1e-10 * scale) continue;
    basis.col(kept++) = v.normalized();
  }
  return basis.leftCols(kept);
}


Eigen::VectorXd aligned_onto(ConstVectorRef moving, ConstVectorRef reference) {
  require_positions(moving);
  if (moving.size() != reference.size())
    throw Error(fmt::format("alignment of {} onto {} variables", moving.size(), reference.size()));
  const Eigen::Index n = moving.size() / 3;
  const Vec3 cm = centroid_of(moving), cr = centroid_of(reference);
  Mat3 covariance = Mat3::Zero();
  for (Eigen::Index i = 0; i < n; ++i)
    covariance += (moving.segment<3>(3 * i) - cm) * (reference.segment<3>(3 * i) - cr).transpose();
  Eigen::JacobiSVD<Mat3> svd(covariance, Eigen::ComputeFullU | Eigen::ComputeFullV);
  Mat3 d = Mat3::Identity();
  d(2, 2) = (svd.matrixV() * svd.matrixU().transpose()).determinant() < 0 ? -1.0 : 1.0;
  const Mat3 rotation = svd.matrixV() * d * svd.matrixU().transpose();
  Eigen::VectorXd aligned(moving.size());
  for (Eigen::Index i = 0; i < n; ++i)
    aligned.segment<3>(3 * i) = rotation * (moving.segment<3>(3 * i) - cm) + cr;
  return aligned;
}

}  // namespace pelcamp
