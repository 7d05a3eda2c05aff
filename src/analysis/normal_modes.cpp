#include "pelcamp/analysis/normal_modes.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/hessian.hpp"

namespace pelcamp {
namespace {

// Orthonormal basis of the span of `columns` (rank-revealing: a linear cluster's dependent
// rotation drops out).
Eigen::MatrixXd orthonormal_span(const Eigen::MatrixXd& columns) {
  if (columns.cols() == 0) return columns;
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(columns);
  qr.setThreshold(1e-10);
  const Eigen::Index rank = qr.rank();
  // The thin Q only (the full one would be 3N × 3N).
  return qr.householderQ() * Eigen::MatrixXd::Identity(columns.rows(), rank);
}

// True when `matrix` annihilates the span of `basis` within the tolerance.
bool annihilates(const Eigen::MatrixXd& matrix, const Eigen::MatrixXd& basis, double tolerance) {
  if (basis.cols() == 0) return false;
  const double scale = matrix.diagonal().cwiseAbs().maxCoeff();
  return (matrix * basis).norm() <= tolerance * scale;
}

}  // namespace

void ModeSettings::validate() const {
  if (!(zero_tolerance > 0.0 && zero_tolerance < 1.0))
    throw Error(fmt::format("normal modes: zero_tolerance must be in (0, 1), got {}",
                            zero_tolerance));
}

Eigen::MatrixXd mode_matrix(Potential& potential, const Configuration& config,
                            const ModeSettings& settings) {
  Eigen::MatrixXd matrix = dense_hessian(potential, config);
  if (settings.mass_weighted) mass_weight(matrix, config);
  return matrix;
}

Eigen::MatrixXd zero_mode_basis(const Eigen::MatrixXd& matrix, const Configuration& config,
                                const ModeSettings& settings) {
  settings.validate();
  const auto n = static_cast<Eigen::Index>(config.size());
  if (matrix.rows() != 3 * n || matrix.cols() != 3 * n)
    throw Error(fmt::format("normal modes: matrix is {}×{}, expected {}×{} for {} atoms",
                            matrix.rows(), matrix.cols(), 3 * n, 3 * n, n));
  Eigen::VectorXd weight = Eigen::VectorXd::Ones(n);
  if (settings.mass_weighted)
    for (Eigen::Index i = 0; i < n; ++i) weight[i] = std::sqrt(config.mass(i));

  Eigen::MatrixXd translations = Eigen::MatrixXd::Zero(3 * n, 3);
  for (Eigen::Index i = 0; i < n; ++i)
    for (int a = 0; a < 3; ++a) translations(3 * i + a, a) = weight[i];
  Eigen::MatrixXd zero = orthonormal_span(translations);
  if (!annihilates(matrix, zero, settings.zero_tolerance)) zero.resize(3 * n, 0);

  if (!config.box.any_periodic() && n > 1) {
    Vec3 centre = Vec3::Zero();
    for (Eigen::Index i = 0; i < n; ++i) centre += weight[i] * weight[i] * config.positions[i];
    centre /= weight.squaredNorm();
    Eigen::MatrixXd rotations(3 * n, 3);
    for (Eigen::Index i = 0; i < n; ++i)
      for (int a = 0; a < 3; ++a)
        rotations.block<3, 1>(3 * i, a) =
            weight[i] * Vec3::Unit(a).cross(config.positions[i] - centre);
    // Rotations about the centre of mass are orthogonal to the (weighted) translations.
    const Eigen::MatrixXd rotation_basis = orthonormal_span(rotations);
    if (annihilates(matrix, rotation_basis, settings.zero_tolerance)) {
      Eigen::MatrixXd both(3 * n, zero.cols() + rotation_basis.cols());
      both << zero, rotation_basis;
      zero = both;
    }
  }
  return zero;
}

NormalModes normal_modes(const Eigen::MatrixXd& matrix, const Configuration& config,
                         const ModeSettings& settings) {
  const Eigen::MatrixXd zero = zero_mode_basis(matrix, config, settings);
  const Eigen::Index dim = matrix.rows(), d = zero.cols();
  NormalModes modes;
  modes.zero_modes = static_cast<int>(d);
  // Q = (zero basis, complement) from d Householder reflections; the complement block of
  // Qᵀ A Q holds the non-zero modes.
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(zero);
  const auto q = qr.householderQ();
  Eigen::MatrixXd projected = matrix;
  if (d > 0) {
    projected.applyOnTheLeft(q.adjoint());
    projected.applyOnTheRight(q);
  }
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(
      projected.bottomRightCorner(dim - d, dim - d));
  if (solver.info() != Eigen::Success) throw Error("normal modes: eigensolver did not converge");
  modes.eigenvalues = solver.eigenvalues();
  modes.vectors = Eigen::MatrixXd::Zero(dim, dim - d);
  modes.vectors.bottomRows(dim - d) = solver.eigenvectors();
  if (d > 0) modes.vectors.applyOnTheLeft(q);
  return modes;
}

NormalModes normal_modes(Potential& potential, const Configuration& config,
                         const ModeSettings& settings) {
  return normal_modes(mode_matrix(potential, config, settings), config, settings);
}

}  // namespace pelcamp
