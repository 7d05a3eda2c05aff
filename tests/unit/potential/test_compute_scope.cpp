// Scoped evaluations (ComputeScope, potential.hpp) against full ones, for EAM (a free
// region carved out of the 250-atom CuZr glass of the golden references, replicated 3×3×3)
// and a pair potential (a Kob–Andersen lattice small enough that the region is the whole
// periodic box, moving atoms first): the moving atoms are displaced by up to the margin the
// scope was made for; forces on them, energy differences and Hessian-vector products on
// them equal the full evaluation's to round-off, and the other atoms get zeros.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/neighbor/local_region.hpp"
#include "pelcamp/potential/eam_potential.hpp"
#include "pelcamp/potential/registry.hpp"
#include "pair_test_configurations.hpp"
#include "support/golden_reference.hpp"

namespace pelcamp {
namespace {

const std::string kData = PELCAMP_TEST_DATA;
const std::string kCuZr = "eam/fs:" + kData + "/potentials/CuZr_mm.eam.fs:Cu,Zr";

Configuration replicated_glass() {
  const Configuration c =
      testing::read_golden_reference(kData + "/reference/cuzr_glass_triclinic_eam_fs.ref", kData)
          .config;
  Configuration big;
  const Box& b = c.box;
  big.box = Box::triclinic(b.lo(), {3 * b.lx(), 3 * b.ly(), 3 * b.lz()}, 3 * b.xy(), 3 * b.xz(),
                           3 * b.yz());
  big.species = c.species;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 3; ++k)
        for (std::size_t a = 0; a < c.size(); ++a)
          big.add_atom(c.types[a], c.positions[a] + b.h() * Vec3(i, j, k));
  return big;
}

// The region carved for moving atoms within `radius` of atom 0 that move by at most `margin`.
LocalRegion region_for(const Configuration& sample, const Potential& potential, double radius,
                       double margin) {
  const std::array<std::size_t, 1> centre{0};
  return carve_region(sample, centre, radius, 2.0 * potential.cutoff() + margin,
                      potential.cutoff() + margin);
}

double largest(const std::vector<Vec3>& v, std::size_t begin, std::size_t end) {
  double worst = 0.0;
  for (std::size_t k = begin; k < end; ++k) worst = std::max(worst, v[k].norm());
  return worst;
}

// Forces, energy differences and H v of the scoped evaluation against the full one.
void expect_scope_matches_full(Potential& potential, const LocalRegion& region, double margin) {
  const std::size_t n = region.config.size(), moving = region.exact;
  ASSERT_GT(moving, 0u);
  ASSERT_LT(moving, region.reached);
  const ComputeScope scope{moving, region.reached};

  const Configuration start = region.config;
  Configuration moved = start;
  Rng rng(3);
  for (std::size_t k = 0; k < moving; ++k) {
    Vec3 d(rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1));
    moved.positions[k] += (margin * rng.uniform()) * d.normalized();
  }

  ComputeRequest scoped_request;
  scoped_request.scope = scope;
  double full_energy[2], scoped_energy[2];
  for (int c = 0; c < 2; ++c) {
    const Configuration& config = c == 0 ? start : moved;
    ComputeResult full, scoped, scoped_energy_only;
    potential.compute(config, ComputeRequest{}, full);
    potential.compute(config, scoped_request, scoped);
    ComputeRequest energy_only = scoped_request;
    energy_only.forces = false;
    potential.compute(config, energy_only, scoped_energy_only);
    full_energy[c] = full.energy;
    scoped_energy[c] = scoped.energy;
    SCOPED_TRACE(c == 0 ? "start" : "moved");
    double force_error = 0.0;
    for (std::size_t k = 0; k < moving; ++k)
      force_error = std::max(force_error, (scoped.forces[k] - full.forces[k]).norm());
    EXPECT_LT(force_error, 1e-10 * std::max(1.0, largest(full.forces, 0, moving)));
    EXPECT_EQ(largest(scoped.forces, moving, n), 0.0);
    // The same constant with and without forces; the scope leaves most of the energy out.
    EXPECT_NEAR(scoped_energy_only.energy, scoped.energy, 1e-9 * std::abs(full.energy));
    EXPECT_GT(std::abs(full.energy - scoped.energy), 1.0);
  }
  EXPECT_NEAR(scoped_energy[1] - scoped_energy[0], full_energy[1] - full_energy[0],
              1e-11 * std::abs(full_energy[0]));
  EXPECT_GT(std::abs(full_energy[1] - full_energy[0]), 1e-3);  // the move did something

  std::vector<Vec3> v = testing::random_vectors(n, 7), full_hv, scoped_hv;
  std::fill(v.begin() + std::ptrdiff_t(moving), v.end(), Vec3::Zero());
  potential.hessian_vector(moved, v, full_hv);
  potential.scoped_hessian_vector(moved, scope, v, scoped_hv);
  double hv_error = 0.0;
  for (std::size_t k = 0; k < moving; ++k)
    hv_error = std::max(hv_error, (scoped_hv[k] - full_hv[k]).norm());
  EXPECT_LT(hv_error, 1e-10 * largest(full_hv, 0, moving));
  EXPECT_EQ(largest(scoped_hv, moving, n), 0.0);

