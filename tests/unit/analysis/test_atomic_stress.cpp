#include <gtest/gtest.h>

#include "analysis/analysis_test_systems.hpp"
#include "pelcamp/analysis/atomic_stress.hpp"
#include "pelcamp/analysis/voronoi.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp {
namespace {

// B2 CuZr (EAM, Mendelev 2009) sheared into a triclinic cell and with random displacements,
// so per-atom volumes and stresses all differ.
Configuration distorted_b2() {
  auto config = test::cubic_lattice(LatticeKind::b2, 3.25, 3);
  Mat3 strain = Mat3::Identity();
  strain(0, 1) = 0.12;
  strain(0, 2) = -0.07;
  strain(1, 2) = 0.05;
  strain(2, 2) = 0.98;
  Rng rng(5);
  for (Vec3& x : config.positions)
    x = strain * x + 0.08 * Vec3(rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1));
  config.box.set_h(strain * config.box.h());
  config.wrap_all();
  return config;
}

TEST(AtomicStress, VolumeWeightedSumIsTheGlobalStress) {
  const auto config = distorted_b2();
  auto potential = make_potential("eam/fs:" PELCAMP_TEST_DATA "/potentials/CuZr_mm.eam.fs:Cu,Zr");
  ComputeRequest request;
  request.virial = true;
  request.per_atom_virial = true;
  ComputeResult result;
  potential->compute(config, request, result);

  const auto voronoi = compute_voronoi(config, {});
  const UnitSystem metal = UnitSystem::metal();
  const auto stress = atomic_stress(result.per_atom_virial, voronoi.volumes, metal);
  const Sym6 mean = volume_weighted_mean_stress(stress, voronoi.volumes);
  // Global stress = −(virial pressure) = −nktv2p W / V.
  const Sym6 global = to_sym6(-metal.nktv2p * result.virial / config.box.volume());
  for (int c = 0; c < 6; ++c) EXPECT_NEAR(mean[c], global[c], 1e-9 * std::abs(global[0])) << c;
  // The distortion makes the atomic stresses differ from atom to atom.
  EXPECT_GT(std::abs(stress[0][3] - stress[1][3]), 1e-3 * std::abs(global[0]));
}

TEST(AtomicStress, RejectsMismatchedOrEmptyVolumes) {
  const UnitSystem lj = UnitSystem::lj();
  EXPECT_THROW(atomic_stress({Sym6{}}, {}, lj), Error);
  EXPECT_THROW(atomic_stress({Sym6{}}, {0.0}, lj), Error);
}

}  // namespace
}  // namespace pelcamp
