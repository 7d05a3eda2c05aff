#pragma once
// Independent references for the saddle tests: a dense finite-difference Hessian (to be
// diagonalised with Eigen's SelfAdjointEigenSolver), the Müller–Brown surface, and small
// Lennard-Jones clusters.
#include <array>
#include <cmath>
#include <memory>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/minimize/objective.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp::testing {

// Dense Hessian by central differences of the gradient, column by column, symmetrised.
inline Eigen::MatrixXd dense_hessian(Objective& objective, const Eigen::VectorXd& x,
                                     double step = 1e-5) {
  const Eigen::Index n = x.size();
  Eigen::MatrixXd h(n, n);
  Eigen::VectorXd gp(n), gm(n), probe = x;
  for (Eigen::Index k = 0; k < n; ++k) {
    probe[k] = x[k] + step;
    objective.evaluate(probe, gp);
    probe[k] = x[k] - step;
    objective.evaluate(probe, gm);
    probe[k] = x[k];
    h.col(k) = (gp - gm) / (2.0 * step);
  }
  return 0.5 * (h + h.transpose());
}

// The Müller–Brown potential (K. Müller & L. D. Brown, Theor. Chim. Acta 53, 75 (1979)):
// V(x, y) = Σ_k A_k exp(a_k (x − x0_k)² + b_k (x − x0_k)(y − y0_k) + c_k (y − y0_k)²).
// Published stationary points: minima (−0.558, 1.442), (0.623, 0.028), (−0.050, 0.467);
// saddles (−0.822, 0.624), (0.212, 0.293).
class MullerBrownObjective : public Objective {
 public:
  Eigen::Index dimension() const override { return 2; }
  double evaluate(ConstVectorRef p, VectorRef g) override {
    static constexpr std::array<double, 4> A{-200, -100, -170, 15}, a{-1, -1, -6.5, 0.7},
        b{0, 0, 11, 0.6}, c{-10, -10, -6.5, 0.7}, x0{1, 0, -0.5, -1}, y0{0, 0.5, 1.5, 1};
    double v = 0.0;
    g.setZero();
    for (int k = 0; k < 4; ++k) {
      const double dx = p[0] - x0[k], dy = p[1] - y0[k];
      const double e = A[k] * std::exp(a[k] * dx * dx + b[k] * dx * dy + c[k] * dy * dy);
      v += e;
      g[0] += e * (2 * a[k] * dx + b[k] * dy);
      g[1] += e * (b[k] * dx + 2 * c[k] * dy);
    }
    return v;
  }
};

// A single-species Lennard-Jones cluster (lj/ka with every atom of type A: ε = σ = 1,
// cutoff 2.5σ, shifted) in free space.
inline Configuration lj_cluster(const std::vector<Vec3>& positions) {
  Configuration config;
  config.species = {{"A", 1.0}, {"B", 1.0}};
  for (const Vec3& r : positions) config.add_atom(0, r);
  return config;
}

// Pentagonal bipyramid (the LJ₇ global minimum's shape) with nearest-neighbour distance ≈ 1.1.
inline std::vector<Vec3> lj7_bipyramid() {
  std::vector<Vec3> r;
  const double ring = 1.1 / (2.0 * std::sin(M_PI / 5.0));
  for (int k = 0; k < 5; ++k)
    r.emplace_back(ring * std::cos(2 * M_PI * k / 5), ring * std::sin(2 * M_PI * k / 5), 0.0);
  const double apex = std::sqrt(1.1 * 1.1 - ring * ring);
  r.emplace_back(0.0, 0.0, apex);
  r.emplace_back(0.0, 0.0, -apex);
  return r;
}

// Centred icosahedron (the LJ₁₃ global minimum's shape), centre–vertex distance 1.1 · 0.951.
inline std::vector<Vec3> lj13_icosahedron() {
  const double golden = (1.0 + std::sqrt(5.0)) / 2.0;
  const double s = 1.1 / std::sqrt(1.0 + golden * golden);
  std::vector<Vec3> r{Vec3::Zero()};
  for (int a : {-1, 1})
    for (int b : {-1, 1}) {
      r.emplace_back(0.0, a * s, b * golden * s);
      r.emplace_back(a * s, b * golden * s, 0.0);
      r.emplace_back(b * golden * s, 0.0, a * s);
    }
  return r;
}

}  // namespace pelcamp::testing
