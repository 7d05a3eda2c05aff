#include "pelcamp/potential/hessian.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

DenseHessian::DenseHessian(std::size_t atoms) : matrix_(Eigen::MatrixXd::Zero(3 * atoms, 3 * atoms)) {}

void DenseHessian::add(int i, int j, const Mat3& block) {
  matrix_.block<3, 3>(3 * i, 3 * j) += block;
}

SparseHessian::SparseHessian(std::size_t atoms) : atoms_(atoms) {}

void SparseHessian::add(int i, int j, const Mat3& block) {
  const std::uint64_t key = static_cast<std::uint64_t>(i) * atoms_ + static_cast<std::uint64_t>(j);
  const auto [it, inserted] = index_.try_emplace(key, blocks_.size());
  if (inserted) {
    blocks_.push_back(block);
    where_.emplace_back(i, j);
  } else {
    blocks_[it->second] += block;
  }
}

Eigen::SparseMatrix<double> SparseHessian::matrix() const {
  std::vector<Eigen::Triplet<double>> triplets;
  triplets.reserve(9 * blocks_.size());
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    const auto [i, j] = where_[b];
    for (int a = 0; a < 3; ++a)
      for (int c = 0; c < 3; ++c) triplets.emplace_back(3 * i + a, 3 * j + c, blocks_[b](a, c));
  }
  const auto n = static_cast<Eigen::Index>(3 * atoms_);
  Eigen::SparseMatrix<double> m(n, n);
  m.setFromTriplets(triplets.begin(), triplets.end());
  return m;
}

Eigen::MatrixXd dense_hessian(Potential& potential, const Configuration& config) {
  DenseHessian h(config.size());
  potential.add_hessian(config, h);
  return std::move(h.matrix());
}

Eigen::SparseMatrix<double> sparse_hessian(Potential& potential, const Configuration& config) {
  SparseHessian h(config.size());
  potential.add_hessian(config, h);
  return h.matrix();
}

Eigen::VectorXd inverse_sqrt_masses(const Configuration& config) {
  Eigen::VectorXd w(3 * config.size());
  for (std::size_t i = 0; i < config.size(); ++i) {
    const double m = config.mass(i);
    if (!(m > 0.0))
      throw Error(fmt::format("mass-weighted Hessian: species {} has mass {}, must be positive",
                              config.species[config.types[i]].name, m));
    w.segment<3>(3 * i).setConstant(1.0 / std::sqrt(m));
  }
  return w;
}

void mass_weight(Eigen::MatrixXd& hessian, const Configuration& config) {
  const Eigen::VectorXd w = inverse_sqrt_masses(config);
  // Row and column scaling in place: no temporary of the (possibly GB-sized) matrix.
  hessian.array().colwise() *= w.array();
  hessian.array().rowwise() *= w.transpose().array();
}

void mass_weight(Eigen::SparseMatrix<double>& hessian, const Configuration& config) {
  const Eigen::VectorXd w = inverse_sqrt_masses(config);
  hessian = w.asDiagonal() * hessian * w.asDiagonal();
}

}  // namespace pelcamp
