// ART searches around one atom of a 500-atom CuZr EAM glass (tests/data/saddle, made by
// LAMMPS): with local forces, the saddle found with the atoms beyond the active radius
// frozen is a saddle of the full sample up to the far-field relaxation — the full sample's
// forces on the moved atoms are below the saddle tolerance there, and letting the frozen
// atoms relax lowers the saddle energy by under a tenth of the barrier at the default 10 Å
// active radius (the bias of local forces) — and the search with every atom free works on
// the same sample.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/io/structure_file.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/potential/registry.hpp"
#include "pelcamp/saddle/atom_search.hpp"

namespace pelcamp {
namespace {

const std::string kData = PELCAMP_TEST_DATA;
const std::string kCuZr = "eam/fs:" + kData + "/potentials/CuZr_mm.eam.fs:Cu,Zr";

Configuration glass() { return read_structure(kData + "/saddle/cuzr_glass_500.data"); }

// The art_search unit's defaults (README, ART section).
AtomSearchConfig unit_defaults() {
  AtomSearchConfig config;
  config.artn.activation.max_eigen_step = 0.3;
  config.artn.activation.relax_steps = 2;
  config.artn.activation.max_returns = 2;
  return config;
}

TEST(AtomSearch, LocalSaddleIsASaddleOfTheFullSample) {
  const Configuration sample = glass();
  auto potential = make_potential(kCuZr);
  AtomSearchConfig config = unit_defaults();
  config.local.active_radius = 10.0;
  AtomSearcher local(sample, *potential, config);
  AtomEvent event;
  for (std::size_t centre : {25, 50, 0}) {
    Rng rng(5, centre);
    event = local.search(centre, rng);
    if (event.artn.outcome == ArtnOutcome::success) break;
  }
  ASSERT_EQ(event.artn.outcome, ArtnOutcome::success);
  const double barrier = event.artn.energy_saddle - event.artn.energy_initial;
  EXPECT_GT(barrier, 0.0);

  // The embedded saddle on the full sample: its energy difference is the local one, and the
  // forces on the moved atoms are the local ones (below the saddle tolerance).
  Configuration saddle = local.last_saddle();
  const std::vector<bool>& active = local.last_active();
  const auto frozen_active = [&] {
    std::vector<bool> mask(active.size());
    for (std::size_t i = 0; i < active.size(); ++i) mask[i] = active[i];
    return mask;
  }();
  ComputeResult full;
  potential->compute(saddle, ComputeRequest{}, full);
  const double e0 = potential->energy(sample);
  EXPECT_NEAR(full.energy - e0, barrier, 1e-8);
  double active_force = 0.0, shell_force = 0.0;
  for (std::size_t i = 0; i < saddle.size(); ++i)
    (active[i] ? active_force : shell_force) = std::max(active[i] ? active_force : shell_force,
                                                        full.forces[i].norm());
  EXPECT_LT(active_force, config.artn.activation.force_tolerance);

  // Far-field relaxation: the atoms beyond the active radius relax with the moved atoms held.
  AtomsObjective shell(saddle, *potential, frozen_active);
  StoppingCriteria stop;
  stop.fmax = 1e-3;
  const double relaxed = make_minimizer("lbfgs")->minimize(shell, shell.variables(), stop).energy;
  const double far_field = full.energy - relaxed;
  std::printf("barrier %.4f eV, far-field relaxation %.4f eV, largest shell force %.3f eV/Å\n",
              barrier, far_field, shell_force);
  EXPECT_GE(far_field, 0.0);
  // Measured: 0.10 eV of a 1.58 eV barrier at the default 10 Å radius (README, ART section).
  EXPECT_LT(far_field, 0.1 * barrier);
}

TEST(AtomSearch, FullEvaluationFindsSaddles) {
  const Configuration sample = glass();
  auto potential = make_potential(kCuZr);
  AtomSearchConfig config = unit_defaults();
  config.local.enabled = false;
  AtomSearcher full(sample, *potential, config);
  Rng rng(5, 25);
  const AtomEvent event = full.search(25, rng);
  EXPECT_EQ(event.atoms_evaluated, sample.size());
  ASSERT_EQ(event.artn.outcome, ArtnOutcome::success) << to_string(event.artn.outcome);
  EXPECT_LT(event.artn.saddle_force, config.artn.activation.force_tolerance);
  EXPECT_LT(event.artn.eigenvalue_saddle, 0.0);
  EXPECT_GT(event.atoms_moved, 0u);
  EXPECT_GE(event.largest_displacement, config.moved_threshold);
}

TEST(AtomSearch, RejectsBadSettings) {
  const Configuration sample = glass();
  auto potential = make_potential(kCuZr);
  AtomSearchConfig config;
  config.local.active_radius = 2.0;  // smaller than the perturbation radius
  EXPECT_THROW(AtomSearcher(sample, *potential, config), Error);
  config = {};
  AtomSearcher searcher(sample, *potential, config);
  Rng rng(1);
  EXPECT_THROW(searcher.search(sample.size(), rng), Error);
}

// Lanczos on the potential's analytic Hessian-vector product (AtomSearchConfig::
// analytic_hessian) finds the same saddles as on central differences of the forces, with
// local forces (frozen shell) and with every atom free, on these two centres: same outcome,
// saddle and final energies within 1 meV, the same atoms moved. (The two products differ at
// O(fd_step²), so a search that passes close to an eigenvalue crossing can take another
// path: on 10 centres of this glass spread by `pelcamp art`, 6 kept the same outcome.)
TEST(AtomSearch, AnalyticHessianFindsTheFiniteDifferenceSaddles) {
  const Configuration sample = glass();
  auto potential = make_potential(kCuZr);
  for (bool local : {true, false}) {
    AtomSearchConfig config = unit_defaults();
    // The plain activation: with grace steps (fixed steps along a mode whose λ is near 0)
    // the two products' O(fd_step²) difference lands these searches on different points
    // within the saddle force tolerance (saddle energies 2-7 meV apart, same final minima).
    config.artn.activation.lost_grace_steps = 0;
    config.local.enabled = local;
    config.analytic_hessian = false;
    AtomSearcher finite_difference(sample, *potential, config);
    config.analytic_hessian = true;
    AtomSearcher analytic(sample, *potential, config);
    int successes = 0;
    for (std::size_t centre : {25, 50}) {
      Rng rng_fd(5, centre), rng_an(5, centre);
      const AtomEvent fd = finite_difference.search(centre, rng_fd);
      const AtomEvent an = analytic.search(centre, rng_an);
      SCOPED_TRACE(fmt::format("local {} centre {}", local, centre));
      ASSERT_EQ(to_string(an.artn.outcome), std::string(to_string(fd.artn.outcome)));
      if (!fd.artn.saddle_converged()) continue;
      successes += fd.artn.outcome == ArtnOutcome::success;
      EXPECT_NEAR(an.artn.energy_saddle, fd.artn.energy_saddle, 1e-3);
      EXPECT_NEAR(an.artn.energy_final, fd.artn.energy_final, 1e-3);
      EXPECT_NEAR(an.artn.eigenvalue_saddle, fd.artn.eigenvalue_saddle,
                  0.05 * std::abs(fd.artn.eigenvalue_saddle));
      EXPECT_EQ(an.atoms_moved, fd.atoms_moved);
      // Fewer force calls: a product costs one call instead of two.
      EXPECT_LT(an.artn.force_calls, fd.artn.force_calls);
    }
    EXPECT_GT(successes, 0);
  }
}

}  // namespace
}  // namespace pelcamp
