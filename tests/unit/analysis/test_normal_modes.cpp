// Normal modes and the soft-mode parameter (analysis/normal_modes.hpp, soft_modes.hpp):
// zero modes of a periodic crystal (3) and a free cluster (6) against the unprojected
// spectrum; Hessian eigenvalues of a small cluster against those of a finite-difference
// Hessian; Ψ of an Einstein crystal against its analytic value; Ψ without eigenvectors
// (Cholesky) against Ψ from the modes on a small glass.
#include <gtest/gtest.h>

#include "glass_test_systems.hpp"
#include "pelcamp/analysis/lowest_modes.hpp"
#include "pelcamp/analysis/normal_modes.hpp"
#include "pelcamp/analysis/soft_modes.hpp"
#include "pelcamp/build/lattice.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/hessian.hpp"
#include "support/einstein_test_potential.hpp"

namespace pelcamp {
namespace {

const std::string kCu = "eam:" + std::string(PELCAMP_TEST_DATA) + "/potentials/Cu_u3.eam:Cu";

// The modes must be the unprojected spectrum without its `zero` smallest-magnitude entries.
void expect_zero_modes(const Eigen::MatrixXd& matrix, const Configuration& config, int zero) {
  ModeSettings settings;
  settings.mass_weighted = false;
  const NormalModes modes = normal_modes(matrix, config, settings);
  EXPECT_EQ(modes.zero_modes, zero);
  Eigen::VectorXd all =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(matrix, Eigen::EigenvaluesOnly).eigenvalues();
  const double scale = all.cwiseAbs().maxCoeff();
  int near_zero = 0;
  for (double v : all) near_zero += std::abs(v) < 1e-8 * scale;
  EXPECT_EQ(near_zero, zero);
  // Unprojected spectrum minus the zero modes (all others are positive at a minimum).
  std::vector<double> rest;
  for (double v : all)
    if (std::abs(v) >= 1e-8 * scale) rest.push_back(v);
  ASSERT_EQ(static_cast<Eigen::Index>(rest.size()), modes.eigenvalues.size());
  for (std::size_t k = 0; k < rest.size(); ++k)
    EXPECT_NEAR(modes.eigenvalues[k], rest[k], 1e-9 * scale) << k;
  EXPECT_GT(modes.eigenvalues[0], 1e-6 * scale);
  // Orthonormal modes, each orthogonal to a uniform translation.
  const Eigen::Index m = modes.vectors.cols();
  EXPECT_LT((modes.vectors.transpose() * modes.vectors - Eigen::MatrixXd::Identity(m, m))
                .cwiseAbs()
                .maxCoeff(),
            1e-10);
  for (int a = 0; a < 3; ++a) {
    Eigen::VectorXd t = Eigen::VectorXd::Zero(matrix.rows());
    for (Eigen::Index i = a; i < t.size(); i += 3) t[i] = 1.0;
    EXPECT_LT((modes.vectors.transpose() * t).cwiseAbs().maxCoeff(), 1e-10);
  }
}

TEST(NormalModes, PeriodicCrystalHasThreeZeroModes) {
  LatticeSpec spec;
  spec.kind = LatticeKind::fcc;
  spec.a = 3.615;
  spec.cells = {3, 3, 3};
  spec.species = {{"Cu", 63.546}};
  const Configuration c = build_lattice(spec);
  auto pot = make_potential(kCu);
  expect_zero_modes(dense_hessian(*pot, c), c, 3);
}

TEST(NormalModes, FreeClusterHasSixZeroModes) {
  auto pot = make_potential("lj/ka");
  const Configuration c = test::lj55_minimum(*pot);
  expect_zero_modes(dense_hessian(*pot, c), c, 6);
}

TEST(NormalModes, ClusterEigenvaluesMatchFiniteDifferenceHessian) {
  auto pot = make_potential("lj/ka");
  const Configuration c = test::lj55_minimum(*pot);
  ModeSettings settings;
  settings.mass_weighted = false;
  const NormalModes modes = normal_modes(*pot, c, settings);
  // Hessian from central differences of the forces (step 1e-5), symmetrized.
  const Eigen::Index dim = 3 * static_cast<Eigen::Index>(c.size());
  Eigen::MatrixXd fd(dim, dim);
  Configuration moved = c;
  ComputeResult plus, minus;
  for (Eigen::Index k = 0; k < dim; ++k) {
    moved.positions[k / 3](k % 3) += 1e-5;
    pot->compute(moved, ComputeRequest{}, plus);
    moved.positions[k / 3](k % 3) -= 2e-5;
    pot->compute(moved, ComputeRequest{}, minus);
    moved.positions[k / 3](k % 3) = c.positions[k / 3](k % 3);
    for (Eigen::Index r = 0; r < dim; ++r)
      fd(r, k) = -(plus.forces[r / 3](r % 3) - minus.forces[r / 3](r % 3)) / 2e-5;
  }
  fd = 0.5 * (fd + fd.transpose()).eval();
  const Eigen::VectorXd all =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(fd, Eigen::EigenvaluesOnly).eigenvalues();
  const double scale = all.cwiseAbs().maxCoeff();
  for (int k = 0; k < 6; ++k) EXPECT_LT(std::abs(all[k]), 1e-6 * scale) << k;
  ASSERT_EQ(modes.eigenvalues.size(), dim - 6);
  for (Eigen::Index k = 0; k < dim - 6; ++k)
    EXPECT_NEAR(modes.eigenvalues[k], all[k + 6], 1e-6 * scale) << k;
}

// Two species with different masses and spring constants on jittered fcc sites.
struct EinsteinCrystal {
  Configuration config;
  std::unique_ptr<testing::EinsteinTestPotential> potential;
  std::vector<double> springs = {2.5, 0.7};  // eV/Å²
};

EinsteinCrystal einstein_crystal() {
  LatticeSpec spec;
  spec.kind = LatticeKind::b2;
  spec.a = 3.0;
  spec.cells = {3, 3, 3};
  spec.species = {{"Cu", 63.546}, {"Zr", 91.224}};
  EinsteinCrystal e;
  e.config = build_lattice(spec);
  e.potential = std::make_unique<testing::EinsteinTestPotential>(e.config.positions, e.springs);
  return e;
}

TEST(SoftModes, EinsteinCrystalMatchesAnalyticValue) {
  // Independent oscillators: every mode is one atom's, ω² = k/m, and Σ_j |e_j,i|² = 3, so
  // Ψ_i = 3 m_i / k_i (dynamical matrix) or 3 / k_i (Hessian). Nothing is a zero mode.
  EinsteinCrystal e = einstein_crystal();
  for (bool weighted : {true, false}) {
    ModeSettings settings;
    settings.mass_weighted = weighted;
    const NormalModes modes = normal_modes(*e.potential, e.config, settings);
    EXPECT_EQ(modes.zero_modes, 0);
    const std::vector<double> psi = soft_mode_parameter(modes);
    const Eigen::MatrixXd matrix = mode_matrix(*e.potential, e.config, settings);
    const std::vector<double> direct =
        soft_mode_parameter_direct(matrix, zero_mode_basis(matrix, e.config, settings));
    for (std::size_t i = 0; i < e.config.size(); ++i) {
      const double k = e.springs[e.config.types[i]];
      const double expected = 3.0 * (weighted ? e.config.mass(i) : 1.0) / k;
      EXPECT_NEAR(psi[i], expected, 1e-12 * expected) << i;
      EXPECT_NEAR(direct[i], expected, 1e-12 * expected) << i;
    }
  }
}

TEST(SoftModes, DirectMatchesModeSumOnGlass) {
  auto pot = make_potential(test::kCuZrSpec);
  const Configuration c = test::cuzr_glass(100, 11, true, *pot);
  for (bool weighted : {true, false}) {
    ModeSettings settings;
    settings.mass_weighted = weighted;
    const Eigen::MatrixXd matrix = mode_matrix(*pot, c, settings);
    const NormalModes modes = normal_modes(matrix, c, settings);
    ASSERT_EQ(modes.zero_modes, 3);
    const std::vector<double> psi = soft_mode_parameter(modes);
    const std::vector<double> direct =
        soft_mode_parameter_direct(matrix, zero_mode_basis(matrix, c, settings));
    double total = 0.0;
    for (std::size_t i = 0; i < c.size(); ++i) {
      EXPECT_NEAR(direct[i], psi[i], 1e-8 * psi[i]) << i;
      total += psi[i];
    }
    // Σ_i Ψ_i = Σ_j 1/λ_j (unit eigenvectors).
    EXPECT_NEAR(total, modes.eigenvalues.cwiseInverse().sum(), 1e-10 * total);
    // The lowest-N_m variant grows with N_m up to the full value.
    const std::vector<double> low10 = soft_mode_parameter(modes, 10);
    const std::vector<double> low100 = soft_mode_parameter(modes, 100);
    const std::vector<double> all = soft_mode_parameter(modes, int(modes.eigenvalues.size()));
    for (std::size_t i = 0; i < c.size(); ++i) {
      EXPECT_LE(low10[i], low100[i]);
      EXPECT_LE(low100[i], psi[i]);
      EXPECT_DOUBLE_EQ(all[i], psi[i]);
    }
  }
}

TEST(SoftModes, RejectsBadInput) {
  EinsteinCrystal e = einstein_crystal();
  const NormalModes modes = normal_modes(*e.potential, e.config, ModeSettings{});
  EXPECT_THROW(soft_mode_parameter(modes, -1), Error);
  EXPECT_THROW(soft_mode_parameter(modes, int(modes.eigenvalues.size()) + 1), Error);
  // A maximum (negative springs) is not a minimum.
  testing::EinsteinTestPotential inverted(e.config.positions, {-1.0, -2.0});
  const Eigen::MatrixXd matrix = mode_matrix(inverted, e.config, ModeSettings{});
  EXPECT_THROW(soft_mode_parameter(normal_modes(matrix, e.config, ModeSettings{})), Error);
  EXPECT_THROW(soft_mode_parameter_direct(matrix, Eigen::MatrixXd(matrix.rows(), 0)), Error);
}

}  // namespace
}  // namespace pelcamp

