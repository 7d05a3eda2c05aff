#include "pelcamp/units/packing_unit.hpp"

#include <cstdlib>

#include "pelcamp/build/random_packing.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp::units {

namespace {

// "A:0.8,B:0.2" -> composition entries (unit masses; the potential sets the real ones).
std::vector<CompositionEntry> parse_composition(const std::string& text) {
  std::vector<CompositionEntry> entries;
  for (const auto& item : split_list(text, ',')) {
    const auto parts = split_list(item, ':');
    char* end = nullptr;
    const double fraction = parts.size() == 2 ? std::strtod(parts[1].c_str(), &end) : 0.0;
    if (parts.size() != 2 || parts[0].empty() || *end != '\0')
      throw Error("composition '" + text + "': expected NAME:FRACTION,NAME:FRACTION,…");
    entries.push_back({{parts[0], 1.0}, fraction});
  }
  return entries;
}

void run(UnitContext& ctx, UnitOutput& out) {
  RandomPackingSpec spec;
  spec.composition = parse_composition(ctx.params.text("composition"));
  spec.atoms = static_cast<std::size_t>(ctx.params.integer("atoms"));
  spec.number_density = ctx.params.real("density");
  spec.min_distance = ctx.params.real("min_distance");
  spec.seed = ctx.rng().next_u64();
  Configuration config = build_random_packing(spec);
  out.fields = {{config.box.volume()}};
  out.structure = std::move(config);
}

}  // namespace

const UnitKind& packing_unit_kind() {
  static const UnitKind kind{
      .name = "packing",
      .summary = "random packing of a composition at a density with a minimum distance",
      .params =
          {
              {.name = "composition", .type = ParamType::String,
               .default_value = std::string("A:0.8,B:0.2"), .doc = "NAME:FRACTION,… (fractions sum to 1)"},
              {.name = "atoms", .type = ParamType::Int, .min = 1, .max = 1e8, .doc = "number of atoms",
               .extensive = true},
              {.name = "density", .type = ParamType::Float, .unit = "atoms/length^3", .min = 1e-12,
               .max = 1e3, .doc = "number density"},
              {.name = "min_distance", .type = ParamType::Float, .unit = "length", .min = 0, .max = 1e3,
               .default_value = 0.8, .doc = "no two atoms closer than this"},
          },
      .outputs = {{.name = "volume", .unit = "length^3", .doc = "volume of the periodic cube"}},
      .writes_structure = true,
      .expected_seconds = [](const PlanInfo& info) { return 2e-6 * info.params.real("atoms"); },
      .atom_count = [](const PlanInfo& info) { return static_cast<std::size_t>(info.params.integer("atoms")); },
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
