#include "pelcamp/units/unit_kind.hpp"

#include <fmt/format.h>

namespace pelcamp::units {

Rng UnitContext::rng(std::uint64_t stream) const {
  std::uint64_t key = unit_id ^ (stream * 0x9E3779B97F4A7C15ULL);
  return Rng(campaign_seed, splitmix64(key));
}

void UnitContext::check_deadline() const {
  if (deadline_passed()) throw Error("unit deadline exceeded (run.unit_deadline)");
}

const ParamSpec* UnitKind::find_param(const std::string& name) const {
  for (const auto& p : params)
    if (name == p.name) return &p;
  return nullptr;
}

int UnitKind::field_index(const std::string& name) const {
  for (std::size_t i = 0; i < outputs.size(); ++i)
    if (name == outputs[i].name) return static_cast<int>(i);
  return -1;
}

const SeriesSpec* UnitKind::find_series(const std::string& name) const {
  for (const auto& s : series)
    if (name == s.name) return &s;
  return nullptr;
}

}  // namespace pelcamp::units
