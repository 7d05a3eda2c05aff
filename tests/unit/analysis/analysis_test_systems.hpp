#pragma once
// Small exact structures shared by the analysis tests.
#include <cmath>

#include "pelcamp/build/lattice.hpp"
#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/rng.hpp"

namespace pelcamp::test {

inline Configuration cubic_lattice(LatticeKind kind, double a, int cells) {
  LatticeSpec spec;
  spec.kind = kind;
  spec.a = a;
  spec.cells = {cells, cells, cells};
  if (kind == LatticeKind::b2)
    spec.species = {{"Cu", 63.546}, {"Zr", 91.224}};
  else
    spec.species = {{"X", 1.0}};
  return build_lattice(spec);
}

// fcc of cubic constant a built from its rhombohedral primitive cell (edge a/√2, 60°
// angles) in a LAMMPS triclinic box, replicated n times along each primitive vector.
inline Configuration triclinic_fcc(double a, int n) {
  const double l = a / std::sqrt(2.0);
  const Vec3 va(l, 0, 0), vb(l / 2, l * std::sqrt(3.0) / 2, 0),
      vc(l / 2, l / (2 * std::sqrt(3.0)), l * std::sqrt(2.0 / 3.0));
  Configuration config;
  config.box = Box::triclinic(Vec3::Zero(), Vec3(n * va.x(), n * vb.y(), n * vc.z()), n * vb.x(),
                              n * vc.x(), n * vc.y());
  config.species = {{"X", 1.0}};
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k) config.add_atom(0, i * va + j * vb + k * vc);
  config.wrap_all();
  return config;
}

// n uniformly random points in a periodic cube of edge l (an ideal gas).
inline Configuration ideal_gas(int n, double l, std::uint64_t seed) {
  Configuration config;
  config.box = Box::orthorhombic(Vec3::Zero(), Vec3(l, l, l));
  config.species = {{"A", 1.0}, {"B", 1.0}};
  Rng rng(seed);
  for (int i = 0; i < n; ++i)
    config.add_atom(i % 2, Vec3(rng.uniform(0, l), rng.uniform(0, l), rng.uniform(0, l)));
  return config;
}

}  // namespace pelcamp::test
