// The EAM driver: the derivative fixture (forces, analytic Hessian-vector product, per-atom
// energies, virials) on a CuZr liquid in a triclinic cell, a free Al cluster, a small periodic
// Cu box and a compressed Cu crystal whose densities run past the F(ρ) table; invariances
// that must hold exactly (periodic replication, pair enumeration path, type relabelling);
// and errors. Agreement with LAMMPS itself is test_golden_references.cpp.
#include <gtest/gtest.h>

#include <cmath>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/eam_potential.hpp"
#include "pelcamp/potential/registry.hpp"
#include "support/derivative_checks.hpp"
#include "support/golden_reference.hpp"

namespace pelcamp {
namespace {

const std::string kData = PELCAMP_TEST_DATA;
const std::string kCuZr = "eam/fs:" + kData + "/potentials/CuZr_mm.eam.fs:Cu,Zr";
const std::string kAl = "eam/alloy:" + kData + "/potentials/Al_EA.eam.alloy:Al";
const std::string kCu = "eam:" + kData + "/potentials/Cu_u3.eam:Cu";

ComputeResult evaluate(Potential& pot, const Configuration& c, bool everything = true) {
  ComputeRequest request;
  request.per_atom_energy = request.virial = request.per_atom_virial = everything;
  ComputeResult result;
  pot.compute(c, request, result);
  return result;
}

// The derivative fixture, with the Hessian-vector check at a finite-difference step of
// `hessian_step`. The splines are only C¹: their second derivatives jump at every knot (by
// ~1e-4 of their size for CuZr_mm.eam.fs, whose 7.6e-4 Å knots carry ten digits, and by
// more on the steep repulsive walls of compressed Cu). Forces differenced over a step that
// carries many pairs across knots average H over those jumps, so where the default 1e-5 Å
// does, the step is 1e-7 Å (the other checks, differences of the C¹ energy, keep theirs).
void expect_consistent_eam_derivatives(Potential& pot, const Configuration& c,
                                       double hessian_step = testing::DerivativeTolerances{}.step) {
  const testing::DerivativeTolerances tol;
  testing::expect_per_atom_energy_sums_to_total(pot, c, tol);
  testing::expect_forces_match_energy(pot, c, tol);
  testing::DerivativeTolerances hessian_tol;
  hessian_tol.step = hessian_step;
  testing::expect_hessian_vector_matches_forces(pot, c, hessian_tol);
  testing::expect_virial_matches_strain_derivative(pot, c, tol);
}

TEST(EamPotential, DerivativesOfCuZrLiquidInTriclinicCell) {
  auto pot = make_potential(kCuZr);
  expect_consistent_eam_derivatives(*pot, testing::cuzr_liquid_triclinic(), 1e-7);
}

TEST(EamPotential, DerivativesOfFreeAlCluster) {
  auto pot = make_potential(kAl);
  Configuration c = testing::golden_config("al55_cluster_eam_alloy");
  c.box = Box::free_space();
  expect_consistent_eam_derivatives(*pot, c);
}

TEST(EamPotential, DerivativesOfSmallPeriodicBox) {
  auto pot = make_potential(kCu);
  expect_consistent_eam_derivatives(*pot, testing::golden_config("cu_small_box_eam_funcfl"));
}

TEST(EamPotential, DerivativesBeyondTheEmbeddingTable) {
  // fcc Cu squeezed to a = 2.3 Å: every host density lies in 0.31–0.34, past the end of
  // Cu_u3's F(ρ) table (0.25), where F continues linearly (F″ = 0).
  constexpr double a = 2.3;
  Configuration c;
  c.species.push_back({"Cu", 63.55});
  c.box = Box::orthorhombic({0, 0, 0}, {3 * a, 3 * a, 3 * a});
  Rng rng(9);
  const Vec3 basis[4] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  for (int x = 0; x < 3; ++x)
    for (int y = 0; y < 3; ++y)
      for (int z = 0; z < 3; ++z)
        for (const Vec3& b : basis)
          c.add_atom(0, a * (Vec3(x, y, z) + b) +
                            0.05 * Vec3(rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)));
  auto pot = make_potential(kCu);
  expect_consistent_eam_derivatives(*pot, c, 1e-7);
}

TEST(EamPotential, HessianIsSymmetric) {
  auto pot = make_potential(kCuZr);
  const Configuration c = testing::cuzr_liquid_triclinic();
  Rng rng(11);
  std::vector<Vec3> v(c.size()), w(c.size()), hv, hw;
  for (auto& x : v) x = Vec3(rng.normal(), rng.normal(), rng.normal());
  for (auto& x : w) x = Vec3(rng.normal(), rng.normal(), rng.normal());
  pot->hessian_vector(c, v, hv);
  pot->hessian_vector(c, w, hw);
  double whv = 0.0, vhw = 0.0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    whv += w[i].dot(hv[i]);
    vhw += v[i].dot(hw[i]);
  }
  EXPECT_NEAR(whv, vhw, 1e-10 * std::abs(whv));
}

