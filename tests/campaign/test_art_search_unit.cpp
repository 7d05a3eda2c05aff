// The art_search unit kind run directly on the 250-atom CuZr EAM glass of the golden
// references: the centre selection, rows fixed by the parameters (unused rows NaN), events
// that do not depend on how centre atoms are batched (one random stream per centre), and a
// batch past the end of the selection.
#include <gtest/gtest.h>

#include <cmath>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/system_setup.hpp"
#include "pelcamp/saddle/event_filter.hpp"
#include "pelcamp/units/art_search_unit.hpp"
#include "unit/support/golden_reference.hpp"

namespace pelcamp::units {
namespace {

const std::string kData = PELCAMP_TEST_DATA;

std::shared_ptr<const UnitOutput> glass() {
  auto out = std::make_shared<UnitOutput>();
  out->structure =
      testing::read_golden_reference(kData + "/reference/cuzr_glass_triclinic_eam_fs.ref", kData).config;
  return out;
}

Params art_params(std::int64_t batch_size, std::int64_t batch) {
  Params p;
  for (const ParamSpec& spec : art_search_unit_kind().params)
    if (spec.default_value) p.set(spec.name, *spec.default_value);
  p.set("potential", "eam/fs:" + kData + "/potentials/CuZr_mm.eam.fs:Cu,Zr");
  p.set("atoms", std::string("first:3"));
  p.set("batch_size", batch_size);
  p.set("batch", batch);
  p.set("searches", std::int64_t{1});
  return p;
}

UnitOutput run_unit(const Params& p, std::shared_ptr<const UnitOutput> input) {
  UnitContext ctx{.params = p, .campaign_seed = 9, .unit_id = 1, .inputs = {}, .checkpoint_file = {}};
  ctx.inputs.push_back(std::move(input));
  UnitOutput out;
  art_search_unit_kind().run(ctx, out);
  return out;
}

double field(const UnitOutput& out, const char* name, std::size_t row) {
  const int f = art_search_unit_kind().field_index(name);
  EXPECT_GE(f, 0) << name;
  return out.fields[std::size_t(f)][row];
}

TEST(ArtSearchUnit, SelectsCentreAtoms) {
  EXPECT_EQ(select_centre_atoms("all", 3), (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(select_centre_atoms("first:2", 5), (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(select_centre_atoms("first:9", 2), (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(select_centre_atoms("every:4", 10), (std::vector<std::size_t>{0, 4, 8}));
  for (const char* bad : {"some", "first:", "first:0", "every:-2", "every:3x", "last:3"})
    EXPECT_THROW(select_centre_atoms(bad, 10), Error) << bad;
}

TEST(ArtSearchUnit, EventsDoNotDependOnBatching) {
  const auto sample = glass();
  const SeriesSpec* events = art_search_unit_kind().find_series("events");
  ASSERT_NE(events, nullptr);
  const Params pair = art_params(2, 0), single = art_params(1, 1);
  EXPECT_EQ(events->rows(PlanInfo{pair, 250}), 2u);
  Params successes = pair;
  successes.set("count", std::string("successful"));
  EXPECT_EQ(events->rows(PlanInfo{successes, 250}), 80u);  // 2 centres × max_attempts 40
  const UnitOutput a = run_unit(pair, sample);    // atoms 0 and 1
  const UnitOutput b = run_unit(single, sample);  // atom 1 alone
  EXPECT_EQ(field(a, "centres", 0), 2.0);
  EXPECT_EQ(field(a, "attempts", 0), 2.0);
  EXPECT_EQ(field(b, "centres", 0), 1.0);
  EXPECT_EQ(field(b, "local_forces", 0), 0.0);  // a 16 Å box is too small to carve
  for (std::size_t row = 0; row < 2; ++row) {
    EXPECT_EQ(field(a, "centre", row), double(row));
    EXPECT_EQ(field(a, "attempt", row), 0.0);
    const double outcome = field(a, "outcome", row);
    EXPECT_TRUE(outcome >= 0 && outcome <= 5);
    EXPECT_GT(field(a, "force_calls", row), 0.0);
    if (outcome == 0) {
      EXPECT_GT(field(a, "energy_saddle", row), field(a, "energy_initial", row));
      EXPECT_LT(field(a, "eigenvalue", row), 0.0);
      EXPECT_LT(field(a, "saddle_force", row), 0.05);
      EXPECT_GE(field(a, "atoms_moved", row), 1.0);
    }
  }
  // Atom 1 searched alone equals atom 1 searched in a batch after atom 0.
  for (std::size_t f = 0; f < a.fields.size(); ++f)
    if (const char* series = art_search_unit_kind().outputs[f].series; series && std::string(series) == "events") {
      EXPECT_TRUE(a.fields[f][1] == b.fields[f][0] || (std::isnan(a.fields[f][1]) && std::isnan(b.fields[f][0])))
          << art_search_unit_kind().outputs[f].name;
    }
}

TEST(ArtSearchUnit, BatchPastTheEndHasNoEvents) {
  const UnitOutput out = run_unit(art_params(2, 5), glass());
  EXPECT_EQ(field(out, "centres", 0), 0.0);
  for (std::size_t row = 0; row < 2; ++row) EXPECT_TRUE(std::isnan(field(out, "outcome", row)));
}

// The sample with the stored positions of one event's configuration rows put in place.
Configuration with_stored_atoms(const Configuration& sample, const UnitOutput& out, std::size_t event_row,
                                std::size_t atoms_per_event, const char* position_field) {
  Configuration moved = sample;
  const auto& atom = out.fields[std::size_t(art_search_unit_kind().field_index("atom"))];
  const auto& position = out.fields[std::size_t(art_search_unit_kind().field_index(position_field))];
  for (std::size_t j = 0; j < atoms_per_event; ++j) {
    const std::size_t row = event_row * atoms_per_event + j;
    if (std::isnan(atom[row])) continue;
    for (int d = 0; d < 3; ++d) moved.positions[std::size_t(atom[row])][d] = position[3 * row + d];
  }
  return moved;
}

TEST(ArtSearchUnit, StoredConfigurationsReproduceTheEventEnergies) {
  // The sample comes as snapshot 0 of an input unit without a structure of its own.
  auto input = std::make_shared<UnitOutput>();
  input->snapshots.push_back(*glass()->structure);
  const std::size_t atoms = input->snapshots[0].size();
  Params p = art_params(2, 0);
  p.set("snapshot", std::int64_t{0});
  p.set("local_forces", std::string("on"));  // atoms beyond active_radius frozen: mapped back to the sample
  p.set("store_configurations", std::string("all"));
  p.set("configuration_atoms", std::int64_t(atoms));
  const SeriesSpec* configurations = art_search_unit_kind().find_series("configurations");
  ASSERT_NE(configurations, nullptr);
  EXPECT_EQ(configurations->rows(PlanInfo{p, atoms, 1}), 2 * atoms);
  Params bad_snapshot = p;
  bad_snapshot.set("snapshot", std::int64_t{1});
  EXPECT_THROW(configurations->rows(PlanInfo{bad_snapshot, atoms, 1}), Error);
  EXPECT_THROW(run_unit(bad_snapshot, input), Error);

  const UnitOutput out = run_unit(p, input);
  ASSERT_LE(field(out, "sample_fmax", 0), p.real("sample_fmax"));  // searched from the sample as given
  EXPECT_EQ(field(out, "local_forces", 0), 1.0);
  SystemSetup setup;
  setup.potential = p.text("potential");
  const AtomicSystem sample = set_up_system(input->snapshots[0], setup, "glass");
  std::size_t checked_saddles = 0, checked_finals = 0;
  for (std::size_t row = 0; row < 2; ++row) {
    if (std::isnan(field(out, "outcome", row))) continue;
    EXPECT_EQ(field(out, "event", row * atoms), double(row));
    const double e_saddle = field(out, "energy_saddle", row), e_final = field(out, "energy_final", row);
    EXPECT_NEAR(sample.potential->energy(with_stored_atoms(sample.config, out, row, atoms, "saddle_position")),
                e_saddle, 1e-6);
    ++checked_saddles;
    if (std::isnan(e_final)) continue;
    EXPECT_NEAR(sample.potential->energy(with_stored_atoms(sample.config, out, row, atoms, "final_position")),
                e_final, 1e-6);
    // The first stored atom is the event's most displaced atom.
    EXPECT_EQ(field(out, "atom", row * atoms), field(out, "most_displaced", row));
    ++checked_finals;
  }
  EXPECT_EQ(checked_saddles, 2u);
  EXPECT_GE(checked_finals, 1u);

  // Fewer atoms per event: the first rows of the full list; only kept events with `kept`.
  Params few = p;
  few.set("configuration_atoms", std::int64_t{4});
  few.set("store_configurations", std::string("kept"));
  const UnitOutput top = run_unit(few, input);
  const auto& verdict = top.fields[std::size_t(art_search_unit_kind().field_index("verdict"))];
  const auto& atom = top.fields[std::size_t(art_search_unit_kind().field_index("atom"))];
  ASSERT_EQ(atom.size(), 2u * 4u);
  for (std::size_t row = 0; row < 2; ++row)
    for (std::size_t j = 0; j < 4; ++j) {
      if (verdict[row] == 0.0)
        EXPECT_EQ(atom[row * 4 + j], field(out, "atom", row * atoms + j));
      else
        EXPECT_TRUE(std::isnan(atom[row * 4 + j]));
    }
}

TEST(ArtSearchUnit, FilterThresholdsAreParameters) {
  // Defaults are seed 003's values (EventFilterConfig).
  const EventFilterConfig seed;
  const std::pair<const char*, double> defaults[] = {
      {"filter_identical_energy", seed.identical_energy},   {"filter_identical_distance", seed.identical_distance},
      {"filter_duplicate_energy", seed.duplicate_energy},   {"filter_duplicate_distance", seed.duplicate_distance},
      {"filter_redundant_barrier", seed.redundant_barrier}, {"filter_redundant_final", seed.redundant_final},
      {"filter_redundant_distance", seed.redundant_distance}};
  for (const auto& [name, value] : defaults) {
    const ParamSpec* spec = art_search_unit_kind().find_param(name);
    ASSERT_NE(spec, nullptr) << name;
    EXPECT_EQ(std::get<double>(*spec->default_value), value) << name;
    EXPECT_GT(spec->min, 0.0) << name;  // a threshold of 0 is rejected by the schema
  }
  Params zero = art_params(1, 0);
  zero.set("filter_redundant_final", 0.0);
  EXPECT_THROW(run_unit(zero, glass()), Error);
  // A wide identical-to-start window turns every successful event into identical-to-start.
  Params wide = art_params(2, 0);
  wide.set("filter_identical_energy", 1e3);
  wide.set("filter_identical_distance", 1e3);
  const UnitOutput out = run_unit(wide, glass());
  for (std::size_t row = 0; row < 2; ++row)
    EXPECT_EQ(field(out, "verdict", row), field(out, "outcome", row) == 0.0 ? 2.0 : 1.0);
}

}  // namespace
}  // namespace pelcamp::units
