#include "pelcamp/analysis/lowest_modes.hpp"

#include <fmt/format.h>

#include <Eigen/SparseCholesky>
#include <Spectra/SymEigsSolver.h>
#include <algorithm>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/hessian.hpp"

namespace pelcamp {
namespace {

// y = P G P x (see the header); `translations` orthonormal, 3N × 3. G through a dense
// Cholesky factor up to `dense_atoms` atoms (an EAM Hessian couples atoms up to twice the
// cutoff, so at a few thousand atoms it is far from sparse and a blocked dense factor is
// much faster), a sparse LDLᵀ one above.
class PseudoInverseOperator {
 public:
  using Scalar = double;

  PseudoInverseOperator(Potential& potential, const Configuration& config,
                        const ModeSettings& settings, long dense_atoms,
                        Eigen::MatrixXd translations)
      : dim_(3 * static_cast<Eigen::Index>(config.size())),
        translations_(std::move(translations)),
        dense_(static_cast<long>(config.size()) <= dense_atoms) {
    const Eigen::Index reduced = dim_ - 3;
    bool positive = false;
    if (dense_) {
      Eigen::MatrixXd matrix = dense_hessian(potential, config);
      if (settings.mass_weighted) mass_weight(matrix, config);
      llt_.compute(matrix.bottomRightCorner(reduced, reduced));
      positive = llt_.info() == Eigen::Success;
    } else {
      Eigen::SparseMatrix<double> matrix = sparse_hessian(potential, config);
      if (settings.mass_weighted) mass_weight(matrix, config);
      ldlt_.compute(Eigen::SparseMatrix<double>(matrix.bottomRightCorner(reduced, reduced)));
      positive = ldlt_.info() == Eigen::Success && ldlt_.vectorD().minCoeff() > 0.0;
    }
    if (!positive)
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
    if (dense_)
      g.tail(dim_ - 3) = llt_.solve(px.tail(dim_ - 3));
    else
      g.tail(dim_ - 3) = ldlt_.solve(px.tail(dim_ - 3));
    y = g - translations_ * (translations_.transpose() * g);
  }

 private:
  Eigen::Index dim_;
  Eigen::MatrixXd translations_;
  bool dense_;
  Eigen::LLT<Eigen::MatrixXd> llt_;
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> ldlt_;
};

}  // namespace

NormalModes lowest_normal_modes(Potential& potential, const Configuration& config,
                                const ModeSettings& settings, int count, long dense_atoms) {
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
  Eigen::MatrixXd translations = Eigen::MatrixXd::Zero(dim, 3);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double w = settings.mass_weighted ? std::sqrt(config.mass(i)) : 1.0;
    for (int a = 0; a < 3; ++a) translations(3 * i + a, a) = w;
  }
  translations.colwise().normalize();  // the three columns are already orthogonal

  PseudoInverseOperator op(potential, config, settings, dense_atoms, translations);
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
