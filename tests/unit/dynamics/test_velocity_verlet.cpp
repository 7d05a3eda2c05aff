// The integrator's contract: settings validation, what it asks the potential for, the thermo
// it reports, the observer grid, stopping, and failure on an exploding system.
#include <gtest/gtest.h>

#include "dynamics_test_systems.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/dynamics/langevin_thermostat.hpp"
#include "pelcamp/dynamics/nose_hoover_thermostat.hpp"
#include "pelcamp/dynamics/velocity_init.hpp"
#include "pelcamp/dynamics/velocity_verlet.hpp"

namespace pelcamp {
namespace {

// Forwards to the Morse potential and counts what each call asked for.
class RecordingPotential : public testing::MorseTestPotential {
 public:
  RecordingPotential() : MorseTestPotential(1.0, 4.0, 1.1, 2.5) {}
  void compute(const Configuration& c, const ComputeRequest& req, ComputeResult& res) override {
    ++calls;
    virial_calls += req.virial ? 1 : 0;
    per_atom_calls += (req.per_atom_energy || req.per_atom_virial) ? 1 : 0;
    MorseTestPotential::compute(c, req, res);
  }
  int calls = 0, virial_calls = 0, per_atom_calls = 0;
};

IntegratorConfig with_dt(double dt) {
  IntegratorConfig s;
  s.dt = dt;
  return s;
}

Configuration warm_crystal() {
  Configuration c = testing::fcc_crystal(2, 1.62, 0.02, 91);
  Rng rng(92);
  initialize_velocities(c, 1.0, rng, UnitSystem::lj(), false);
  return c;
}

Configuration warm_cluster() {
  Configuration c = testing::fcc_cluster(19, 1.1, 0.03, 93);
  Rng rng(94);
  initialize_velocities(c, 0.3, rng, UnitSystem::lj(), true);
  return c;
}

std::unique_ptr<Thermostat> nose_hoover() {
  NoseHooverConfig nh;
  nh.tdamp = 0.1;
  return std::make_unique<NoseHooverThermostat>(nh);
}

std::unique_ptr<MtkBarostat> iso_barostat() {
  MtkBarostatConfig b;
  b.pdamp = 0.5;
  return std::make_unique<MtkBarostat>(b);
}

TEST(DynamicsVelocityVerlet, AsksForTheVirialOnlyWhenNeeded) {
  {
    Configuration c = warm_cluster();
    RecordingPotential p;
    VelocityVerlet md(c, p, with_dt(0.005));
    md.run(50, 10, [](const Thermo&) {});
    EXPECT_EQ(p.calls, 51);
    EXPECT_EQ(p.virial_calls, 0);  // a free cluster has no pressure
  }
  {
    Configuration c = warm_crystal();
    RecordingPotential p;
    VelocityVerlet md(c, p, with_dt(0.005));
    md.run(50, 10, [](const Thermo&) {});
    EXPECT_EQ(p.calls, 51);
    EXPECT_EQ(p.virial_calls, 1 + 5);  // setup (thermo at step 0) and the observed steps
  }
  {
    Configuration c = warm_crystal();
    RecordingPotential p;
    VelocityVerlet md(c, p, with_dt(0.005), nose_hoover(), iso_barostat(),
                      TemperatureProtocol::hold(1.0));
    md.run(50);
    EXPECT_EQ(p.virial_calls, p.calls);  // the barostat needs it every step
    EXPECT_EQ(p.per_atom_calls, 0);
  }
}

TEST(DynamicsVelocityVerlet, ThermoOfAPeriodicBox) {
  Configuration c = warm_crystal();
  RecordingPotential p;
  VelocityVerlet md(c, p, with_dt(0.005));
  md.run(20);
  const Thermo t = md.thermo();
  EXPECT_EQ(t.step, 20);
  EXPECT_DOUBLE_EQ(t.time, 0.1);
  // Independent evaluation of the same quantities.
  ComputeRequest req;
  req.virial = true;
  ComputeResult r;
  p.compute(c, req, r);
  double twice_k = 0.0;
  Mat3 kinetic = Mat3::Zero();
  for (std::size_t i = 0; i < c.size(); ++i) {
    twice_k += c.mass(i) * c.velocities[i].squaredNorm();
    kinetic += c.mass(i) * c.velocities[i] * c.velocities[i].transpose();
  }
  const double volume = c.box.lx() * c.box.ly() * c.box.lz();
  const Mat3 pressure = (kinetic + r.virial) / volume;
  EXPECT_NEAR(t.potential_energy, r.energy, 1e-12 * std::abs(r.energy));
  EXPECT_NEAR(t.kinetic_energy, 0.5 * twice_k, 1e-12 * twice_k);
  EXPECT_NEAR(t.temperature, twice_k / (3.0 * c.size() - 3.0), 1e-12);
  EXPECT_EQ(t.conserved_energy, t.kinetic_energy + t.potential_energy);  // NVE
  EXPECT_NEAR(t.volume, volume, 1e-12 * volume);
  EXPECT_NEAR(t.pressure, pressure.trace() / 3.0, 1e-12 * pressure.norm());
  const Sym6 expected = to_sym6(pressure);
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(t.pressure_tensor[k], expected[k], 1e-12 * pressure.norm());
  EXPECT_TRUE(std::isnan(t.target_temperature));
}

TEST(DynamicsVelocityVerlet, ThermoOfAFreeClusterHasNoPressure) {
  Configuration c = warm_cluster();
  auto p = testing::stable_morse();
  IntegratorConfig s = with_dt(0.005);
  s.momentum.angular = true;
  VelocityVerlet md(c, p, s);
  const Thermo t = md.thermo();
  EXPECT_TRUE(std::isnan(t.pressure));
  EXPECT_TRUE(std::isnan(t.volume));
  EXPECT_EQ(t.degrees_of_freedom, 3.0 * 19 - 6);
  EXPECT_NEAR(t.temperature, 0.3, 1e-12);
}

TEST(DynamicsVelocityVerlet, ObserverGridAndStop) {
  Configuration c = warm_cluster();
  auto p = testing::stable_morse();
  VelocityVerlet md(c, p, with_dt(0.005));
  std::vector<std::int64_t> seen;
  EXPECT_EQ(md.run(25, 10, [&](const Thermo& t) { seen.push_back(t.step); }), 25);
  EXPECT_EQ(md.run(25, 10, [&](const Thermo& t) { seen.push_back(t.step); }), 25);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{10, 20, 30, 40, 50}));
  const std::int64_t done = md.run(100, 5, [&](const Thermo& t) {
    if (t.step == 60) md.request_stop();
  });
  EXPECT_EQ(done, 10);
  EXPECT_EQ(md.step(), 60);
}

