#pragma once
// Small minimized systems for the normal-mode, soft-mode and elastic-constant tests.
#include <string>

#include "pelcamp/build/icosahedron.hpp"
#include "pelcamp/build/random_packing.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp::test {

inline const std::string kCuZrSpec =
    "eam/fs:" + std::string(PELCAMP_TEST_DATA) + "/potentials/CuZr_mm.eam.fs:Cu,Zr";

// Minimizes the atoms of `config` at fixed cell with conjugate gradients.
inline MinimizeResult minimize_atoms(Configuration& config, Potential& potential,
                                     double fmax = 1e-10) {
  auto minimizer = make_minimizer("cg");
  AtomsObjective objective(config, potential);
  StoppingCriteria stop;
  stop.fmax = fmax;
  stop.max_iterations = 100000;
  return minimizer->minimize(objective, objective.variables(), stop);
}

// An inherent structure of a random Cu50Zr50 packing (0.0585 Å⁻³) minimized in its periodic
// cell, optionally remapped into a sheared (triclinic) cell of the same volume first.
inline Configuration cuzr_glass(std::size_t atoms, std::uint64_t seed, bool triclinic,
                                Potential& potential) {
  RandomPackingSpec spec;
  spec.composition = {{{"Cu", 63.546}, 0.5}, {{"Zr", 91.224}, 0.5}};
  spec.atoms = atoms;
  spec.number_density = 0.0585;
  spec.min_distance = 2.0;
  spec.seed = seed;
  Configuration c = build_random_packing(spec);
  if (triclinic) {
    const Box old = c.box;
    c.box = Box::triclinic(old.lo(), {old.lx(), old.ly(), old.lz()}, 0.13 * old.lx(),
                           -0.07 * old.lx(), 0.05 * old.ly());
    for (auto& x : c.positions) x = c.box.from_fractional(old.to_fractional(x));
  }
  minimize_atoms(c, potential);
  return c;
}

// An inherent structure of a random 80:20 Kob–Andersen packing (ρ = 1.2 σ⁻³), minimized.
inline Configuration ka_glass(std::size_t atoms, std::uint64_t seed, Potential& potential) {
  RandomPackingSpec spec;
  spec.composition = {{{"A", 1.0}, 0.8}, {{"B", 1.0}, 0.2}};
  spec.atoms = atoms;
  spec.number_density = 1.2;
  spec.min_distance = 0.7;
  spec.seed = seed;
  Configuration c = build_random_packing(spec);
  minimize_atoms(c, potential, 1e-11);
  return c;
}

// The 55-atom Mackay icosahedron of Kob–Andersen A atoms, perturbed and minimized (free).
inline Configuration lj55_minimum(Potential& potential) {
  IcosahedronSpec spec;
  spec.shells = 2;
  spec.nn_distance = 1.1;
  spec.species = {"A", 1.0};
  Configuration c = build_mackay_icosahedron(spec);
  Rng rng(3);
  for (auto& x : c.positions) x += 0.02 * Vec3(rng.normal(), rng.normal(), rng.normal());
  minimize_atoms(c, potential, 1e-11);
  return c;
}

}  // namespace pelcamp::test
