#pragma once
// The expansion of a campaign into work units with ids, dependencies, expected costs and
// sizes. A unit id is a stable hash of (campaign seed, kind, parameters, ids of its inputs):
// editing a campaign keeps the id of every unit whose computation is unchanged, so a resume
// reuses it.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pelcamp/campaign/campaign.hpp"

namespace pelcamp::campaign {

struct PlannedUnit {
  std::uint64_t id = 0;
  int stage = 0;
  const units::UnitKind* kind = nullptr;
  units::Params params;
  std::vector<std::uint32_t> deps;  // plan indices of the units whose outputs this one needs
  // Parameters of the unit this one was made for (`for_each`), for tables; not hashed twice.
  std::vector<std::pair<std::string, std::string>> inherited;
  double expected_seconds = 0.0;
  std::uint64_t atoms = 0;
  std::uint64_t snapshots = 0;  // structures kept along the way (UnitKind::snapshots)
  std::uint64_t affinity = 0;  // id of the `for_each` input (0: none): units sharing it run together
};

struct Plan {
  std::uint64_t seed = 0;
  std::vector<std::string> stage_names;
  std::vector<PlannedUnit> units;
  std::unordered_map<std::uint64_t, std::uint32_t> index;  // id -> position

  double total_expected_seconds() const;
  // What the kind of a unit knows at plan time: its parameters and its first input's size.
  units::PlanInfo info(const PlannedUnit& unit) const;
};

std::string id_hex(std::uint64_t id);
std::uint64_t parse_id_hex(const std::string& text);  // throws pelcamp::Error

// Throws pelcamp::Error when two units of the campaign would be the same computation.
Plan make_plan(const Campaign& campaign);

}  // namespace pelcamp::campaign