TEST(EamPotential, PeriodicReplicaHasEightTimesTheEnergy) {
  // 2x2x2 copies of the liquid: 8 times the energy and virial, the same per-atom results,
  // whether the replica's pairs are kept in one batch or streamed through small ones.
  const Configuration small = testing::cuzr_liquid_triclinic();
  Configuration big;
  big.species = small.species;
  big.box = Box::triclinic(small.box.lo(), 2.0 * Vec3(small.box.lx(), small.box.ly(), small.box.lz()),
                           2.0 * small.box.xy(), 2.0 * small.box.xz(), 2.0 * small.box.yz());
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b)
      for (int d = 0; d < 2; ++d)
        for (std::size_t i = 0; i < small.size(); ++i)
          big.add_atom(small.types[i], small.positions[i] + small.box.h() * Vec3(a, b, d));
  auto pot = make_potential(kCuZr);
  const ComputeResult rs = evaluate(*pot, small);
  auto streamed = make_potential(kCuZr);
  dynamic_cast<EamPotential&>(*streamed).set_pair_batch_limit(1000);
  const ComputeResult rb = evaluate(*streamed, big);
  EXPECT_NEAR(rb.energy, 8.0 * rs.energy, 1e-12 * std::abs(rb.energy));
  EXPECT_LT((rb.virial - 8.0 * rs.virial).cwiseAbs().maxCoeff(), 1e-10 * rb.virial.cwiseAbs().maxCoeff());
  for (std::size_t copy = 0; copy < 8; ++copy)
    for (std::size_t i = 0; i < small.size(); ++i) {
      const std::size_t k = copy * small.size() + i;
      ASSERT_LT((rb.forces[k] - rs.forces[i]).norm(), 1e-11) << "atom " << i << " copy " << copy;
      ASSERT_NEAR(rb.per_atom_energy[k], rs.per_atom_energy[i], 1e-12);
      for (int c = 0; c < 6; ++c) ASSERT_NEAR(rb.per_atom_virial[k][c], rs.per_atom_virial[i][c], 1e-11);
    }
}

TEST(EamPotential, StreamedBatchesGiveTheSameHessianVectorProduct) {
  const Configuration c = testing::cuzr_liquid_triclinic();
  auto whole = make_potential(kCuZr);
  auto streamed = make_potential(kCuZr);
  dynamic_cast<EamPotential&>(*streamed).set_pair_batch_limit(500);
  Rng rng(5);
  std::vector<Vec3> v(c.size()), hw, hs;
  for (auto& x : v) x = Vec3(rng.normal(), rng.normal(), rng.normal());
  whole->hessian_vector(c, v, hw);
  streamed->hessian_vector(c, v, hs);
  for (std::size_t i = 0; i < c.size(); ++i) EXPECT_LT((hw[i] - hs[i]).norm(), 1e-10 * (1.0 + hw[i].norm()));
}

TEST(EamPotential, AllPairsAndVerletListAgree) {
  Configuration c = testing::golden_config("al55_cluster_eam_alloy");
  c.box = Box::free_space();
  auto all_pairs = make_potential(kAl);
  auto verlet = make_potential(kAl);
  verlet->set_neighbor_settings(NeighborSettings{1.0, 0});
  const ComputeResult ra = evaluate(*all_pairs, c), rv = evaluate(*verlet, c);
  EXPECT_NEAR(ra.energy, rv.energy, 1e-12 * std::abs(ra.energy));
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_LT((ra.forces[i] - rv.forces[i]).norm(), 1e-12);
    EXPECT_NEAR(ra.per_atom_energy[i], rv.per_atom_energy[i], 1e-12);
  }
}

TEST(EamPotential, EnergyOnlyMatchesFullEvaluation) {
  auto pot = make_potential(kCuZr);
  const Configuration c = testing::cuzr_liquid_triclinic();
  const ComputeResult full = evaluate(*pot, c);
  ComputeRequest energy_only;
  energy_only.forces = false;
  energy_only.per_atom_energy = true;
  ComputeResult light;
  pot->compute(c, energy_only, light);
  EXPECT_NEAR(light.energy, full.energy, 1e-12 * std::abs(full.energy));
  EXPECT_TRUE(light.forces.empty());
  for (std::size_t i = 0; i < c.size(); ++i)
    EXPECT_NEAR(light.per_atom_energy[i], full.per_atom_energy[i], 1e-12);
  // A virial without forces still runs the force pass.
  ComputeRequest virial_only;
  virial_only.forces = false;
  virial_only.virial = true;
  ComputeResult w;
  pot->compute(c, virial_only, w);
  EXPECT_LT((w.virial - full.virial).cwiseAbs().maxCoeff(), 1e-10 * full.virial.cwiseAbs().maxCoeff());
}

