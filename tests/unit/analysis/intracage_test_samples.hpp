#pragma once
// Small samples for the intra-cage tests (cyclic shear, single-atom probes): glasses made by
// minimizing a random packing (an infinitely fast quench) and B2 CuZr crystals.
#include <string>

#include "analysis/analysis_test_systems.hpp"
#include "pelcamp/build/random_packing.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp::test {

inline const std::string cuzr_spec = "eam/fs:" PELCAMP_TEST_DATA "/potentials/CuZr_mm.eam.fs:Cu,Zr";

// FIRE to fmax (energy/length); returns whether it converged.
inline bool relax(Configuration& config, Potential& potential, double fmax) {
  AtomsObjective objective(config, potential);
  StoppingCriteria stop;
  stop.fmax = fmax;
  stop.max_iterations = 100000;
  stop.max_evaluations = 200000;
  return make_minimizer("fire")->minimize(objective, objective.variables(), stop).converged();
}

// Random packing of `composition` at number density `density` (atoms/length³), minimized.
inline Configuration quenched_glass(const std::vector<CompositionEntry>& composition, std::size_t atoms,
                                    double density, double min_distance, Potential& potential,
                                    std::uint64_t seed) {
  RandomPackingSpec spec;
  spec.composition = composition;
  spec.atoms = atoms;
  spec.number_density = density;
  spec.min_distance = min_distance;
  spec.seed = seed;
  Configuration config = build_random_packing(spec);
  relax(config, potential, 1e-10);
  return config;
}

inline Configuration ka_glass(Potential& ka, std::size_t atoms = 150, std::uint64_t seed = 7) {
  return quenched_glass({{{"A", 1.0}, 0.8}, {{"B", 1.0}, 0.2}}, atoms, 1.2, 0.8, ka, seed);
}

inline Configuration cuzr_glass(Potential& cuzr, std::size_t atoms = 150, std::uint64_t seed = 11) {
  return quenched_glass({{{"Cu", 63.546}, 0.5}, {{"Zr", 91.224}, 0.5}}, atoms, 0.0573, 2.2, cuzr, seed);
}

}  // namespace pelcamp::test
