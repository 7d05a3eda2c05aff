#pragma once
// Running a unit kind directly (no runner, no store) in the campaign tests.
#include <functional>
#include <memory>
#include <string>

#include "pelcamp/units/packing_unit.hpp"
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units::unit_testing {

// The kind's defaults, overridden by `overrides`.
inline Params with_defaults(const UnitKind& kind, const Params& overrides) {
  Params p;
  for (const auto& spec : kind.params)
    if (spec.default_value) p.set(spec.name, *spec.default_value);
  for (const auto& [name, value] : overrides.values()) p.set(name, value);
  return p;
}

inline std::shared_ptr<UnitOutput> run_unit(const UnitKind& kind, const Params& params,
                                            std::shared_ptr<const UnitOutput> input = nullptr,
                                            const std::string& checkpoint = "",
                                            std::function<bool()> stop = [] { return false; },
                                            std::uint64_t unit_id = 17) {
  UnitContext ctx{.params = params, .campaign_seed = 3, .unit_id = unit_id, .inputs = {},
                  .checkpoint_file = checkpoint, .stop_requested = std::move(stop)};
  if (input) ctx.inputs.push_back(std::move(input));
  auto out = std::make_shared<UnitOutput>();
  kind.run(ctx, *out);
  return out;
}

// A random packing of 100 Kob–Andersen A80B20 atoms at ρ = 1.2 (the `packing` unit).
inline std::shared_ptr<UnitOutput> ka_packing() {
  Params p;
  p.set("composition", std::string("A:0.8,B:0.2"));
  p.set("atoms", std::int64_t{100});
  p.set("density", 1.2);
  p.set("min_distance", 0.8);
  return run_unit(packing_unit_kind(), p);
}

// The values of field `name` of `out`.
inline const std::vector<double>& field(const UnitKind& kind, const UnitOutput& out, const std::string& name) {
  const int i = kind.field_index(name);
  if (i < 0) throw Error("no field " + name);
  return out.fields.at(static_cast<std::size_t>(i));
}

}  // namespace pelcamp::units::unit_testing
