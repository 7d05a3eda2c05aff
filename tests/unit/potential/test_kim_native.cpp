// The native path for tabulated-EAM OpenKIM models (kim-native:MODEL): the tables read
// through the KIM API must be the very tables of the LAMMPS files the models were made from,
// and the native EAM on them must reproduce the KIM model.
#include <gtest/gtest.h>

#ifdef PELCAMP_HAVE_KIM

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/kim_potential.hpp"
#include "pelcamp/potential/registry.hpp"
#include "support/golden_reference.hpp"

namespace pelcamp {
namespace {

// The numbers of a LAMMPS setfl / FS file: grid, then per element F and ρ, then r·φ. The
// per-element "Z mass a0 lattice" lines are skipped: the KIM model does not carry them.
struct EamTables {
  std::vector<std::string> elements;
  int nrho = 0, nr = 0;
  double drho = 0, dr = 0, cutoff = 0;
  std::vector<double> values;
};

EamTables read_tables(const std::string& path, bool fs) {
  std::ifstream in(path);
  if (!in) throw Error("cannot open " + path);
  std::string line;
  for (int k = 0; k < 3; ++k) std::getline(in, line);
  EamTables t;
  std::size_t n = 0;
  in >> n;
  t.elements.resize(n);
  for (auto& e : t.elements) in >> e;
  in >> t.nrho >> t.drho >> t.nr >> t.dr >> t.cutoff;
  auto read = [&](std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) {
      double v;
      in >> v;
      t.values.push_back(v);
    }
  };
  for (std::size_t e = 0; e < n; ++e) {
    std::string z, mass, a0, lattice;
    in >> z >> mass >> a0 >> lattice;
    read(t.nrho);
    read((fs ? n : 1) * t.nr);
  }
  read(n * (n + 1) / 2 * t.nr);
  if (in.fail()) throw Error("truncated EAM file " + path);
  std::string extra;
  if (in >> extra) throw Error("unexpected trailing data in " + path);
  return t;
}

std::string scratch_directory(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("pelcamp-test-kim-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

void expect_tables_equal(const EamTables& exported, const EamTables& file) {
  EXPECT_EQ(exported.elements, file.elements);
  EXPECT_EQ(exported.nrho, file.nrho);
  EXPECT_EQ(exported.nr, file.nr);
  EXPECT_EQ(exported.drho, file.drho);
  EXPECT_EQ(exported.dr, file.dr);
  EXPECT_EQ(exported.cutoff, file.cutoff);
  ASSERT_EQ(exported.values.size(), file.values.size());
  for (std::size_t k = 0; k < file.values.size(); ++k)
    ASSERT_EQ(exported.values[k], file.values[k]) << "table value " << k;
}

TEST(KimNative, ExportedSetflEqualsTheErcolessiAdamsFile) {
  const auto dir = scratch_directory("setfl");
  const auto table = export_kim_eam_table("EAM_Dynamo_ErcolessiAdams_1994_Al__MO_123629422045_005", dir);
  EXPECT_EQ(table.style, "eam/alloy");
  EXPECT_EQ(table.elements, std::vector<std::string>{"Al"});
  expect_tables_equal(read_tables(table.path, false),
                      read_tables(PELCAMP_TEST_DATA "/potentials/Al_EA.eam.alloy", false));

  // A second export finds the identical file and leaves it (and no temporary) alone.
  const auto written = std::filesystem::last_write_time(table.path);
  const auto again = export_kim_eam_table("EAM_Dynamo_ErcolessiAdams_1994_Al__MO_123629422045_005", dir);
  EXPECT_EQ(again.path, table.path);
  EXPECT_EQ(std::filesystem::last_write_time(again.path), written);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
  std::filesystem::remove_all(dir);
}

TEST(KimNative, ExportedFinnisSinclairEqualsTheCuZrFile) {
  // CuZr_mm.eam.fs is Mendelev, Sordelet & Kramer (2007), the table of this KIM model.
  const auto dir = scratch_directory("fs");
  const auto table = export_kim_eam_table("EAM_Dynamo_MendelevSordeletKramer_2007_CuZr__MO_120596890176_005", dir);
  EXPECT_EQ(table.style, "eam/fs");
  EXPECT_EQ(table.elements, (std::vector<std::string>{"Cu", "Zr"}));
  expect_tables_equal(read_tables(table.path, true),
                      read_tables(PELCAMP_TEST_DATA "/potentials/CuZr_mm.eam.fs", true));

  std::filesystem::remove_all(dir);
}

TEST(KimNative, ModelsThatAreNotLammpsTabulatedEamAreRefused) {
  for (const char* model : {"Tersoff_LAMMPS_MuellerErhartAlbe_2007_Fe__MO_137964310702_003",
                            "EAM_CubicNaturalSpline_ErcolessiAdams_1994_Al__MO_800509458712_002"}) {
    std::string message;
    try {
      export_kim_eam_table(model, scratch_directory("refused"));
    } catch (const Error& e) {
      message = e.what();
    }
    EXPECT_NE(message.find("not a tabulated EAM of the EAM_Dynamo driver"), std::string::npos) << message;
    EXPECT_NE(message.find(std::string("use kim:") + model), std::string::npos) << message;
  }
}

TEST(KimNative, CacheDirectoryFollowsTheEnvironment) {
  const char* saved = std::getenv("PELCAMP_CACHE_DIR");
  const std::string restore = saved ? saved : "";
  setenv("PELCAMP_CACHE_DIR", "/some/cache", 1);
  EXPECT_EQ(kim_cache_directory(), "/some/cache/kim");
  unsetenv("PELCAMP_CACHE_DIR");
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  if (xdg && *xdg) {
    EXPECT_EQ(kim_cache_directory(), std::string(xdg) + "/pelcamp/kim");
  } else if (home && *home) {
    EXPECT_EQ(kim_cache_directory(), std::string(home) + "/.cache/pelcamp/kim");
  }
  if (saved) setenv("PELCAMP_CACHE_DIR", restore.c_str(), 1);
}

// Same model through the KIM API and on the native EAM path: identical tables and
// interpolation, so agreement to round-off. Needs the native eam styles in the registry.
class KimNativeAgainstKim : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    bool native_eam = false;
    for (const auto& s : potential_styles()) native_eam |= std::string(s.name) == "eam/alloy";
    if (!native_eam) GTEST_SKIP() << "the native eam/alloy and eam/fs styles are not in this build";
    cache_ = scratch_directory("cache");
    setenv("PELCAMP_CACHE_DIR", cache_.c_str(), 1);
  }
  void TearDown() override {
    unsetenv("PELCAMP_CACHE_DIR");
    if (!cache_.empty()) std::filesystem::remove_all(cache_);
  }
  std::string cache_;
};

TEST_P(KimNativeAgainstKim, AgreesToRoundOff) {
  const auto ref = testing::read_golden_reference(
      std::string(PELCAMP_TEST_DATA) + "/reference/" + GetParam() + ".ref", PELCAMP_TEST_DATA);
  const std::string model = ref.potential.substr(4);  // "kim:MODEL"
  auto kim = make_potential("kim:" + model);
  auto native = make_potential("kim-native:" + model);
  EXPECT_EQ(native->name(), "kim-native:" + model);
  EXPECT_TRUE(native->masses().empty());
  EXPECT_EQ(native->units(), "metal");
  EXPECT_DOUBLE_EQ(native->cutoff(), kim->cutoff());

  ComputeRequest request;
  request.per_atom_energy = request.virial = request.per_atom_virial = true;
  ComputeResult a, b;
  kim->compute(ref.config, request, a);
  native->compute(ref.config, request, b);
  EXPECT_NEAR(b.energy, a.energy, 1e-10 * std::abs(a.energy));
  EXPECT_LE((b.virial - a.virial).cwiseAbs().maxCoeff(), 1e-10 * a.virial.cwiseAbs().maxCoeff());
  for (std::size_t i = 0; i < ref.config.size(); ++i) {
    ASSERT_LE((b.forces[i] - a.forces[i]).cwiseAbs().maxCoeff(), 1e-9) << "force on atom " << i;
    ASSERT_NEAR(b.per_atom_energy[i], a.per_atom_energy[i], 1e-9) << "energy of atom " << i;
    for (int k = 0; k < 6; ++k)
      ASSERT_NEAR(b.per_atom_virial[i][k], a.per_atom_virial[i][k], 1e-9) << "virial of atom " << i;
  }
  EXPECT_EQ(native->elements(), kim->elements());

  Configuration foreign = ref.config;
  foreign.species[0].name = "Xe";
  std::string message;
  try {
    native->energy(foreign);
  } catch (const Error& e) {
    message = e.what();
  }
  EXPECT_NE(message.find("does not support species 'Xe'"), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(Models, KimNativeAgainstKim,
                         ::testing::Values("al55_cluster_kim", "al_small_triclinic_kim",
                                           "cuzr_small_liquid_kim", "cuau_fcc_kim"));

}  // namespace
}  // namespace pelcamp

#endif  // PELCAMP_HAVE_KIM
