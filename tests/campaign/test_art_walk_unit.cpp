// The art_walk unit kind on LJ₇ (full Lennard-Jones, free cluster), run directly: its three
// series have their plan-time row counts (NaN-padded), the network is consistent (row 0 is
// the start, the LJ₇ global minimum; transition-state indices point into the minima) and
// the unit is a pure function of (seed, unit id, parameters, input).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/potential/registry.hpp"
#include "pelcamp/saddle/art_walk.hpp"
#include "pelcamp/units/art_search_unit.hpp"
#include "pelcamp/units/art_walk_unit.hpp"
#include "campaign/unit_test_support.hpp"
#include "unit/saddle/saddle_test_support.hpp"

namespace pelcamp::units {
namespace {

// The kind's defaults, with LJ-scale settings where they matter.
Params walk_params() {
  Params p;
  for (const ParamSpec& spec : art_walk_unit_kind().params)
    if (spec.default_value) p.set(spec.name, *spec.default_value);
  p.set("potential", std::string("lj/cut:" PELCAMP_TEST_DATA "/lj/plain_lj.lj"));
  p.set("free", true);
  p.set("accepted_events", std::int64_t{6});
  p.set("max_attempts", std::int64_t{15});
  p.set("temperature", 0.5);  // ε/k_B
  p.set("radius", 1.2);
  p.set("saddle_force_tolerance", 0.01);
  p.set("relax_force_tolerance", 1e-6);
  p.set("energy_tolerance", 1e-6);
  p.set("distance_tolerance", 0.05);
  p.set("checkpoint_every", std::int64_t{4});
  return p;
}

// A walk on the Kob–Andersen packing (unit_testing::ka_packing), every event accepted.
Params ka_glass_walk_params(std::int64_t accepted_events, std::int64_t max_attempts) {
  Params p = walk_params();
  p.set("free", false);
  p.set("potential", std::string("lj/ka"));
  p.set("radius", 1.5);
  p.set("initial_displacement", 0.05);
  p.set("push_step", 0.05);
  p.set("eigenvalue_threshold", -20.0);
  p.set("max_eigen_step", 0.02);
  p.set("relax_force_tolerance", 1e-4);
  p.set("energy_tolerance", 1e-4);
  p.set("saddle_push", 0.05);
  p.set("same_minimum_distance", 0.05);
  p.set("accept_all", true);
  p.set("accepted_events", accepted_events);
  p.set("max_attempts", max_attempts);
  return p;
}

std::shared_ptr<const UnitOutput> lj7_input() {
  auto out = std::make_shared<UnitOutput>();
  Configuration c;
  c.species = {{"A", 1.0}};
  for (const Vec3& r : testing::lj7_bipyramid()) c.add_atom(0, r);
  out->structure = c;
  return out;
}

UnitOutput run_walk(const Params& p, const std::string& checkpoint = "",
                    std::function<bool()> stop = [] { return false; }) {
  UnitContext ctx{.params = p, .campaign_seed = 4, .unit_id = 21, .inputs = {lj7_input()},
                  .checkpoint_file = checkpoint, .stop_requested = std::move(stop)};
  UnitOutput out;
  art_walk_unit_kind().run(ctx, out);
  return out;
}

TEST(ArtWalkUnit, SeriesHavePlanTimeRowsAndAConsistentNetwork) {
  const UnitKind& kind = art_walk_unit_kind();
  const Params p = walk_params();
  const UnitOutput out = run_walk(p);
  ASSERT_EQ(out.fields.size(), kind.outputs.size());
  const PlanInfo info{.params = p, .input_atoms = 7};
  for (std::size_t f = 0; f < kind.outputs.size(); ++f) {
    const OutputField& o = kind.outputs[f];
    const std::size_t rows = o.series ? kind.find_series(o.series)->rows(info) : 1;
    EXPECT_EQ(out.fields[f].size(), rows * o.width) << o.name;
  }
  auto field = [&](const char* name) { return out.fields[kind.field_index(name)]; };
  const auto minima = static_cast<std::size_t>(field("distinct_minima")[0]);
  const auto states = static_cast<std::size_t>(field("distinct_transition_states")[0]);
  const auto attempts = static_cast<std::size_t>(field("searches")[0]);
  ASSERT_GE(minima, 1u);
  EXPECT_LE(attempts, 15u);
  EXPECT_NEAR(field("minimum_energy")[0], -16.505384, 1e-5);
  EXPECT_TRUE(std::isnan(field("minimum_energy")[minima]));  // padding
  EXPECT_TRUE(std::isnan(field("ts_energy")[states]));
  for (std::size_t t = 0; t < states; ++t) {
    for (const char* end : {"ts_minimum_from", "ts_minimum_to"}) {
      const double m = field(end)[t];
      ASSERT_LT(m, double(minima));
      EXPECT_GT(field("ts_energy")[t], field("minimum_energy")[std::size_t(m)]);
    }
  }
  int accepted = 0;
  for (std::size_t a = 0; a < attempts; ++a) accepted += field("attempt_accepted")[a] == 1.0;
  EXPECT_EQ(accepted, field("accepted_events")[0]);
  ASSERT_TRUE(out.structure.has_value());
  EXPECT_EQ(out.structure->size(), 7u);

  const UnitOutput again = run_walk(p);
  EXPECT_EQ(again.fields[kind.field_index("attempt_barrier")].size(), field("attempt_barrier").size());
  for (std::size_t a = 0; a < attempts; ++a)
    EXPECT_EQ(again.fields[kind.field_index("attempt_centre")][a], field("attempt_centre")[a]);
}

// Stopped at its first checkpoint and run again, the unit gives the same results as without
// the stop (and removes its checkpoint when done).
TEST(ArtWalkUnit, ContinuesFromItsCheckpoint) {
  const Params p = walk_params();
  const UnitOutput straight = run_walk(p);
  const std::string file = (std::filesystem::temp_directory_path() / "pelcamp_art_walk_unit.ckpt").string();
  std::filesystem::remove(file);
  EXPECT_THROW(run_walk(p, file, [] { return true; }), UnitInterrupted);
  ASSERT_TRUE(std::filesystem::exists(file));
  const UnitOutput resumed = run_walk(p, file);
  EXPECT_FALSE(std::filesystem::exists(file));
  ASSERT_EQ(resumed.fields.size(), straight.fields.size());
  for (std::size_t f = 0; f < straight.fields.size(); ++f) {
    ASSERT_EQ(resumed.fields[f].size(), straight.fields[f].size());
    for (std::size_t k = 0; k < straight.fields[f].size(); ++k) {
      const double a = straight.fields[f][k], b = resumed.fields[f][k];
      EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << art_walk_unit_kind().outputs[f].name << "[" << k << "]";
    }
  }
  EXPECT_EQ(resumed.structure->positions, straight.structure->positions);
}

// On a 100-atom Kob–Andersen glass (periodic) minima are stored as the atoms their event
// moved by more than minimum_resolution (in the start's frame: the searches drift by
// ~0.03 σ, which alone would move every atom): fewer than the sample, and the walk
// (outcomes, minima reached, revisits) is the one that stores every moved atom. In so small
// a box an event still moves most atoms by more than 0.01 σ; tests/unit/saddle/
// test_art_walk.cpp (SparseMinima) shows the bound on a 20 000-atom sample.
TEST(ArtWalkUnit, SparseMinimaOnAGlassKeepTheWalk) {
  using unit_testing::field;
  Params p = ka_glass_walk_params(5, 10);
  p.set("checkpoint_every", std::int64_t{0});
  const auto glass = unit_testing::ka_packing();
  const UnitKind& kind = art_walk_unit_kind();
  Params exact = p;
  exact.set("minimum_resolution", 0.0);
  const auto sparse_out = unit_testing::run_unit(kind, p, glass);
  const auto exact_out = unit_testing::run_unit(kind, exact, glass);
  for (const char* name : {"attempt_outcome", "attempt_minimum_to", "attempt_revisit", "attempt_accepted"}) {
    const auto& a = field(kind, *sparse_out, name);
    const auto& b = field(kind, *exact_out, name);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k)
      EXPECT_TRUE(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k]))) << name << " " << k;
  }
  const double minima = field(kind, *sparse_out, "distinct_minima")[0];
  ASSERT_GE(minima, 2.0);
  const auto& stored = field(kind, *sparse_out, "minimum_stored_atoms");
  const auto& stored_exact = field(kind, *exact_out, "minimum_stored_atoms");
  EXPECT_EQ(stored[0], 0.0);  // the start is the reference
  double fewest = 100;
  for (std::size_t m = 1; m < std::size_t(minima); ++m) {
    EXPECT_LE(stored[m], stored_exact[m]);
    fewest = std::min(fewest, stored[m]);
  }
  EXPECT_LT(fewest, 100.0);
  EXPECT_EQ(field(kind, *sparse_out, "uncertain_matches")[0], 0.0);
}

