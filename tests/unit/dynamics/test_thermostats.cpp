// Statistical and conservation properties of the thermostats and the barostat on small
// periodic Morse systems (reduced units, T = 1, P = 0.5). Runs are deterministic; the
// statistical bounds are 4 standard errors (block averages), and each test also requires its
// standard error to be small enough for the comparison to mean something.
#include <gtest/gtest.h>

#include "dynamics_test_systems.hpp"
#include "pelcamp/dynamics/langevin_thermostat.hpp"
#include "pelcamp/dynamics/nose_hoover_thermostat.hpp"
#include "pelcamp/dynamics/velocity_init.hpp"
#include "pelcamp/dynamics/velocity_verlet.hpp"

namespace pelcamp {
namespace {

constexpr double kDt = 0.005;

IntegratorConfig settings() {
  IntegratorConfig s;
  s.dt = kDt;
  return s;
}

Configuration crystal(int cells, double temperature, std::uint64_t seed) {
  Configuration c = testing::fcc_crystal(cells, 1.62, 0.02, seed);
  Rng rng(seed + 1);
  initialize_velocities(c, temperature, rng, UnitSystem::lj(), false);
  return c;
}

std::unique_ptr<Thermostat> nose_hoover(double tdamp) {
  NoseHooverConfig c;
  c.tdamp = tdamp;
  return std::make_unique<NoseHooverThermostat>(c);
}

std::unique_ptr<Thermostat> langevin(double tdamp, std::uint64_t seed) {
  LangevinConfig c;
  c.tdamp = tdamp;
  c.seed = seed;
  return std::make_unique<LangevinThermostat>(c);
}

std::unique_ptr<MtkBarostat> barostat(PressureCoupling coupling, double pressure) {
  MtkBarostatConfig c;
  c.coupling = coupling;
  c.pressure = pressure;
  c.pdamp = 0.5;
  return std::make_unique<MtkBarostat>(c);
}

// The canonical distribution of the kinetic energy K over dof degrees of freedom is a Gamma
// distribution: ⟨K⟩ = dof k_B T / 2 and Var K = dof (k_B T)² / 2. Checks both, from samples
// every 10 steps after an equilibration.
void expect_canonical_kinetic_energy(VelocityVerlet& md, double temperature, std::int64_t steps) {
  md.run(2000);
  std::vector<double> kinetic;
  md.run(steps, 10, [&](const Thermo& t) { kinetic.push_back(t.kinetic_energy); });
  const double dof = md.degrees_of_freedom();
  const double mean_k = 0.5 * dof * temperature;
  const auto k = testing::block_estimate(kinetic);
  std::vector<double> squared_deviation;
  for (double x : kinetic) squared_deviation.push_back((x - mean_k) * (x - mean_k));
  const auto var = testing::block_estimate(squared_deviation);
  const double canonical_var = 0.5 * dof * temperature * temperature;

  EXPECT_LT(k.error, 0.01 * mean_k);
  EXPECT_NEAR(k.mean, mean_k, 4.0 * k.error) << "mean temperature " << k.mean / (0.5 * dof);
  EXPECT_LT(var.error, 0.08 * canonical_var);
  EXPECT_NEAR(var.mean, canonical_var, 4.0 * var.error)
      << "kinetic-energy variance / canonical = " << var.mean / canonical_var;
}

TEST(DynamicsNoseHoover, SamplesTheCanonicalKineticEnergy) {
  Configuration c = crystal(2, 1.0, 21);
  auto potential = testing::stable_morse();
  VelocityVerlet md(c, potential, settings(), nose_hoover(0.1), nullptr,
                    TemperatureProtocol::hold(1.0));
  expect_canonical_kinetic_energy(md, 1.0, 30000);
}

TEST(DynamicsLangevin, SamplesTheCanonicalKineticEnergy) {
  Configuration c = crystal(2, 1.0, 23);
  auto potential = testing::stable_morse();
  VelocityVerlet md(c, potential, settings(), langevin(0.2, 5), nullptr,
                    TemperatureProtocol::hold(1.0));
  expect_canonical_kinetic_energy(md, 1.0, 30000);
}

// Heats a cold crystal from T = 0.5 to 1 over `time` (τ) at step dt: returns the RMS change
// of the extended energy (K + U + reservoir) over the run and the change of K + U.
struct HeatingRun {
  double extended_error = 0.0;
  double physical_change = 0.0;
  double nkt = 0.0;  // N k_B T at the target
};

HeatingRun heat_crystal(std::unique_ptr<Thermostat> thermostat, double dt, double time) {
  Configuration c = crystal(2, 0.5, 31);
  auto potential = testing::stable_morse();
  IntegratorConfig s;
  s.dt = dt;
  VelocityVerlet md(c, potential, s, std::move(thermostat), nullptr, TemperatureProtocol::hold(1.0));
  const Thermo start = md.thermo();
  HeatingRun run;
  run.nkt = static_cast<double>(c.size()) * 1.0;
  Thermo last;
  const auto steps = static_cast<std::int64_t>(std::lround(time / dt));
  double sum2 = 0.0;
  md.run(steps, 1, [&](const Thermo& t) {
    sum2 += (t.conserved_energy - start.conserved_energy) * (t.conserved_energy - start.conserved_energy);
    last = t;
  });
  run.extended_error = std::sqrt(sum2 / static_cast<double>(steps));
  run.physical_change =
      (last.kinetic_energy + last.potential_energy) - (start.kinetic_energy + start.potential_energy);
  return run;
}

// In both tests K + U must rise by a good fraction of N k_B ΔT (the bath does real work), while
// the extended energy moves by no more than the integrator's O(dt²) error: an RMS change below
// 3e-3 N k_B T at dt = 0.005 τ (measured 4e-4 to 6e-4), shrinking when dt is halved. An error in the reservoir's energy terms or
// heat tally would instead leave a discrepancy of the size of the work done, at any dt.
TEST(DynamicsNoseHoover, ConservesTheExtendedEnergy) {
  // Nosé–Hoover chain dynamics have a shadow energy, so the error is bounded and scales as dt².
  const HeatingRun coarse = heat_crystal(nose_hoover(0.1), kDt, 15.0);
  const HeatingRun fine = heat_crystal(nose_hoover(0.1), 0.5 * kDt, 15.0);
  EXPECT_GT(coarse.physical_change, 0.2 * coarse.nkt);
  EXPECT_LT(coarse.extended_error, 3e-3 * coarse.nkt);
  EXPECT_GT(coarse.extended_error / fine.extended_error, 3.0)  // 4 for exact dt² scaling
      << coarse.extended_error << " vs " << fine.extended_error;
}

TEST(DynamicsLangevin, EnergyPlusAbsorbedHeatIsConservedToDiscretisationError) {
  // The O step is exact and its heat is tallied exactly; the splitting error of the B and A
  // steps accumulates along the stochastic trajectory (there is no shadow energy), so one
  // trajectory's error is noisy: the dt² scaling is checked on the mean over six noise streams.
  double coarse = 0.0, fine = 0.0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const HeatingRun c = heat_crystal(langevin(0.2, seed), kDt, 10.0);
    const HeatingRun f = heat_crystal(langevin(0.2, seed), 0.5 * kDt, 10.0);
    EXPECT_GT(c.physical_change, 0.2 * c.nkt);
    EXPECT_LT(c.extended_error, 3e-3 * c.nkt);
    coarse += c.extended_error;
    fine += f.extended_error;
  }
  EXPECT_GT(coarse / fine, 2.5) << coarse << " vs " << fine;  // 4 for dt² scaling
}

// Mean pressure tensor components over a long NPT run must hit the target.
void expect_target_pressure(PressureCoupling coupling, std::uint64_t seed) {
  Configuration c = crystal(2, 1.0, seed);
  auto potential = testing::stable_morse();
  VelocityVerlet md(c, potential, settings(), nose_hoover(0.1), barostat(coupling, 0.5),
                    TemperatureProtocol::hold(1.0));
  md.run(3000);
  std::vector<double> p, pxx, pyy, pzz, h;
  md.run(30000, 10, [&](const Thermo& t) {
    p.push_back(t.pressure);
    pxx.push_back(t.pressure_tensor[0]);
    pyy.push_back(t.pressure_tensor[1]);
    pzz.push_back(t.pressure_tensor[2]);
    h.push_back(t.conserved_energy);
  });
  const auto mean = testing::block_estimate(p);
  EXPECT_LT(mean.error, 0.01);
  EXPECT_NEAR(mean.mean, 0.5, 4.0 * mean.error);
  if (coupling == PressureCoupling::aniso) {
    for (const auto* component : {&pxx, &pyy, &pzz}) {
      const auto e = testing::block_estimate(*component);
      EXPECT_LT(e.error, 0.02);
      EXPECT_NEAR(e.mean, 0.5, 4.0 * e.error);
    }
  }
  const auto [lo, hi] = std::minmax_element(h.begin(), h.end());
  EXPECT_LT(*hi - *lo, 1e-2 * static_cast<double>(c.size())) << "NPT conserved energy wanders";
}

TEST(DynamicsMtk, IsoMeanPressureIsTheTarget) { expect_target_pressure(PressureCoupling::iso, 41); }

TEST(DynamicsMtk, AnisoMeanPressureComponentsAreTheTarget) {
  expect_target_pressure(PressureCoupling::aniso, 43);
}

}  // namespace
}  // namespace pelcamp
