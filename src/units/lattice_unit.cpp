#include "pelcamp/units/lattice_unit.hpp"

#include <cmath>

#include "pelcamp/build/lattice.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp::units {

namespace {

std::size_t atoms_per_cell(const std::string& lattice) {
  switch (lattice_kind_from_name(lattice)) {
    case LatticeKind::sc: return 1;
    case LatticeKind::bcc:
    case LatticeKind::b2: return 2;
    case LatticeKind::fcc: return 4;
  }
  return 0;
}

void run(UnitContext& ctx, UnitOutput& out) {
  LatticeSpec spec;
  spec.kind = lattice_kind_from_name(ctx.params.text("lattice"));
  spec.a = ctx.params.real("a");
  const int cells = static_cast<int>(ctx.params.integer("cells"));
  spec.cells = {cells, cells, cells};
  // Unit masses: set_up_system takes the masses from the potential where it defines them.
  for (const auto& name : split_list(ctx.params.text("species"), ',')) spec.species.push_back({name, 1.0});
  Configuration config = build_lattice(spec);
  out.fields = {{config.box.volume()}};
  out.structure = std::move(config);
}

}  // namespace

const UnitKind& lattice_unit_kind() {
  static const UnitKind kind{
      .name = "lattice",
      .summary = "perfect cubic crystal (sc, bcc, fcc, b2) of cells³ unit cells in a periodic cube",
      .params =
          {
              {.name = "lattice", .type = ParamType::Choice, .doc = "crystal structure",
               .choices = {"sc", "bcc", "fcc", "b2"}},
              {.name = "a", .type = ParamType::Float, .unit = "length", .min = 1e-6, .max = 1e3,
               .doc = "cubic lattice constant"},
              {.name = "cells", .type = ParamType::Int, .min = 1, .max = 1000,
               .doc = "unit cells along each edge of the cube"},
              {.name = "species", .type = ParamType::String,
               .doc = "NAME (sc, bcc, fcc) or CORNER,CENTRE (b2), e.g. Cu,Zr"},
          },
      .outputs = {{.name = "volume", .unit = "length^3", .doc = "volume of the periodic cube"}},
      .writes_structure = true,
      .expected_seconds = [](const PlanInfo& info) { return 1e-7 * double(std::pow(info.params.integer("cells"), 3)); },
      .atom_count =
          [](const PlanInfo& info) {
            const auto n = static_cast<std::size_t>(info.params.integer("cells"));
            return atoms_per_cell(info.params.text("lattice")) * n * n * n;
          },
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
