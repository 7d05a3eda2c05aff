// sample_prep on a small Kob–Andersen packing (reduced units): the quench follows its
// protocol (trace, snapshots), the inherent structure is a relaxed minimum at the release
// pressure, and a run stopped at every checkpoint continues bit-identically.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "campaign/unit_test_support.hpp"
#include "pelcamp/units/sample_prep_unit.hpp"

namespace pelcamp::units {
namespace {

using unit_testing::field;
using unit_testing::run_unit;
using unit_testing::with_defaults;

const UnitKind& kind() { return sample_prep_unit_kind(); }

// Melt at T = 0.8 and P = 1 for 2.5 τ, quench at 0.05 per τ to 0.1 (14 τ, 2800 steps),
// release to P = 0 for 5 τ, minimize with the cell.
Params quench_params(std::int64_t checkpoint_every) {
  Params p;
  p.set("potential", std::string("lj/ka"));
  p.set("dt", 0.005);
  p.set("tdamp", 0.5);
  p.set("pdamp", 5.0);
  p.set("liquid_temperature", 0.8);
  p.set("equilibrate_time", 2.5);
  p.set("cooling_rate", 0.05);
  p.set("final_temperature", 0.1);
  p.set("pressure", 1.0);
  p.set("release_pressure", 0.0);
  p.set("relax_time", 5.0);
  p.set("snapshot_interval", 0.2);
  p.set("trace_points", std::int64_t{14});
  p.set("pressure_tolerance", 1e-4);
  p.set("fmax", 1e-6);
  p.set("checkpoint_every", checkpoint_every);
  return with_defaults(kind(), p);
}

bool same_bits(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size()) return false;
    for (std::size_t k = 0; k < a[i].size(); ++k)
      if (!(a[i][k] == b[i][k] || (std::isnan(a[i][k]) && std::isnan(b[i][k])))) return false;
  }
  return true;
}

TEST(SamplePrepUnit, QuenchFollowsItsProtocolAndEndsInARelaxedMinimum) {
  const Params p = quench_params(0);
  const auto out = run_unit(kind(), p, unit_testing::ka_packing());
  // 0.7 / (0.05 · 0.005) = 2800 ramp steps; plus 500 equilibration and 1000 release steps.
  EXPECT_EQ(field(kind(), *out, "quench_steps")[0], 2800.0);
  EXPECT_EQ(field(kind(), *out, "md_steps")[0], 4300.0);
  // 14 trace rows of 200 steps: the block-mean target is the ramp at the block's centre
  // (samples every 10 steps: mean of steps 10…200 of the block → offset 105 steps).
  const auto& target = field(kind(), *out, "target_temperature");
  const auto& temperature = field(kind(), *out, "temperature");
  const auto& pressure = field(kind(), *out, "pressure");
  ASSERT_EQ(target.size(), 14u);
  for (std::size_t r = 0; r < 14; ++r) {
    EXPECT_NEAR(target[r], 0.8 - 0.05 * 0.005 * (200.0 * double(r) + 105.0), 1e-12);
    EXPECT_NEAR(temperature[r], target[r], 0.15) << "row " << r;  // 100 atoms: ±0.1 fluctuations
    EXPECT_NEAR(pressure[r], 1.0, 1.0) << "row " << r;
  }
  // The potential energy falls as the liquid cools; the volume shrinks.
  const auto& u = field(kind(), *out, "potential_energy");
  const auto& v = field(kind(), *out, "volume");
  EXPECT_LT(u.back(), u.front() - 0.5);
  EXPECT_LT(v.back(), v.front());
  // Snapshots at 0.8, 0.6, 0.4, 0.2 (0.0 is below the final temperature).
  ASSERT_EQ(out->snapshots.size(), 4u);
  const auto& snapshot_targets = field(kind(), *out, "snapshot_target_temperature");
  for (std::size_t k = 0; k < 4; ++k) EXPECT_NEAR(snapshot_targets[k], 0.8 - 0.2 * double(k), 1e-12);
  for (const auto& snap : out->snapshots) EXPECT_EQ(snap.size(), 100u);
  // The inherent structure: converged, at zero pressure, below the last trace energy.
  EXPECT_EQ(field(kind(), *out, "converged")[0], 1.0);
  EXPECT_NEAR(field(kind(), *out, "is_pressure")[0], 0.0, 1e-4);
  EXPECT_LT(field(kind(), *out, "is_energy")[0], u.back());
  EXPECT_NEAR(field(kind(), *out, "number_density")[0] * field(kind(), *out, "is_volume")[0], 1.0, 1e-12);
  ASSERT_TRUE(out->structure);
  EXPECT_EQ(out->structure->velocities, std::vector<Vec3>(100, Vec3::Zero()));
}

TEST(SamplePrepUnit, StoppedAtEveryCheckpointContinuesBitIdentically) {
  const auto sample = unit_testing::ka_packing();
  const Params p = quench_params(400);
  const std::string ckpt = (std::filesystem::temp_directory_path() / "pelcamp_sample_prep.ckpt").string();
  std::filesystem::remove(ckpt);
  const auto straight = run_unit(kind(), p, sample);
  std::shared_ptr<UnitOutput> resumed;
  int interruptions = 0;
  while (!resumed) {
    try {
      resumed = run_unit(kind(), p, sample, ckpt, [] { return true; });
    } catch (const UnitInterrupted&) {
      ++interruptions;
    }
    ASSERT_LT(interruptions, 100);
  }
  // Checkpoints at steps 400, 800, … of the melt and quench (3300 steps: 8) and of the
  // release (1000 steps: 2).
  EXPECT_EQ(interruptions, 10);
  EXPECT_FALSE(std::filesystem::exists(ckpt));
  EXPECT_TRUE(same_bits(straight->fields, resumed->fields));
  EXPECT_EQ(straight->structure->positions, resumed->structure->positions);
  EXPECT_EQ(straight->structure->box.h(), resumed->structure->box.h());
  ASSERT_EQ(straight->snapshots.size(), resumed->snapshots.size());
  for (std::size_t k = 0; k < straight->snapshots.size(); ++k) {
    EXPECT_EQ(straight->snapshots[k].positions, resumed->snapshots[k].positions);
    EXPECT_EQ(straight->snapshots[k].velocities, resumed->snapshots[k].velocities);
  }
}

TEST(SamplePrepUnit, RejectsAFreeCluster) {
  Params p = quench_params(0);
  p.set("free", true);
  EXPECT_THROW(run_unit(kind(), p, unit_testing::ka_packing()), Error);
}

}  // namespace
}  // namespace pelcamp::units
