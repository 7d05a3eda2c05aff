// Checkpoint/restart: 2N steps in one go give the same bits as N steps, save to bytes, restore
// into a freshly built integrator (fresh configuration copy and potential, so a fresh
// neighbour list built at another time), and N more steps. Also the encoding's guards.
#include <gtest/gtest.h>

#include "dynamics_test_systems.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/dynamics/langevin_thermostat.hpp"
#include "pelcamp/dynamics/nose_hoover_thermostat.hpp"
#include "pelcamp/dynamics/velocity_init.hpp"
#include "pelcamp/dynamics/velocity_verlet.hpp"

namespace pelcamp {
namespace {

enum class Ensemble { nvt, langevin, npt_iso, npt_aniso_langevin, nph };

struct Setup {
  Ensemble ensemble;
  bool cluster = false;
};

IntegratorConfig settings(bool angular) {
  IntegratorConfig s;
  s.dt = 0.005;
  s.momentum.every = 50;
  s.momentum.angular = angular;
  return s;
}

std::unique_ptr<VelocityVerlet> make_integrator(Ensemble e, Configuration& c, Potential& potential) {
  std::unique_ptr<Thermostat> thermostat;
  std::unique_ptr<MtkBarostat> barostat;
  NoseHooverConfig nh;
  nh.tdamp = 0.1;
  LangevinConfig lv;
  lv.tdamp = 0.2;
  lv.seed = 77;
  lv.stream = 3;
  MtkBarostatConfig b;
  b.pressure = 0.5;
  b.pdamp = 0.5;
  switch (e) {
    case Ensemble::nvt:
      thermostat = std::make_unique<NoseHooverThermostat>(nh);
      break;
    case Ensemble::langevin:
      thermostat = std::make_unique<LangevinThermostat>(lv);
      break;
    case Ensemble::npt_iso:
      thermostat = std::make_unique<NoseHooverThermostat>(nh);
      barostat = std::make_unique<MtkBarostat>(b);
      break;
    case Ensemble::npt_aniso_langevin:
      thermostat = std::make_unique<LangevinThermostat>(lv);
      b.coupling = PressureCoupling::aniso;
      barostat = std::make_unique<MtkBarostat>(b);
      break;
    case Ensemble::nph:
      barostat = std::make_unique<MtkBarostat>(b);
      break;
  }
  // A ramp makes the target depend on the step, so the restored run must pick it up right.
  return std::make_unique<VelocityVerlet>(c, potential, settings(!c.box.any_periodic()),
                                          std::move(thermostat), std::move(barostat),
                                          TemperatureProtocol::ramp(1.0, 0.8, 0.2, 0.005, 100));
}

Configuration initial(bool cluster) {
  Configuration c = cluster ? testing::fcc_cluster(43, 1.1, 0.03, 51)
                            : testing::fcc_crystal(3, 1.62, 0.02, 52);
  Rng rng(53);
  initialize_velocities(c, 1.0, rng, UnitSystem::lj(), cluster);
  return c;
}

void expect_bit_identical_restart(Ensemble e, bool cluster) {
  constexpr std::int64_t kHalf = 150;
  const Configuration start = initial(cluster);
  std::vector<Thermo> straight_thermo, split_thermo;
  const auto record = [](std::vector<Thermo>& into) {
    return [&into](const Thermo& t) { into.push_back(t); };
  };

  Configuration a = start;
  auto potential_a = testing::stable_morse();
  auto md_a = make_integrator(e, a, potential_a);
  md_a->run(2 * kHalf, 25, record(straight_thermo));
  const std::vector<std::uint8_t> straight = to_bytes(md_a->state());

  Configuration b = start;
  auto potential_b = testing::stable_morse();
  auto md_b = make_integrator(e, b, potential_b);
  md_b->run(kHalf, 25, record(split_thermo));
  const std::vector<std::uint8_t> checkpoint = to_bytes(md_b->state());
  md_b.reset();

  Configuration c = start;
  auto potential_c = testing::stable_morse();
  auto md_c = make_integrator(e, c, potential_c);
  md_c->restore(dynamics_state_from_bytes(checkpoint));
  EXPECT_EQ(md_c->step(), kHalf);
  md_c->run(kHalf, 25, record(split_thermo));
  const std::vector<std::uint8_t> split = to_bytes(md_c->state());

  EXPECT_TRUE(straight == split) << "restarted run differs from the uninterrupted one";
  ASSERT_EQ(straight_thermo.size(), split_thermo.size());
  for (std::size_t k = 0; k < straight_thermo.size(); ++k) {
    EXPECT_EQ(straight_thermo[k].step, split_thermo[k].step);
    EXPECT_EQ(straight_thermo[k].conserved_energy, split_thermo[k].conserved_energy);
    EXPECT_EQ(straight_thermo[k].target_temperature, split_thermo[k].target_temperature);
  }
  // The runs really moved (the comparison is not between two untouched states).
  EXPECT_NE((a.positions[0] - start.positions[0]).norm(), 0.0);
}

TEST(DynamicsRestart, NoseHooverIsBitIdentical) { expect_bit_identical_restart(Ensemble::nvt, false); }
TEST(DynamicsRestart, LangevinIsBitIdentical) { expect_bit_identical_restart(Ensemble::langevin, false); }
TEST(DynamicsRestart, LangevinClusterIsBitIdentical) {
  expect_bit_identical_restart(Ensemble::langevin, true);
}
TEST(DynamicsRestart, NptIsBitIdentical) { expect_bit_identical_restart(Ensemble::npt_iso, false); }
TEST(DynamicsRestart, NptAnisoLangevinIsBitIdentical) {
  expect_bit_identical_restart(Ensemble::npt_aniso_langevin, false);
}
TEST(DynamicsRestart, NphIsBitIdentical) { expect_bit_identical_restart(Ensemble::nph, false); }

TEST(DynamicsRestart, LangevinStreamsAreDeterministicAndDistinct) {
  const Configuration start = initial(false);
  const auto final_state = [&](std::uint64_t stream) {
    Configuration c = start;
    auto potential = testing::stable_morse();
    LangevinConfig lv;
    lv.tdamp = 0.2;
    lv.seed = 5;
    lv.stream = stream;
    VelocityVerlet md(c, potential, settings(false), std::make_unique<LangevinThermostat>(lv),
                      nullptr, TemperatureProtocol::hold(1.0));
    md.run(50);
    return to_bytes(md.state());
  };
  EXPECT_TRUE(final_state(1) == final_state(1));
  EXPECT_FALSE(final_state(1) == final_state(2));
}

DynamicsState sample_state() {
  Configuration c = initial(false);
  auto potential = testing::stable_morse();
  auto md = make_integrator(Ensemble::npt_iso, c, potential);
  md->run(10);
  return md->state();
}

TEST(DynamicsStateBytes, RoundTripsExactly) {
  const DynamicsState s = sample_state();
  const auto bytes = to_bytes(s);
  const DynamicsState back = dynamics_state_from_bytes(bytes);
  EXPECT_EQ(back.step, s.step);
  EXPECT_EQ(back.positions, s.positions);
  EXPECT_EQ(back.velocities, s.velocities);
  EXPECT_EQ(back.images, s.images);
  EXPECT_EQ(back.box.h(), s.box.h());
  EXPECT_EQ(back.box.lo(), s.box.lo());
  EXPECT_EQ(back.thermostat, s.thermostat);
  EXPECT_EQ(back.barostat, s.barostat);
  EXPECT_TRUE(to_bytes(back) == bytes);

  DynamicsState cluster;
  cluster.positions = {Vec3(1, 2, 3)};
  cluster.velocities = {Vec3(-1, 0.5, 0)};
  cluster.images = {Image{0, 0, 0}};
  const DynamicsState cluster_back = dynamics_state_from_bytes(to_bytes(cluster));
  EXPECT_TRUE(cluster_back.box.unbounded());
  EXPECT_EQ(cluster_back.positions, cluster.positions);
}

TEST(DynamicsStateBytes, RejectsDamagedData) {
  const auto bytes = to_bytes(sample_state());
  auto flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  EXPECT_THROW(dynamics_state_from_bytes(flipped), Error);
  const std::vector<std::uint8_t> truncated(bytes.begin(), bytes.end() - 9);
  EXPECT_THROW(dynamics_state_from_bytes(truncated), Error);
  EXPECT_THROW(dynamics_state_from_bytes(std::vector<std::uint8_t>(5, 0)), Error);
  EXPECT_THROW(dynamics_state_from_bytes(std::vector<std::uint8_t>{}), Error);
}

TEST(DynamicsRestart, RejectsAStateOfAnotherSetup) {
  const DynamicsState npt = sample_state();
  Configuration c = initial(false);
  auto potential = testing::stable_morse();
  auto nvt = make_integrator(Ensemble::nvt, c, potential);
  EXPECT_THROW(nvt->restore(npt), Error);  // has a barostat state, integrator has none
  auto langevin = make_integrator(Ensemble::npt_aniso_langevin, c, potential);
  EXPECT_THROW(langevin->restore(npt), Error);  // Nosé–Hoover state into a Langevin thermostat

  DynamicsState fewer = npt;
  fewer.positions.pop_back();
  fewer.velocities.pop_back();
  fewer.images.pop_back();
  auto same = make_integrator(Ensemble::npt_iso, c, potential);
  EXPECT_THROW(same->restore(fewer), Error);
  DynamicsState short_chain = npt;
  short_chain.thermostat.values.pop_back();
  EXPECT_THROW(same->restore(short_chain), Error);
}

}  // namespace
}  // namespace pelcamp
