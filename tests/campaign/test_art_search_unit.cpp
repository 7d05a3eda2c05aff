// The art_search unit kind run directly on the 250-atom CuZr EAM glass of the golden
// references: the centre selection, rows fixed by the parameters (unused rows NaN), events
// that do not depend on how centre atoms are batched (one random stream per centre), and a
// batch past the end of the selection.
#include <gtest/gtest.h>

#include <cmath>

#include "pelcamp/core/error.hpp"
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
  for (std::size_t f = 5; f < a.fields.size(); ++f)
    EXPECT_TRUE(a.fields[f][1] == b.fields[f][0] || (std::isnan(a.fields[f][1]) && std::isnan(b.fields[f][0])))
        << art_search_unit_kind().outputs[f].name;
}

TEST(ArtSearchUnit, BatchPastTheEndHasNoEvents) {
  const UnitOutput out = run_unit(art_params(2, 5), glass());
  EXPECT_EQ(field(out, "centres", 0), 0.0);
  for (std::size_t row = 0; row < 2; ++row) EXPECT_TRUE(std::isnan(field(out, "outcome", row)));
}

}  // namespace
}  // namespace pelcamp::units