// The local-forces parameters are art_search's, declared once (units/local_forces_params).
TEST(ArtWalkUnit, LocalForcesParametersAreArtSearchs) {
  auto find = [](const UnitKind& kind, const std::string& name) -> const ParamSpec* {
    for (const ParamSpec& spec : kind.params)
      if (name == spec.name) return &spec;
    return nullptr;
  };
  for (const char* name : {"local_forces", "active_radius", "interaction_range", "local_margin", "hessian"}) {
    const ParamSpec* walk = find(art_walk_unit_kind(), name);
    const ParamSpec* search = find(art_search_unit_kind(), name);
    ASSERT_NE(walk, nullptr) << name;
    ASSERT_NE(search, nullptr) << name;
    EXPECT_EQ(walk->type, search->type) << name;
    EXPECT_EQ(walk->default_value, search->default_value) << name;
    EXPECT_EQ(walk->choices, search->choices) << name;
  }
}

// Local forces on the 100-atom Kob–Andersen glass: each search moves only the atoms within
// 1.6 σ of its centre (about a fifth of the box; the rest is frozen), and the walk's
// minima are still minima of the full sample — the largest force of a full evaluation at
// every stored minimum is below the relaxation tolerance and its energy is the recorded
// one — because every final state is relaxed with all atoms free before it is compared or
// stood in. That relaxation had work to do (far-field forces of the frozen atoms), and
// revisits are still recognised.
ArtWalkConfig ka_local_walk() {
  ArtWalkConfig w;
  w.artn.basin.initial_displacement = 0.05;
  w.artn.basin.push_step = 0.05;
  w.artn.basin.eigenvalue_threshold = -20.0;
  w.artn.activation.max_eigen_step = 0.02;
  w.artn.activation.force_tolerance = 0.01;
  w.artn.relax.force_tolerance = 1e-4;
  w.artn.relax.saddle_push = 0.05;
  w.artn.relax.same_minimum_distance = 0.05;
  w.perturbation_radius = 1.5;
  w.kT = 0.0;  // downhill only: reverse events end in known minima
  w.accepted_events = 40;
  w.max_attempts = 40;
  w.energy_tolerance = 1e-4;
  w.distance_tolerance = 0.1;
  w.minimum_resolution = 0.0;  // minima exactly as found
  w.local.enabled = true;
  w.local.active_radius = 1.6;
  return w;
}

