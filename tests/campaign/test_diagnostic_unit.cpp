// The diagnostic unit kind: a seeded random walk whose statistics are known exactly, a pure
// function of (seed, unit id), and bit-identical when continued from a checkpoint.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "pelcamp/units/diagnostic_unit.hpp"

namespace pelcamp::units {
namespace {

Params walk(std::int64_t steps, std::int64_t walkers, std::int64_t every = 0, std::int64_t trace_every = 0,
            std::int64_t snapshots = 0) {
  Params p;
  p.set("trace_every", trace_every);
  p.set("snapshots", snapshots);
  p.set("steps", steps);
  p.set("walkers", walkers);
  p.set("seconds", 0.0);
  p.set("mode", std::string("ok"));
  p.set("checkpoint_every", every);
  p.set("replica", std::int64_t{0});
  return p;
}

UnitOutput run(const Params& p, std::uint64_t seed, std::uint64_t id, const std::string& checkpoint = "",
               std::function<bool()> stop = [] { return false; }) {
  UnitContext ctx{.params = p, .campaign_seed = seed, .unit_id = id, .inputs = {}, .checkpoint_file = checkpoint,
                  .stop_requested = std::move(stop)};
  UnitOutput out;
  diagnostic_unit_kind().run(ctx, out);
  return out;
}

TEST(DiagnosticUnit, MeanSquaredDisplacementIsThreeTimesSteps) {
  // |r|^2 after n unit-variance Gaussian steps per axis is sigma^2 chi^2_3n: mean 3n, variance
  // 6n^2. With W walkers the mean has standard error n*sqrt(6/W); accept 5 standard errors.
  const std::int64_t n = 50, w = 4000;
  const UnitOutput out = run(walk(n, w), 11, 22);
  const double msd = out.fields[1][0];
  EXPECT_NEAR(msd, 3.0 * n, 5.0 * n * std::sqrt(6.0 / w));
  ASSERT_TRUE(out.structure);
  EXPECT_EQ(out.structure->size(), static_cast<std::size_t>(w));
  EXPECT_EQ(out.fields[0].size(), static_cast<std::size_t>(3 * w));
}

TEST(DiagnosticUnit, PureFunctionOfSeedAndUnitId) {
  const auto a = run(walk(100, 3), 1, 7);
  const auto b = run(walk(100, 3), 1, 7);
  EXPECT_EQ(a.fields, b.fields);
  EXPECT_NE(a.fields, run(walk(100, 3), 2, 7).fields);
  EXPECT_NE(a.fields, run(walk(100, 3), 1, 8).fields);
}

TEST(DiagnosticUnit, TraceSeriesAndSnapshotsFollowTheWalk) {
  const UnitOutput out = run(walk(100, 2, 0, 25, 4), 3, 4);
  ASSERT_EQ(out.fields.size(), 5u);
  EXPECT_EQ(out.fields[3], (std::vector<double>{25, 50, 75, 100}));  // trace steps
  ASSERT_EQ(out.fields[4].size(), 4u);
  EXPECT_DOUBLE_EQ(out.fields[4][3], out.fields[1][0]);  // the last trace row is the final walk
  ASSERT_EQ(out.snapshots.size(), 4u);                   // at steps 25, 50, 75, 100
  EXPECT_EQ(out.snapshots[3].positions, out.structure->positions);
  const auto& r = out.snapshots[1].positions;
  EXPECT_DOUBLE_EQ((r[0].squaredNorm() + r[1].squaredNorm()) / 2, out.fields[4][1]);
}

TEST(DiagnosticUnit, CheckpointedRunContinuesBitIdentically) {
  const std::string ckpt = (std::filesystem::temp_directory_path() / "pelcamp_diag_test.ckpt").string();
  std::filesystem::remove(ckpt);
  const UnitOutput straight = run(walk(1000, 3, 100, 30, 7), 5, 9);
  int polls = 0;
  EXPECT_THROW(run(walk(1000, 3, 100, 30, 7), 5, 9, ckpt, [&] { return ++polls > 3; }), UnitInterrupted);
  EXPECT_TRUE(std::filesystem::exists(ckpt));
  const UnitOutput resumed = run(walk(1000, 3, 100, 30, 7), 5, 9, ckpt);
  EXPECT_EQ(straight.fields, resumed.fields);
  ASSERT_EQ(resumed.snapshots.size(), 7u);
  for (std::size_t k = 0; k < 7; ++k) EXPECT_EQ(straight.snapshots[k].positions, resumed.snapshots[k].positions);
  EXPECT_FALSE(std::filesystem::exists(ckpt));  // removed once the unit is done
}

TEST(DiagnosticUnit, InducedFailureAndDeadline) {
  Params p = walk(10, 1);
  p.set("mode", std::string("fail"));
  EXPECT_THROW(run(p, 1, 1), Error);
  p.set("mode", std::string("hang"));
  UnitContext ctx{.params = p, .campaign_seed = 1, .unit_id = 1, .inputs = {}, .checkpoint_file = "",
                  .stop_requested = [] { return false; },
                  .deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(20)};
  UnitOutput out;
  try {
    diagnostic_unit_kind().run(ctx, out);
    FAIL() << "a hanging unit must stop at its deadline";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("deadline"), std::string::npos);
  }
}

}  // namespace
}  // namespace pelcamp::units
