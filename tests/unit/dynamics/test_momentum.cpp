// Momentum removal, degrees of freedom and velocity initialisation.
#include <gtest/gtest.h>

#include "dynamics_test_systems.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/dynamics/langevin_thermostat.hpp"
#include "pelcamp/dynamics/momentum.hpp"
#include "pelcamp/dynamics/nose_hoover_thermostat.hpp"
#include "pelcamp/dynamics/thermo.hpp"
#include "pelcamp/dynamics/velocity_init.hpp"
#include "pelcamp/dynamics/velocity_verlet.hpp"

namespace pelcamp {
namespace {

std::vector<double> masses_of(const Configuration& c) {
  std::vector<double> m(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) m[i] = c.mass(i);
  return m;
}

TEST(DynamicsMomentum, DegreesOfFreedom) {
  EXPECT_EQ(kinetic_degrees_of_freedom(108, false), 321.0);  // 3N − 3, LAMMPS compute temp
  EXPECT_EQ(kinetic_degrees_of_freedom(55, true), 159.0);    // 3N − 6
  EXPECT_EQ(kinetic_degrees_of_freedom(2, true), 1.0);       // 3N − 5: a dimer has no spin about its axis
  EXPECT_EQ(kinetic_degrees_of_freedom(1, true), 0.0);
  EXPECT_EQ(kinetic_degrees_of_freedom(1, false), 0.0);
}

TEST(DynamicsMomentum, AngularRemovalTakesOutExactlyTheRigidRotation) {
  Configuration c = testing::fcc_cluster(43, 1.1, 0.05, 71);
  Rng rng(72);
  initialize_velocities(c, 0.5, rng, UnitSystem::lj(), true);  // thermal, P = 0 and L = 0
  const std::vector<Vec3> thermal = c.velocities;
  const auto m = masses_of(c);
  const Vec3 rc = centre_of_mass(c.positions, m);
  const Vec3 spin(0.3, -0.7, 0.45);
  for (std::size_t i = 0; i < c.size(); ++i) c.velocities[i] += spin.cross(c.positions[i] - rc);
  const Vec3 l = angular_momentum(c.positions, c.velocities, m);
  ASSERT_GT(l.norm(), 10.0);

  remove_angular_momentum(c.positions, c.velocities, m);
  EXPECT_LT(angular_momentum(c.positions, c.velocities, m).norm(), 1e-12 * l.norm());
  EXPECT_LT(linear_momentum(c.velocities, m).norm(), 1e-12);
  double worst = 0.0;
  for (std::size_t i = 0; i < c.size(); ++i)
    worst = std::max(worst, (c.velocities[i] - thermal[i]).norm());
  EXPECT_LT(worst, 1e-12);  // the thermal velocities are recovered: only the rotation left
}

TEST(DynamicsMomentum, DimerSpinIsRemovedWithoutTouchingTheBond) {
  std::vector<Vec3> x = {Vec3(0, 0, 0), Vec3(1.2, 0, 0)};
  std::vector<Vec3> v = {Vec3(0.1, 0.3, -0.2), Vec3(-0.1, -0.3, 0.2)};
  const std::vector<double> m = {1.0, 1.0};
  remove_angular_momentum(x, v, m);
  EXPECT_LT(angular_momentum(x, v, m).norm(), 1e-15);
  EXPECT_NEAR(v[0](0), 0.1, 1e-15);  // the stretching motion along the bond stays
  EXPECT_NEAR(v[1](0), -0.1, 1e-15);
}

TEST(DynamicsMomentum, IntegratorRemovesTheSpinOfARotatingCluster) {
  Configuration c = testing::fcc_cluster(43, 1.1, 0.03, 73);
  Rng rng(74);
  initialize_velocities(c, 0.3, rng, UnitSystem::lj(), true);
  const auto m = masses_of(c);
  for (std::size_t i = 0; i < c.size(); ++i)
    c.velocities[i] += Vec3(0.2, 0.1, -0.3).cross(c.positions[i]) + Vec3(0.05, 0, 0);
  auto potential = testing::stable_morse();
  IntegratorConfig s;
  s.dt = 0.005;
  s.momentum.angular = true;
  s.momentum.every = 100;
  NoseHooverConfig nh;
  nh.tdamp = 0.1;
  VelocityVerlet md(c, potential, s, std::make_unique<NoseHooverThermostat>(nh), nullptr,
                    TemperatureProtocol::hold(0.3));
  EXPECT_EQ(md.degrees_of_freedom(), 3.0 * 43 - 6);
  md.run(99);
  EXPECT_GT(angular_momentum(c.positions, c.velocities, m).norm(), 1.0);
  md.run(1);  // step 100: removal
  EXPECT_LT(angular_momentum(c.positions, c.velocities, m).norm(), 1e-12);
  EXPECT_LT(linear_momentum(c.velocities, m).norm(), 1e-12);
  md.run(1000);  // the dynamics keep them at zero between removals
  EXPECT_LT(angular_momentum(c.positions, c.velocities, m).norm(), 1e-10);
  EXPECT_LT(linear_momentum(c.velocities, m).norm(), 1e-10);
}

TEST(DynamicsMomentum, LangevinNoiseKeepsClusterMomentaAtZero) {
  // No periodic removal: the projected noise alone must not create momentum or spin.
  Configuration c = testing::fcc_cluster(43, 1.1, 0.03, 75);
  Rng rng(76);
  initialize_velocities(c, 0.3, rng, UnitSystem::lj(), true);
  const auto m = masses_of(c);
  auto potential = testing::stable_morse();
  IntegratorConfig s;
  s.dt = 0.005;
  s.momentum.angular = true;
  LangevinConfig lv;
  lv.tdamp = 0.1;
  lv.seed = 77;
  VelocityVerlet md(c, potential, s, std::make_unique<LangevinThermostat>(lv), nullptr,
                    TemperatureProtocol::hold(0.5));
  md.run(2000);
  EXPECT_GT(md.thermo().temperature, 0.35);  // the bath did heat the cluster
  EXPECT_LT(angular_momentum(c.positions, c.velocities, m).norm(), 1e-10);
  EXPECT_LT(linear_momentum(c.velocities, m).norm(), 1e-10);
}

TEST(DynamicsVelocityInit, ExactTemperatureAndZeroMomenta) {
  Configuration bulk = testing::fcc_crystal(3, 3.6, 0.0, 81);
  bulk.species = {{"Cu", 63.546}, {"Zr", 91.224}};
  Rng rng(82);
  initialize_velocities(bulk, 1500.0, rng, UnitSystem::metal(), false);
  const auto m = masses_of(bulk);
  const auto metal = UnitSystem::metal();
  const double t = twice_kinetic_energy(bulk.velocities, m, metal.mvv2e) /
                   (kinetic_degrees_of_freedom(bulk.size(), false) * metal.boltzmann);
  EXPECT_NEAR(t, 1500.0, 1e-10);
  EXPECT_LT(linear_momentum(bulk.velocities, m).norm(), 1e-10);

  Configuration cluster = testing::fcc_cluster(55, 1.1, 0.0, 83);
  Rng rng2(84);
  initialize_velocities(cluster, 0.7, rng2, UnitSystem::lj(), true);
  const auto mc = masses_of(cluster);
  EXPECT_NEAR(twice_kinetic_energy(cluster.velocities, mc, 1.0) / (3.0 * 55 - 6), 0.7, 1e-13);
  EXPECT_LT(linear_momentum(cluster.velocities, mc).norm(), 1e-13);
  EXPECT_LT(angular_momentum(cluster.positions, cluster.velocities, mc).norm(), 1e-12);
}

TEST(DynamicsVelocityInit, DependsOnlyOnTheStream) {
  Configuration a = testing::fcc_cluster(20, 1.1, 0.0, 85), b = a;
  Rng ra(9, 4), rb(9, 4), rc(9, 5);
  initialize_velocities(a, 0.5, ra, UnitSystem::lj(), false);
  initialize_velocities(b, 0.5, rb, UnitSystem::lj(), false);
  EXPECT_EQ(a.velocities, b.velocities);
  initialize_velocities(b, 0.5, rc, UnitSystem::lj(), false);
  EXPECT_NE(a.velocities, b.velocities);
}

TEST(DynamicsVelocityInit, RejectsImpossibleRequests) {
  Configuration bulk = testing::fcc_crystal(2, 1.62, 0.0, 86);
  Rng rng(1);
  EXPECT_THROW(initialize_velocities(bulk, 1.0, rng, UnitSystem::lj(), true), Error);
  EXPECT_THROW(initialize_velocities(bulk, -1.0, rng, UnitSystem::lj(), false), Error);
  Configuration single;
  single.species = {{"A", 1.0}};
  single.add_atom(0, Vec3::Zero());
  EXPECT_THROW(initialize_velocities(single, 1.0, rng, UnitSystem::lj(), false), Error);
  initialize_velocities(single, 0.0, rng, UnitSystem::lj(), false);
  EXPECT_EQ(single.velocities[0], Vec3::Zero());
}

}  // namespace
}  // namespace pelcamp