TEST(ArtWalkLocalForces, MinimaAreMinimaOfTheFullSample) {
  const auto glass = unit_testing::ka_packing();
  Configuration config = *glass->structure;
  auto potential = make_potential("lj/ka");
  const ArtWalkConfig settings = ka_local_walk();
  ArtWalk walk(config, *potential, settings);
  Rng rng(7, 1);
  const WalkNetwork& net = walk.run(rng);
  ASSERT_GE(net.minima.size(), 3u);

  Configuration probe = config;
  AtomsObjective full(probe, *potential);
  Eigen::VectorXd gradient(full.dimension());
  for (std::size_t m = 0; m < net.minima.size(); ++m) {
    const double energy = full.evaluate(walk.minima().positions(m), gradient);
    EXPECT_LT(full.gradient_measure(gradient), settings.artn.relax.force_tolerance) << "minimum " << m;
    EXPECT_NEAR(energy, net.minima[m].energy, 1e-9) << "minimum " << m;
  }
  long most_relax_calls = 0;
  int revisits = 0, successes = 0;
  for (const WalkAttempt& a : net.attempts) {
    if (a.outcome != ArtnOutcome::success) continue;
    ++successes;
    EXPECT_TRUE(a.full_relax_converged);
    EXPECT_GT(a.force_calls, a.full_relax_force_calls);
    most_relax_calls = std::max(most_relax_calls, a.full_relax_force_calls);
    revisits += a.revisit;
  }
  EXPECT_GT(most_relax_calls, 1);  // not already a minimum of the sample: the far field relaxed
  EXPECT_GT(revisits, 0);
  std::printf("local walk: %zu attempts, %d successes, %d revisits, %zu minima, up to %ld full-relaxation calls\n",
              net.attempts.size(), successes, revisits, net.minima.size(), most_relax_calls);
  // The walk stands in its current minimum.
  AtomsObjective standing(config, *potential);
  EXPECT_NEAR(standing.evaluate(standing.variables(), gradient), net.minima[std::size_t(net.current)].energy, 1e-9);
  EXPECT_LT(standing.gradient_measure(gradient), settings.artn.relax.force_tolerance);
}

