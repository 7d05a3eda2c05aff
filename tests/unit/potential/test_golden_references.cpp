// Replays every LAMMPS golden reference in tests/data/reference against pelcamp: energy,
// forces, per-atom energies, global and per-atom virials must agree to round-off level.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "pelcamp/potential/registry.hpp"
#include "support/golden_reference.hpp"

namespace pelcamp {
namespace {

std::vector<std::string> reference_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(PELCAMP_TEST_DATA "/reference"))
    if (entry.path().extension() == ".ref") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

class GoldenReferenceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenReferenceTest, AgreesWithLammps) {
  const auto ref = testing::read_golden_reference(GetParam(), PELCAMP_TEST_DATA);
#ifndef PELCAMP_HAVE_KIM
  if (ref.potential.rfind("kim:", 0) == 0) GTEST_SKIP() << "pelcamp was built without OpenKIM";
#endif
  auto potential = make_potential(ref.potential);
  ASSERT_EQ(potential->units(), ref.units);
  ComputeRequest request;
  request.per_atom_energy = request.virial = request.per_atom_virial = true;
  ComputeResult result;
  potential->compute(ref.config, request, result);

  // Round-off of sums of O(100) terms of order one: 1e-10 relative on totals, 1e-9 absolute
  // (in the potential's own units, or relative when larger) on per-atom quantities.
  EXPECT_NEAR(result.energy, ref.energy, 1e-10 * std::abs(ref.energy));
  const Sym6 w = to_sym6(result.virial);
  double wscale = 1.0;
  for (double c : ref.virial) wscale = std::max(wscale, std::abs(c));
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(w[k], ref.virial[k], 1e-10 * wscale) << "virial " << k;
  for (std::size_t i = 0; i < ref.config.size(); ++i) {
    for (int d = 0; d < 3; ++d)
      ASSERT_NEAR(result.forces[i](d), ref.forces[i](d), 1e-9 * std::max(1.0, std::abs(ref.forces[i](d))))
          << "force on atom id " << ref.config.ids[i] << " component " << d;
    ASSERT_NEAR(result.per_atom_energy[i], ref.per_atom_energy[i],
                1e-9 * std::max(1.0, std::abs(ref.per_atom_energy[i])))
        << "energy of atom id " << ref.config.ids[i];
    for (int k = 0; k < 6; ++k)
      ASSERT_NEAR(result.per_atom_virial[i][k], ref.per_atom_virial[i][k],
                  1e-9 * std::max(1.0, std::abs(ref.per_atom_virial[i][k])))
          << "virial of atom id " << ref.config.ids[i] << " component " << k;
  }
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  return std::filesystem::path(info.param).stem().string();
}

INSTANTIATE_TEST_SUITE_P(Lammps, GoldenReferenceTest, ::testing::ValuesIn(reference_files()), case_name);

}  // namespace
}  // namespace pelcamp
