#include "pelcamp/analysis/lowest_modes.hpp"

#include <fmt/format.h>

#include <Eigen/SparseCholesky>
#include <Spectra/SymEigsSolver.h>
#include <algorithm>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/hessian.hpp"

namespace pelcamp {
namespace {

// y = P G P x (see the header); `translations` orthonormal, 3N × 3.
class PseudoInverseOperator {
 public:
  using Scalar = double;

  PseudoInverseOperator(const Eigen::SparseMatrix<double>& matrix, Eigen::MatrixXd translations)
      : dim_(matrix.rows()), translations_(std::move(translations)) {
    const Eigen::SparseMatrix<double> reduced = matrix.bottomRightCorner(dim_ - 3, dim_ - 3);
    ldlt_.compute(reduced);
    if (ldlt_.info() != Eigen::Success || !(ldlt_.vectorD().minCoeff() > 0.0))
      throw Error("lowest normal modes: the matrix is not positive definite apart from the "
                  "translations (the configuration is not at a minimum)");
  }
  Eigen::Index rows() const { return dim_; }
  Eigen::Index cols() const { return dim_; }

  void perform_op(const double* x_in, double* y_out) const {
    Eigen::Map<const Eigen::VectorXd> x(x_in, dim_);
    Eigen::Map<Eigen::VectorXd> y(y_out, dim_);
    const Eigen::VectorXd px = x - translations_ * (translations_.transpose() * x);
    Eigen::VectorXd g = Eigen::VectorXd::Zero(dim_);
    g.tail(dim_ - 3) = ldlt_.solve(px.tail(dim_ - 3));
    y = g - translations_ * (translations_.transpose() * g);
  }

 private:
  Eigen::Index dim_;
  Eigen::MatrixXd translations_;
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> ldlt_;
};

}  // namespace

NormalModes lowest_normal_modes(Potential& potential, const Configuration& config,
                                const ModeSettings& settings, int count) {
  settings.validate();
  for (int d = 0; d < 3; ++d)
    if (!config.box.periodic(d))
      throw Error("lowest normal modes: the sample must be periodic in x, y and z (use the "
                  "dense normal_modes for clusters)");
  const auto n = static_cast<Eigen::Index>(config.size());
  const Eigen::Index dim = 3 * n;
  if (count < 1 || count > dim - 4)
    throw Error(fmt::format("lowest normal modes: count must be in [1, {}], got {}", dim - 4,
                            count));
  Eigen::SparseMatrix<double> matrix = sparse_hessian(potential, config);
  Eigen::MatrixXd translations = Eigen::MatrixXd::Zero(dim, 3);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double w = settings.mass_weighted ? std::sqrt(config.mass(i)) : 1.0;
    for (int a = 0; a < 3; ++a) translations(3 * i + a, a) = w;
  }
  translations.colwise().normalize();  // the three columns are already orthogonal
  if (settings.mass_weighted) mass_weight(matrix, config);

  PseudoInverseOperator op(matrix, translations);
  const Eigen::Index ncv = std::min<Eigen::Index>(dim - 3, std::max<Eigen::Index>(2 * count + 1, 20));
  Spectra::SymEigsSolver<PseudoInverseOperator> solver(op, count, ncv);
  solver.init();
  solver.compute(Spectra::SortRule::LargestAlge, 10000, 1e-12);
  if (solver.info() != Spectra::CompInfo::Successful)
    throw Error(fmt::format("lowest normal modes: Lanczos did not converge for {} modes", count));
  // Largest 1/λ first = smallest λ first.
  NormalModes modes;
  modes.zero_modes = 3;
  modes.eigenvalues = solver.eigenvalues().cwiseInverse();
  modes.vectors = solver.eigenvectors();
  return modes;
}

}  // namespace pelcamp
