// The OpenKIM adapter (kim:MODEL). Agreement with LAMMPS's `pair_style kim` on the same
// models is checked by the golden references (tests/data/reference/*_kim.ref); these tests
// add the derivative fixture, the species and model-name errors, and the bookkeeping of
// padding atoms (unwrapped positions, list reuse between rebuilds).
#include <gtest/gtest.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/registry.hpp"
#include "support/derivative_checks.hpp"
#include "support/golden_reference.hpp"

#ifdef PELCAMP_HAVE_KIM
#include "pelcamp/potential/kim_potential.hpp"
#endif

namespace pelcamp {
namespace {

constexpr const char* kAl = "EAM_Dynamo_ErcolessiAdams_1994_Al__MO_123629422045_005";

// The message of the pelcamp::Error that f throws (a test failure when it throws none).
template <class F>
std::string error_message(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a pelcamp::Error";
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

#ifdef PELCAMP_HAVE_KIM

testing::GoldenReference reference(const std::string& name, const std::string& dir = "reference") {
  return testing::read_golden_reference(std::string(PELCAMP_TEST_DATA) + "/" + dir + "/" + name + ".ref",
                                        PELCAMP_TEST_DATA);
}

ComputeResult compute_all(Potential& pot, const Configuration& config, bool per_atom_virial = true) {
  ComputeRequest request;
  request.per_atom_energy = request.virial = true;
  request.per_atom_virial = per_atom_virial;
  ComputeResult result;
  pot.compute(config, request, result);
  return result;
}

void expect_same_results(const ComputeResult& a, const ComputeResult& b, double tol) {
  EXPECT_NEAR(a.energy, b.energy, tol * std::abs(b.energy));
  EXPECT_LE((a.virial - b.virial).cwiseAbs().maxCoeff(), tol * std::max(1.0, b.virial.cwiseAbs().maxCoeff()));
  ASSERT_EQ(a.forces.size(), b.forces.size());
  for (std::size_t i = 0; i < a.forces.size(); ++i) {
    ASSERT_LE((a.forces[i] - b.forces[i]).cwiseAbs().maxCoeff(), tol) << "force on atom " << i;
    ASSERT_NEAR(a.per_atom_energy[i], b.per_atom_energy[i], tol) << "energy of atom " << i;
    for (int k = 0; k < 6 && !a.per_atom_virial.empty(); ++k)
      ASSERT_NEAR(a.per_atom_virial[i][k], b.per_atom_virial[i][k], tol) << "virial of atom " << i;
  }
}

TEST(KimPotential, DerivativesOnFreeAl55Cluster) {
  auto ref = reference("al55_cluster_kim");
  auto pot = make_potential(ref.potential);
  testing::expect_consistent_derivatives(*pot, ref.config);
}

TEST(KimPotential, DerivativesOnSmallTriclinicAlCell) {
  auto ref = reference("al_small_triclinic_kim");
  auto pot = make_potential(ref.potential);
  testing::expect_consistent_derivatives(*pot, ref.config);
}

TEST(KimPotential, DerivativesOfModelThatNeedsPaddingNeighbours) {
  // Tersoff (KIM hint 0: neighbour lists of padding atoms are used) in a small bcc Fe cell.
  auto ref = reference("fe_small_tersoff_kim");
  auto pot = make_potential(ref.potential);
  testing::expect_consistent_derivatives(*pot, ref.config);
}

// KIM's two-cutoff example: two neighbour lists, padding neighbours on the short one,
// influence distance 10.5 Å in a 15.8 Å cell, and no virials from the model (the global
// virial then comes from Σ x⊗f over all particles). LAMMPS gives the reference.
TEST(KimPotential, TwoCutoffModelAgreesWithLammpsAndStrainDerivative) {
  auto ref = reference("ar_multicutoff_kim", "kim");
  auto pot = make_potential(ref.potential);
  const auto res = compute_all(*pot, ref.config, /*per_atom_virial=*/false);
  EXPECT_NEAR(res.energy, ref.energy, 1e-10 * std::abs(ref.energy));
  const Sym6 w = to_sym6(res.virial);
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(w[k], ref.virial[k], 1e-10 * std::abs(ref.virial[0])) << k;
  for (std::size_t i = 0; i < ref.config.size(); ++i) {
    for (int d = 0; d < 3; ++d) ASSERT_NEAR(res.forces[i](d), ref.forces[i](d), 1e-9) << i << d;
    ASSERT_NEAR(res.per_atom_energy[i], ref.per_atom_energy[i], 1e-9) << i;
  }

  testing::expect_per_atom_energy_sums_to_total(*pot, ref.config);
  testing::expect_forces_match_energy(*pot, ref.config);
  testing::expect_hessian_vector_matches_forces(*pot, ref.config);
  const double h = 1e-5;
  for (int a = 0; a < 3; ++a)
    for (int b = a; b < 3; ++b) {
      Mat3 e = Mat3::Zero();
      e(a, b) = h;
      const double fd = -(pot->energy(testing::strained(ref.config, e)) -
                          pot->energy(testing::strained(ref.config, -e))) / (2 * h);
      EXPECT_NEAR(res.virial(a, b), fd, 1e-6 * res.virial.cwiseAbs().maxCoeff()) << a << b;
    }

  ComputeRequest per_atom_virial;
  per_atom_virial.per_atom_virial = true;
  ComputeResult unused;
  const auto message = error_message([&] { pot->compute(ref.config, per_atom_virial, unused); });
  EXPECT_TRUE(contains(message, "per-atom virials") && contains(message, "partialParticleVirial")) << message;
}

TEST(KimPotential, UnwrappedPositionsGiveTheSameResults) {
  auto ref = reference("al_small_triclinic_kim");
  auto pot = make_potential(ref.potential);
  const auto wrapped = compute_all(*pot, ref.config);
  Configuration moved = ref.config;
  const Mat3& h = moved.box.h();
  for (std::size_t i = 0; i < moved.size(); i += 3) {
    const Vec3 m(static_cast<double>(i % 5) - 2.0, 1.0, -static_cast<double>(i % 3));
    moved.positions[i] += h * m;
  }
  auto fresh = make_potential(ref.potential);
  expect_same_results(compute_all(*fresh, moved), wrapped, 1e-10);
}

TEST(KimPotential, ReusedListsMatchAFreshBuild) {
  // Small moves and a small shear keep the Verlet list (and the padding atoms); the padding
  // coordinates must follow. A fresh potential builds everything for the moved state.
  auto ref = reference("al_small_triclinic_kim");
  auto pot = make_potential(ref.potential);
  compute_all(*pot, ref.config);
  Configuration moved = ref.config;
  Rng rng(3);
  for (auto& x : moved.positions) x += 0.05 * Vec3(rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1));
  Mat3 h = moved.box.h();
  h(0, 1) += 0.05;
  h(2, 2) *= 1.004;
  moved.box.set_h(h);
  auto fresh = make_potential(ref.potential);
  expect_same_results(compute_all(*pot, moved), compute_all(*fresh, moved), 1e-11);
  auto copy = pot->clone();
  expect_same_results(compute_all(*copy, moved), compute_all(*fresh, moved), 1e-11);
}

TEST(KimPotential, BindsSpeciesByName) {
  auto ref = reference("cuzr_small_liquid_kim");
  KimPotential pot(ref.potential.substr(4));
  EXPECT_EQ(pot.elements(), (std::vector<std::string>{"Cu", "Zr"}));  // model code order
  EXPECT_EQ(pot.model_species(), (std::vector<std::string>{"Cu", "Zr"}));
  EXPECT_EQ(pot.units(), "metal");
  EXPECT_EQ(pot.name(), ref.potential);
  const auto direct = compute_all(pot, ref.config);

  Configuration swapped = ref.config;  // same atoms, species listed as Zr then Cu
  std::swap(swapped.species[0], swapped.species[1]);
  for (auto& t : swapped.types) t = 1 - t;
  const auto by_name = compute_all(pot, swapped);
  EXPECT_EQ(pot.elements(), (std::vector<std::string>{"Zr", "Cu"}));
  expect_same_results(by_name, direct, 1e-12);
}

TEST(KimPotential, UnsupportedSpeciesIsAnErrorListingTheModelSpecies) {
  auto ref = reference("al55_cluster_kim");
  ref.config.species[0].name = "Cu";
  auto pot = make_potential(ref.potential);
  const auto message = error_message([&] { pot->energy(ref.config); });
  EXPECT_TRUE(contains(message, "'Cu'") && contains(message, "species are: Al") && contains(message, kAl))
      << message;
}

TEST(KimPotential, UnknownModelNameSaysHowToListModelsAndSuggestsCloseOnes) {
  const std::string typo = std::string(kAl).substr(0, std::string(kAl).size() - 1) + "9";
  const auto message = error_message([&] { make_potential("kim:" + typo); });
  EXPECT_TRUE(contains(message, "unknown OpenKIM model '" + typo + "'")) << message;
  EXPECT_TRUE(contains(message, "kim-api-collections-management list")) << message;
  EXPECT_TRUE(contains(message, std::string("closest names: ") + kAl)) << message;
}

TEST(KimPotential, OnlyPortableModelsAreAccepted) {
  const auto driver = error_message([] { make_potential("kim:EAM_Dynamo__MD_120291908751_005"); });
  EXPECT_TRUE(contains(driver, "modelDriver, not a portable model")) << driver;
  const auto missing = error_message([] { make_potential("kim"); });
  EXPECT_TRUE(contains(missing, "kim expects kim:MODEL")) << missing;
  const auto extra = error_message([] { make_potential(std::string("kim:") + kAl + ":Al"); });
  EXPECT_TRUE(contains(extra, "got 2 field(s)")) << extra;
}

TEST(KimPotential, RequestedQuantityTheModelLacksIsAnError) {
  // The stand-alone Ercolessi-Adams model computes no per-atom virials; energy and forces work.
  auto ref = reference("al55_cluster_kim");
  auto pot = make_potential("kim:EAM_ErcolessiAdams_1994_Al__MO_324507536345_003");
  EXPECT_LT(pot->energy(ref.config), 0.0);
  ComputeRequest request;
  request.per_atom_virial = true;
  ComputeResult result;
  const auto message = error_message([&] { pot->compute(ref.config, request, result); });
  EXPECT_TRUE(contains(message, "does not compute per-atom virials")) << message;
}

TEST(KimPotential, ListsInstalledModels) {
  const auto models = installed_kim_models();
  EXPECT_GT(models.size(), 100u);
  EXPECT_TRUE(std::binary_search(models.begin(), models.end(), std::string(kAl)));
}

#else  // built without libkim-api

TEST(KimPotential, StylesExplainThatPelcampWasBuiltWithoutOpenKim) {
  const auto message = error_message([] { make_potential("kim:anything"); });
  EXPECT_TRUE(contains(message, "built without OpenKIM")) << message;
}

#endif

}  // namespace
}  // namespace pelcamp
