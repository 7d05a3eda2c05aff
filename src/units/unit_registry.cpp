#include "pelcamp/units/unit_registry.hpp"

#include "pelcamp/units/diagnostic_unit.hpp"

namespace pelcamp::units {

const std::vector<const UnitKind*>& unit_kinds() {
  // One line per unit kind.
  static const std::vector<const UnitKind*> kinds = {
      &diagnostic_unit_kind(),
  };
  return kinds;
}

std::vector<std::string> unit_kind_names() {
  std::vector<std::string> names;
  for (const UnitKind* k : unit_kinds()) names.emplace_back(k->name);
  return names;
}

const UnitKind& find_unit_kind(const std::string& name) {
  for (const UnitKind* k : unit_kinds())
    if (name == k->name) return *k;
  std::string allowed;
  for (const auto& n : unit_kind_names()) allowed += (allowed.empty() ? "" : ", ") + n;
  throw Error("unknown unit kind '" + name + "'; allowed: " + allowed);
}

}  // namespace pelcamp::units
