#pragma once
// One derivative-check fixture for every potential and decorator (style.md §11):
//   forces = −∇E            (central differences of the energy)
//   H v                     (central differences of the forces)
//   Σ per-atom energy = E
//   W = −∂E/∂ε              (virial against a homogeneous strain of box and positions)
//   Σ per-atom virial = W
// Tolerances are relative to the scale of the compared quantity.
#include <gtest/gtest.h>

#include <string>

#include "pelcamp/core/rng.hpp"
#include "pelcamp/potential/potential.hpp"

namespace pelcamp::testing {

struct DerivativeTolerances {
  double step = 1e-5;       // finite-difference displacement (length units)
  double force = 1e-6;      // relative to max |F|
  double hessian = 1e-5;    // relative to max |Hv|
  double energy_sum = 1e-10;
  double virial = 1e-6;     // relative to max |W_ab|
  int atoms_checked = 12;   // force components checked on this many atoms (spread evenly)
};

inline double max_norm(const std::vector<Vec3>& v) {
  double m = 0.0;
  for (const auto& x : v) m = std::max(m, x.cwiseAbs().maxCoeff());
  return m;
}

inline void expect_forces_match_energy(Potential& pot, const Configuration& config,
                                       const DerivativeTolerances& tol = {}) {
  ComputeResult res;
  pot.compute(config, ComputeRequest{}, res);
  const double scale = std::max(max_norm(res.forces), 1e-3);
  const std::size_t n = config.size();
  const std::size_t stride = std::max<std::size_t>(1, n / tol.atoms_checked);
  Configuration moved = config;
  for (std::size_t i = 0; i < n; i += stride) {
    for (int d = 0; d < 3; ++d) {
      moved.positions[i](d) = config.positions[i](d) + tol.step;
      const double ep = pot.energy(moved);
      moved.positions[i](d) = config.positions[i](d) - tol.step;
      const double em = pot.energy(moved);
      moved.positions[i](d) = config.positions[i](d);
      const double fd = -(ep - em) / (2.0 * tol.step);
      EXPECT_NEAR(res.forces[i](d), fd, tol.force * scale)
          << pot.name() << ": force on atom " << i << " component " << d;
    }
  }
}

inline void expect_hessian_vector_matches_forces(Potential& pot, const Configuration& config,
                                                 const DerivativeTolerances& tol = {},
                                                 std::uint64_t seed = 17) {
  const std::size_t n = config.size();
  Rng rng(seed);
  std::vector<Vec3> v(n);
  for (auto& x : v) x = Vec3(rng.normal(), rng.normal(), rng.normal());
  std::vector<Vec3> hv;
  pot.hessian_vector(config, v, hv);
  ASSERT_EQ(hv.size(), n);
  Configuration moved = config;
  ComputeResult plus, minus;
  for (std::size_t i = 0; i < n; ++i) moved.positions[i] = config.positions[i] + tol.step * v[i];
  pot.compute(moved, ComputeRequest{}, plus);
  for (std::size_t i = 0; i < n; ++i) moved.positions[i] = config.positions[i] - tol.step * v[i];
  pot.compute(moved, ComputeRequest{}, minus);
  std::vector<Vec3> fd(n);
  for (std::size_t i = 0; i < n; ++i) fd[i] = -(plus.forces[i] - minus.forces[i]) / (2.0 * tol.step);
  const double scale = std::max(max_norm(fd), 1e-3);
  for (std::size_t i = 0; i < n; ++i)
    for (int d = 0; d < 3; ++d)
      ASSERT_NEAR(hv[i](d), fd[i](d), tol.hessian * scale)
          << pot.name() << ": (Hv) atom " << i << " component " << d;
}

inline void expect_per_atom_energy_sums_to_total(Potential& pot, const Configuration& config,
                                                 const DerivativeTolerances& tol = {}) {
  ComputeRequest req;
  req.per_atom_energy = true;
  ComputeResult res;
  pot.compute(config, req, res);
  ASSERT_EQ(res.per_atom_energy.size(), config.size());
  double sum = 0.0;
  for (double e : res.per_atom_energy) sum += e;
  EXPECT_NEAR(sum, res.energy, tol.energy_sum * std::max(1.0, std::abs(res.energy))) << pot.name();
}

// Applies x -> lo + (1 + e)(x - lo) to positions and (for a bounded box) to the cell.
inline Configuration strained(const Configuration& config, const Mat3& e) {
  Configuration c = config;
  const Mat3 f = Mat3::Identity() + e;
  const Vec3 lo = c.box.unbounded() ? Vec3::Zero() : c.box.lo();
  for (auto& x : c.positions) x = lo + f * (x - lo);
  if (!c.box.unbounded()) {
    // Keep h upper triangular: strain with an upper-triangular e only.
    c.box.set_h(f * c.box.h());
  }
  return c;
}

inline void expect_virial_matches_strain_derivative(Potential& pot, const Configuration& config,
                                                    const DerivativeTolerances& tol = {}) {
  ComputeRequest req;
  req.virial = true;
  req.per_atom_virial = true;
  ComputeResult res;
  pot.compute(config, req, res);
  const double scale = std::max(res.virial.cwiseAbs().maxCoeff(), 1e-3);
  // W_ab = −∂E/∂ε_ab for the deformation x -> (1+ε)x. Upper-triangular ε keeps h triangular;
  // the virial of a potential energy is symmetric, so the upper triangle determines it.
  for (int a = 0; a < 3; ++a)
    for (int b = a; b < 3; ++b) {
      Mat3 e = Mat3::Zero();
      e(a, b) = tol.step;
      const double ep = pot.energy(strained(config, e));
      const double em = pot.energy(strained(config, -e));
      const double fd = -(ep - em) / (2.0 * tol.step);
      EXPECT_NEAR(res.virial(a, b), fd, tol.virial * scale) << pot.name() << ": virial " << a << b;
      EXPECT_NEAR(res.virial(a, b), res.virial(b, a), tol.virial * scale) << "virial symmetry";
    }
  ASSERT_EQ(res.per_atom_virial.size(), config.size());
  Sym6 sum{};
  for (const auto& w : res.per_atom_virial)
    for (int k = 0; k < 6; ++k) sum[k] += w[k];
  const Sym6 total = to_sym6(res.virial);
  for (int k = 0; k < 6; ++k)
    EXPECT_NEAR(sum[k], total[k], 1e-9 * scale * config.size()) << "per-atom virial sum " << k;
}

// Runs every check above.
inline void expect_consistent_derivatives(Potential& pot, const Configuration& config,
                                          const DerivativeTolerances& tol = {}) {
  expect_per_atom_energy_sums_to_total(pot, config, tol);
  expect_forces_match_energy(pot, config, tol);
  expect_hessian_vector_matches_forces(pot, config, tol);
  expect_virial_matches_strain_derivative(pot, config, tol);
}

}  // namespace pelcamp::testing
