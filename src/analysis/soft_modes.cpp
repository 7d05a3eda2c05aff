#include "pelcamp/analysis/soft_modes.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

std::vector<double> soft_mode_parameter(const NormalModes& modes, int lowest) {
  const auto count = static_cast<Eigen::Index>(modes.eigenvalues.size());
  if (lowest < 0 || lowest > count)
    throw Error(fmt::format("soft-mode parameter: lowest must be in [0, {}] (0 = all modes), got {}",
                            count, lowest));
  const Eigen::Index used = lowest == 0 ? count : lowest;
  if (used > 0 && !(modes.eigenvalues[0] > 0.0))
    throw Error(fmt::format("soft-mode parameter: lowest non-zero mode has eigenvalue {:.6g} "
                            "≤ 0 (the configuration is not at a minimum)",
                            modes.eigenvalues[0]));
  const Eigen::Index atoms = modes.vectors.rows() / 3;
  std::vector<double> psi(atoms, 0.0);
  for (Eigen::Index j = 0; j < used; ++j) {
    const double inverse = 1.0 / modes.eigenvalues[j];
    for (Eigen::Index i = 0; i < atoms; ++i)
      psi[i] += modes.vectors.col(j).segment<3>(3 * i).squaredNorm() * inverse;
  }
  return psi;
}

std::vector<double> soft_mode_parameter_direct(Eigen::MatrixXd matrix,
                                               const Eigen::MatrixXd& zero_basis) {
  const Eigen::Index dim = matrix.rows();
  // Lift the zero modes to the size of a typical diagonal entry.
  const double lift = matrix.diagonal().cwiseAbs().mean();
  if (zero_basis.cols() > 0) matrix.noalias() += lift * zero_basis * zero_basis.transpose();
  Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(matrix);  // in place: the lower triangle is L
  if (llt.info() != Eigen::Success)
    throw Error("soft-mode parameter: the matrix is not positive definite apart from its zero "
                "modes (the configuration is not at a minimum)");
  // diag(A⁻¹)_k = Σ_m (L⁻¹)_{mk}²; a block of columns [k0, k1) of L⁻¹ vanishes above row k0.
  Eigen::VectorXd inverse_diagonal(dim);
  constexpr Eigen::Index kBlock = 256;
  for (Eigen::Index k0 = 0; k0 < dim; k0 += kBlock) {
    const Eigen::Index b = std::min(kBlock, dim - k0), rows = dim - k0;
    Eigen::MatrixXd x = Eigen::MatrixXd::Identity(rows, b);
    matrix.bottomRightCorner(rows, rows).triangularView<Eigen::Lower>().solveInPlace(x);
    inverse_diagonal.segment(k0, b) = x.colwise().squaredNorm().transpose();
  }
  if (zero_basis.cols() > 0)
    inverse_diagonal -= zero_basis.rowwise().squaredNorm() / lift;
  std::vector<double> psi(dim / 3, 0.0);
  for (Eigen::Index i = 0; i < dim / 3; ++i) psi[i] = inverse_diagonal.segment<3>(3 * i).sum();
  return psi;
}

}  // namespace pelcamp
