#include "pelcamp/campaign/plan.hpp"

#include <fmt/format.h>

#include <charconv>

#include "pelcamp/core/rng.hpp"

namespace pelcamp::campaign {

std::string id_hex(std::uint64_t id) { return fmt::format("{:016x}", id); }

std::uint64_t parse_id_hex(const std::string& text) {
  std::uint64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id, 16);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.size() != 16)
    throw Error("'" + text + "' is not a unit id (16 hex digits)");
  return id;
}

units::PlanInfo Plan::info(const PlannedUnit& unit) const {
  if (unit.deps.empty()) return {unit.params};
  const PlannedUnit& input = units[unit.deps.front()];
  return {unit.params, input.atoms, input.snapshots};
}

double Plan::total_expected_seconds() const {
  double total = 0;
  for (const auto& u : units) total += u.expected_seconds;
  return total;
}

namespace {

// The unit's parameters as hashed into its id: Params::canonical() with every potential
// spec replaced by its identity (Campaign::potential_identities), independent of where the
// campaign's files lie.
std::string identity_text(const Campaign& c, const units::Params& point) {
  std::string out;
  for (const auto& [name, value] : point.values()) {
    std::string text = units::format_value(value);
    if (auto it = c.potential_identities.find(text); it != c.potential_identities.end()) text = it->second;
    out += fmt::format("{}{}={}", out.empty() ? "" : ";", name, text);
  }
  return out;
}

}  // namespace

Plan make_plan(const Campaign& c) {
  Plan plan;
  plan.seed = c.seed;
  std::vector<std::vector<std::uint32_t>> stage_units(c.stages.size());
  for (std::size_t s = 0; s < c.stages.size(); ++s) {
    const Stage& stage = c.stages[s];
    plan.stage_names.push_back(stage.name);
    std::vector<std::uint32_t> barrier;
    for (const auto& a : stage.after)
      for (std::uint32_t u : stage_units[c.stage_index(a)]) barrier.push_back(u);
    // Without for_each, one pass with no per-copy input.
    std::vector<std::int64_t> sources{-1};
    if (!stage.for_each.empty()) {
      sources.clear();
      for (std::uint32_t u : stage_units[c.stage_index(stage.for_each)]) sources.push_back(u);
    }
    for (std::int64_t source : sources) {
      for (const units::Params& point : stage.grid) {
        PlannedUnit unit;
        unit.stage = static_cast<int>(s);
        unit.kind = stage.kind;
        unit.params = point;
        if (source >= 0) {
          const PlannedUnit& input = plan.units[source];
          unit.deps.push_back(static_cast<std::uint32_t>(source));
          unit.affinity = input.id;
          unit.inherited = input.inherited;
          for (const auto& [name, value] : input.params.values())
            unit.inherited.emplace_back(stage.for_each + "." + name, units::format_value(value));
        }
        unit.deps.insert(unit.deps.end(), barrier.begin(), barrier.end());
        std::string key = std::string(stage.kind->name) + "|" + identity_text(c, point);
        for (std::uint32_t d : unit.deps) key += fmt::format("|{:016x}", plan.units[d].id);
        unit.id = stable_hash(key, c.seed);
        // The first input: the `for_each` source, else the first unit of the `after` stages.
        const units::PlanInfo info = plan.info(unit);
        unit.atoms = stage.kind->atom_count(info);
        unit.snapshots = stage.kind->snapshots ? stage.kind->snapshots(info) : 0;
        unit.expected_seconds = stage.kind->expected_seconds(info);
        const auto position = static_cast<std::uint32_t>(plan.units.size());
        auto [it, inserted] = plan.index.emplace(unit.id, position);
        if (!inserted) {
          const PlannedUnit& other = plan.units[it->second];
          throw Error(fmt::format(
              "campaign {}: stage '{}' and stage '{}' both define the unit {} with parameters {}; "
              "a grid lists the same point twice or two stages repeat the same computation",
              c.file, stage.name, c.stages[other.stage].name, stage.kind->name, point.canonical()));
        }
        stage_units[s].push_back(position);
        plan.units.push_back(std::move(unit));
      }
    }
  }
  return plan;
}

}  // namespace pelcamp::campaign