  // Restricted evaluations give energy and forces only.
  ComputeRequest per_atom = scoped_request;
  per_atom.per_atom_energy = true;
  ComputeResult unused;
  EXPECT_THROW(potential.compute(start, per_atom, unused), Error);
  ComputeRequest too_many = scoped_request;
  too_many.scope.moving = region.reached + 1;
  EXPECT_THROW(potential.compute(start, too_many, unused), Error);
}

TEST(ComputeScope, EamOnAFreeRegionOfAGlass) {
  auto potential = make_potential(kCuZr);
  const LocalRegion region = region_for(replicated_glass(), *potential, 5.0, 0.5);
  ASSERT_FALSE(region.periodic);
  EXPECT_LT(region.reached, region.config.size());
  expect_scope_matches_full(*potential, region, 0.5);
}

TEST(ComputeScope, PairPotentialOnAPeriodicBox) {
  testing::LatticeSpec spec;
  spec.a = 1.55;
  spec.cells = 6;
  spec.species = {"A", "B"};
  spec.fraction_second = 0.2;
  auto potential = make_potential("lj/ka");
  const LocalRegion region = region_for(testing::periodic_lattice(spec), *potential, 1.5, 0.2);
  ASSERT_TRUE(region.periodic);
  EXPECT_LT(region.reached, region.config.size());
  expect_scope_matches_full(*potential, region, 0.2);
}

// The default scoped product (central differences of scoped forces) agrees with central
// differences of the full forces on the moving atoms.
TEST(ComputeScope, DefaultProductTakesDifferencesOfScopedForces) {
  auto potential = make_potential(kCuZr);
  const LocalRegion region = region_for(replicated_glass(), *potential, 4.0, 0.5);
  const ComputeScope scope{region.exact, region.reached};
  const std::size_t n = region.config.size();
  std::vector<Vec3> v = testing::random_vectors(n, 9), full, scoped;
  std::fill(v.begin() + std::ptrdiff_t(region.exact), v.end(), Vec3::Zero());
  potential->Potential::hessian_vector(region.config, v, full);
  potential->Potential::scoped_hessian_vector(region.config, scope, v, scoped);
  double error = 0.0;
  for (std::size_t k = 0; k < region.exact; ++k) error = std::max(error, (full[k] - scoped[k]).norm());
  EXPECT_LT(error, 1e-6 * largest(full, 0, region.exact));
  EXPECT_EQ(largest(scoped, region.exact, n), 0.0);
}

// EAM products at one point reuse that point's densities and pair terms (Lanczos): each
// product equals one from a fresh copy, also after a compute() in between, at a new point,
// and with the pairs streamed through small batches (nothing kept between products).
TEST(ComputeScope, EamProductsAtOnePointEqualFreshOnes) {
  auto potential = make_potential(kCuZr);
  const LocalRegion region = region_for(replicated_glass(), *potential, 4.0, 0.5);
  const ComputeScope scope{region.exact, region.reached};
  const std::size_t n = region.config.size();
  Configuration moved = region.config;
  for (std::size_t k = 0; k < region.exact; ++k) moved.positions[k] += Vec3(0.1, -0.05, 0.07);
  auto zero_beyond = [&](std::vector<Vec3> v) {
    std::fill(v.begin() + std::ptrdiff_t(region.exact), v.end(), Vec3::Zero());
    return v;
  };
  const std::vector<Vec3> v1 = zero_beyond(testing::random_vectors(n, 1)),
                          v2 = zero_beyond(testing::random_vectors(n, 2));
  auto fresh = [&](const Configuration& c, const std::vector<Vec3>& v) {
    std::vector<Vec3> out;
    potential->clone()->scoped_hessian_vector(c, scope, v, out);
    return out;
  };
  auto expect_equal = [&](const std::vector<Vec3>& a, const std::vector<Vec3>& b) {
    double error = 0.0;
    for (std::size_t k = 0; k < n; ++k) error = std::max(error, (a[k] - b[k]).norm());
    EXPECT_LT(error, 1e-12 * largest(b, 0, n));
  };
  auto streamed = potential->clone();
  dynamic_cast<EamPotential&>(*streamed).set_pair_batch_limit(64);
  for (Potential* p : {potential.get(), streamed.get()}) {
    std::vector<Vec3> out;
    p->scoped_hessian_vector(region.config, scope, v1, out);
    expect_equal(out, fresh(region.config, v1));
    p->scoped_hessian_vector(region.config, scope, v2, out);
    expect_equal(out, fresh(region.config, v2));
    ComputeRequest request;
    request.scope = scope;
    ComputeResult unused;
    p->compute(region.config, request, unused);
    p->scoped_hessian_vector(region.config, scope, v1, out);
    expect_equal(out, fresh(region.config, v1));
    p->scoped_hessian_vector(moved, scope, v1, out);
    expect_equal(out, fresh(moved, v1));
  }
}

}  // namespace
}  // namespace pelcamp
