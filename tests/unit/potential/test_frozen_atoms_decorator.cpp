// Frozen atoms: zero force and Hessian rows/columns on frozen atoms, the full energy and
// virial, derivatives on the free subspace, frozen atoms stay put under relaxation, and the
// physics.md §4 invariant dE_sys = 2 dE_atom of the single-atom probe for pair potentials.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "pair_test_configurations.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/frozen_atoms.hpp"
#include "pelcamp/potential/registry.hpp"
#include "support/derivative_checks.hpp"
#include "support/morse_test_potential.hpp"

namespace pelcamp {
namespace {

using testing::LatticeSpec;

std::vector<double> ka_cutoffs(int a, int b) {
  const double rc[2][2] = {{2.5, 2.0}, {2.0, 2.2}};
  return {rc[a][b]};
}

Configuration ka_box() {
  return testing::away_from_knots(
      [](std::uint64_t seed) {
        LatticeSpec s;
        s.a = 1.6;
        s.cells = 2;
        s.xy = 0.3;
        s.species = {"A", "B"};
        s.fraction_second = 0.3;
        s.seed = seed;
        return testing::periodic_lattice(s);
      },
      2.5, ka_cutoffs);
}

// Every third atom frozen.
std::vector<bool> every_third(std::size_t n) {
  std::vector<bool> mask(n, false);
  for (std::size_t i = 0; i < n; i += 3) mask[i] = true;
  return mask;
}

TEST(FrozenAtomsPotential, ZeroForcesOnFrozenAtomsAndFullEnergyAndVirial) {
  const Configuration c = ka_box();
  auto inner = make_potential("lj/ka");
  FrozenAtomsPotential pot(make_potential("lj/ka"), every_third(c.size()));
  EXPECT_EQ(pot.num_frozen(), (c.size() + 2) / 3);
  ComputeRequest req;
  req.per_atom_energy = req.virial = req.per_atom_virial = true;
  ComputeResult a, b;
  inner->compute(c, req, a);
  pot.compute(c, req, b);
  EXPECT_EQ(a.energy, b.energy);
  EXPECT_EQ(a.virial, b.virial);
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_EQ(b.forces[i], pot.frozen()[i] ? Vec3::Zero().eval() : a.forces[i]);
    EXPECT_EQ(a.per_atom_energy[i], b.per_atom_energy[i]);
    EXPECT_EQ(a.per_atom_virial[i], b.per_atom_virial[i]);
  }
  // The parts of the derivative fixture that hold for all atoms.
  testing::expect_per_atom_energy_sums_to_total(pot, c);
  testing::expect_virial_matches_strain_derivative(pot, c);
}

TEST(FrozenAtomsPotential, DerivativesOnTheFreeSubspace) {
  const Configuration c = ka_box();
  FrozenAtomsPotential pot(make_potential("lj/ka"), every_third(c.size()));
  const double h = 1e-5;
  ComputeResult res;
  pot.compute(c, ComputeRequest{}, res);
  const double scale = testing::max_norm(res.forces);
  Configuration moved = c;
  for (std::size_t i = 1; i < c.size(); i += 4) {  // free atoms: forces are −∇E
    if (pot.frozen()[i]) continue;
    for (int d = 0; d < 3; ++d) {
      moved.positions[i](d) = c.positions[i](d) + h;
      const double ep = pot.energy(moved);
      moved.positions[i](d) = c.positions[i](d) - h;
      const double em = pot.energy(moved);
      moved.positions[i](d) = c.positions[i](d);
      EXPECT_NEAR(res.forces[i](d), -(ep - em) / (2 * h), 1e-6 * scale);
    }
  }
  // Hv = P H P v: frozen rows are zero, frozen components of v are ignored, and on the free
  // subspace it is the finite difference of the forces.
  auto v = testing::random_vectors(c.size(), 5);
  std::vector<Vec3> hv, hv_masked;
  pot.hessian_vector(c, v, hv);
  for (std::size_t i = 0; i < c.size(); ++i)
    if (pot.frozen()[i]) v[i].setZero();
  pot.hessian_vector(c, v, hv_masked);
  ComputeResult plus, minus;
  for (std::size_t i = 0; i < c.size(); ++i) moved.positions[i] = c.positions[i] + h * v[i];
  pot.compute(moved, ComputeRequest{}, plus);
  for (std::size_t i = 0; i < c.size(); ++i) moved.positions[i] = c.positions[i] - h * v[i];
  pot.compute(moved, ComputeRequest{}, minus);
  const double hscale = testing::max_norm(hv);
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_EQ(hv[i], hv_masked[i]);
    if (pot.frozen()[i]) {
      EXPECT_EQ(hv[i], Vec3::Zero().eval());
      continue;
    }
    const Vec3 fd = -(plus.forces[i] - minus.forces[i]) / (2 * h);
    for (int d = 0; d < 3; ++d) EXPECT_NEAR(hv[i](d), fd(d), 1e-5 * hscale) << i;
  }
}

