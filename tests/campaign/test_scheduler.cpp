// Scheduling policy: longest first, batching of tiny units with a fair share, affinity to the
// worker holding an input, dependency release and failure propagation.
#include <gtest/gtest.h>

#include <algorithm>

#include "pelcamp/campaign/campaign.hpp"
#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/runner/scheduler.hpp"

namespace pelcamp::runner {
namespace {

using campaign::Plan;

Plan plan_of(const std::string& stages) {
  return campaign::make_plan(campaign::parse_campaign("campaign: {name: t}\nstages:\n" + stages, "t.yaml"));
}

std::vector<Scheduler::State> all_waiting(const Plan& plan) {
  return std::vector<Scheduler::State>(plan.units.size(), Scheduler::State::Waiting);
}

TEST(Scheduler, LongestExpectedFirst) {
  const Plan plan = plan_of("  - {name: a, kind: diagnostic, params: {seconds: [1, 3, 2]}}\n");
  Scheduler s(plan, all_waiting(plan), {.batch_seconds = 0.01, .max_batch = 8, .workers = 2});
  EXPECT_EQ(s.ready(), 3u);
  EXPECT_EQ(s.next_batch(1), std::vector<std::uint32_t>{1});  // 3 s
  EXPECT_EQ(s.next_batch(2), std::vector<std::uint32_t>{2});  // 2 s
  EXPECT_EQ(s.next_batch(1), std::vector<std::uint32_t>{0});
  EXPECT_TRUE(s.next_batch(2).empty());
  EXPECT_EQ(s.running(), 3u);
}

TEST(Scheduler, TinyUnitsGoInBatchesLeavingEveryWorkerAShare) {
  const Plan plan = plan_of("  - {name: a, kind: diagnostic, replicas: 100, params: {steps: 10}}\n");
  Scheduler s(plan, all_waiting(plan), {.batch_seconds = 1.0, .max_batch = 30, .workers = 4});
  const auto first = s.next_batch(1);
  EXPECT_EQ(first.size(), 25u);  // a quarter of what is ready, below max_batch
  const auto second = s.next_batch(2);
  EXPECT_EQ(second.size(), 18u);  // a quarter of the 75 left
  Scheduler capped(plan, all_waiting(plan), {.batch_seconds = 1.0, .max_batch = 10, .workers = 1});
  EXPECT_EQ(capped.next_batch(1).size(), 10u);
}

TEST(Scheduler, DependentsAreReleasedAndPreferTheWorkerHoldingTheirInput) {
  const Plan plan = plan_of(
      "  - {name: prep, kind: diagnostic, params: {seconds: [5, 6]}}\n"
      "  - {name: probe, kind: diagnostic, for_each: prep, params: {seconds: [1, 2, 3]}}\n");
  Scheduler s(plan, all_waiting(plan), {.batch_seconds = 0.0, .max_batch = 1, .workers = 2});
  EXPECT_EQ(s.ready(), 2u);  // probes wait for their sample
  const auto a = s.next_batch(1);  // prep seconds=6 (unit 1)
  const auto b = s.next_batch(2);  // prep seconds=5 (unit 0)
  ASSERT_EQ(a, std::vector<std::uint32_t>{1});
  ASSERT_EQ(b, std::vector<std::uint32_t>{0});
  s.completed(0, 2);
  s.completed(1, 1);
  EXPECT_EQ(s.ready(), 6u);
  // Worker 2 computed sample 0: it gets sample 0's probes (units 2..4), longest first, even
  // though sample 1's probes are as long.
  for (std::uint32_t expected : {4u, 3u, 2u}) {
    const auto batch = s.next_batch(2);
    ASSERT_EQ(batch.size(), 1u);
    EXPECT_EQ(batch[0], expected);
    EXPECT_EQ(plan.units[batch[0]].affinity, plan.units[0].id);
  }
  const auto batch = s.next_batch(1);
  EXPECT_EQ(plan.units[batch[0]].affinity, plan.units[1].id);
}

TEST(Scheduler, SuspectsRunAloneOneAtATime) {
  const Plan plan = plan_of("  - {name: a, kind: diagnostic, replicas: 6, params: {steps: 10}}\n");
  std::vector<bool> suspects(plan.units.size(), false);
  suspects[2] = suspects[4] = true;
  Scheduler s(plan, all_waiting(plan), {.batch_seconds = 1.0, .max_batch = 100, .workers = 2}, suspects);
  EXPECT_EQ(s.next_batch(1), std::vector<std::uint32_t>{2});
  const auto others = s.next_batch(2);  // the second suspect waits for the first
  EXPECT_EQ(std::count(others.begin(), others.end(), 4u), 0);
  EXPECT_EQ(std::count(others.begin(), others.end(), 2u), 0);
  s.completed(2, 1);
  EXPECT_EQ(s.next_batch(1), std::vector<std::uint32_t>{4});
}

TEST(Scheduler, FailureSkipsEverythingDownstream) {
  const Plan plan = plan_of(
      "  - {name: prep, kind: diagnostic, params: {steps: [1, 2]}}\n"
      "  - {name: probe, kind: diagnostic, for_each: prep, params: {walkers: [1, 2]}}\n"
      "  - {name: summary, kind: diagnostic, after: probe}\n");
  Scheduler s(plan, all_waiting(plan), {.batch_seconds = 0.0, .max_batch = 1, .workers = 1});
  const auto first = s.next_batch(1);
  const auto second = s.next_batch(1);
  s.completed(second[0], 1);
  const auto skipped = s.failed(first[0]);
  // The two probes of the failed sample and the summary that needs every probe.
  EXPECT_EQ(skipped.size(), 3u);
  EXPECT_EQ(s.unfinished(), 2u);  // the other sample's probes still run
  // Restarting with the failure on record skips the same units up front.
  std::vector<Scheduler::State> initial = all_waiting(plan);
  initial[first[0]] = Scheduler::State::Failed;
  initial[second[0]] = Scheduler::State::Done;
  Scheduler again(plan, initial, {.batch_seconds = 0.0, .max_batch = 1, .workers = 1});
  EXPECT_EQ(again.skipped_at_start().size(), 3u);
  EXPECT_EQ(again.unfinished(), 2u);
}

}  // namespace
}  // namespace pelcamp::runner
