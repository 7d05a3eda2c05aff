// carve_region: on a CuZr EAM glass (the 250-atom minimized glass of the golden references,
// replicated 3×3×3 so a free carve fits), forces and per-atom energies of the exact atoms
// equal the full system's to round-off, energy differences of a displaced centre atom
// equal the full system's, a range of only rc (too short for EAM) breaks this, and small
// boxes fall back to the whole periodic system; an inner range orders the buffer atoms
// within it first.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "pelcamp/core/error.hpp"
#include "pelcamp/neighbor/local_region.hpp"
#include "pelcamp/potential/registry.hpp"
#include "support/golden_reference.hpp"

namespace pelcamp {
namespace {

const std::string kData = PELCAMP_TEST_DATA;
const std::string kCuZr = "eam/fs:" + kData + "/potentials/CuZr_mm.eam.fs:Cu,Zr";

Configuration small_glass() {
  return testing::read_golden_reference(kData + "/reference/cuzr_glass_triclinic_eam_fs.ref",
                                        kData)
      .config;
}

// n×n×n periodic replica of a configuration in a triclinic box.
Configuration replicate(const Configuration& c, int n) {
  Configuration big;
  const Box& b = c.box;
  big.box = Box::triclinic(b.lo(), {n * b.lx(), n * b.ly(), n * b.lz()}, n * b.xy(),
                           n * b.xz(), n * b.yz());
  big.species = c.species;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k)
        for (std::size_t a = 0; a < c.size(); ++a)
          big.add_atom(c.types[a], c.positions[a] + b.h() * Vec3(i, j, k));
  return big;
}

ComputeResult compute(Potential& pot, const Configuration& c) {
  ComputeRequest request;
  request.per_atom_energy = true;
  ComputeResult result;
  pot.compute(c, request, result);
  return result;
}

// Largest difference of force and of per-atom energy over the exact atoms.
std::array<double, 2> exact_atom_errors(const LocalRegion& region, const ComputeResult& full,
                                        const ComputeResult& carved) {
  std::array<double, 2> worst{0.0, 0.0};
  for (std::size_t k = 0; k < region.exact; ++k) {
    const std::size_t p = region.parent[k];
    worst[0] = std::max(worst[0], (carved.forces[k] - full.forces[p]).norm());
    worst[1] = std::max(worst[1], std::abs(carved.per_atom_energy[k] - full.per_atom_energy[p]));
  }
  return worst;
}

class LocalRegionGlass : public ::testing::Test {
 protected:
  void SetUp() override {
    glass = replicate(small_glass(), 3);
    potential = make_potential(kCuZr);
    full = compute(*potential, glass);
    range = 2.0 * potential->cutoff();  // EAM
  }
  Configuration glass;
  std::unique_ptr<Potential> potential;
  ComputeResult full;
  double range = 0.0;
};

TEST_F(LocalRegionGlass, ExactAtomsFeelTheFullSystemForces) {
  const std::array<std::size_t, 1> centre{1234};
  const LocalRegion region = carve_region(glass, centre, 4.0, range);
  ASSERT_FALSE(region.periodic);
  EXPECT_FALSE(region.config.box.any_periodic());
  EXPECT_GT(region.exact, 5u);
  EXPECT_LT(region.config.size(), glass.size() / 2);
  EXPECT_NE(std::find(region.parent.begin(), region.parent.begin() + region.exact, 1234),
            region.parent.begin() + region.exact);
  // Exact atoms really are within the radius, buffer atoms beyond it.
  const Vec3 c = glass.positions[1234];
  for (std::size_t k = 0; k < region.config.size(); ++k) {
    const double r = glass.box.minimum_image(glass.positions[region.parent[k]] - c).norm();
    EXPECT_EQ(k < region.exact, r <= 4.0) << k;
    EXPECT_NEAR((region.config.positions[k] - region.config.positions[0]).norm(),
                glass.box.minimum_image(glass.positions[region.parent[k]] -
                                        glass.positions[region.parent[0]]).norm(),
                1e-9);
  }
  auto local = potential->clone();
  const auto [force_error, energy_error] =
      exact_atom_errors(region, full, compute(*local, region.config));
  EXPECT_LT(force_error, 1e-11);
  EXPECT_LT(energy_error, 1e-11);
}

TEST_F(LocalRegionGlass, InnerBufferComesFirst) {
  const std::array<std::size_t, 1> centre{1234};
  const double inner = potential->cutoff() + 0.5;
  const LocalRegion region = carve_region(glass, centre, 4.0, range, inner);
  ASSERT_FALSE(region.periodic);
  EXPECT_GT(region.reached, region.exact);
  EXPECT_LT(region.reached, region.config.size());
  const Vec3 c = glass.positions[1234];
  for (std::size_t k = 0; k < region.config.size(); ++k) {
    const double r = glass.box.minimum_image(glass.positions[region.parent[k]] - c).norm();
    EXPECT_EQ(k < region.exact, r <= 4.0) << k;
    EXPECT_EQ(k < region.reached, r <= 4.0 + inner) << k;
  }
  // The same atoms as without the inner split, and none without an inner range.
  const LocalRegion plain = carve_region(glass, centre, 4.0, range);
  EXPECT_EQ(plain.reached, plain.exact);
  EXPECT_EQ(plain.config.size(), region.config.size());
  EXPECT_THROW(carve_region(glass, centre, 4.0, range, range + 1.0), Error);
}

TEST_F(LocalRegionGlass, EnergyDifferencesOfADisplacedCentreAtomAreTheFullSystems) {
  const std::size_t centre = 4321;
  const std::array<std::size_t, 1> centres{centre};
  LocalRegion region = carve_region(glass, centres, potential->cutoff() + 0.35, range);
  ASSERT_FALSE(region.periodic);
  std::size_t k_centre = 0;
  while (region.parent[k_centre] != centre) ++k_centre;
  auto local = potential->clone();
  const double e0_full = full.energy, e0_local = compute(*local, region.config).energy;
  Configuration moved = glass;
  for (const Vec3& step : {Vec3(0.2, 0.0, 0.0), Vec3(-0.1, 0.3, 0.1), Vec3(0.05, -0.05, -0.25)}) {
    moved.positions[centre] = glass.positions[centre] + step;
    region.config.positions[k_centre] = glass.positions[centre] + region.offset[k_centre] + step;
    const double de_full = compute(*potential, moved).energy - e0_full;
    const double de_local = compute(*local, region.config).energy - e0_local;
    EXPECT_GT(std::abs(de_full), 1e-3);
    EXPECT_NEAR(de_local, de_full, 1e-8);
  }
  // Writing the carved centre back reproduces the displaced parent.
  Configuration written = glass;
  region.write_back(written, region.exact);
  EXPECT_LT((written.positions[centre] - moved.positions[centre]).norm(), 1e-12);
  EXPECT_EQ(written.images, glass.images);
}

// EAM couples atoms over 2 rc: a buffer of rc only misses densities of the neighbours of
// the outermost exact atoms, so their forces are wrong (the check above can fail).
TEST_F(LocalRegionGlass, BufferOfOneCutoffIsTooShortForEam) {
  const std::array<std::size_t, 1> centre{1234};
  const LocalRegion region = carve_region(glass, centre, 4.0, potential->cutoff());
  auto local = potential->clone();
  EXPECT_GT(exact_atom_errors(region, full, compute(*local, region.config))[0], 1e-4);
}

TEST_F(LocalRegionGlass, SeveralCentres) {
  // Centres close together carve into free space; far apart they need the periodic box.
  std::vector<std::size_t> near{10};
  for (std::size_t j = 0; j < glass.size() && near.size() < 3; ++j) {
    const double r = glass.box.minimum_image(glass.positions[j] - glass.positions[10]).norm();
    if (r > 2.0 && r < 4.0) near.push_back(j);
  }
  ASSERT_EQ(near.size(), 3u);
  const std::array<std::size_t, 3> far{10, 1700, 5000};
  auto local = potential->clone();
  for (const std::span<const std::size_t> centres :
       {std::span<const std::size_t>(near), std::span<const std::size_t>(far)}) {
    const LocalRegion region = carve_region(glass, centres, 3.0, range);
    EXPECT_EQ(region.periodic, centres.data() == far.data());
    const auto errors = exact_atom_errors(region, full, compute(*local, region.config));
    EXPECT_LT(errors[0], 1e-11);
    EXPECT_LT(errors[1], 1e-11);
    for (const std::size_t c : centres)
      EXPECT_NE(std::find(region.parent.begin(), region.parent.begin() + region.exact, c),
                region.parent.begin() + region.exact);
  }
}

TEST(LocalRegion, SmallPeriodicBoxKeepsTheWholeSystem) {
  const Configuration glass = small_glass();
  auto potential = make_potential(kCuZr);
  const ComputeResult full = compute(*potential, glass);
  const std::array<std::size_t, 1> centre{7};
  const LocalRegion region = carve_region(glass, centre, 4.0, 2.0 * potential->cutoff());
  EXPECT_TRUE(region.periodic);
  ASSERT_EQ(region.config.size(), glass.size());
  EXPECT_LT(region.exact, glass.size() / 2);
  auto local = potential->clone();
  const auto errors = exact_atom_errors(region, full, compute(*local, region.config));
  EXPECT_LT(errors[0], 1e-11);
  EXPECT_LT(errors[1], 1e-11);
  EXPECT_NEAR(compute(*local, region.config).energy, full.energy, 1e-9);
}

TEST(LocalRegion, RejectsBadArguments) {
  const Configuration glass = small_glass();
  const std::array<std::size_t, 1> outside{glass.size()};
  const std::array<std::size_t, 1> centre{0};
  EXPECT_THROW(carve_region(glass, outside, 4.0, 10.0), Error);
  EXPECT_THROW(carve_region(glass, std::span<const std::size_t>(), 4.0, 10.0), Error);
  EXPECT_THROW(carve_region(glass, centre, -1.0, 10.0), Error);
  EXPECT_THROW(carve_region(glass, centre, 4.0, 0.0), Error);
}

}  // namespace
}  // namespace pelcamp
