// Temperature protocols: holds, linear ramps at a rate (quenches), the K/s conversion, and an
// integrator whose thermostat target follows the protocol step by step.
#include <gtest/gtest.h>

#include "dynamics_test_systems.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/dynamics/langevin_thermostat.hpp"
#include "pelcamp/dynamics/temperature_protocol.hpp"
#include "pelcamp/dynamics/velocity_init.hpp"
#include "pelcamp/dynamics/velocity_verlet.hpp"

namespace pelcamp {
namespace {

TEST(TemperatureProtocol, HoldIsConstant) {
  const auto p = TemperatureProtocol::hold(300.0);
  for (std::int64_t step : {0, 1, 1000, 123456789}) EXPECT_EQ(p.at(step), 300.0);
  EXPECT_EQ(p.end_step(), 0);
}

TEST(TemperatureProtocol, RampChangesByRateTimesDtEachStep) {
  // 2.0 → 0.5 at 0.3 per τ with dt = 0.005 τ: 0.0015 per step, 1000 steps, after a hold until
  // step 200.
  const auto p = TemperatureProtocol::ramp(2.0, 0.5, 0.3, 0.005, 200);
  EXPECT_EQ(p.at(0), 2.0);
  EXPECT_EQ(p.at(200), 2.0);
  EXPECT_NEAR(p.at(201), 2.0 - 0.0015, 1e-15);
  EXPECT_NEAR(p.at(700), 2.0 - 0.0015 * 500, 1e-13);
  EXPECT_EQ(p.end_step(), 1200);
  EXPECT_GT(p.at(1199), 0.5);
  EXPECT_EQ(p.at(1200), 0.5);
  EXPECT_EQ(p.at(5000), 0.5);
  const auto heat = TemperatureProtocol::ramp(0.5, 2.0, 0.3, 0.005);
  EXPECT_NEAR(heat.at(400), 0.5 + 0.0015 * 400, 1e-13);
  EXPECT_EQ(heat.end_step(), 1000);
}

TEST(TemperatureProtocol, RampEndsOnTheStepTheRateImplies) {
  // A change that is not a whole number of steps ends one step later (ceil) ...
  const auto p = TemperatureProtocol::ramp(1.0, 0.0, 0.3, 0.01, 0);  // 333.3 steps
  EXPECT_EQ(p.end_step(), 334);
  EXPECT_GT(p.at(333), 0.0);
  EXPECT_EQ(p.at(334), 0.0);
  // ... while a whole number up to round-off ends exactly on it: 1000 K at 1 K/ps with
  // dt = 0.001 ps (1000 / (1 · 0.001) is not exactly 1e6 in binary).
  EXPECT_EQ(TemperatureProtocol::ramp(1000.0, 0.0, 1.0, 0.001).end_step(), 1000000);
}

TEST(TemperatureProtocol, QuenchRateInKelvinPerSecond) {
  // Cu50Zr50 quench of the papers: 2000 K → 0 K at 1e10 K/s with 2 fs steps:
  // ΔT per step = 1e10 · 1e-12 · 0.002 = 2e-5 K, so 1e8 steps.
  const double rate = rate_per_time_unit(1e10, UnitSystem::metal());
  EXPECT_DOUBLE_EQ(rate, 0.01);  // K/ps
  const auto quench = TemperatureProtocol::ramp(2000.0, 0.0, rate, 0.002);
  EXPECT_EQ(quench.end_step(), 100000000);
  EXPECT_NEAR(quench.at(1), 2000.0 - 2e-5, 1e-9);
  EXPECT_NEAR(quench.at(50000000), 1000.0, 1e-6);
  EXPECT_GT(quench.at(99999999), 0.0);
  EXPECT_EQ(quench.at(100000000), 0.0);
  EXPECT_THROW(rate_per_time_unit(1e10, UnitSystem::lj()), Error);
}

TEST(TemperatureProtocol, RejectsInvalidSettings) {
  EXPECT_THROW(TemperatureProtocol::hold(-1.0), Error);
  EXPECT_THROW(TemperatureProtocol::ramp(1.0, 0.5, 0.0, 0.005), Error);
  EXPECT_THROW(TemperatureProtocol::ramp(1.0, 0.5, -1.0, 0.005), Error);
  EXPECT_THROW(TemperatureProtocol::ramp(1.0, 0.5, 1.0, 0.0), Error);
  EXPECT_THROW(TemperatureProtocol::ramp(1.0, std::nan(""), 1.0, 0.005), Error);
}

TEST(TemperatureProtocol, IntegratorQuenchReachesTheTargetOnTheImpliedStep) {
  // Langevin quench of a 32-atom crystal from T = 1.0 to 0.2 at 0.4 / τ (dt = 0.005 τ:
  // 0.002 per step, 400 steps), then a hold.
  Configuration c = testing::fcc_crystal(2, 1.62, 0.02, 61);
  Rng rng(62);
  initialize_velocities(c, 1.0, rng, UnitSystem::lj(), false);
  auto potential = testing::stable_morse();
  IntegratorConfig s;
  s.dt = 0.005;
  LangevinConfig lv;
  lv.tdamp = 0.05;
  lv.seed = 63;
  const auto quench = TemperatureProtocol::ramp(1.0, 0.2, 0.4, s.dt);
  ASSERT_EQ(quench.end_step(), 400);
  VelocityVerlet md(c, potential, s, std::make_unique<LangevinThermostat>(lv), nullptr, quench);
  EXPECT_EQ(md.target_temperature(), 1.0);
  std::int64_t first_at_target = -1;
  std::vector<double> held;
  md.run(4400, 1, [&](const Thermo& t) {
    EXPECT_EQ(t.target_temperature, quench.at(t.step));
    if (first_at_target < 0 && t.target_temperature == 0.2) first_at_target = t.step;
    if (t.step > 1400) held.push_back(t.temperature);
  });
  EXPECT_EQ(first_at_target, 400);
  // The strongly coupled bath has brought the system to the final temperature.
  const auto e = testing::block_estimate(held);
  EXPECT_LT(e.error, 0.01);
  EXPECT_NEAR(e.mean, 0.2, 4.0 * e.error);
}

}  // namespace
}  // namespace pelcamp
