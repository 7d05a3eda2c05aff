// The store file: laid out for a plan, raw writes of outputs, particle data and ledger rows,
// read back through the layout rebuilt from the file alone.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "pelcamp/campaign/campaign.hpp"
#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/store/sha256.hpp"
#include "pelcamp/store/store.hpp"

namespace pelcamp::store {
namespace {

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string(1000, 'a')),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST(Store, OutputsAndLedgerRoundTripThroughTheFile) {
  const auto c = campaign::parse_campaign(
      "campaign: {name: t}\n"
      "stages:\n"
      "  - {name: a, kind: diagnostic, params: {steps: [3, 4], walkers: 2}}\n"
      "  - {name: b, kind: diagnostic, params: {steps: 5, walkers: [1, 3]}}\n",
      "t.yaml");
  const auto plan = campaign::make_plan(c);
  const auto layout = StoreLayout::from_plan(c, plan);
  ASSERT_EQ(layout.particle_groups.size(), 3u);  // stage a shares a group; b's sizes differ
  EXPECT_EQ(layout.particle_groups[0].name, "a");
  EXPECT_EQ(layout.particle_groups[0].frames, 2u);
  EXPECT_EQ(layout.particle_groups[2].name, "b-1");
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("pelcamp_store_test_" + std::to_string(::getpid()) + ".h5")).string();
  Store::create(path, c, plan, layout, "uuid-1");
  units::UnitOutput out;
  out.fields = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {2.5}, {12345}, {}, {}};  // no trace rows
  Configuration conf;
  conf.species.push_back({"W", 2.0});
  for (int i = 0; i < 3; ++i) conf.add_atom(0, Vec3(i, -i, 0.5 * i));
  out.structure = conf;
  {
    auto st = Store::open(path, true, MPI_COMM_NULL, &layout);
    st->write_output(3, out);  // stage b, walkers 3
    UnitRecord r;
    r.status = UnitStatus::Failed;
    r.attempts = 2;
    r.worker = 3;
    r.reason = "overlapping atoms 1 and 2";
    st->write_state(1, r);
    units::UnitOutput wrong = out;
    wrong.fields[0].pop_back();
    EXPECT_THROW(st->write_output(3, wrong), Error);
  }
  auto st = Store::open(path, false);  // layout from the file
  EXPECT_EQ(st->uuid(), "uuid-1");
  EXPECT_EQ(st->fingerprint(), layout.fingerprint);
  EXPECT_EQ(st->layout().ids, layout.ids);
  const auto back = st->read_output(3);
  EXPECT_EQ(back->fields, out.fields);
  ASSERT_TRUE(back->structure);
  EXPECT_EQ(back->structure->positions, conf.positions);
  EXPECT_EQ(back->structure->species[0].name, "W");
  EXPECT_DOUBLE_EQ(back->structure->species[0].mass, 2.0);
  const auto states = st->read_states();
  EXPECT_EQ(states[1].status, UnitStatus::Failed);
  EXPECT_EQ(states[1].reason, "overlapping atoms 1 and 2");
  EXPECT_EQ(states[0].status, UnitStatus::Pending);
  const auto ledger = st->read_ledger();
  EXPECT_EQ(ledger[3].stage, "b");
  EXPECT_EQ(ledger[3].params, "checkpoint_every=0;mode=ok;replica=0;seconds=0;snapshots=0;steps=5;trace_every=0;walkers=3");
  EXPECT_EQ(st->campaign_text(), c.text);
  std::filesystem::remove(path);
}

TEST(Store, SeriesAndSnapshotsRoundTripThroughTheFile) {
  // Two units whose trace series have 3 and 2 rows, the second with two snapshots.
  const auto c = campaign::parse_campaign(
      "campaign: {name: t}\n"
      "stages:\n"
      "  - {name: a, kind: diagnostic, params: {steps: 30, trace_every: 10, walkers: 2}}\n"
      "  - {name: b, kind: diagnostic, params: {steps: 20, trace_every: 10, walkers: 2, snapshots: 2}}\n",
      "t.yaml");
  const auto plan = campaign::make_plan(c);
  const auto layout = StoreLayout::from_plan(c, plan);
  ASSERT_EQ(layout.kinds.size(), 1u);
  EXPECT_EQ(layout.kinds[0].series_offset[0], (std::vector<std::uint64_t>{0, 3, 5}));
  EXPECT_EQ(layout.snapshot_group[0], -1);
  ASSERT_GE(layout.snapshot_group[1], 0);
  EXPECT_EQ(layout.particle_groups[layout.snapshot_group[1]].name, "b-0.snapshots");
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("pelcamp_series_test_" + std::to_string(::getpid()) + ".h5")).string();
  Store::create(path, c, plan, layout, "uuid-2");
  auto walkers = [](double x) {
    Configuration conf;
    conf.species.push_back({"W", 1.0});
    conf.add_atom(0, Vec3(x, 0, 0));
    conf.add_atom(0, Vec3(0, x, 0));
    return conf;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  units::UnitOutput out;
  out.fields = {{1, 2, 3, 4, 5, 6}, {2.5}, {12345}, {10, nan}, {0.5, 0.75}};
  out.structure = walkers(3);
  out.snapshots = {walkers(1), walkers(2)};
  {
    auto st = Store::open(path, true, MPI_COMM_NULL, &layout);
    units::UnitOutput short_series = out;
    short_series.fields[4].pop_back();
    EXPECT_THROW(st->write_output(1, short_series), Error);
    units::UnitOutput one_snapshot = out;
    one_snapshot.snapshots.pop_back();
    EXPECT_THROW(st->write_output(1, one_snapshot), Error);
    st->write_output(1, out);
  }
  auto st = Store::open(path, false);  // layout from the file
  EXPECT_EQ(st->layout().kinds[0].series_offset, layout.kinds[0].series_offset);
  const auto back = st->read_output(1);
  EXPECT_EQ(back->fields[4], out.fields[4]);
  EXPECT_EQ(back->fields[3][0], 10);
  EXPECT_TRUE(std::isnan(back->fields[3][1]));  // a missing Int64 value comes back as NaN
  ASSERT_EQ(back->snapshots.size(), 2u);
  EXPECT_EQ(back->snapshots[1].positions, walkers(2).positions);
  EXPECT_EQ(back->structure->positions, walkers(3).positions);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace pelcamp::store
