// Seed 003's event screening rules, one by one, on hand-made events whose verdicts follow
// from the published thresholds.
#include <gtest/gtest.h>

#include <vector>

#include "pelcamp/core/error.hpp"
#include "pelcamp/saddle/event_filter.hpp"

namespace pelcamp {
namespace {

ArtEventRecord event(double barrier, double final_change, double delta, std::int64_t atom = 7,
                     bool success = true) {
  ArtEventRecord e;
  e.success = success;
  e.energy_initial = -100.0;
  e.energy_saddle = -100.0 + barrier;
  e.energy_final = -100.0 + final_change;
  e.final_displacement = delta;
  e.most_displaced = atom;
  return e;
}

std::vector<EventVerdict> verdicts(const std::vector<ArtEventRecord>& events,
                                   const EventFilterConfig& config = {}) {
  return filter_events(events, config);
}

using V = EventVerdict;

TEST(EventFilter, FailedSearches) {
  const auto v = verdicts({event(-0.1, -0.2, 2.0),          // saddle below the start
                           event(0.5, 0.6, 2.0),            // final above the saddle
                           event(0.5, 0.1, 2.0, 7, false),  // not a successful search
                           event(0.5, 0.1, 2.0)});
  EXPECT_EQ(v, (std::vector<V>{V::failed, V::failed, V::failed, V::kept}));
}

TEST(EventFilter, IdenticalToStartNeedsBothSmallEnergyAndSmallDistance) {
  const auto v = verdicts({event(0.5, 0.019, 0.99, 1), event(0.6, 0.021, 0.5, 2),
                           event(0.7, 0.01, 1.01, 3), event(0.8, -0.3, 0.2, 4)});
  // The energy rule is signed as in the seed: a final state far below the start counts.
  EXPECT_EQ(v, (std::vector<V>{V::identical_to_start, V::kept, V::kept, V::identical_to_start}));
}

TEST(EventFilter, RedundantPairsKeepTheFirst) {
  const auto v = verdicts({event(0.500, 0.100, 2.00, 1),
                           event(0.509, 0.104, 2.09, 2),    // within all three windows
                           event(0.511, 0.100, 2.00, 3),    // barrier differs by 0.011 eV
                           event(0.500, 0.106, 2.00, 4),    // final differs by 0.006 eV
                           event(0.500, 0.100, 2.11, 5)});  // Δ differs by 0.11 Å
  EXPECT_EQ(v, (std::vector<V>{V::kept, V::redundant, V::kept, V::kept, V::kept}));
}

TEST(EventFilter, DuplicatesFromAnotherCentreAreNamedAsSuch) {
  std::vector<ArtEventRecord> events{event(0.5, 0.1, 2.0, 11), event(0.5004, 0.1003, 2.005, 11),
                                     event(0.5004, 0.1003, 2.005, 12)};
  EXPECT_EQ(verdicts(events), (std::vector<V>{V::kept, V::duplicate, V::redundant}));
  EventFilterConfig only_duplicates;
  only_duplicates.drop_redundant = false;
  EXPECT_EQ(verdicts(events, only_duplicates), (std::vector<V>{V::kept, V::duplicate, V::kept}));
}

TEST(EventFilter, RulesCanBeSwitchedOff) {
  EventFilterConfig none;
  none.drop_failed = none.drop_identical_to_start = none.drop_duplicates = none.drop_redundant = false;
  const auto v = verdicts({event(-0.1, 0.0, 0.1), event(-0.1, 0.0, 0.1)}, none);
  EXPECT_EQ(v, (std::vector<V>{V::kept, V::kept}));
  EXPECT_STREQ(to_string(V::identical_to_start), "identical-to-start");
  EventFilterConfig bad;
  bad.redundant_barrier = 0.0;
  EXPECT_THROW(verdicts({event(0.5, 0.1, 2.0)}, bad), Error);
}

}  // namespace
}  // namespace pelcamp
