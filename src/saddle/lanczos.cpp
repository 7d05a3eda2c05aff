#include "pelcamp/saddle/lanczos.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

void LanczosConfig::validate() const {
  if (max_krylov < 2)
    throw Error(fmt::format("lanczos max_krylov = {}: must be at least 2", max_krylov));
  if (min_krylov < 1 || min_krylov > max_krylov)
    throw Error(fmt::format("lanczos min_krylov = {}: must be in [1, max_krylov = {}]", min_krylov, max_krylov));
  if (max_restarts < 0)
    throw Error(fmt::format("lanczos max_restarts = {}: must be ≥ 0", max_restarts));
  if (!(relative_tolerance >= 0.0) || !(absolute_tolerance >= 0.0) ||
      relative_tolerance + absolute_tolerance <= 0.0)
    throw Error("lanczos tolerances must be ≥ 0 and not both zero");
}

namespace {

void project(VectorRef v, const std::vector<bool>& inactive, const Eigen::MatrixXd& excluded) {
  for (std::size_t k = 0; k < inactive.size(); ++k)
    if (inactive[k]) v[static_cast<Eigen::Index>(k)] = 0.0;
  if (excluded.cols() > 0) v -= excluded * (excluded.transpose() * v);
}

// A relative breakdown threshold: β below this times the scale of T means the Krylov space
// is invariant, so its lowest Ritz pair is an exact eigenpair of the active block.
constexpr double kBreakdown = 1e-12;

}  // namespace

LanczosResult lowest_eigenpair(const LinearOperator& op, ConstVectorRef start,
                               const LanczosConfig& config, const std::vector<bool>& inactive,
                               const Eigen::MatrixXd& excluded) {
  config.validate();
  const Eigen::Index n = start.size();
  if (!inactive.empty() && static_cast<Eigen::Index>(inactive.size()) != n)
    throw Error(fmt::format("lanczos: {} inactive flags for {} variables", inactive.size(), n));
  if (excluded.cols() > 0 && excluded.rows() != n)
    throw Error(fmt::format("lanczos: excluded modes have {} rows for {} variables", excluded.rows(), n));
  const Eigen::Index active =
      n - static_cast<Eigen::Index>(std::count(inactive.begin(), inactive.end(), true)) -
      excluded.cols();
  const Eigen::Index space = std::min<Eigen::Index>(config.max_krylov, active);

  LanczosResult result;
  Eigen::VectorXd q = start;
  project(q, inactive, excluded);
  if (!(q.norm() > 0.0) || !q.allFinite())
    throw Error("lanczos: the start vector has no finite active component");

  Eigen::MatrixXd basis(n, space);
  Eigen::VectorXd alpha(space), beta(space), w(n);
  double previous = 0.0;
  for (int restart = 0; restart <= config.max_restarts; ++restart) {
    basis.col(0) = q / q.norm();
    Eigen::Index size = 0;
    bool done = false;
    for (Eigen::Index j = 0; j < space && !done; ++j) {
      op(basis.col(j), w);
      project(w, inactive, excluded);
      ++result.products;
      alpha[j] = basis.col(j).dot(w);
      // Full reorthogonalisation (twice, "twice is enough"): with ≤ 16 vectors it costs far
      // less than one force call and keeps the Ritz values free of spurious copies.
      for (int pass = 0; pass < 2; ++pass)
        w -= basis.leftCols(j + 1) * (basis.leftCols(j + 1).transpose() * w);
      beta[j] = w.norm();
      size = j + 1;

      const Eigen::MatrixXd t = [&] {
        Eigen::MatrixXd m = Eigen::MatrixXd::Zero(size, size);
        for (Eigen::Index k = 0; k < size; ++k) {
          m(k, k) = alpha[k];
          if (k + 1 < size) m(k, k + 1) = m(k + 1, k) = beta[k];
        }
        return m;
      }();
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> tri(t);
      const double theta = tri.eigenvalues()[0];
      const double scale = std::max(std::abs(theta), tri.eigenvalues().cwiseAbs().maxCoeff());
      const bool invariant = beta[j] <= kBreakdown * std::max(scale, 1e-300) || size == active;
      const bool settled = size >= std::max(config.min_krylov, 2) &&
                           std::abs(theta - previous) <=
                               config.relative_tolerance * std::abs(theta) + config.absolute_tolerance;
      previous = theta;
      result.eigenvalue = theta;
      result.eigenvector = basis.leftCols(size) * tri.eigenvectors().col(0);
      if (invariant || settled) {
        result.converged = true;
        done = true;
      } else if (j + 1 < space) {
        basis.col(j + 1) = w / beta[j];
      }
    }
    result.eigenvector.normalize();
    if (result.converged) return result;
    q = result.eigenvector;
  }
  return result;
}

}  // namespace pelcamp
