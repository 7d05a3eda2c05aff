#include <gtest/gtest.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/saddle/hessian_operator.hpp"
#include "pelcamp/saddle/lanczos.hpp"
#include "saddle/saddle_test_support.hpp"

namespace pelcamp {
namespace {

// A = Qᵀ diag(λ) Q with a known spectrum.
Eigen::MatrixXd symmetric_with_spectrum(const Eigen::VectorXd& lambda, std::uint64_t seed) {
  Rng rng(seed);
  const Eigen::Index n = lambda.size();
  Eigen::MatrixXd m(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) m(i, j) = rng.normal();
  const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(m).householderQ();
  return q.transpose() * lambda.asDiagonal() * q;
}

Eigen::VectorXd random_vector(Eigen::Index n, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v[i] = rng.normal();
  return v;
}

LinearOperator dense_operator(const Eigen::MatrixXd& a) {
  return [&a](ConstVectorRef v, VectorRef out) { out = a * v; };
}

TEST(Lanczos, QuadraticLowestEigenpairWithRestarts) {
  Eigen::VectorXd lambda = Eigen::VectorXd::LinSpaced(60, -1.0, 30.0);
  lambda[0] = -3.0;  // isolated lowest eigenvalue
  const Eigen::MatrixXd a = symmetric_with_spectrum(lambda, 11);
  LanczosConfig config;
  config.relative_tolerance = 1e-12;
  config.absolute_tolerance = 0.0;
  config.max_restarts = 40;
  const LanczosResult r = lowest_eigenpair(dense_operator(a), random_vector(60, 3), config);
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.eigenvalue, -3.0, 1e-9);
  EXPECT_NEAR(r.eigenvector.norm(), 1.0, 1e-12);
  EXPECT_LT((a * r.eigenvector - r.eigenvalue * r.eigenvector).norm(), 1e-4);
  EXPECT_GT(r.products, config.max_krylov);  // needed at least one restart
}

TEST(Lanczos, StartingFromTheEigenvectorConvergesAtOnce) {
  const Eigen::VectorXd lambda = Eigen::VectorXd::LinSpaced(30, -2.0, 5.0);
  const Eigen::MatrixXd a = symmetric_with_spectrum(lambda, 5);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> dense(a);
  const LanczosResult r =
      lowest_eigenpair(dense_operator(a), dense.eigenvectors().col(0), LanczosConfig{});
  ASSERT_TRUE(r.converged);
  EXPECT_EQ(r.products, 1);
  EXPECT_NEAR(r.eigenvalue, -2.0, 1e-10);
}

TEST(Lanczos, InactiveVariablesAreProjectedOut) {
  const Eigen::VectorXd lambda = Eigen::VectorXd::LinSpaced(40, -4.0, 8.0);
  const Eigen::MatrixXd a = symmetric_with_spectrum(lambda, 17);
  std::vector<bool> inactive(40, false);
  for (int k = 25; k < 40; ++k) inactive[k] = true;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> block(a.topLeftCorner(25, 25));
  LanczosConfig config;
  config.relative_tolerance = 1e-12;
  config.absolute_tolerance = 0.0;
  config.max_restarts = 40;
  const LanczosResult r = lowest_eigenpair(dense_operator(a), random_vector(40, 9), config, inactive);
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.eigenvalue, block.eigenvalues()[0], 1e-9);
  EXPECT_EQ(r.eigenvector.tail(15).norm(), 0.0);
  EXPECT_GT(std::abs(r.eigenvector.head(25).dot(block.eigenvectors().col(0))), 1.0 - 1e-6);
}

TEST(Lanczos, ExcludedModesAreProjectedOut) {
  Eigen::VectorXd lambda = Eigen::VectorXd::LinSpaced(20, -1.0, 6.0);
  lambda[0] = -5.0;
  const Eigen::MatrixXd a = symmetric_with_spectrum(lambda, 23);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> dense(a);
  // Excluding the lowest eigenvector leaves the second lowest.
  LanczosConfig config;
  config.relative_tolerance = 1e-12;
  config.absolute_tolerance = 0.0;
  config.max_restarts = 40;
  const LanczosResult r = lowest_eigenpair(dense_operator(a), random_vector(20, 8), config, {},
                                           dense.eigenvectors().leftCols(1));
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.eigenvalue, dense.eigenvalues()[1], 1e-9);
  EXPECT_LT(std::abs(r.eigenvector.dot(dense.eigenvectors().col(0))), 1e-10);
}

