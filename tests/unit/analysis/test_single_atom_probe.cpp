// Single-atom perturbation probes (seed 004 §2.3): the direction grid tiles the sphere;
// for pair potentials dE_sys = 2 dE_atom to round-off and no direction lowers the atom's
// energy at small dr (Ω = 0); the same holds for the B2 CuZr crystal under EAM, whereas in
// the CuZr EAM glass many atoms have directions with dE_atom < 0 while dE_sys > 0.
#include <gtest/gtest.h>

#include <numbers>

#include "analysis/intracage_test_samples.hpp"
#include "pelcamp/analysis/single_atom_probe.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/neighbor/local_region.hpp"

namespace pelcamp {
namespace {

TEST(DirectionGrid, CellsTileTheSphere) {
  const DirectionGrid grid(7, 13);
  double total = 0.0;
  Vec3 mean = Vec3::Zero();
  for (std::size_t k = 0; k < grid.size(); ++k) {
    total += grid.solid_angle(k);
    EXPECT_NEAR(grid.unit_vector(k).norm(), 1.0, 1e-15);
    mean += grid.solid_angle(k) * grid.unit_vector(k);
  }
  EXPECT_NEAR(total, 4.0 * std::numbers::pi, 1e-13);
  EXPECT_LT(mean.norm(), 1e-13);  // symmetric cells: the weighted directions cancel
  // Direction 0: first polar cell (θ = π/14), first azimuth cell (ϕ = π/13).
  EXPECT_DOUBLE_EQ(grid.theta(0), std::numbers::pi / 14);
  EXPECT_DOUBLE_EQ(grid.phi(0), std::numbers::pi / 13);
  EXPECT_DOUBLE_EQ(grid.theta(13), 3 * std::numbers::pi / 14);
  EXPECT_THROW(DirectionGrid(0, 3), Error);
}

const std::vector<double> small_dr = {1e-3, 3e-3, 1e-2};

TEST(SingleAtomProbe, PairPotentialSysIsTwiceAtomAndConfined) {
  for (const auto& [spec, fraction_b] : {std::pair{"lj/ka", 0.2}, std::pair{"lj/50-50", 0.5}}) {
    auto pair = make_potential(spec);
    Configuration glass =
        test::quenched_glass({{{"A", 1.0}, 1.0 - fraction_b}, {{"B", 1.0}, fraction_b}}, 150, 1.2, 0.8, *pair, 3);
    const Configuration before = glass;
    const DirectionGrid grid(6, 12);
    for (std::size_t atom : {0u, 37u, 149u}) {
      const AtomProbe p = probe_atom(glass, glass.size(), atom, *pair, small_dr, grid);
      for (std::size_t k = 0; k < p.de_atom.size(); ++k) {
        EXPECT_NEAR(p.de_sys[k], 2.0 * p.de_atom[k], 1e-12) << spec << " atom " << atom;
        EXPECT_GT(p.de_atom[k], 0.0) << spec << " atom " << atom;
      }
      for (std::size_t d = 0; d < small_dr.size(); ++d) EXPECT_EQ(p.negative_fraction(grid, d), 0.0);
    }
    EXPECT_EQ(glass.positions, before.positions);  // restored
  }
}

TEST(SingleAtomProbe, JohnsonPairPotentialSysIsTwiceAtom) {
  auto johnson = make_potential("johnson/fe");
  Configuration glass = test::quenched_glass({{{"Fe", 55.845}, 1.0}}, 128, 0.0855, 2.0, *johnson, 5);
  const DirectionGrid grid(4, 8);
  const AtomProbe p = probe_atom(glass, glass.size(), 10, *johnson, small_dr, grid);
  for (std::size_t k = 0; k < p.de_atom.size(); ++k) EXPECT_NEAR(p.de_sys[k], 2.0 * p.de_atom[k], 1e-12);
}

TEST(SingleAtomProbe, B2CrystalIsConfinedUnderEam) {
  auto cuzr = make_potential(test::cuzr_spec);
  Configuration crystal = test::cubic_lattice(LatticeKind::b2, 3.25, 4);
  const DirectionGrid grid(6, 12);
  for (std::size_t atom : {0u, 1u}) {  // a Cu corner and a Zr centre
    const AtomProbe p = probe_atom(crystal, crystal.size(), atom, *cuzr, small_dr, grid);
    for (std::size_t k = 0; k < p.de_atom.size(); ++k) {
      EXPECT_GT(p.de_atom[k], 0.0);
      EXPECT_GT(p.de_sys[k], 0.0);
    }
  }
}

TEST(SingleAtomProbe, CuZrGlassHasUnconfinedDirectionsForManyAtoms) {
  auto cuzr = make_potential(test::cuzr_spec);
  Configuration glass = test::cuzr_glass(*cuzr, 128, 11);
  const DirectionGrid grid(6, 12);
  const std::vector<double> dr = {0.01};  // Å, the paper's choice (§4.3)
  int unconfined = 0, probed = 0;
  for (std::size_t atom = 0; atom < glass.size(); atom += 4, ++probed) {
    const AtomProbe p = probe_atom(glass, glass.size(), atom, *cuzr, dr, grid);
    if (p.negative_fraction(grid, 0) > 0.0) ++unconfined;
    // The sample is a minimum: the system's energy rises along every direction.
    for (double e : p.de_sys) EXPECT_GT(e, 0.0);
  }
  EXPECT_GT(unconfined, probed / 4) << unconfined << " of " << probed;
}

// The probe of the perturbation_probe unit evaluates only the carved neighbourhood of the
// atom (exact atoms: within cutoff + dr_max; buffer: one cutoff more); its dE_atom and dE_sys
// are those of the whole sample. Unrelaxed packings suffice: the identity holds anywhere.
TEST(SingleAtomProbe, CarvedNeighbourhoodGivesTheFullSystemEnergyChanges) {
  const std::vector<double> dr = {1e-3, 0.05};
  const DirectionGrid grid(3, 4);
  struct Case {
    std::string potential;
    std::vector<CompositionEntry> composition;
    double density, min_distance;
  };
  for (const Case& c : {Case{"lj/ka", {{{"A", 1.0}, 0.8}, {{"B", 1.0}, 0.2}}, 1.2, 0.8},
                        Case{test::cuzr_spec, {{{"Cu", 63.546}, 0.5}, {{"Zr", 91.224}, 0.5}}, 0.0573, 2.2}}) {
    auto potential = make_potential(c.potential);
    RandomPackingSpec spec{.composition = c.composition, .atoms = 2000, .number_density = c.density,
                           .min_distance = c.min_distance, .seed = 9};
    Configuration sample = build_random_packing(spec);
    for (std::size_t atom : {0u, 1234u}) {
      const AtomProbe full = probe_atom(sample, sample.size(), atom, *potential, dr, grid);
      const std::size_t centre[] = {atom};
      LocalRegion region = carve_region(sample, centre, potential->cutoff() + dr.back(), potential->cutoff());
      ASSERT_FALSE(region.periodic) << c.potential;
      EXPECT_LT(region.config.size(), sample.size() / 2);
      const auto local = static_cast<std::size_t>(
          std::find(region.parent.begin(), region.parent.end(), atom) - region.parent.begin());
      auto local_potential = potential->clone();
      const AtomProbe carved = probe_atom(region.config, region.exact, local, *local_potential, dr, grid);
      for (std::size_t k = 0; k < full.de_atom.size(); ++k) {
        const double scale = 1e-11 * (1.0 + std::abs(full.de_sys[k]));
        EXPECT_NEAR(carved.de_atom[k], full.de_atom[k], scale) << c.potential << " atom " << atom;
        EXPECT_NEAR(carved.de_sys[k], full.de_sys[k], scale) << c.potential << " atom " << atom;
      }
    }
  }
}

TEST(SingleAtomProbe, RejectsAtomsOutsideTheExactSetAndBadDisplacements) {
  auto ka = make_potential("lj/ka");
  Configuration config = test::ideal_gas(10, 5.0, 1);
  const DirectionGrid grid(2, 2);
  EXPECT_THROW(probe_atom(config, 5, 7, *ka, small_dr, grid), Error);
  EXPECT_THROW(probe_atom(config, 10, 1, *ka, {0.0}, grid), Error);
}

}  // namespace
}  // namespace pelcamp
