#include <gtest/gtest.h>

#include <fstream>

#include "pelcamp/analysis/density.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/io/lammps_data.hpp"

namespace pelcamp {
namespace {

// LAMMPS thermo `density` of the same sample (tools/reference/make-analysis-reference).
TEST(SampleDensity, MatchesLammpsThermoDensity) {
  const std::string dir = PELCAMP_TEST_DATA "/analysis/";
  const Configuration config = read_lammps_data(dir + "b2_distorted.data");
  double lammps_density = 0.0;
  std::ifstream(dir + "b2_distorted_density.txt") >> lammps_density;
  ASSERT_GT(lammps_density, 0.0);
  const SampleDensity rho = sample_density(config, UnitSystem::metal());
  EXPECT_NEAR(rho.mass, lammps_density, 1e-12 * lammps_density);
  // Box 9.75 × 9.75 × (9.6525 − 0.0975) Å³ holding 54 atoms.
  EXPECT_NEAR(rho.number, 54.0 / (9.75 * 9.75 * 9.555), 1e-14);
}

TEST(SampleDensity, FreeClusterHasNoDensity) {
  Configuration cluster;
  cluster.species = {{"A", 1.0}};
  cluster.add_atom(0, Vec3::Zero());
  EXPECT_THROW(sample_density(cluster, UnitSystem::lj()), Error);
}

}  // namespace
}  // namespace pelcamp
