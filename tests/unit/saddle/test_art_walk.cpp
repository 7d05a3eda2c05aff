// ART walks on LJ₇ (full Lennard-Jones, free cluster): every minimum visited is one of the
// four known LJ₇ minima (Cambridge Cluster Database, Doye & Wales), transition states lie
// above the minima they join, revisited minima are recognised (no minimum is stored twice),
// and a zero-temperature walk only goes downhill.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstring>

#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/potential/lennard_jones.hpp"
#include "pelcamp/saddle/art_walk.hpp"
#include "pelcamp/saddle/rigid_body_modes.hpp"
#include "saddle/saddle_test_support.hpp"

namespace pelcamp {
namespace {

// The four LJ₇ minima energies (ε; Doye & Wales, Cambridge Cluster Database) to the four
// decimals quoted here: matched within 1e-4 (rounding plus convergence), far below the
// ≥ 0.06 ε gaps between them.
constexpr std::array<double, 4> lj7_minima{-16.5054, -15.9350, -15.5932, -15.5331};

std::unique_ptr<Potential> full_lj() {
  return make_lennard_jones("lj/cut", read_lennard_jones_file(PELCAMP_TEST_DATA "/lj/plain_lj.lj"));
}

Configuration lj7() {
  Configuration c;
  c.species = {{"A", 1.0}};
  for (const Vec3& r : testing::lj7_bipyramid()) c.add_atom(0, r);
  return c;
}

ArtWalkConfig lj_walk(double kT) {
  ArtWalkConfig w;
  w.artn.project_rigid_body = true;
  w.artn.relax.force_tolerance = 1e-6;
  w.artn.relax.same_minimum_distance = 0.05;
  w.perturbation_radius = 1.2;
  w.kT = kT;
  w.accepted_events = 25;
  w.max_attempts = 60;
  w.energy_tolerance = 1e-6;
  w.distance_tolerance = 0.05;
  return w;
}

double distance_to_known(double e) {
  double best = INFINITY;
  for (double m : lj7_minima) best = std::min(best, std::abs(e - m));
  return best;
}

TEST(ArtWalk, Lj7WalkVisitsKnownMinimaAndRecognisesRevisits) {
  Configuration config = lj7();
  auto potential = full_lj();
  ArtWalk walk(config, *potential, lj_walk(INFINITY));
  Rng rng(5, 0);
  const WalkNetwork net = walk.run(rng);
  EXPECT_EQ(net.accepted_events, 25);
  EXPECT_NEAR(net.minima[0].energy, lj7_minima[0], 1e-4);
  for (const WalkMinimum& m : net.minima) EXPECT_LT(distance_to_known(m.energy), 1e-4) << m.energy;
  for (const WalkTransitionState& t : net.transition_states) {
    EXPECT_GT(t.energy, net.minima[t.minimum_from].energy);
    EXPECT_GT(t.energy, net.minima[t.minimum_to].energy);
    EXPECT_NE(t.minimum_from, t.minimum_to);
    EXPECT_LT(t.eigenvalue, 0.0);
  }
  int revisits = 0, successes = 0;
  for (const WalkAttempt& a : net.attempts) {
    if (a.outcome != ArtnOutcome::success) continue;
    ++successes;
    revisits += a.revisit;
    EXPECT_TRUE(a.accepted);  // infinite temperature
  }
  EXPECT_GT(revisits, 0);
  EXPECT_LE(static_cast<int>(net.minima.size()), successes - revisits + 1);
  // The walk ended in its current minimum, stored in config.
  AtomsObjective objective(config, *potential);
  Eigen::VectorXd g(objective.dimension());
  EXPECT_NEAR(objective.evaluate(objective.variables(), g), net.minima[net.current].energy, 1e-8);
}

// No two stored minima are the same structure, checked independently of the walk's
// matcher (energies, and largest per-atom distance after Kabsch alignment): revisits were
// recognised, not stored twice.
TEST(ArtWalk, StoredMinimaAreDistinct) {
  Configuration config = lj7();
  auto potential = full_lj();
  ArtWalk walk(config, *potential, lj_walk(INFINITY));
  Rng rng(5, 1);
  const WalkNetwork net = walk.run(rng);
  std::vector<Eigen::VectorXd> x;
  for (std::size_t m = 0; m < walk.minima().size(); ++m) x.push_back(walk.minima().positions(m));
  ASSERT_EQ(x.size(), net.minima.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = i + 1; j < x.size(); ++j) {
      if (std::abs(net.minima[i].energy - net.minima[j].energy) > 1e-6) continue;
      const Eigen::VectorXd d = aligned_onto(x[j], x[i]) - x[i];
      double largest = 0.0;
      for (int a = 0; a < 7; ++a) largest = std::max(largest, d.segment<3>(3 * a).norm());
      EXPECT_GT(largest, 0.05) << "minima " << i << " and " << j << " are the same";
      // Same energy, different labels: a permutational isomer, same moments of inertia.
      EXPECT_LT((net.minima[i].moments - net.minima[j].moments).norm(), 1e-4);
    }
}

// From a higher minimum (reached by one uphill event from the global minimum), a walk at
// kT = 0 accepts only downhill events.
TEST(ArtWalk, ZeroTemperatureWalkOnlyGoesDownhill) {
  Configuration config = lj7();
  auto potential = full_lj();
  ArtWalkConfig up = lj_walk(INFINITY);
  up.accepted_events = 1;
  Rng rng(9, 0);
  const WalkNetwork first = ArtWalk(config, *potential, up).run(rng);
  ASSERT_EQ(first.accepted_events, 1);
  const double start = first.minima[first.current].energy;
  ASSERT_GT(start, lj7_minima[0] + 0.1);
  ArtWalkConfig down = lj_walk(0.0);
  down.max_attempts = 12;
  const WalkNetwork net = ArtWalk(config, *potential, down).run(rng);
  EXPECT_NEAR(net.minima[0].energy, start, 1e-6);
  EXPECT_GT(net.accepted_events, 0);
  for (const WalkAttempt& a : net.attempts)
    if (a.accepted) {
      EXPECT_LE(a.energy_change, 0.0);
    }
  EXPECT_LT(net.minima[net.current].energy, start);
}

// A walk restored from a checkpoint taken mid-way (into a fresh system) continues exactly as
// the uninterrupted walk: same attempts, minima and transition states.
TEST(ArtWalk, ContinuesIdenticallyFromACheckpoint) {
  ArtWalkConfig settings = lj_walk(0.8);
  settings.max_attempts = 16;
  auto potential = full_lj();
  Configuration straight_config = lj7();
  Rng straight_rng(3, 4);
  const WalkNetwork straight = ArtWalk(straight_config, *potential, settings).run(straight_rng);

  Configuration first_config = lj7();
  ArtWalk first(first_config, *potential, settings);
  Rng rng(3, 4);
  first.start();
  for (int k = 0; k < 7; ++k) first.step(rng);
  const std::vector<std::uint8_t> bytes = first.checkpoint(rng);

  Configuration second_config = lj7();
  ArtWalk second(second_config, *potential, settings);
  Rng resumed_rng(999, 0);  // overwritten by the checkpoint
  second.restore(bytes, resumed_rng);
  while (!second.finished()) second.step(resumed_rng);
  const WalkNetwork& resumed = second.network();

  ASSERT_EQ(resumed.attempts.size(), straight.attempts.size());
  for (std::size_t a = 0; a < straight.attempts.size(); ++a) {
    EXPECT_EQ(resumed.attempts[a].centre, straight.attempts[a].centre);
    EXPECT_EQ(resumed.attempts[a].outcome, straight.attempts[a].outcome);
    EXPECT_EQ(resumed.attempts[a].minimum_to, straight.attempts[a].minimum_to);
    EXPECT_EQ(resumed.attempts[a].barrier, straight.attempts[a].barrier);
  }
  ASSERT_EQ(resumed.minima.size(), straight.minima.size());
  for (std::size_t m = 0; m < straight.minima.size(); ++m)
    EXPECT_EQ(resumed.minima[m].energy, straight.minima[m].energy);
  EXPECT_EQ(resumed.transition_states.size(), straight.transition_states.size());
  EXPECT_EQ(second_config.positions, straight_config.positions);
  EXPECT_THROW(second.restore(std::span(bytes).first(bytes.size() - 1), resumed_rng), Error);
}

// Checkpoints of the format before local forces ("artwalk2") are refused by name, not misread.
TEST(ArtWalk, OlderCheckpointFormatIsAClearError) {
  ArtWalkConfig settings = lj_walk(0.8);
  auto potential = full_lj();
  Configuration config = lj7();
  ArtWalk walk(config, *potential, settings);
  Rng rng(3, 4);
  walk.start();
  walk.step(rng);
  std::vector<std::uint8_t> bytes = walk.checkpoint(rng);
  const std::uint64_t old_tag = 0x61727477616c6b32;  // "artwalk2"
  std::memcpy(bytes.data(), &old_tag, sizeof old_tag);
  try {
    walk.restore(bytes, rng);
    FAIL() << "an artwalk2 checkpoint was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("artwalk2"), std::string::npos) << e.what();
  }
}

TEST(ArtWalk, BadSettingsAreErrors) {
  Configuration config = lj7();
  auto potential = full_lj();
  ArtWalkConfig settings = lj_walk(-1.0);
  EXPECT_THROW((ArtWalk{config, *potential, settings}), Error);
  settings = lj_walk(1.0);
  settings.minimum_resolution = settings.distance_tolerance;
  EXPECT_THROW((ArtWalk{config, *potential, settings}), Error);
}

// Revisit detection on minima stored sparsely is that on minima kept in full (resolution 0:
// every atom that moved at all is stored): the same walk. (LJ₇ events move every atom; the
// KA glass walk in tests/campaign/test_art_walk_unit.cpp stores a part of the atoms.)
TEST(ArtWalk, SparseMinimaDoNotChangeTheWalk) {
  auto potential = full_lj();
  ArtWalkConfig sparse = lj_walk(0.8), full = lj_walk(0.8);
  sparse.minimum_resolution = 0.01;  // 20 % of distance_tolerance: coarser than the default
  full.minimum_resolution = 0.0;
  Configuration a = lj7(), b = lj7();
  Rng rng_a(11, 2), rng_b(11, 2);
  ArtWalk walk_a(a, *potential, sparse), walk_b(b, *potential, full);
  const WalkNetwork& na = walk_a.run(rng_a);
  const WalkNetwork& nb = walk_b.run(rng_b);
  ASSERT_EQ(na.attempts.size(), nb.attempts.size());
  int revisits = 0;
  for (std::size_t k = 0; k < na.attempts.size(); ++k) {
    EXPECT_EQ(na.attempts[k].minimum_to, nb.attempts[k].minimum_to) << k;
    EXPECT_EQ(na.attempts[k].revisit, nb.attempts[k].revisit) << k;
    revisits += na.attempts[k].revisit;
  }
  EXPECT_GT(revisits, 0);
  EXPECT_EQ(na.minima.size(), nb.minima.size());
  EXPECT_EQ(a.positions, b.positions);
  // Minima stored at resolution 0 are the minima found: their energies as recorded.
  AtomsObjective objective(b, *potential);
  Eigen::VectorXd g(objective.dimension());
  for (std::size_t m = 0; m < nb.minima.size(); ++m)
    EXPECT_NEAR(objective.evaluate(walk_b.minima().positions(m), g), nb.minima[m].energy, 1e-8) << m;
}

// A minimum costs memory for the atoms its event moved (index + position: 28 bytes each),
// not for the sample, and errors do not accumulate along a chain of minima: two events of
// 5 and 3 atoms in 20 000, the rest moving within the resolution each time.
TEST(SparseMinima, MemoryIsBoundedByTheMovedAtoms) {
  const Eigen::Index atoms = 20000;
  Rng rng(1, 0);
  Eigen::VectorXd start(3 * atoms);
  for (double& v : start) v = 60.0 * rng.uniform();
  SparseMinima minima(1e-3);
  minima.reset(start);
  auto event = [&](const Eigen::VectorXd& from, const std::vector<Eigen::Index>& moved_atoms) {
    Eigen::VectorXd x = from;
    for (double& v : x) v += 1e-4 * (rng.uniform() - 0.5);  // elastic far field, below resolution
    for (Eigen::Index i : moved_atoms) x.segment<3>(3 * i) += Vec3(0.3, -0.2, 0.1);
    return x;
  };
  const std::vector<Eigen::Index> first_event{3, 17, 4000, 12345, 19999}, second_event{5, 4000, 7000};
  const Eigen::VectorXd first = event(start, first_event);
  ASSERT_EQ(minima.add(first, 0), 1u);
  const Eigen::VectorXd second = event(first, second_event);
  ASSERT_EQ(minima.add(second, 1), 2u);
  const std::size_t per_atom = sizeof(std::uint32_t) + 3 * sizeof(double);
  for (std::size_t m : {1, 2}) {
    const std::size_t moved = m == 1 ? first_event.size() : second_event.size();
    EXPECT_EQ(minima.stored_atoms(m), moved);
    EXPECT_LE(minima.bytes(m), moved * per_atom + 64);
    EXPECT_LE(minima.residual(m), double(m) * 1e-4 * std::sqrt(3.0) / 2.0);  // far-field noise of m events
    const Eigen::VectorXd& truth = m == 1 ? first : second;
    const Eigen::VectorXd back = minima.positions(m);
    for (Eigen::Index i : m == 1 ? first_event : second_event)
      EXPECT_EQ(Vec3(back.segment<3>(3 * i)), Vec3(truth.segment<3>(3 * i)));
    // Within the residual of the minimum, not the sum along the chain.
    double worst = 0.0;
    for (Eigen::Index i = 0; i < atoms; ++i)
      worst = std::max(worst, (back.segment<3>(3 * i) - truth.segment<3>(3 * i)).norm());
    EXPECT_LE(worst, minima.residual(m) + 1e-12) << m;
  }
  EXPECT_LT(minima.bytes(1) * 1000, std::size_t(start.size()) * sizeof(double));  // dense: 480 kB
  EXPECT_EQ(minima.positions(0), start);
  EXPECT_THROW(minima.positions(3), Error);
  // Resolution 0: every atom that moved is stored, exactly.
  SparseMinima exact(0.0);
  exact.reset(start);
  exact.add(first, 0);
  exact.add(second, 1);
  EXPECT_EQ(exact.positions(2), second);
}

}  // namespace
}  // namespace pelcamp
