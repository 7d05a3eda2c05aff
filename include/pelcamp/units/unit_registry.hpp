#pragma once
// The one table of unit kinds (src/units/unit_registry.cpp, one line per kind).
#include <string>
#include <vector>

#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const std::vector<const UnitKind*>& unit_kinds();
// Throws pelcamp::Error listing every registered kind when `name` is unknown.
const UnitKind& find_unit_kind(const std::string& name);
std::vector<std::string> unit_kind_names();

}  // namespace pelcamp::units