TEST(DynamicsVelocityVerlet, RejectsInvalidSettings) {
  Configuration bulk = warm_crystal();
  Configuration cluster = warm_cluster();
  auto p = testing::stable_morse();
  EXPECT_THROW(VelocityVerlet(bulk, p, with_dt(0.0)), Error);
  EXPECT_THROW(VelocityVerlet(bulk, p, with_dt(-0.001)), Error);
  EXPECT_THROW(VelocityVerlet(bulk, p, with_dt(0.005), nose_hoover()), Error);  // no protocol
  IntegratorConfig angular = with_dt(0.005);
  angular.momentum.angular = true;
  EXPECT_THROW(VelocityVerlet(bulk, p, angular), Error);  // spin removal in a periodic box
  IntegratorConfig negative = with_dt(0.005);
  negative.momentum.every = -1;
  EXPECT_THROW(VelocityVerlet(bulk, p, negative), Error);
  EXPECT_THROW(VelocityVerlet(cluster, p, with_dt(0.005), nose_hoover(), iso_barostat(),
                              TemperatureProtocol::hold(1.0)),
               Error);  // a barostat needs a periodic box
  EXPECT_THROW(VelocityVerlet(bulk, p, with_dt(0.005), nullptr, iso_barostat(),
                              TemperatureProtocol::hold(0.0)),
               Error);  // NPH barostat masses need a positive temperature
  EXPECT_THROW(VelocityVerlet(bulk, p, with_dt(0.005), nose_hoover(), nullptr,
                              TemperatureProtocol::hold(0.0)),
               Error);  // Nosé–Hoover needs a positive target

  EXPECT_THROW(NoseHooverThermostat(NoseHooverConfig{}), Error);  // tdamp missing
  NoseHooverConfig no_chain;
  no_chain.tdamp = 0.1;
  no_chain.chain_length = 0;
  EXPECT_THROW(NoseHooverThermostat{no_chain}, Error);
  EXPECT_THROW(LangevinThermostat(LangevinConfig{}), Error);
  EXPECT_THROW(MtkBarostat(MtkBarostatConfig{}), Error);  // pdamp missing
  MtkBarostatConfig no_axes;
  no_axes.pdamp = 1.0;
  no_axes.coupling = PressureCoupling::aniso;
  no_axes.axes = {false, false, false};
  EXPECT_THROW(MtkBarostat{no_axes}, Error);

  VelocityVerlet quench_to_zero(bulk, p, with_dt(0.005), nose_hoover(), nullptr,
                                TemperatureProtocol::ramp(1.0, 0.0, 100.0, 0.005));
  EXPECT_THROW(quench_to_zero.run(10), Error);  // Nosé–Hoover masses vanish at 0 K

  VelocityVerlet md(cluster, p, with_dt(0.005));
  EXPECT_THROW(md.run(10, 0, [](const Thermo&) {}), Error);
  EXPECT_THROW(md.run(-1), Error);
}

TEST(DynamicsVelocityVerlet, NonFiniteDynamicsIsAnErrorNotGarbage) {
  // Two coincident atoms: the pair force direction is 0/0, so forces and then velocities are
  // NaN. The run must stop with an error naming the step instead of integrating NaNs.
  Configuration c = warm_crystal();
  c.positions[1] = c.positions[0];
  auto p = testing::stable_morse();
  VelocityVerlet md(c, p, with_dt(0.005));
  try {
    md.run(10);
    FAIL() << "no error for NaN velocities";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("step 1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace pelcamp