namespace pelcamp {
namespace {

TEST(LowestModes, MatchDenseModesOnGlass) {
  auto pot = make_potential(test::kCuZrSpec);
  const Configuration c = test::cuzr_glass(100, 11, true, *pot);
  for (bool weighted : {true, false}) {
    ModeSettings settings;
    settings.mass_weighted = weighted;
    const NormalModes dense = normal_modes(*pot, c, settings);
    // Dense factor for one weighting, sparse for the other.
    const NormalModes low = lowest_normal_modes(*pot, c, settings, 12, weighted ? 5000 : 0);
    ASSERT_EQ(low.eigenvalues.size(), 12);
    EXPECT_EQ(low.zero_modes, 3);
    for (int k = 0; k < 12; ++k) {
      EXPECT_NEAR(low.eigenvalues[k], dense.eigenvalues[k], 1e-9 * dense.eigenvalues[k]) << k;
      // Same mode up to sign (the lowest modes of a glass are not degenerate).
      EXPECT_NEAR(std::abs(low.vectors.col(k).dot(dense.vectors.col(k))), 1.0, 1e-6) << k;
    }
    const std::vector<double> psi_low = soft_mode_parameter(low);
    const std::vector<double> psi_dense = soft_mode_parameter(dense, 12);
    for (std::size_t i = 0; i < c.size(); ++i)
      EXPECT_NEAR(psi_low[i], psi_dense[i], 1e-7 * psi_dense[i]) << i;
  }
}

}  // namespace
}  // namespace pelcamp