// A loose tolerance stops at the second Krylov vector however far the Ritz value still is
// from the lowest eigenvalue; min_krylov makes the iteration build that many vectors first,
// which brings it closer to an isolated lowest eigenvalue the start vector barely overlaps.
TEST(Lanczos, MinimumKrylovSizeDelaysTheToleranceTest) {
  Eigen::VectorXd lambda = Eigen::VectorXd::LinSpaced(50, 1.0, 10.0);
  lambda[0] = -3.0;
  const Eigen::MatrixXd a = symmetric_with_spectrum(lambda, 31);
  LanczosConfig loose;
  loose.relative_tolerance = 0.0;
  loose.absolute_tolerance = 1e3;
  const LanczosResult early = lowest_eigenpair(dense_operator(a), random_vector(50, 12), loose);
  EXPECT_EQ(early.products, 2);
  loose.min_krylov = 10;
  const LanczosResult later = lowest_eigenpair(dense_operator(a), random_vector(50, 12), loose);
  EXPECT_EQ(later.products, 10);
  EXPECT_LT(std::abs(later.eigenvalue + 3.0), 0.5 * std::abs(early.eigenvalue + 3.0))
      << early.eigenvalue << " " << later.eigenvalue;
  loose.min_krylov = loose.max_krylov + 1;
  EXPECT_THROW(lowest_eigenpair(dense_operator(a), random_vector(50, 12), loose), Error);
}

TEST(Lanczos, BadInputIsAnError) {
  const Eigen::MatrixXd a = Eigen::MatrixXd::Identity(4, 4);
  EXPECT_THROW(lowest_eigenpair(dense_operator(a), Eigen::VectorXd::Zero(4), LanczosConfig{}),
               Error);
  EXPECT_THROW(lowest_eigenpair(dense_operator(a), Eigen::VectorXd::Ones(4), LanczosConfig{},
                                std::vector<bool>(3, false)),
               Error);
  LanczosConfig bad;
  bad.max_krylov = 1;
  EXPECT_THROW(lowest_eigenpair(dense_operator(a), Eigen::VectorXd::Ones(4), bad), Error);
}

// A distorted LJ₇ (not a minimum, so the lowest mode is a distinct negative or soft mode
// rather than one of the six zero modes): Lanczos on the analytic and on the
// finite-difference Hessian-vector products against a dense diagonalisation.
TEST(Lanczos, LennardJonesClusterMatchesDenseDiagonalisation) {
  std::vector<Vec3> r = testing::lj7_bipyramid();
  Rng rng(2024, 1);
  for (Vec3& p : r) p += 0.12 * Vec3(rng.normal(), rng.normal(), rng.normal());
  Configuration config = testing::lj_cluster(r);
  auto potential = make_potential("lj/ka");
  AtomsObjective objective(config, *potential);
  const Eigen::VectorXd x = objective.variables();

  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> dense(testing::dense_hessian(objective, x));
  const double lowest = dense.eigenvalues()[0];
  ASSERT_LT(lowest, dense.eigenvalues()[1] - 0.5) << "test configuration needs an isolated mode";

  LanczosConfig config_tight;
  config_tight.relative_tolerance = 1e-10;
  config_tight.absolute_tolerance = 0.0;
  config_tight.max_restarts = 40;
  const Eigen::VectorXd start = random_vector(x.size(), 4);

  objective.variables() = x;
  const LanczosResult analytic =
      lowest_eigenpair(potential_hessian(*potential, config), start, config_tight);
  ASSERT_TRUE(analytic.converged);
  EXPECT_NEAR(analytic.eigenvalue, lowest, 1e-5 * std::abs(lowest));
  EXPECT_GT(std::abs(analytic.eigenvector.dot(dense.eigenvectors().col(0))), 1.0 - 1e-5);

  const LanczosResult fd =
      lowest_eigenpair(finite_difference_hessian(objective, x, 1e-4), start, config_tight);
  ASSERT_TRUE(fd.converged);
  EXPECT_NEAR(fd.eigenvalue, lowest, 1e-5 * std::abs(lowest));
  EXPECT_GT(std::abs(fd.eigenvector.dot(dense.eigenvectors().col(0))), 1.0 - 1e-5);

  // Restarting from the converged eigenvector with the default settings takes few products.
  const LanczosResult again =
      lowest_eigenpair(finite_difference_hessian(objective, x, 1e-4), fd.eigenvector, LanczosConfig{});
  EXPECT_TRUE(again.converged);
  EXPECT_LE(again.products, 3);
  EXPECT_NEAR(again.eigenvalue, lowest, 1e-4 * std::abs(lowest));
}

}  // namespace
}  // namespace pelcamp
