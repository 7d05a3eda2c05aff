// Elastic constants (analysis/elastic_constants.hpp): fcc Cu, fcc Al and B2 CuZr against
// LAMMPS finite-strain references (tests/data/elastic/), both routes; the Hessian route
// (Born − relaxation) against relaxed finite strains on a small triclinic CuZr glass, where
// the non-affine relaxation is large; the strain and stress conventions.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "glass_test_systems.hpp"
#include "pelcamp/analysis/elastic_constants.hpp"
#include "pelcamp/build/lattice.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/core/units.hpp"

namespace pelcamp {
namespace {

const std::string kData = PELCAMP_TEST_DATA;
constexpr double kGPaPerEvA3 = 160.21766208;  // eV/Å³ in GPa (LAMMPS metal nktv2p / 1e4)

struct ElasticReference {
  std::string potential;
  LatticeKind lattice = LatticeKind::fcc;
  int cells = 0;
  double a = 0.0;
  double energy_per_atom = 0.0;
  VoigtMatrix c;  // GPa
};

ElasticReference read_reference(const std::string& name) {
  const std::string path = kData + "/elastic/" + name + ".txt";
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "cannot open");
  ElasticReference ref;
  std::string line;
  int row = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string key;
    words >> key;
    if (key == "potential") {
      std::string spec;
      words >> spec;
      const auto at = spec.find("potentials/");
      ref.potential = spec.substr(0, at) + kData + "/" + spec.substr(at);
    } else if (key == "lattice") {
      std::string kind;
      words >> kind;
      ref.lattice = lattice_kind_from_name(kind);
    } else if (key == "cells") {
      words >> ref.cells;
    } else if (key == "a") {
      words >> ref.a;
    } else if (key == "energy_per_atom") {
      words >> ref.energy_per_atom;
    } else if (key == "C") {
      for (int j = 0; j < 6; ++j) words >> ref.c(row, j);
      ++row;
    }
  }
  EXPECT_EQ(row, 6) << path;
  return ref;
}

void expect_matches_lammps(const std::string& name, const std::vector<Species>& species) {
  const ElasticReference ref = read_reference(name);
  LatticeSpec spec;
  spec.kind = ref.lattice;
  spec.a = ref.a;
  spec.cells = {ref.cells, ref.cells, ref.cells};
  spec.species = species;
  const Configuration c = build_lattice(spec);
  auto pot = make_potential(ref.potential);
  EXPECT_NEAR(pot->energy(c) / c.size(), ref.energy_per_atom, 1e-9) << name;

  // Both routes at LAMMPS's strain step, ±1e-4. The tabulated EAM functions are only C¹
  // (second derivatives jump at every knot), so a central difference depends on its step
  // through the knots it straddles: C11 of B2 CuZr is −28.95 GPa at ±1e-4, −30.61 at ±1e-5,
  // the same in both routes and in LAMMPS. At equal steps the three agree to round-off.
  ElasticSettings lammps_step;
  lammps_step.strain = 1e-4;
  lammps_step.affine_step = 1e-4;
  const HessianElasticConstants hessian = elastic_constants_from_hessian(*pot, c, lammps_step);
  const VoigtMatrix from_hessian = hessian.c() * kGPaPerEvA3;
  const VoigtMatrix from_strains =
      elastic_constants_from_strains(*pot, c, lammps_step) * kGPaPerEvA3;
  const double scale = ref.c.cwiseAbs().maxCoeff();
  EXPECT_LT((from_strains - ref.c).cwiseAbs().maxCoeff(), 1e-5 * scale) << name;
  EXPECT_LT((from_hessian - ref.c).cwiseAbs().maxCoeff(), 1e-5 * scale) << name;
  // Every atom of these crystals is a centre of inversion: no non-affine relaxation.
  EXPECT_LT(hessian.relaxation.cwiseAbs().maxCoeff() * kGPaPerEvA3, 1e-6 * scale) << name;
  ::testing::Test::RecordProperty(
      name + "_max_relative_deviation_hessian_strains",
      fmt::format("{:.2e} {:.2e}", (from_hessian - ref.c).cwiseAbs().maxCoeff() / scale,
                  (from_strains - ref.c).cwiseAbs().maxCoeff() / scale));
}

TEST(ElasticConstants, FccCopperMatchesLammps) {
  expect_matches_lammps("cu_fcc_eam", {{"Cu", 63.546}});
}

TEST(ElasticConstants, FccAluminiumMatchesLammps) {
  expect_matches_lammps("al_fcc_eam_alloy", {{"Al", 26.982}});
}

TEST(ElasticConstants, B2CopperZirconiumMatchesLammps) {
  // In its 2-atom cubic cell (larger cells hold its unstable zone-boundary phonons); with
  // this potential cubic B2 is also elastically unstable, C11 < C12.
  expect_matches_lammps("cuzr_b2_eam_fs", {{"Cu", 63.546}, {"Zr", 91.224}});
}

