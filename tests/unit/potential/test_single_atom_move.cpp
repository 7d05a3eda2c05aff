// Local energy updates for one moving atom (single_atom_move.hpp) against full evaluations:
// for random displacements of several atoms of small periodic random packings (and a box
// smaller than the interaction range, where neighbours and the atom itself have several
// images, and a free cluster), dE_atom equals the change of the atom's per-atom energy from
// compute() and dE_sys the change of the total energy, for every EAM flavour (fs with both
// cross densities, alloy, funcfl) and the pair family. Potentials without local updates
// (decorators) say so.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "pelcamp/build/random_packing.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/frozen_atoms.hpp"
#include "pelcamp/potential/registry.hpp"
#include "pelcamp/potential/single_atom_move.hpp"

namespace pelcamp {
namespace {

const std::string data = PELCAMP_TEST_DATA "/potentials/";

struct Case {
  std::string potential;
  std::vector<CompositionEntry> composition;
  double density;       // atoms per length³
  double min_distance;  // of the packing
  double max_displacement;
  std::size_t atoms = 300;
};

std::vector<Case> cases() {
  return {
      {"eam/fs:" + data + "CuZr_mm.eam.fs:Cu,Zr", {{{"Cu", 63.546}, 0.5}, {{"Zr", 91.224}, 0.5}}, 0.0573, 2.2, 0.6},
      {"eam/fs:" + data + "AB_asymmetric.eam.fs:A,B", {{{"A", 1.0}, 0.6}, {{"B", 1.0}, 0.4}}, 0.06, 2.0, 0.6},
      {"eam/alloy:" + data + "Al_EA.eam.alloy:Al", {{{"Al", 26.98}, 1.0}}, 0.0602, 2.2, 0.6},
      {"eam/alloy:" + data + "CuNi.eam.alloy:Cu,Ni", {{{"Cu", 63.546}, 0.7}, {{"Ni", 58.69}, 0.3}}, 0.087, 2.0, 0.5},
      {"eam:" + data + "Cu_u3.eam:Cu", {{{"Cu", 63.546}, 1.0}}, 0.0847, 2.0, 0.5},
      {"eam:" + data + "Cu_u3.eam," + data + "Ni_u3.eam:Cu,Ni", {{{"Cu", 63.546}, 0.5}, {{"Ni", 58.69}, 0.5}},
       0.087, 2.0, 0.5},
      {"lj/ka", {{{"A", 1.0}, 0.8}, {{"B", 1.0}, 0.2}}, 1.2, 0.8, 0.3},
      {"lj/50-50", {{{"A", 1.0}, 0.5}, {{"B", 1.0}, 0.5}}, 1.2, 0.8, 0.3},
      {"johnson/fe", {{{"Fe", 55.845}, 1.0}}, 0.0855, 1.8, 0.5},
      // A box narrower than the interaction range: several images of each neighbour, and of
      // the moving atom itself, interact with it.
      {"eam/fs:" + data + "CuZr_mm.eam.fs:Cu,Zr", {{{"Cu", 63.546}, 0.5}, {{"Zr", 91.224}, 0.5}}, 0.0573, 2.2, 0.6,
       8},
      {"lj/ka", {{{"A", 1.0}, 0.8}, {{"B", 1.0}, 0.2}}, 1.2, 0.8, 0.3, 12},
  };
}

Configuration packing(const Case& c, std::uint64_t seed) {
  return build_random_packing({.composition = c.composition, .atoms = c.atoms, .number_density = c.density,
                               .min_distance = c.min_distance, .seed = seed});
}

// A displacement uniform in the ball of radius `max`.
Vec3 random_displacement(std::mt19937_64& rng, double max) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (;;) {
    const Vec3 v(u(rng), u(rng), u(rng));
    if (v.squaredNorm() <= 1.0) return max * v;
  }
}

// Compares local updates with full evaluations for `moved` atoms of `config`, `trials` random
// displacements each.
void expect_full_system_differences(Potential& potential, const Configuration& config, double max_displacement,
                                    const std::vector<std::size_t>& moved, int trials, const std::string& label) {
  const ComputeRequest energies{.forces = false, .per_atom_energy = true};
  ComputeResult rest, after;
  potential.compute(config, energies, rest);
  const std::unique_ptr<SingleAtomMove> move = potential.single_atom_move(config, max_displacement);
  ASSERT_TRUE(move) << label;
  std::mt19937_64 rng(17);
  Configuration displaced = config;
  int checked = 0;
  for (std::size_t i : moved) {
    move->select(i);
    EXPECT_EQ(move->atom(), i);
    for (int t = 0; t < trials; ++t) {
      const Vec3 u = random_displacement(rng, max_displacement);
      displaced.positions[i] = config.positions[i] + u;
      potential.compute(displaced, energies, after);
      const MoveDelta local = move->delta(u);
      const double de_atom = after.per_atom_energy[i] - rest.per_atom_energy[i];
      double de_sys = 0.0;  // per-atom differences summed: the round-off of the neighbourhood
      for (std::size_t j = 0; j < config.size(); ++j) de_sys += after.per_atom_energy[j] - rest.per_atom_energy[j];
      const auto tolerance = [](double reference) { return std::max(1e-12, 1e-10 * std::abs(reference)); };
      EXPECT_NEAR(local.atom, de_atom, tolerance(de_atom)) << label << " atom " << i << " u " << u.transpose();
      EXPECT_NEAR(local.system, de_sys, tolerance(de_sys)) << label << " atom " << i << " u " << u.transpose();
      // The total energies differ by the same amount, up to their own round-off.
      EXPECT_NEAR(local.system, after.energy - rest.energy, 1e-14 * std::abs(rest.energy) + tolerance(de_sys))
          << label << " atom " << i;
      ++checked;
    }
    displaced.positions[i] = config.positions[i];
  }
  EXPECT_EQ(checked, static_cast<int>(moved.size()) * trials);
}

TEST(SingleAtomMove, EqualsFullSystemEnergyDifferences) {
  for (const Case& c : cases()) {
    auto potential = make_potential(c.potential);
    const Configuration config = packing(c, 5);
    const std::vector<std::size_t> moved = {0, c.atoms / 3, c.atoms - 1};  // 3 distinct atoms
    expect_full_system_differences(*potential, config, c.max_displacement, moved, 12,
                                   c.potential + " (" + std::to_string(c.atoms) + " atoms)");
  }
}

TEST(SingleAtomMove, EqualsFullSystemEnergyDifferencesInAFreeCluster) {
  const Case c = cases()[2];  // Al
  auto potential = make_potential(c.potential);
  Configuration cluster = packing({c.potential, c.composition, c.density, c.min_distance, 0.6, 60}, 3);
  cluster.box = Box::free_space();
  expect_full_system_differences(*potential, cluster, 0.6, {0, 29, 59}, 12, "Al cluster");
}

TEST(SingleAtomMove, NeighboursAreTheAtomsWithinReach) {
  const Case c = cases()[0];  // CuZr
  auto potential = make_potential(c.potential);
  const Configuration config = packing(c, 8);
  const double max_displacement = 0.2;
  const auto move = potential->single_atom_move(config, max_displacement);
  ASSERT_TRUE(move);
  EXPECT_EQ(move->size(), config.size());
  EXPECT_EQ(move->max_displacement(), max_displacement);
  const std::size_t i = 7;
  move->select(i);
  std::size_t within = 0;  // the box is wider than twice the reach: one image per atom
  for (std::size_t j = 0; j < config.size(); ++j)
    if (j != i && config.box.minimum_image(config.positions[j] - config.positions[i]).norm() <
                      potential->cutoff() + max_displacement)
      ++within;
  EXPECT_EQ(move->neighbours(), within);
  EXPECT_GT(within, 50u);
}

TEST(SingleAtomMove, RejectsBadInput) {
  auto ka = make_potential("lj/ka");
  const Configuration config = packing(cases()[6], 2);
  EXPECT_THROW(ka->single_atom_move(config, -0.1), Error);
  const auto move = ka->single_atom_move(config, 0.1);
  EXPECT_THROW(move->delta(Vec3(0.1, 0.0, 0.0)), Error);  // no atom selected
  EXPECT_THROW(move->select(config.size()), Error);
  move->select(3);
  EXPECT_NO_THROW(move->delta(Vec3(0.1, 0.0, 0.0)));
  EXPECT_THROW(move->delta(Vec3(0.1, 0.01, 0.0)), Error);
}

TEST(SingleAtomMove, DecoratorsHaveNoLocalUpdates) {
  const Configuration config = packing(cases()[6], 2);
  FrozenAtomsPotential frozen(make_potential("lj/ka"), FrozenAtomsPotential::all_but(config.size(), 0));
  EXPECT_EQ(frozen.single_atom_move(config, 0.1), nullptr);
}

}  // namespace
}  // namespace pelcamp
