// Physical invariants of plain velocity Verlet (NVE): bounded energy error that scales as dt²,
// exact time reversibility up to round-off, and conservation of total momentum (and of
// angular momentum for a free cluster).
#include <gtest/gtest.h>

#include "dynamics_test_systems.hpp"
#include "pelcamp/dynamics/momentum.hpp"
#include "pelcamp/dynamics/velocity_init.hpp"
#include "pelcamp/dynamics/velocity_verlet.hpp"

namespace pelcamp {
namespace {

IntegratorConfig with_dt(double dt) {
  IntegratorConfig s;
  s.dt = dt;
  return s;
}

// Largest |E(t) − E(0)| over `time` (τ) of NVE at step dt, for the 108-atom Morse crystal
// started at T = 1.
double max_energy_error(double dt, double time) {
  Configuration c = testing::fcc_crystal(3, 1.62, 0.02, 5);
  Rng rng(7);
  initialize_velocities(c, 1.0, rng, UnitSystem::lj(), false);
  auto potential = testing::stable_morse();
  VelocityVerlet md(c, potential, with_dt(dt));
  const double e0 = md.thermo().conserved_energy;
  double worst = 0.0;
  md.run(static_cast<std::int64_t>(std::lround(time / dt)), 1,
         [&](const Thermo& t) { worst = std::max(worst, std::abs(t.conserved_energy - e0)); });
  return worst;
}

TEST(DynamicsNve, EnergyErrorIsBoundedAndScalesAsDtSquared) {
  // 2000 steps of dt = 0.005 τ (~13 periods of the stiffest pair vibration) and the same time
  // at dt/2. Velocity Verlet conserves a shadow energy, so |E − E0| stays bounded by O(dt²)
  // instead of drifting: the bound 1e-3 N k_B T (N k_B T = 108 here) is ~20 times the
  // expected size and fails for any O(dt) scheme or a wrong force/mass factor.
  const double coarse = max_energy_error(0.005, 10.0);
  const double fine = max_energy_error(0.0025, 10.0);
  EXPECT_LT(coarse, 1e-3 * 108.0);
  EXPECT_GT(coarse / fine, 3.0);  // 4 for exact dt² scaling
  EXPECT_LT(coarse / fine, 5.0);
}

// Runs `steps` forward, negates velocities, runs `steps` again and compares with the start.
// Velocity Verlet is exactly time-reversible; what remains is round-off, amplified by the
// chaotic dynamics (measured ~1e-13 after 400 + 400 steps).
void expect_reversible(Configuration c, Potential& potential, double dt, std::int64_t steps) {
  const Configuration start = c;
  VelocityVerlet md(c, potential, with_dt(dt));
  md.run(steps);
  for (Vec3& v : c.velocities) v = -v;
  VelocityVerlet back(c, potential, with_dt(dt));
  back.run(steps);
  double dx = 0.0, dv = 0.0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    dx = std::max(dx, (c.positions[i] - start.positions[i]).cwiseAbs().maxCoeff());
    dv = std::max(dv, (c.velocities[i] + start.velocities[i]).cwiseAbs().maxCoeff());
  }
  EXPECT_LT(dx, 1e-9) << "positions not recovered after " << steps << " steps back";
  EXPECT_LT(dv, 1e-9) << "velocities not recovered after " << steps << " steps back";
}

TEST(DynamicsNve, TimeReversibleInAPeriodicBox) {
  Configuration c = testing::fcc_crystal(3, 1.62, 0.02, 11);
  Rng rng(12);
  initialize_velocities(c, 1.0, rng, UnitSystem::lj(), false);
  auto potential = testing::stable_morse();
  expect_reversible(c, potential, 0.005, 400);
}

TEST(DynamicsNve, TimeReversibleForAFreeCluster) {
  Configuration c = testing::fcc_cluster(43, 1.1, 0.03, 13);
  Rng rng(14);
  initialize_velocities(c, 0.4, rng, UnitSystem::lj(), true);
  auto potential = testing::stable_morse();
  expect_reversible(c, potential, 0.005, 400);
}

TEST(DynamicsNve, FreeClusterConservesLinearAndAngularMomentum) {
  Configuration c = testing::fcc_cluster(43, 1.1, 0.03, 15);
  Rng rng(16);
  initialize_velocities(c, 0.4, rng, UnitSystem::lj(), false);
  std::vector<double> m(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) m[i] = c.mass(i);
  // Give the cluster a drift and a spin to conserve.
  for (std::size_t i = 0; i < c.size(); ++i)
    c.velocities[i] += Vec3(0.1, -0.05, 0.02) + Vec3(0.05, 0.1, -0.2).cross(c.positions[i]);
  const Vec3 p0 = linear_momentum(c.velocities, m);
  const Vec3 l0 = angular_momentum(c.positions, c.velocities, m);
  auto potential = testing::stable_morse();
  VelocityVerlet md(c, potential, with_dt(0.005));
  md.run(1000);
  // Pair forces cancel exactly in the sums, so only round-off remains (measured ~2e-15).
  EXPECT_LT((linear_momentum(c.velocities, m) - p0).norm(), 1e-12 * p0.norm());
  EXPECT_LT((angular_momentum(c.positions, c.velocities, m) - l0).norm(), 1e-12 * l0.norm());
}

}  // namespace
}  // namespace pelcamp
