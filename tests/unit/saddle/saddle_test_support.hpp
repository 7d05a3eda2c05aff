#pragma once
// Independent references for the saddle tests: a dense finite-difference Hessian (to be
// diagonalised with Eigen's SelfAdjointEigenSolver), the Müller–Brown surface, and small
// Lennard-Jones clusters; and the checks shared by the tests of both ART activations.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/objective.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/potential/registry.hpp"
#include "pelcamp/saddle/artn.hpp"
#include "pelcamp/saddle/perturbation.hpp"

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

inline std::string describe(const ArtnResult& r) {
  return fmt::format("outcome {} E0 {} Es {} Ef {} λ {} F {} pushes {} steps {} calls {}",
                     to_string(r.outcome), r.energy_initial, r.energy_saddle, r.energy_final,
                     r.eigenvalue_saddle, r.saddle_force, r.pushes, r.activation_steps,
                     r.force_calls);
}

inline Eigen::VectorXd minimize_from(Objective& objective, Eigen::VectorXd x, double fmax) {
  StoppingCriteria stop;
  stop.fmax = fmax;
  const MinimizeResult r = make_minimizer("lbfgs")->minimize(objective, x, stop);
  EXPECT_TRUE(r.converged()) << to_string(r.reason);
  return x;
}

// Müller–Brown energies are O(100) over lengths O(1): steps and tolerances scaled to it.
inline ArtnConfig muller_brown_config() {
  ArtnConfig c;
  c.basin.initial_displacement = 0.05;
  c.basin.push_step = 0.05;
  c.basin.max_pushes = 40;
  c.basin.eigenvalue_threshold = -100.0;
  c.activation.force_tolerance = 1e-3;
  c.activation.max_eigen_step = 0.05;
  c.activation.min_mode.max_step = 0.05;
  c.activation.min_mode.curvature_probe = 1e-3;
  c.relax.saddle_push = 0.02;
  c.relax.force_tolerance = 1e-5;
  c.relax.same_minimum_distance = 0.02;
  c.fd_step = 1e-5;
  return c;
}

// Exactly one Hessian eigenvalue below `negative_below` (dense diagonalisation).
inline void expect_first_order_saddle(Objective& objective, const Eigen::VectorXd& saddle,
                                      double negative_below) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> dense(dense_hessian(objective, saddle));
  const Eigen::VectorXd& lambda = dense.eigenvalues();
  EXPECT_LT(lambda[0], negative_below) << lambda.transpose();
  EXPECT_GT(lambda[1], negative_below) << lambda.transpose();
  EXPECT_EQ((lambda.array() < negative_below).count(), 1) << lambda.transpose();
}

// Seed 002 defaults with tighter force tolerances for the Hessian check of LJ cluster saddles.
inline ArtnConfig lennard_jones_config() {
  ArtnConfig settings;
  settings.activation.force_tolerance = 1e-4;
  settings.relax.force_tolerance = 1e-6;
  settings.relax.same_minimum_distance = 0.01;
  settings.project_rigid_body = true;
  return settings;
}

// LJ₇ and LJ₁₃ (lj/ka, all atoms type A, reduced units), eight searches each: converged
// saddles are first-order (one negative Hessian eigenvalue, dense diagonalisation), have
// forces below tolerance and connect back to the initial minimum when reported successful
// (a converged saddle between two other minima is the named outcome not-connected); at least
// two succeed per cluster.
inline void expect_lennard_jones_saddles(const ArtnConfig& settings) {
  for (const std::vector<Vec3>& start : {lj7_bipyramid(), lj13_icosahedron()}) {
    Configuration config = lj_cluster(start);
    auto potential = make_potential("lj/ka");
    AtomsObjective objective(config, *potential);
    const Eigen::VectorXd x0 = minimize_from(objective, objective.variables(), 1e-10);
    ArtnSearch search(objective, settings);
    int successes = 0;
    for (std::uint64_t stream = 0; stream < 8; ++stream) {
      Rng rng(7, stream);
      const Eigen::VectorXd direction =
          local_random_direction(config, stream % config.size(), 1.2, rng);
      const ArtnResult r = search.run(x0, direction);
      if (!r.saddle_converged()) continue;
      EXPECT_LT(r.saddle_force, settings.activation.force_tolerance);
      expect_first_order_saddle(objective, search.saddle(), -1e-2);
      if (r.outcome != ArtnOutcome::success) continue;
      ++successes;
      EXPECT_TRUE(r.connected);
      EXPECT_GT(r.energy_saddle, r.energy_initial) << describe(r);
      EXPECT_GT(r.energy_saddle, r.energy_final) << describe(r);
      // Independent check of the connection: FIRE (not the search's L-BFGS) from both sides
      // of the saddle reaches the initial minimum's energy on one side and the final one on
      // the other.
      std::vector<double> sides;
      for (double sign : {1.0, -1.0}) {
        Eigen::VectorXd y = search.saddle() + sign * 0.05 * search.saddle_mode();
        StoppingCriteria stop;
        stop.fmax = 1e-7;
        sides.push_back(make_minimizer("fire")->minimize(objective, y, stop).energy);
      }
      std::sort(sides.begin(), sides.end());
      const double low = std::min(r.energy_initial, r.energy_final);
      const double high = std::max(r.energy_initial, r.energy_final);
      EXPECT_NEAR(sides[0], low, 1e-8) << describe(r);
      EXPECT_NEAR(sides[1], high, 1e-8) << describe(r);
    }
    EXPECT_GE(successes, 2) << start.size() << " atoms";
  }
}

}  // namespace pelcamp::testing
