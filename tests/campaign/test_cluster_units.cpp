// Sun & Gong cluster unit kinds with the Ercolessi–Adams Al potential: basin-hopping walkers
// find the Mackay icosahedra of Al13 and Al55 from random starts (compared with the built,
// relaxed icosahedron), cluster_lowest keeps the lowest walker, and the temperature point
// gives the harmonic heat capacity of a cold Al55 icosahedron, row counts fixed by its
// parameters, and a bit-identical continuation from its checkpoint.
#include <gtest/gtest.h>

#include <filesystem>

#include "pelcamp/build/icosahedron.hpp"
#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/core/units.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/potential/system_setup.hpp"
#include "pelcamp/units/cluster_ground_state_unit.hpp"
#include "pelcamp/units/cluster_temperature_unit.hpp"

namespace pelcamp::units {
namespace {

const std::string kAl = std::string("eam/alloy:") + PELCAMP_TEST_DATA + "/potentials/Al_EA.eam.alloy:Al";

std::shared_ptr<const UnitOutput> run_kind(const UnitKind& kind, const Params& p,
                                           std::vector<std::shared_ptr<const UnitOutput>> inputs = {},
                                           std::uint64_t unit_id = 17, const std::string& checkpoint = "",
                                           std::function<bool()> stop = [] { return false; }) {
  UnitContext ctx{.params = p, .campaign_seed = 3, .unit_id = unit_id, .inputs = std::move(inputs),
                  .checkpoint_file = checkpoint, .stop_requested = std::move(stop)};
  auto out = std::make_shared<UnitOutput>();
  kind.run(ctx, *out);
  return out;
}

// Energy of the Mackay icosahedron with `shells` shells after relaxation (eV).
double relaxed_icosahedron_energy(int shells) {
  AtomicSystem s = set_up_system(build_mackay_icosahedron({.shells = shells, .nn_distance = 2.75, .species = {"Al", 26.98}}),
                                 SystemSetup{.potential = kAl, .flatten = "", .skin = -1.0, .free = true, .min_distance = -1.0},
                                 "icosahedron");
  AtomsObjective objective(s.config, *s.potential);
  StoppingCriteria stop;
  stop.fmax = 1e-6;
  return make_minimizer("lbfgs")->minimize(objective, objective.variables(), stop).energy;
}

Params walker(std::int64_t atoms, std::int64_t steps) {
  Params p;
  p.set("potential", kAl);
  p.set("atoms", atoms);
  p.set("element", std::string("Al"));
  p.set("density", 0.05);
  p.set("steps", steps);
  p.set("temperature", 800.0);
  p.set("step_size", 1.0);
  p.set("surface_moves", 0.8);
  p.set("minimizer", std::string("lbfgs"));
  p.set("fmax", 1e-5);
  return p;
}

TEST(ClusterGroundState, Al13WalkerFindsTheIcosahedron) {
  const auto out = run_kind(cluster_ground_state_unit_kind(), walker(13, 30));
  EXPECT_NEAR(out->fields[0][0], relaxed_icosahedron_energy(1), 1e-6);
  EXPECT_EQ(out->structure->size(), 13u);
}

TEST(ClusterGroundState, Al55WalkersFindTheMackayIcosahedronAndLowestKeepsIt) {
  std::vector<std::shared_ptr<const UnitOutput>> walkers;
  for (std::uint64_t id : {1, 2, 3, 4}) walkers.push_back(run_kind(cluster_ground_state_unit_kind(), walker(55, 300), {}, id));
  Params p;
  p.set("potential", kAl);
  const auto lowest = run_kind(cluster_lowest_unit_kind(), p, walkers);
  double best = walkers[0]->fields[0][0];
  for (const auto& w : walkers) best = std::min(best, w->fields[0][0]);
  EXPECT_NEAR(lowest->fields[0][0], best, 1e-9 * std::abs(best));
  EXPECT_EQ(lowest->fields[3][0], 4.0);
  EXPECT_NEAR(lowest->fields[0][0], relaxed_icosahedron_energy(2), 1e-5);
}

Params point(double temperature, std::int64_t checkpoint_every) {
  Params p;
  p.set("structure", std::string());
  p.set("potential", kAl);
  p.set("free", true);
  p.set("epsilon", 0.0);
  p.set("phi0_per_atom", -2.58);
  p.set("m", std::int64_t{4});
  p.set("temperature", temperature);
  p.set("dt", 0.002);
  p.set("tdamp", 0.1);
  p.set("ensemble", std::string("langevin"));
  p.set("equilibration_steps", std::int64_t{1000});
  p.set("steps", std::int64_t{20000});
  p.set("sample_every", std::int64_t{10});
  p.set("window", 5.0);
  p.set("msd_max_lag", 2.0);
  p.set("trace_rows", std::int64_t{100});
  p.set("record_every", std::int64_t{100});
  p.set("checkpoint_every", checkpoint_every);
  return p;
}

std::shared_ptr<const UnitOutput> icosahedron55() {
  auto out = std::make_shared<UnitOutput>();
  out->structure = build_mackay_icosahedron({.shells = 2, .nn_distance = 2.75, .species = {"Al", 26.98}});
  return out;
}

TEST(ClusterTemperaturePoint, ColdIcosahedronIsHarmonic) {
  // At 30 K the icosahedron is a harmonic solid: C_v = (3N − 6) k_B (kinetic and potential
  // halves), ΔR stays that of the icosahedron (≈ 0) and nothing diffuses. 2000 samples
  // 0.02 ps apart with Langevin damping 0.1 ps: ~400 independent ones, relative error of
  // the variance ≈ √(2/400) = 7 %; 20 % is ~3σ.
  const auto out = run_kind(cluster_temperature_unit_kind(), point(30.0, 0), {icosahedron55()});
  const double kb = UnitSystem::by_name("metal").boltzmann;
  EXPECT_NEAR(out->fields[0][0], 30.0, 1.5);
  EXPECT_NEAR(out->fields[5][0] / kb, 3 * 55 - 6, 0.2 * (3 * 55 - 6));
  EXPECT_LT(out->fields[9][0], 0.05);   // ΔR (Å)
  EXPECT_LT(out->fields[13][0], 1e-4);  // D (Å²/ps)
  EXPECT_EQ(out->fields[18][0], 2000.0);
  // Series rows as planned: MSD lags 0…100; 40 ps make 8 windows of 5 ps, of which 7 close
  // within the run (a window closes with the next window's first frame); 200 stored samples.
  const Params p = point(30.0, 0);
  const UnitKind& kind = cluster_temperature_unit_kind();
  EXPECT_EQ(kind.find_series("msd_curve")->rows(PlanInfo{p, 55}), 101u);
  EXPECT_EQ(kind.find_series("trace")->rows(PlanInfo{p, 55}), 7u);
  EXPECT_EQ(kind.find_series("samples")->rows(PlanInfo{p, 55}), 200u);
  EXPECT_EQ(out->fields[kind.field_index("msd")].size(), 101u);
  EXPECT_EQ(out->fields[kind.field_index("e_c")].size(), 7u);
  EXPECT_EQ(out->fields[kind.field_index("sample_volume")].size(), 200u);
  // E_c is the window mean of φ*: the mean over windows equals the mean φ* within its spread.
  double mean_ec = 0;
  for (double e : out->fields[kind.field_index("e_c")]) mean_ec += e / 7.0;
  EXPECT_NEAR(mean_ec, out->fields[1][0], out->fields[2][0]);
}

TEST(ClusterTemperaturePoint, ContinuesBitIdenticallyFromItsCheckpoint) {
  Params p = point(600.0, 3000);
  p.set("steps", std::int64_t{6000});
  p.set("epsilon", 1e-4);
  const std::string ckpt = (std::filesystem::temp_directory_path() / "pelcamp_cluster_point.ckpt").string();
  std::filesystem::remove(ckpt);
  const auto straight = run_kind(cluster_temperature_unit_kind(), p, {icosahedron55()});
  EXPECT_THROW(run_kind(cluster_temperature_unit_kind(), p, {icosahedron55()}, 17, ckpt, [] { return true; }),
               UnitInterrupted);
  ASSERT_TRUE(std::filesystem::exists(ckpt));
  const auto resumed = run_kind(cluster_temperature_unit_kind(), p, {icosahedron55()}, 17, ckpt);
  EXPECT_EQ(straight->fields, resumed->fields);
  // φ_s of eq. (3) is reported for ε > 0, and the flattened run stays far above it.
  EXPECT_TRUE(std::isfinite(straight->fields[16][0]));
  EXPECT_LT(straight->fields[16][0], straight->fields[14][0]);
}

TEST(ClusterCampaign, AfterStageSeesAllWalkersAndTheAtomsOfItsFirstInput) {
  // A stage `after:` the walkers depends on every walker; its plan-time atom count comes from
  // its first input, and the temperature points made for it inherit that count.
  const std::string text = "campaign: {name: t, seed: 1}\npotentials: {al: '" + kAl +
                           "'}\nstages:\n"
                           "  - {name: search, kind: cluster_ground_state, replicas: 3,"
                           " params: {potential: al, atoms: 13, element: Al, steps: 5}}\n"
                           "  - {name: ground, kind: cluster_lowest, after: [search], params: {potential: al}}\n"
                           "  - {name: heat, kind: cluster_temperature_point, for_each: ground,"
                           " params: {potential: al, free: true, temperature: [300, 600], steps: 1000}}\n";
  const campaign::Plan plan = campaign::make_plan(campaign::parse_campaign(text, "c.yaml"));
  ASSERT_EQ(plan.units.size(), 3u + 1u + 2u);
  EXPECT_EQ(plan.units[3].deps, (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(plan.units[3].atoms, 13u);
  EXPECT_EQ(plan.units[4].atoms, 13u);
  EXPECT_EQ(plan.units[5].deps, (std::vector<std::uint32_t>{3}));
}

TEST(ClusterCampaign, DemoTimesFactorRunsTheDemoGridLonger) {
  // `demo*F`: the demo alternatives, extensive parameters (steps) × F, others untouched.
  const std::string text = "campaign: {name: t}\npotentials: {al: '" + kAl +
                           "'}\nstages:\n"
                           "  - {name: search, kind: cluster_ground_state, replicas: {demo: 2, full: 9},"
                           " params: {potential: al, atoms: 13, element: Al, steps: {demo: 5, full: 1000}, "
                           "temperature: {demo: 700, full: 900}}}\n";
  const auto scale = campaign::Scale::parse("demo*4");
  ASSERT_TRUE(scale);
  EXPECT_EQ(scale->text(), "demo*4");
  const campaign::Campaign c = campaign::parse_campaign(text, "c.yaml", scale);
  ASSERT_EQ(c.stages[0].grid.size(), 2u);
  EXPECT_EQ(c.stages[0].grid[0].integer("steps"), 20);
  EXPECT_EQ(c.stages[0].grid[0].real("temperature"), 700.0);
  EXPECT_FALSE(campaign::Scale::parse("demo*"));
  EXPECT_FALSE(campaign::Scale::parse("demo*-2"));
}

}  // namespace
}  // namespace pelcamp::units
