#pragma once
// The full Hessian H = ∂²E/∂r∂r (3N × 3N, coordinate 3i + α for atom i, direction α) of a
// configuration as a dense or sparse matrix, assembled by Potential::add_hessian (analytic
// for pair and EAM potentials, from hessian_vector columns otherwise), and the dynamical
// matrix D = M^(−1/2) H M^(−1/2) (M the diagonal of atom masses) whose eigenvalues are the
// squared angular frequencies ω² of the harmonic vibrations.
//
// Units: H in energy/length² (eV/Å² in metal units); D in energy/(length² mass)
// (eV/(Å² amu)); ω² in 1/time² (rad²/ps² in metal units) is a D eigenvalue × UnitSystem::ftm2v().
#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <unordered_map>
#include <vector>

#include "pelcamp/potential/hessian_accumulator.hpp"
#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

// Accumulates into a dense 3N × 3N matrix (8 (3N)² bytes: 1.2 GB for 4000 atoms).
class DenseHessian final : public HessianAccumulator {
 public:
  explicit DenseHessian(std::size_t atoms);
  void add(int i, int j, const Mat3& block) override;
  Eigen::MatrixXd& matrix() { return matrix_; }

 private:
  Eigen::MatrixXd matrix_;
};

// Accumulates the non-zero blocks only (a hash of (i, j) to a block), for matrices whose
// dense form would not fit.
class SparseHessian final : public HessianAccumulator {
 public:
  explicit SparseHessian(std::size_t atoms);
  void add(int i, int j, const Mat3& block) override;
  std::size_t num_blocks() const { return blocks_.size(); }
  // Column-major sparse matrix of every stored block (its zero entries included).
  Eigen::SparseMatrix<double> matrix() const;

 private:
  std::size_t atoms_;
  std::vector<Mat3> blocks_;
  std::vector<std::pair<int, int>> where_;                 // (i, j) of each block
  std::unordered_map<std::uint64_t, std::size_t> index_;  // i · N + j -> block
};

Eigen::MatrixXd dense_hessian(Potential& potential, const Configuration& config);
Eigen::SparseMatrix<double> sparse_hessian(Potential& potential, const Configuration& config);

// 1/√m per coordinate (3 per atom), m from config.species.
Eigen::VectorXd inverse_sqrt_masses(const Configuration& config);
// D = M^(−1/2) H M^(−1/2) in place.
void mass_weight(Eigen::MatrixXd& hessian, const Configuration& config);
void mass_weight(Eigen::SparseMatrix<double>& hessian, const Configuration& config);

}  // namespace pelcamp