TEST(EamPotential, TypesMapToElementsAsPairCoeff) {
  const Configuration c = testing::cuzr_liquid_triclinic();
  auto pot = make_potential(kCuZr);
  EXPECT_EQ(pot->elements(), (std::vector<std::string>{"Cu", "Zr"}));
  EXPECT_EQ(pot->masses(), (std::vector<double>{63.546, 91.224}));
  EXPECT_EQ(pot->units(), "metal");
  EXPECT_EQ(pot->cutoff(), 7.6);
  EXPECT_EQ(pot->name(), kCuZr);
  const ComputeResult reference = evaluate(*pot, c);

  // Types in the other order.
  Configuration swapped = c;
  std::swap(swapped.species[0], swapped.species[1]);
  for (int& t : swapped.types) t = 1 - t;
  auto zr_cu = make_potential("eam/fs:" + kData + "/potentials/CuZr_mm.eam.fs:Zr,Cu");
  EXPECT_NEAR(zr_cu->energy(swapped), reference.energy, 1e-12 * std::abs(reference.energy));

  // A repeated element: every other Cu atom becomes type 2, also Cu.
  Configuration three = c;
  three.species.push_back({"Cu", 63.546});
  for (std::size_t i = 0; i < three.size(); i += 2)
    if (three.types[i] == 0) three.types[i] = 2;
  auto cu_zr_cu = make_potential(kCuZr + ",Cu");
  EXPECT_EQ(cu_zr_cu->masses(), (std::vector<double>{63.546, 91.224, 63.546}));
  const ComputeResult repeated = evaluate(*cu_zr_cu, three);
  EXPECT_NEAR(repeated.energy, reference.energy, 1e-12 * std::abs(reference.energy));
  for (std::size_t i = 0; i < c.size(); ++i) EXPECT_LT((repeated.forces[i] - reference.forces[i]).norm(), 1e-12);
}

TEST(EamPotential, FuncflMixtureUsesEveryFile) {
  const std::string files = kData + "/potentials/Cu_u3.eam," + kData + "/potentials/Ni_u3.eam";
  auto pot = make_potential("eam:" + files + ":Ni,Cu");
  EXPECT_EQ(pot->masses(), (std::vector<double>{58.71, 63.55}));
  EXPECT_THROW(make_potential("eam:" + files + ":Cu"), Error);  // Ni_u3.eam unused
}

TEST(EamPotential, CloneEvaluatesTheSame) {
  auto pot = make_potential(kCuZr);
  const Configuration c = testing::cuzr_liquid_triclinic();
  const double e = pot->energy(c);
  auto copy = pot->clone();
  EXPECT_EQ(copy->energy(c), e);
  EXPECT_EQ(copy->name(), pot->name());
}

// Expects pelcamp::Error whose message contains every fragment.
template <class F>
void expect_error(F&& f, const std::vector<std::string>& fragments) {
  try {
    f();
    FAIL() << "no error";
  } catch (const Error& e) {
    for (const auto& fragment : fragments)
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(EamPotential, BadSpecificationsAreClearErrors) {
  const std::string file = kData + "/potentials/CuZr_mm.eam.fs";
  expect_error([&] { make_potential("eam/fs:" + file + ":Cu,Al"); }, {"'Al'", "Cu, Zr", file});
  expect_error([&] { make_potential("eam/fs:" + file); }, {"eam/fs:FILE:ELEMENTS"});
  expect_error([&] { make_potential("eam/alloy:" + file + ":Cu:Zr"); }, {"eam/alloy:FILE:ELEMENTS"});
  expect_error([&] { make_potential("eam/fs:" + file + ":"); }, {"no elements"});
  expect_error([&] { make_potential("eam:" + kData + "/potentials/Cu_u3.eam:Ni"); }, {"'Ni'", "Cu"});
  EXPECT_THROW(make_potential("eam/alloy:/nonexistent/file.eam.alloy:Al"), InputError);

  // More configuration types than mapped elements.
  auto pot = make_potential("eam/fs:" + file + ":Cu");
  EXPECT_THROW(pot->energy(testing::cuzr_liquid_triclinic()), Error);
  // A Hessian-vector product with the wrong number of vectors.
  auto cuzr = make_potential(kCuZr);
  std::vector<Vec3> out;
  EXPECT_THROW(cuzr->hessian_vector(testing::cuzr_liquid_triclinic(), std::vector<Vec3>(3), out), Error);
}

}  // namespace
}  // namespace pelcamp