// A walk with local forces restored from a mid-way checkpoint (fresh system and potential)
// continues bit-identically.
TEST(ArtWalkLocalForces, ContinuesIdenticallyFromACheckpoint) {
  const auto glass = unit_testing::ka_packing();
  ArtWalkConfig settings = ka_local_walk();
  settings.max_attempts = 10;
  auto potential = make_potential("lj/ka");
  Configuration straight_config = *glass->structure;
  Rng straight_rng(7, 1);
  const WalkNetwork straight = ArtWalk(straight_config, *potential, settings).run(straight_rng);

  Configuration first_config = *glass->structure;
  ArtWalk first(first_config, *potential, settings);
  Rng rng(7, 1);
  first.start();
  for (int k = 0; k < 5; ++k) first.step(rng);
  const std::vector<std::uint8_t> bytes = first.checkpoint(rng);

  auto fresh_potential = make_potential("lj/ka");
  Configuration second_config = *glass->structure;
  ArtWalk second(second_config, *fresh_potential, settings);
  Rng resumed_rng(999, 0);
  second.restore(bytes, resumed_rng);
  while (!second.finished()) second.step(resumed_rng);
  const WalkNetwork& resumed = second.network();
  ASSERT_EQ(resumed.attempts.size(), straight.attempts.size());
  for (std::size_t a = 0; a < straight.attempts.size(); ++a) {
    EXPECT_EQ(resumed.attempts[a].centre, straight.attempts[a].centre) << a;
    EXPECT_EQ(resumed.attempts[a].outcome, straight.attempts[a].outcome) << a;
    EXPECT_EQ(resumed.attempts[a].minimum_to, straight.attempts[a].minimum_to) << a;
    EXPECT_EQ(resumed.attempts[a].barrier, straight.attempts[a].barrier) << a;
    EXPECT_EQ(resumed.attempts[a].force_calls, straight.attempts[a].force_calls) << a;
  }
  ASSERT_EQ(resumed.minima.size(), straight.minima.size());
  for (std::size_t m = 0; m < straight.minima.size(); ++m) EXPECT_EQ(resumed.minima[m].energy, straight.minima[m].energy);
  EXPECT_EQ(second_config.positions, straight_config.positions);

  // A walk with local forces off does not take this checkpoint.
  ArtWalkConfig everything_free = settings;
  everything_free.local.enabled = false;
  Configuration third_config = *glass->structure;
  ArtWalk third(third_config, *fresh_potential, everything_free);
  EXPECT_THROW(third.restore(bytes, resumed_rng), Error);
}

// The unit with local_forces = on on the glass: searches report it and minima energies are
// the full sample's (the final structure is the current minimum, relaxed on every atom).
TEST(ArtWalkUnit, LocalForcesOnAGlass) {
  using unit_testing::field;
  Params p = ka_glass_walk_params(3, 8);
  p.set("checkpoint_every", std::int64_t{0});
  p.set("local_forces", std::string("on"));
  p.set("active_radius", 1.6);
  const UnitKind& kind = art_walk_unit_kind();
  const auto out = unit_testing::run_unit(kind, p, unit_testing::ka_packing());
  EXPECT_EQ(field(kind, *out, "local_forces")[0], 1.0);
  const auto minimum = std::size_t(field(kind, *out, "final_minimum")[0]);
  auto potential = make_potential("lj/ka");
  Configuration final_structure = *out->structure;
  AtomsObjective full(final_structure, *potential);
  Eigen::VectorXd gradient(full.dimension());
  const double energy = full.evaluate(full.variables(), gradient);
  EXPECT_NEAR(energy, field(kind, *out, "minimum_energy")[minimum], 1e-9);
  EXPECT_LT(full.gradient_measure(gradient), 1e-4);
  const auto& relax_calls = field(kind, *out, "attempt_relax_force_calls");
  const auto& outcome = field(kind, *out, "attempt_outcome");
  for (std::size_t a = 0; a < std::size_t(field(kind, *out, "searches")[0]); ++a)
    EXPECT_EQ(std::isnan(relax_calls[a]), outcome[a] != 0.0) << a;
  // auto on a box smaller than a region: every atom free, as art_search decides.
  p.set("local_forces", std::string("auto"));
  p.set("max_attempts", std::int64_t{1});
  EXPECT_EQ(field(kind, *unit_testing::run_unit(kind, p, unit_testing::ka_packing()), "local_forces")[0], 0.0);
}

}  // namespace
}  // namespace pelcamp::units
