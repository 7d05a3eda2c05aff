#include "pelcamp/build/lattice.hpp"

#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

struct BasisAtom {
  Vec3 fractional;  // position in the cubic cell, units of a
  int species;
};

std::vector<BasisAtom> basis(LatticeKind kind) {
  switch (kind) {
    case LatticeKind::sc:
      return {{Vec3(0, 0, 0), 0}};
    case LatticeKind::bcc:
      return {{Vec3(0, 0, 0), 0}, {Vec3(0.5, 0.5, 0.5), 0}};
    case LatticeKind::fcc:
      return {{Vec3(0, 0, 0), 0},
              {Vec3(0.5, 0.5, 0), 0},
              {Vec3(0.5, 0, 0.5), 0},
              {Vec3(0, 0.5, 0.5), 0}};
    case LatticeKind::b2:
      return {{Vec3(0, 0, 0), 0}, {Vec3(0.5, 0.5, 0.5), 1}};
  }
  throw Error("unknown lattice kind");
}

std::size_t species_needed(LatticeKind kind) { return kind == LatticeKind::b2 ? 2 : 1; }

}  // namespace

LatticeKind lattice_kind_from_name(const std::string& name) {
  for (LatticeKind kind : {LatticeKind::sc, LatticeKind::bcc, LatticeKind::fcc, LatticeKind::b2})
    if (lattice_kind_name(kind) == name) return kind;
  throw Error(fmt::format("unknown lattice '{}' (allowed: sc, bcc, fcc, b2)", name));
}

std::string lattice_kind_name(LatticeKind kind) {
  switch (kind) {
    case LatticeKind::sc:
      return "sc";
    case LatticeKind::bcc:
      return "bcc";
    case LatticeKind::fcc:
      return "fcc";
    case LatticeKind::b2:
      return "b2";
  }
  throw Error("unknown lattice kind");
}

Configuration build_lattice(const LatticeSpec& spec) {
  const std::string name = lattice_kind_name(spec.kind);
  if (!(spec.a > 0.0) || !std::isfinite(spec.a))
    throw Error(fmt::format("{} lattice constant must be positive, got {}", name, spec.a));
  for (int d = 0; d < 3; ++d)
    if (spec.cells[d] < 1)
      throw Error(fmt::format("{} lattice needs at least one cell along each axis, got {} {} {}",
                              name, spec.cells[0], spec.cells[1], spec.cells[2]));
  if (spec.species.size() != species_needed(spec.kind))
    throw Error(fmt::format("{} lattice takes {} species, got {}", name, species_needed(spec.kind),
                            spec.species.size()));
  if (spec.kind == LatticeKind::b2 && spec.species[0].name == spec.species[1].name)
    throw Error("b2 lattice needs two different species");
  for (const Species& s : spec.species)
    if (!(s.mass > 0.0)) throw Error(fmt::format("mass of species '{}' must be positive", s.name));

  Configuration config;
  config.species = spec.species;
  const Vec3 lengths = spec.a * Vec3(spec.cells[0], spec.cells[1], spec.cells[2]);
  config.box = Box::orthorhombic(Vec3::Zero(), lengths);
  const auto cell_basis = basis(spec.kind);
  for (int k = 0; k < spec.cells[2]; ++k)
    for (int j = 0; j < spec.cells[1]; ++j)
      for (int i = 0; i < spec.cells[0]; ++i)
        for (const BasisAtom& b : cell_basis)
          config.add_atom(b.species, spec.a * (Vec3(i, j, k) + b.fractional));
  return config;
}

}  // namespace pelcamp
