// Campaign parsing and validation: every problem reported at once, with file:line:column,
// key, bad value and what is allowed; grids, scale and defaults resolved.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "pelcamp/campaign/campaign.hpp"
#include "pelcamp/campaign/diagnostics.hpp"
#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/units/unit_registry.hpp"

namespace pelcamp::campaign {
namespace {

std::string errors_of(const std::string& text) {
  try {
    parse_campaign(text, "c.yaml");
  } catch (const CampaignError& e) {
    return e.what();
  }
  return "";
}

TEST(CampaignSchema, MinimalCampaignGetsDefaults) {
  const Campaign c = parse_campaign(
      "campaign: {name: t}\n"
      "stages:\n"
      "  - {name: walk, kind: diagnostic}\n",
      "c.yaml");
  EXPECT_EQ(c.name, "t");
  EXPECT_EQ(c.seed, 1u);
  EXPECT_EQ(c.scale.mode, Scale::Mode::Full);
  EXPECT_DOUBLE_EQ(c.run.unit_deadline, 86400.0);
  EXPECT_TRUE(c.output.fsync);
  ASSERT_EQ(c.stages.size(), 1u);
  ASSERT_EQ(c.stages[0].grid.size(), 1u);
  EXPECT_EQ(c.stages[0].grid[0].integer("steps"), 1000);
  EXPECT_EQ(c.stages[0].grid[0].integer("replica"), 0);
}

TEST(CampaignSchema, AllErrorsReportedWithPositionKeyValueAndAllowed) {
  const std::string text =
      "campaign: {name: t, sede: 3}\n"   // 1: unknown key
      "run:\n"
      "  unit_deadline: -5\n"             // 3: out of range
      "  max_batch: many\n"               // 4: not a number
      "stages:\n"
      "  - name: walk\n"
      "    kind: diagnostic\n"
      "    params:\n"
      "      steps: [10, 2.5]\n"          // 9: not an integer
      "      mode: explode\n"             // 10: not allowed
      "      temperature: 300\n"          // 11: unknown parameter
      "  - {name: walk, kind: nothing}\n";  // 12: duplicate name, unknown kind
  const std::string e = errors_of(text);
  EXPECT_NE(e.find("c.yaml:1:21: campaign.sede: unknown key; allowed: name, description, seed"), std::string::npos) << e;
  EXPECT_NE(e.find("c.yaml:3:18: run.unit_deadline: '-5' is out of range; allowed: number, >= 0.001, <= 1000000000 in s"), std::string::npos) << e;
  EXPECT_NE(e.find("c.yaml:4:14: run.max_batch: 'many' is not a number"), std::string::npos) << e;
  EXPECT_NE(e.find("c.yaml:9:19: stages[0].params.steps[1]: '2.5' is not an integer"), std::string::npos) << e;
  EXPECT_NE(e.find("c.yaml:10:13: stages[0].params.mode: 'explode' is not allowed; allowed: choice (ok, fail, hang, stall, crash)"), std::string::npos) << e;
  EXPECT_NE(e.find("c.yaml:11:7: stages[0].params.temperature: unknown parameter of kind 'diagnostic'; allowed: steps, walkers"), std::string::npos) << e;
  EXPECT_NE(e.find("c.yaml:12:12: stages[1].name: duplicate stage name 'walk'"), std::string::npos) << e;
  // The allowed kinds are the registry's, in its order (new kinds extend the list).
  std::string kinds;
  for (const auto& name : units::unit_kind_names()) kinds += (kinds.empty() ? "" : ", ") + name;
  EXPECT_NE(e.find("c.yaml:12:24: stages[1].kind: 'nothing' is not allowed; allowed: choice (" + kinds + ")"), std::string::npos) << e;
  EXPECT_NE(e.find("8 problem(s)"), std::string::npos) << e;
}

TEST(CampaignSchema, MissingRequiredKeysAndFilesAndBadSyntax) {
  std::string e = errors_of("stages: []\n");
  EXPECT_NE(e.find("campaign.name: missing required key"), std::string::npos) << e;
  EXPECT_NE(e.find("stages: expected a non-empty list of stages"), std::string::npos) << e;
  e = errors_of("campaign: {name: t}\nstructures: {s: /no/such/file.data}\nstages: [{name: a, kind: diagnostic}]\n");
  EXPECT_NE(e.find("c.yaml:2:17: structures.s: structure file '/no/such/file.data' does not exist"), std::string::npos) << e;
  e = errors_of("campaign: {name: t}\npotentials: {p: nosuchstyle:x}\nstages: [{name: a, kind: diagnostic}]\n");
  EXPECT_NE(e.find("c.yaml:2:17: potentials.p: unknown potential style 'nosuchstyle'"), std::string::npos) << e;
  e = errors_of("campaign: {name: t\nstages: [}\n");
  EXPECT_NE(e.find("YAML syntax error"), std::string::npos) << e;
}

TEST(CampaignSchema, GridsProductZipRangesReplicas) {
  const Campaign c = parse_campaign(
      "campaign: {name: t}\n"
      "stages:\n"
      "  - name: a\n"
      "    kind: diagnostic\n"
      "    replicas: 2\n"
      "    params: {steps: {range: [10, 30, 10]}, walkers: [1, 2]}\n"
      "  - name: b\n"
      "    kind: diagnostic\n"
      "    grid: zip\n"
      "    params: {steps: {linspace: [100, 400, 4]}, walkers: {values: [1, 2, 3, 4]}, seconds: 0}\n"
      "  - name: c\n"
      "    kind: diagnostic\n"
      "    params: {steps: {logspace: [10, 1000, 3]}}\n",
      "c.yaml");
  ASSERT_EQ(c.stages[0].grid.size(), 3u * 2u * 2u);
  EXPECT_EQ(c.stages[0].grid[0].integer("steps"), 10);
  EXPECT_EQ(c.stages[0].grid.back().integer("steps"), 30);
  EXPECT_EQ(c.stages[0].grid.back().integer("walkers"), 2);
  EXPECT_EQ(c.stages[0].grid.back().integer("replica"), 1);
  ASSERT_EQ(c.stages[1].grid.size(), 4u);
  EXPECT_EQ(c.stages[1].grid[2].integer("steps"), 300);
  EXPECT_EQ(c.stages[1].grid[2].integer("walkers"), 3);
  ASSERT_EQ(c.stages[2].grid.size(), 3u);
  EXPECT_EQ(c.stages[2].grid[1].integer("steps"), 100);
  EXPECT_NE(errors_of("campaign: {name: t}\nstages: [{name: a, kind: diagnostic, grid: zip, "
                      "params: {steps: [1, 2], walkers: [1, 2, 3]}}]\n")
                .find("zip needs every list to have the same length"),
            std::string::npos);
}

TEST(CampaignSchema, ScaleSelectsAlternativesAndMultipliesExtensiveParameters) {
  const std::string text =
      "campaign: {name: t}\n"
      "scale: demo\n"
      "stages:\n"
      "  - name: a\n"
      "    kind: diagnostic\n"
      "    replicas: {demo: 1, full: 5}\n"
      "    params: {steps: {demo: 10, full: 1000}, walkers: {demo: [1], full: [1, 2]}}\n";
  const Campaign demo = parse_campaign(text, "c.yaml");
  ASSERT_EQ(demo.stages[0].grid.size(), 1u);
  EXPECT_EQ(demo.stages[0].grid[0].integer("steps"), 10);
  const Campaign full = parse_campaign(text, "c.yaml", Scale::parse("full"));
  EXPECT_EQ(full.stages[0].grid.size(), 10u);
  EXPECT_EQ(full.stages[0].grid[0].integer("steps"), 1000);
  const Campaign tenth = parse_campaign(text, "c.yaml", Scale::parse("0.1"));
  EXPECT_EQ(tenth.stages[0].grid[0].integer("steps"), 100);  // steps is extensive
  EXPECT_EQ(tenth.stages[0].grid[0].integer("walkers"), 1);  // walkers is not
  EXPECT_FALSE(Scale::parse("-1"));
  EXPECT_FALSE(Scale::parse("big"));
}

TEST(CampaignPlan, IdsAreStableHashesAndDependenciesFollowStages) {
  const std::string text =
      "campaign: {name: t, seed: 7}\n"
      "stages:\n"
      "  - {name: prep, kind: diagnostic, params: {steps: [10, 20]}}\n"
      "  - {name: probe, kind: diagnostic, for_each: prep, params: {walkers: [1, 2]}}\n"
      "  - {name: summary, kind: diagnostic, after: probe}\n";
  const Plan plan = make_plan(parse_campaign(text, "c.yaml"));
  ASSERT_EQ(plan.units.size(), 2u + 4u + 1u);
  const auto& probe = plan.units[2];
  ASSERT_EQ(probe.deps.size(), 1u);
  EXPECT_EQ(probe.deps[0], 0u);
  EXPECT_EQ(probe.affinity, plan.units[0].id);
  EXPECT_NE(plan.units[2].id, plan.units[4].id);  // same params, different input
  EXPECT_EQ(plan.units.back().deps.size(), 4u);
  // Adding a grid point keeps the ids of the existing units.
  const std::string extended =
      "campaign: {name: t, seed: 7}\n"
      "stages:\n"
      "  - {name: prep, kind: diagnostic, params: {steps: [10, 20, 30]}}\n"
      "  - {name: probe, kind: diagnostic, for_each: prep, params: {walkers: [1, 2]}}\n";
  const Plan bigger = make_plan(parse_campaign(extended, "c.yaml"));
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(bigger.index.count(plan.units[i].id), 1u) << i;
  // The seed is part of every id.
  std::string reseeded = text;
  reseeded.replace(reseeded.find("seed: 7"), 7, "seed: 8");
  EXPECT_EQ(make_plan(parse_campaign(reseeded, "c.yaml")).index.count(plan.units[0].id), 0u);
  EXPECT_THROW(make_plan(parse_campaign("campaign: {name: t}\nstages: [{name: a, kind: diagnostic, "
                                        "params: {steps: [5, 5]}}]\n", "c.yaml")),
               Error);
}

TEST(CampaignPlan, IdsDependOnPotentialFileContentsNotWhereTheyLie) {
  // The same campaign and potential file in two directories: the same unit ids (the README's
  // demos reproduce from any checkout); other contents under the same name: other ids.
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("pelcamp-ids-" + std::to_string(::getpid()));
  const std::string text =
      "campaign: {name: t, seed: 7}\n"
      "potentials: {lj: \"lj/cut:plain_lj.lj\"}\n"
      "stages:\n"
      "  - {name: build, kind: lattice, params: {lattice: fcc, a: 1.6, species: A, cells: 2}}\n"
      "  - {name: relax, kind: minimize, for_each: build, params: {potential: lj}}\n";
  auto plan_in = [&](const std::string& dir) {
    fs::create_directories(root / dir);
    fs::copy_file(PELCAMP_TEST_DATA "/lj/plain_lj.lj", root / dir / "plain_lj.lj",
                  fs::copy_options::overwrite_existing);
    return make_plan(parse_campaign(text, (root / dir / "c.yaml").string()));
  };
  const Plan here = plan_in("a"), there = plan_in("b/c");
  ASSERT_EQ(here.units.size(), 2u);
  EXPECT_NE(here.units[1].params.canonical(), there.units[1].params.canonical());  // absolute paths
  for (std::size_t i = 0; i < here.units.size(); ++i) EXPECT_EQ(here.units[i].id, there.units[i].id) << i;
  std::ofstream(root / "b/c/plain_lj.lj", std::ios::app) << "\n";  // same name, other contents
  const Plan edited = make_plan(parse_campaign(text, (root / "b/c/c.yaml").string()));
  EXPECT_EQ(edited.units[0].id, here.units[0].id);
  EXPECT_NE(edited.units[1].id, here.units[1].id);
  fs::remove_all(root);
}

}  // namespace
}  // namespace pelcamp::campaign
