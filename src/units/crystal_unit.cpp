#include "pelcamp/units/crystal_unit.hpp"

#include "pelcamp/build/lattice.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp::units {

namespace {

LatticeSpec spec(const Params& p) {
  LatticeSpec s;
  s.kind = lattice_kind_from_name(p.text("lattice"));
  s.a = p.real("a");
  s.cells = {static_cast<int>(p.integer("cells_x")), static_cast<int>(p.integer("cells_y")),
             static_cast<int>(p.integer("cells_z"))};
  // Unit masses: the potential sets the real ones when a later stage sets the system up.
  for (const auto& name : split_list(p.text("species"), ',')) s.species.push_back({name, 1.0});
  return s;
}

std::size_t basis_atoms(LatticeKind kind) {
  switch (kind) {
    case LatticeKind::sc: return 1;
    case LatticeKind::bcc:
    case LatticeKind::b2: return 2;
    case LatticeKind::fcc: return 4;
  }
  return 0;
}

std::size_t atoms(const PlanInfo& info) {
  const LatticeSpec s = spec(info.params);
  return basis_atoms(s.kind) * static_cast<std::size_t>(s.cells[0] * s.cells[1] * s.cells[2]);
}

void run(UnitContext& ctx, UnitOutput& out) {
  Configuration config = build_lattice(spec(ctx.params));
  out.fields = {{config.box.volume()}};
  out.structure = std::move(config);
}

}  // namespace

const UnitKind& crystal_unit_kind() {
  static const UnitKind kind{
      .name = "crystal",
      .summary = "perfect cubic lattice (sc, bcc, fcc, b2) in a periodic box: a crystalline control",
      .params =
          {
              {.name = "lattice", .type = ParamType::Choice, .default_value = std::string("b2"),
               .doc = "lattice type (b2: CsCl, first species on corners)", .choices = {"sc", "bcc", "fcc", "b2"}},
              {.name = "a", .type = ParamType::Float, .unit = "length", .min = 1e-6, .max = 1e3,
               .doc = "cubic lattice constant (B2 CuZr ≈ 3.26 Å, fcc Cu 3.615 Å)"},
              {.name = "species", .type = ParamType::String, .default_value = std::string("Cu,Zr"),
               .doc = "NAME[,NAME]: one species (two for b2)"},
              {.name = "cells_x", .type = ParamType::Int, .min = 1, .max = 1e4, .default_value = std::int64_t{5},
               .doc = "cubic cells along x"},
              {.name = "cells_y", .type = ParamType::Int, .min = 1, .max = 1e4, .default_value = std::int64_t{5},
               .doc = "cubic cells along y"},
              {.name = "cells_z", .type = ParamType::Int, .min = 1, .max = 1e4, .default_value = std::int64_t{5},
               .doc = "cubic cells along z"},
          },
      .outputs = {{.name = "volume", .unit = "length^3", .doc = "box volume"}},
      .writes_structure = true,
      .expected_seconds = [](const PlanInfo& info) { return 1e-6 * double(atoms(info)); },
      .atom_count = atoms,
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
