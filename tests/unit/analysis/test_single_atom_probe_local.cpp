// probe_atom's two routes agree: with a potential that has local updates (pair, EAM) it
// evaluates only the atom's neighbourhood; wrapped in a decorator without them (frozen
// atoms, none frozen: the same energies) it evaluates the system per direction.
#include <gtest/gtest.h>

#include "analysis/intracage_test_samples.hpp"
#include "pelcamp/analysis/single_atom_probe.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/frozen_atoms.hpp"

namespace pelcamp {
namespace {

TEST(SingleAtomProbeLocal, LocalUpdatesGiveTheFullEvaluationProbe) {
  const std::vector<double> dr = {1e-3, 0.05, 0.3};
  const DirectionGrid grid(3, 5);
  struct Case {
    std::string potential;
    std::vector<CompositionEntry> composition;
    double density, min_distance;
  };
  for (const Case& c : {Case{"lj/ka", {{{"A", 1.0}, 0.8}, {{"B", 1.0}, 0.2}}, 1.2, 0.8},
                        Case{test::cuzr_spec, {{{"Cu", 63.546}, 0.5}, {{"Zr", 91.224}, 0.5}}, 0.0573, 2.2}}) {
    auto potential = make_potential(c.potential);
    Configuration sample = build_random_packing(
        {.composition = c.composition, .atoms = 200, .number_density = c.density, .min_distance = c.min_distance,
         .seed = 4});
    FrozenAtomsPotential full(potential->clone(), std::vector<bool>(sample.size(), false));
    ASSERT_EQ(full.single_atom_move(sample, dr.back()), nullptr);
    const std::unique_ptr<SingleAtomMove> moves = potential->single_atom_move(sample, dr.back());
    ASSERT_TRUE(moves);
    for (std::size_t atom : {0u, 77u, 199u}) {
      const AtomProbe expected = probe_atom(sample, sample.size(), atom, full, dr, grid);
      for (const AtomProbe& local : {probe_atom(sample, sample.size(), atom, *potential, dr, grid),
                                     probe_atom(*moves, atom, dr, grid)}) {
        ASSERT_EQ(local.de_atom.size(), expected.de_atom.size());
        for (std::size_t k = 0; k < expected.de_atom.size(); ++k) {
          const double scale = 1e-11 * (1.0 + std::abs(expected.de_sys[k]));
          EXPECT_NEAR(local.de_atom[k], expected.de_atom[k], scale) << c.potential << " atom " << atom;
          EXPECT_NEAR(local.de_sys[k], expected.de_sys[k], scale) << c.potential << " atom " << atom;
        }
      }
    }
    EXPECT_THROW(probe_atom(*moves, 0, {2 * dr.back()}, grid), Error);  // beyond the prepared reach
  }
}

}  // namespace
}  // namespace pelcamp