TEST(FrozenAtomsPotential, FrozenAtomsStayPutWhileTheRestRelaxes) {
  Configuration c = ka_box();
  FrozenAtomsPotential pot(make_potential("lj/ka"), every_third(c.size()));
  const Configuration start = c;
  ComputeResult res;
  pot.compute(c, ComputeRequest{}, res);
  const double e0 = res.energy;
  for (int step = 0; step < 50; ++step) {  // steepest descent with a small fixed step
    for (std::size_t i = 0; i < c.size(); ++i) c.positions[i] += 2e-4 * res.forces[i];
    pot.compute(c, ComputeRequest{}, res);
  }
  EXPECT_LT(res.energy, e0);
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (pot.frozen()[i])
      EXPECT_EQ(c.positions[i], start.positions[i]);
    else
      EXPECT_NE(c.positions[i], start.positions[i]);
  }
}

// physics.md §4: move one atom i with all others frozen; for a pair potential the system
// energy changes by exactly twice atom i's own energy change, since every changed pair
// φ_ij contributes φ_ij/2 to e_i and φ_ij to E.
void expect_system_change_is_twice_atom_change(std::unique_ptr<Potential> inner,
                                               const Configuration& c) {
  Rng rng(99);
  ComputeRequest req;
  req.per_atom_energy = true;
  for (std::size_t i : {std::size_t(0), c.size() / 2, c.size() - 1}) {
    FrozenAtomsPotential probe(inner->clone(), FrozenAtomsPotential::all_but(c.size(), i));
    ComputeResult base, moved;
    probe.compute(c, req, base);
    const double scale = 1e-12 * std::max(1.0, std::abs(base.energy));
    for (double dr : {1e-3, 1e-2, 0.05}) {
      for (int k = 0; k < 5; ++k) {
        Vec3 dir(rng.normal(), rng.normal(), rng.normal());
        Configuration c2 = c;
        c2.positions[i] += dr * dir.normalized();
        probe.compute(c2, req, moved);
        const double de_sys = moved.energy - base.energy;
        const double de_atom = moved.per_atom_energy[i] - base.per_atom_energy[i];
        EXPECT_NEAR(de_sys, 2.0 * de_atom, 10 * scale)
            << inner->name() << " atom " << i << " dr " << dr;
        ASSERT_GT(std::abs(de_sys), 1e-3 * scale);  // the probe really moved the energy
      }
    }
  }
}

TEST(FrozenAtomsPotential, SystemEnergyChangeIsTwiceAtomEnergyChangeForPairPotentials) {
  expect_system_change_is_twice_atom_change(make_potential("lj/ka"), ka_box());
  LatticeSpec fe;
  fe.basis = testing::bcc_basis();
  fe.a = 2.8665;
  fe.cells = 3;
  fe.species = {"Fe"};
  fe.jitter = 0.1;
  expect_system_change_is_twice_atom_change(make_potential("johnson/fe"),
                                            testing::periodic_lattice(fe));
  LatticeSpec cluster;
  cluster.species = {"A"};
  expect_system_change_is_twice_atom_change(std::make_unique<testing::MorseTestPotential>(),
                                            testing::free_cluster(cluster, 2.5));
}

TEST(FrozenAtomsPotential, RejectsMaskOfWrongSizeAndBadIndex) {
  const Configuration c = ka_box();
  FrozenAtomsPotential pot(make_potential("lj/ka"), std::vector<bool>(c.size() + 1, false));
  EXPECT_THROW(pot.energy(c), Error);
  EXPECT_THROW(FrozenAtomsPotential::all_but(3, 3), Error);
  EXPECT_EQ(FrozenAtomsPotential::all_but(3, 1), (std::vector<bool>{true, false, true}));
}

TEST(FrozenAtomsPotential, CloneKeepsTheMask) {
  const Configuration c = ka_box();
  FrozenAtomsPotential pot(make_potential("lj/ka"), FrozenAtomsPotential::all_but(c.size(), 2));
  auto copy = pot.clone();
  EXPECT_EQ(copy->name(), fmt::format("lj/ka ({} of {} atoms frozen)", c.size() - 1, c.size()));
  ComputeResult a, b;
  pot.compute(c, ComputeRequest{}, a);
  copy->compute(c, ComputeRequest{}, b);
  for (std::size_t i = 0; i < c.size(); ++i) EXPECT_EQ(a.forces[i], b.forces[i]);
}

}  // namespace
}  // namespace pelcamp
