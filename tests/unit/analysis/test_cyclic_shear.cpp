// Intra-cage cyclic shear: the affine shear is undone exactly, a crystal (with and without a
// vacancy, whose neighbours relax non-affinely) returns to its start at small strain, a
// pair glass at small strain is reversible to the relaxation tolerance, and a large strain
// breaks cages.
#include <gtest/gtest.h>

#include "analysis/intracage_test_samples.hpp"
#include "pelcamp/analysis/cyclic_shear.hpp"
#include "pelcamp/core/error.hpp"

namespace pelcamp {
namespace {

double max_abs_change(const CyclicShearResult& r) {
  double worst = 0.0;
  for (std::size_t i = 0; i < r.stress_initial.size(); ++i)
    for (int c = 0; c < 6; ++c) worst = std::max(worst, std::abs(r.stress_final[i][c] - r.stress_initial[i][c]));
  return worst;
}

TEST(CyclicShear, SimpleShearTiltsTheBoxAndMovesAtomsAffinely) {
  Configuration config = test::cubic_lattice(LatticeKind::b2, 3.25, 2);
  const Configuration start = config;
  apply_simple_shear(config, 0.03);
  EXPECT_DOUBLE_EQ(config.box.xy(), 0.03 * start.box.ly());
  EXPECT_DOUBLE_EQ(config.box.lx(), start.box.lx());
  for (std::size_t i = 0; i < config.size(); ++i) {
    EXPECT_DOUBLE_EQ(config.positions[i].x(), start.positions[i].x() + 0.03 * start.positions[i].y());
    // Fractional coordinates are unchanged by an affine map of positions and cell.
    EXPECT_NEAR((config.box.to_fractional(config.positions[i]) - start.box.to_fractional(start.positions[i])).norm(),
                0.0, 1e-14);
  }
  apply_simple_shear(config, -0.03);
  for (std::size_t i = 0; i < config.size(); ++i)
    EXPECT_NEAR((config.positions[i] - start.positions[i]).norm(), 0.0, 1e-14);
}

CyclicShearSettings settings(double strain) {
  CyclicShearSettings s;
  s.strain = strain;
  s.relax.fmax = 1e-10;
  s.relax.max_iterations = 200000;
  s.relax.max_evaluations = 400000;
  return s;
}

TEST(CyclicShear, B2CrystalReturnsExactlyToItsStart) {
  auto cuzr = make_potential(test::cuzr_spec);
  Configuration config = test::cubic_lattice(LatticeKind::b2, 3.25, 4);
  const auto r = cyclic_shear(config, *cuzr, settings(1e-3), UnitSystem::metal());
  EXPECT_FALSE(r.cage_broken);
  EXPECT_TRUE(r.initial.converged && r.loaded.converged && r.final.converged);
  // Every atom is a centre of inversion: no non-affine motion, the cycle is the identity.
  EXPECT_LT(max_abs_change(r), 1e-9 * r.rms_initial_stress + 1e-6);  // bar
  for (const Vec3& d : r.displacement) EXPECT_LT(d.norm(), 1e-12);
  // The loaded state holds a shear stress: the strain was applied.
  EXPECT_GT(r.loaded.energy, r.initial.energy);
}

TEST(CyclicShear, CrystalWithAVacancyRelaxesAndStillReturns) {
  auto cuzr = make_potential(test::cuzr_spec);
  Configuration config = test::cubic_lattice(LatticeKind::b2, 3.25, 4);
  config.positions.erase(config.positions.begin() + 21);
  config.velocities.erase(config.velocities.begin() + 21);
  config.images.erase(config.images.begin() + 21);
  config.types.erase(config.types.begin() + 21);
  config.ids.erase(config.ids.begin() + 21);
  const auto r = cyclic_shear(config, *cuzr, settings(1e-3), UnitSystem::metal());
  EXPECT_FALSE(r.cage_broken);
  EXPECT_TRUE(r.initial.converged && r.loaded.converged && r.final.converged);
  // The loaded relaxation moved atoms non-affinely (the vacancy breaks inversion symmetry),
  // yet the cycle returns every stress to within the relaxation tolerance.
  EXPECT_GT(r.loaded.iterations, 10);
  EXPECT_LT(r.delta(), 1e-6);
}

TEST(CyclicShear, PairGlassIsReversibleAtSmallStrainAndBreaksCagesAtLarge) {
  auto ka = make_potential("lj/ka");
  const Configuration glass = test::ka_glass(*ka);
  Configuration small = glass;
  const auto r = cyclic_shear(small, *ka, settings(1e-4), UnitSystem::lj());
  EXPECT_FALSE(r.cage_broken);
  EXPECT_LT(r.delta(), 1e-6);
  EXPECT_GT(r.rms_initial_stress, 0.1);  // a glass: large residual atomic stresses (ε/σ³)

  Configuration large = glass;
  auto s = settings(0.2);
  s.displaced_fraction = 0.05;
  const auto big = cyclic_shear(large, *ka, s, UnitSystem::lj());
  EXPECT_TRUE(big.cage_broken);
  EXPECT_EQ(big.most_displaced.size(), 8u);  // ⌈0.05 × 150⌉
  EXPECT_GT(big.delta(), 1e-2);
}

TEST(CyclicShear, RejectsBadSettings) {
  auto ka = make_potential("lj/ka");
  Configuration config = test::ideal_gas(10, 5.0, 1);
  auto s = settings(0.01);
  s.displaced_fraction = 0.0;
  EXPECT_THROW(cyclic_shear(config, *ka, s, UnitSystem::lj()), Error);
  Configuration cluster = config;
  cluster.box = Box::free_space();
  EXPECT_THROW(cyclic_shear(cluster, *ka, settings(0.01), UnitSystem::lj()), Error);
}

}  // namespace
}  // namespace pelcamp
