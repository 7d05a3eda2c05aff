#include "pelcamp/saddle/event_filter.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

const char* to_string(EventVerdict verdict) {
  switch (verdict) {
    case EventVerdict::kept: return "kept";
    case EventVerdict::failed: return "failed";
    case EventVerdict::identical_to_start: return "identical-to-start";
    case EventVerdict::duplicate: return "duplicate";
    case EventVerdict::redundant: return "redundant";
  }
  return "unknown";
}

void EventFilterConfig::validate() const {
  const std::pair<const char*, double> positive[] = {
      {"identical_energy", identical_energy},     {"identical_distance", identical_distance},
      {"duplicate_energy", duplicate_energy},     {"duplicate_distance", duplicate_distance},
      {"redundant_distance", redundant_distance}, {"redundant_barrier", redundant_barrier},
      {"redundant_final", redundant_final}};
  for (const auto& [name, value] : positive)
    if (!(value > 0.0)) throw Error(fmt::format("event filter {} = {}: must be > 0", name, value));
}

std::vector<EventVerdict> filter_events(std::span<const ArtEventRecord> events,
                                        const EventFilterConfig& config) {
  config.validate();
  std::vector<EventVerdict> verdicts(events.size(), EventVerdict::kept);
  // Kept events by barrier, so each comparison scans only those within the barrier window.
  std::multimap<double, std::size_t> kept_by_barrier;
  auto barrier = [&](std::size_t k) { return events[k].energy_saddle - events[k].energy_initial; };
  auto final_change = [&](std::size_t k) { return events[k].energy_final - events[k].energy_initial; };
  // True when a kept event lies within the windows (and matches `also`).
  auto matches_kept = [&](std::size_t k, double barrier_window, double final_window,
                          double distance_window, auto&& also) {
    const double b = barrier(k);
    for (auto it = kept_by_barrier.lower_bound(b - barrier_window);
         it != kept_by_barrier.end() && it->first < b + barrier_window; ++it) {
      const std::size_t n = it->second;
      if (std::abs(b - it->first) < barrier_window &&
          std::abs(final_change(k) - final_change(n)) < final_window &&
          std::abs(events[k].final_displacement - events[n].final_displacement) < distance_window &&
          also(n))
        return true;
    }
    return false;
  };

  for (std::size_t k = 0; k < events.size(); ++k) {
    const ArtEventRecord& e = events[k];
    if (config.drop_failed &&
        (!e.success || e.energy_saddle - e.energy_initial < 0.0 || e.energy_final - e.energy_saddle > 0.0)) {
      verdicts[k] = EventVerdict::failed;
      continue;
    }
    if (config.drop_identical_to_start && e.energy_final - e.energy_initial < config.identical_energy &&
        e.final_displacement < config.identical_distance) {
      verdicts[k] = EventVerdict::identical_to_start;
      continue;
    }
    if (config.drop_duplicates &&
        matches_kept(k, config.duplicate_energy, config.duplicate_energy, config.duplicate_distance,
                     [&](std::size_t n) { return events[n].most_displaced == e.most_displaced; })) {
      verdicts[k] = EventVerdict::duplicate;
      continue;
    }
    if (config.drop_redundant &&
        matches_kept(k, config.redundant_barrier, config.redundant_final, config.redundant_distance,
                     [](std::size_t) { return true; })) {
      verdicts[k] = EventVerdict::redundant;
      continue;
    }
    kept_by_barrier.emplace(barrier(k), k);
  }
  return verdicts;
}

}  // namespace pelcamp