// Born − Ξᵀ H⁺ Ξ against ±strain relaxations, agreement limited by the two central differences.
void expect_routes_agree(Potential& pot, const Configuration& c, double strain,
                         double tolerance) {
  const HessianElasticConstants hessian = elastic_constants_from_hessian(pot, c);
  ElasticSettings settings;
  settings.strain = strain;
  const VoigtMatrix strains = elastic_constants_from_strains(pot, c, settings);
  const double scale = hessian.born.cwiseAbs().maxCoeff();
  // The non-affine relaxation is a large part of the shear constants of a glass.
  EXPECT_GT(hessian.relaxation(3, 3), 0.3 * hessian.born(3, 3));
  EXPECT_LT((hessian.c() - strains).cwiseAbs().maxCoeff(), tolerance * scale);
  EXPECT_NEAR(isotropic_shear_modulus(hessian.c()), isotropic_shear_modulus(strains),
              tolerance * scale);
}

TEST(ElasticConstants, HessianRouteMatchesRelaxedStrainsOnLennardJonesGlass) {
  auto pot = make_potential("lj/ka");
  expect_routes_agree(*pot, test::ka_glass(100, 3, *pot), 1e-5, 1e-7);
}

TEST(ElasticConstants, HessianRouteMatchesRelaxedStrainsOnCuZrGlass) {
  // Triclinic cell. C¹ EAM splines (see above): the routes take differences over different steps
  // (affine 1e-5, relaxed 1e-6) and many pairs straddle knots: agreement to ~1e-4.
  auto pot = make_potential(test::kCuZrSpec);
  expect_routes_agree(*pot, test::cuzr_glass(100, 7, true, *pot), 1e-6, 2e-4);
}

TEST(ElasticConstants, SparseAndDenseRelaxationTermsAgree) {
  auto pot = make_potential(test::kCuZrSpec);
  const Configuration c = test::cuzr_glass(100, 7, true, *pot);
  ElasticSettings sparse;
  sparse.dense_atoms = 0;
  const VoigtMatrix dense_relaxation = elastic_constants_from_hessian(*pot, c).relaxation;
  const VoigtMatrix sparse_relaxation = elastic_constants_from_hessian(*pot, c, sparse).relaxation;
  EXPECT_LT((dense_relaxation - sparse_relaxation).cwiseAbs().maxCoeff(),
            1e-10 * dense_relaxation.cwiseAbs().maxCoeff());
}

TEST(ElasticConstants, StrainKeepsLammpsCellAndStressIsMinusVirialOverVolume) {
  auto pot = make_potential(test::kCuZrSpec);
  const Configuration c = test::cuzr_glass(100, 7, true, *pot);
  Voigt6 e;
  e << 0.01, -0.02, 0.005, 0.03, -0.01, 0.02;
  const StrainedConfiguration s = apply_strain(c, e);
  const Mat3& h = s.config.box.h();
  EXPECT_EQ(h(1, 0), 0.0);
  EXPECT_EQ(h(2, 0), 0.0);
  EXPECT_EQ(h(2, 1), 0.0);
  EXPECT_NEAR((s.rotation.transpose() * s.rotation - Mat3::Identity()).norm(), 0.0, 1e-14);
  EXPECT_NEAR(s.rotation.determinant(), 1.0, 1e-14);
  // Q h' = F h: the rotated-back cell is the deformed one.
  EXPECT_LT((s.rotation * h - s.deformation * c.box.h()).norm(), 1e-12);
  // Distances change as F says.
  const Vec3 d0 = c.positions[5] - c.positions[2];
  const Vec3 d1 = s.config.positions[5] - s.config.positions[2];
  EXPECT_NEAR(d1.norm(), (s.deformation * d0).norm(), 1e-12);
  // Zero strain: S = −W/V.
  const StrainedConfiguration none = apply_strain(c, Voigt6::Zero());
  ComputeRequest request;
  request.virial = true;
  ComputeResult result;
  pot->compute(c, request, result);
  const Voigt6 stress = second_piola_kirchhoff_stress(none, result.virial, c.box.volume());
  EXPECT_NEAR(stress[0], -result.virial(0, 0) / c.box.volume(), 1e-15);
  EXPECT_NEAR(stress[3], -result.virial(1, 2) / c.box.volume(), 1e-15);
  EXPECT_NEAR(stress[5], -result.virial(0, 1) / c.box.volume(), 1e-15);
}

TEST(ElasticConstants, RejectsFreeClustersAndBadSettings) {
  auto pot = make_potential("lj/ka");
  const Configuration cluster = test::lj55_minimum(*pot);
  EXPECT_THROW(elastic_constants_from_hessian(*pot, cluster), Error);
  ElasticSettings bad;
  bad.strain = 0.0;
  EXPECT_THROW(bad.validate(), Error);
}

TEST(ElasticConstants, IsotropicAverages) {
  // An isotropic solid with Lamé constants λ, μ: G = μ, B = λ + 2μ/3.
  const double lambda = 3.0, mu = 2.0;
  VoigtMatrix c = VoigtMatrix::Zero();
  c.topLeftCorner<3, 3>().setConstant(lambda);
  for (int k = 0; k < 3; ++k) c(k, k) = lambda + 2 * mu;
  for (int k = 3; k < 6; ++k) c(k, k) = mu;
  EXPECT_DOUBLE_EQ(isotropic_shear_modulus(c), mu);
  EXPECT_DOUBLE_EQ(isotropic_bulk_modulus(c), lambda + 2 * mu / 3);
}

}  // namespace
}  // namespace pelcamp
