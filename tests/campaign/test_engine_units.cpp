// Engine unit kinds on a small Kob–Andersen packing: the MD unit continues bit-identically
// from its checkpoint after a stop, its mean temperature follows the thermostat, and
// minimization converges below the packing's energy.
#include <gtest/gtest.h>

#include <filesystem>

#include "campaign/unit_test_support.hpp"
#include "pelcamp/potential/registry.hpp"
#include "pelcamp/units/eval_unit.hpp"
#include "pelcamp/units/md_unit.hpp"
#include "pelcamp/units/minimize_unit.hpp"

namespace pelcamp::units {
namespace {

using unit_testing::run_unit;

Params system_params() {
  Params p;
  p.set("structure", std::string());
  p.set("potential", std::string("lj/ka"));
  p.set("free", false);
  return p;
}

Params md_params(std::int64_t checkpoint_every) {
  Params p = system_params();
  p.set("temperature", 0.8);
  p.set("steps", std::int64_t{2000});
  p.set("dt", 0.005);
  p.set("tdamp", 0.5);
  p.set("ensemble", std::string("nvt"));
  p.set("sample_every", std::int64_t{5});
  p.set("checkpoint_every", checkpoint_every);
  return p;
}

TEST(EngineUnits, MinimizeConvergesBelowThePackingEnergy) {
  const auto sample = unit_testing::ka_packing();
  Params p = system_params();
  p.set("min_distance", 0.0);
  const auto before = run_unit(eval_unit_kind(), p, sample);
  Params m = system_params();
  m.set("minimizer", std::string("fire"));
  m.set("fmax", 1e-5);
  m.set("max_iterations", std::int64_t{20000});
  const auto after = run_unit(minimize_unit_kind(), m, sample);
  EXPECT_EQ(after->fields[5][0], 1.0);  // converged
  EXPECT_LT(after->fields[2][0], 1e-5);
  EXPECT_LT(after->fields[0][0], before->fields[0][0]);
  // The stored minimum re-evaluates to the reported energy.
  const auto check = run_unit(eval_unit_kind(), p, after);
  EXPECT_NEAR(check->fields[0][0], after->fields[0][0], 1e-9 * std::abs(after->fields[0][0]));
}

std::shared_ptr<const UnitOutput> minimum() {
  Params m = system_params();
  m.set("minimizer", std::string("fire"));
  m.set("fmax", 1e-5);
  m.set("max_iterations", std::int64_t{20000});
  return run_unit(minimize_unit_kind(), m, unit_testing::ka_packing());
}

TEST(EngineUnits, MdContinuesBitIdenticallyFromItsCheckpoint) {
  const auto sample = minimum();
  const std::string ckpt = (std::filesystem::temp_directory_path() / "pelcamp_md_unit.ckpt").string();
  std::filesystem::remove(ckpt);
  const auto straight = run_unit(md_unit_kind(), md_params(500), sample);
  EXPECT_THROW(run_unit(md_unit_kind(), md_params(500), sample, ckpt, [] { return true; }), UnitInterrupted);
  ASSERT_TRUE(std::filesystem::exists(ckpt));
  const auto resumed = run_unit(md_unit_kind(), md_params(500), sample, ckpt);
  EXPECT_EQ(straight->fields, resumed->fields);
  EXPECT_EQ(straight->structure->positions, resumed->structure->positions);
  // From an inherent structure, Nosé–Hoover brings the mean kinetic temperature near the
  // target within 10 τ (100 atoms, one short run: a loose bound).
  EXPECT_NEAR(straight->fields[0][0], 0.8, 0.1);
  EXPECT_GT(straight->fields[3][0], 0.0);  // heat capacity from fluctuations
}

}  // namespace
}  // namespace pelcamp::units
