#include "pelcamp/units/unit_registry.hpp"

#include "pelcamp/units/art_search_unit.hpp"
#include "pelcamp/units/art_walk_unit.hpp"
#include "pelcamp/units/cluster_ground_state_unit.hpp"
#include "pelcamp/units/cluster_temperature_unit.hpp"
#include "pelcamp/units/cyclic_loading_unit.hpp"
#include "pelcamp/units/diagnostic_unit.hpp"
#include "pelcamp/units/eval_unit.hpp"
#include "pelcamp/units/indicators_unit.hpp"
#include "pelcamp/units/inherent_structures_unit.hpp"
#include "pelcamp/units/lattice_unit.hpp"
#include "pelcamp/units/md_unit.hpp"
#include "pelcamp/units/minimize_unit.hpp"
#include "pelcamp/units/packing_unit.hpp"
#include "pelcamp/units/perturbation_probe_unit.hpp"
#include "pelcamp/units/sample_prep_unit.hpp"
#include "pelcamp/units/structure_analysis_unit.hpp"

namespace pelcamp::units {

const std::vector<const UnitKind*>& unit_kinds() {
  // One line per unit kind.
  static const std::vector<const UnitKind*> kinds = {
      &packing_unit_kind(),
      &eval_unit_kind(),
      &minimize_unit_kind(),
      &md_unit_kind(),
      &diagnostic_unit_kind(),
      &art_search_unit_kind(),
      &art_walk_unit_kind(),
      &lattice_unit_kind(),
      &cyclic_loading_unit_kind(),
      &perturbation_probe_unit_kind(),
      &cluster_ground_state_unit_kind(),
      &cluster_lowest_unit_kind(),
      &cluster_temperature_unit_kind(),
      &sample_prep_unit_kind(),
      &inherent_structures_unit_kind(),
      &structure_analysis_unit_kind(),
      &indicators_unit_kind(),
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
