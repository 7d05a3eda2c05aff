#include "pelcamp/units/atomic_system.hpp"

#include <map>

#include "pelcamp/io/structure_file.hpp"
#include "pelcamp/potential/system_setup.hpp"

namespace pelcamp::units {

std::vector<ParamSpec> atomic_system_params() {
  return {
      {.name = "structure", .type = ParamType::Structure, .default_value = std::string(),
       .doc = "structure to start from (a `structures:` name); default: the input unit's structure"},
      {.name = "potential", .type = ParamType::Potential, .doc = "a `potentials:` name"},
      {.name = "free", .type = ParamType::Bool, .default_value = false,
       .doc = "treat the structure as a free cluster (no periodic images)"},
  };
}

std::vector<ParamSpec> concat(std::vector<ParamSpec> base, const std::vector<ParamSpec>& extra) {
  base.insert(base.end(), extra.begin(), extra.end());
  return base;
}

namespace {

const Configuration& file_structure(const std::string& path) {
  // Plan-time and run-time reads of the same file, remembered per process.
  static std::map<std::string, Configuration> cache;
  auto it = cache.find(path);
  if (it == cache.end()) it = cache.emplace(path, read_structure(path)).first;
  return it->second;
}

}  // namespace

AtomicSystem load_atomic_system(const UnitContext& ctx, double min_distance) {
  const std::string& file = ctx.params.text("structure");
  Configuration config;
  if (!file.empty()) {
    config = file_structure(file);
  } else if (!ctx.inputs.empty() && ctx.inputs.front()->structure) {
    config = *ctx.inputs.front()->structure;
  } else {
    throw Error("no structure: give the unit a `structure:` or make its stage `for_each:` a stage that makes structures");
  }
  SystemSetup setup;
  setup.potential = ctx.params.text("potential");
  setup.free = ctx.params.flag("free");
  setup.min_distance = min_distance;
  return set_up_system(std::move(config), setup, file.empty() ? "the input unit's structure" : file);
}

std::size_t atomic_system_atoms(const PlanInfo& info) {
  const std::string& file = info.params.text("structure");
  if (!file.empty()) return file_structure(file).size();
  if (info.input_atoms == 0)
    throw Error("a unit with parameters " + info.params.canonical() +
                " has no structure: give it `structure:` or make its stage `for_each:` a stage that makes structures");
  return info.input_atoms;
}

bool atomic_system_periodic(const PlanInfo& info) {
  if (info.params.flag("free")) return false;
  const std::string& file = info.params.text("structure");
  return file.empty() || file_structure(file).box.any_periodic();
}

}  // namespace pelcamp::units
