// Minimizers on atoms (a perturbed Morse crystal with a vacancy and a perturbed free
// 38-atom cluster): the energy never rises, the force tolerance is met as checked by an
// independent force evaluation, frozen atoms stay exactly put, and all three minimizers
// reach the same minimum.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "minimize/minimize_test_support.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/line_search.hpp"
#include "pelcamp/minimize/registry.hpp"

namespace pelcamp {
namespace {

using testing::read_reference_structure;
using testing::RecordingObjective;
using testing::reference_morse;

// Relative energy resolution the minimizers document (LineSearchConfig, FireConfig).
constexpr double kResolution = 1e-12;

double max_force(const Configuration& c, const std::vector<bool>& frozen = {}) {
  auto pot = reference_morse();
  ComputeResult res;
  pot.compute(c, ComputeRequest{}, res);
  double m = 0.0;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (frozen.empty() || !frozen[i]) m = std::max(m, res.forces[i].norm());
  return m;
}

struct AtomsCase {
  std::string minimizer;
  std::string system;  // a start structure of tests/data/minimize/
};

std::string case_name(const ::testing::TestParamInfo<AtomsCase>& info) {
  return info.param.minimizer + "_" + info.param.system;
}

class AtomsMinimization : public ::testing::TestWithParam<AtomsCase> {};

TEST_P(AtomsMinimization, NeverRaisesTheEnergy) {
  Configuration c = read_reference_structure(GetParam().system);
  auto pot = reference_morse();
  AtomsObjective atoms(c, pot);
  RecordingObjective recorder(atoms);
  const auto minimizer = make_minimizer(GetParam().minimizer);
  std::vector<double> accepted;
  minimizer->set_observer([&](const IterationRecord& r) { accepted.push_back(r.energy); });
  StoppingCriteria stop;
  stop.fmax = 1e-8;
  auto x = atoms.variables();
  const MinimizeResult r = minimizer->minimize(recorder, x, stop);
  ASSERT_TRUE(r.converged()) << to_string(r.reason);
  ASSERT_GT(accepted.size(), 10u);
  const double e0 = recorder.values.front();
  EXPECT_LT(r.energy, e0 - 1.0);  // the perturbation cost well over one bond energy

  if (GetParam().minimizer == "fire") {
    // FIRE may climb transiently, but returns the lowest point it visited.
    const double lowest = *std::min_element(recorder.values.begin(), recorder.values.end());
    EXPECT_LE(r.energy, lowest + kResolution * std::abs(lowest));
  } else {
    // Each accepted energy is at most the round-off resolution above the previous one.
    for (std::size_t k = 1; k < accepted.size(); ++k)
      EXPECT_LE(accepted[k], accepted[k - 1] + kResolution * std::abs(accepted[k - 1]))
          << "iteration " << k << " raised the energy by " << accepted[k] - accepted[k - 1];
    EXPECT_EQ(accepted.back(), r.energy);
  }
}

TEST_P(AtomsMinimization, MeetsTheForceToleranceOnAnIndependentEvaluation) {
  Configuration c = read_reference_structure(GetParam().system);
  auto pot = reference_morse();
  AtomsObjective atoms(c, pot);
  StoppingCriteria stop;
  stop.fmax = 1e-9;
  auto x = atoms.variables();
  const MinimizeResult r = make_minimizer(GetParam().minimizer)->minimize(atoms, x, stop);
  EXPECT_EQ(r.reason, StopReason::converged_force) << to_string(r.reason);
  EXPECT_LT(r.fmax, 1e-9);
  EXPECT_NEAR(max_force(c), r.fmax, 1e-12);
  // The reported energy is that of the configuration left behind (a fresh potential sums
  // the pairs in another order, hence round-off).
  auto fresh = reference_morse();
  EXPECT_NEAR(fresh.energy(c), r.energy, 1e-13 * std::abs(r.energy));
}

TEST_P(AtomsMinimization, FrozenAtomsStayExactlyPut) {
  Configuration c = read_reference_structure(GetParam().system);
  const Configuration start = c;
  std::vector<bool> frozen(c.size(), false);
  for (std::size_t i = 0; i < c.size(); i += 4) frozen[i] = true;
  auto pot = reference_morse();
  AtomsObjective atoms(c, pot, frozen);
  StoppingCriteria stop;
  stop.fmax = 1e-8;
  auto x = atoms.variables();
  const MinimizeResult r = make_minimizer(GetParam().minimizer)->minimize(atoms, x, stop);
  EXPECT_EQ(r.reason, StopReason::converged_force) << to_string(r.reason);
  std::size_t moved = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (frozen[i]) {
      EXPECT_EQ(c.positions[i], start.positions[i]) << "frozen atom " << i << " moved";
    } else if ((c.positions[i] - start.positions[i]).norm() > 1e-3) {
      ++moved;
    }
  }
  EXPECT_GT(moved, c.size() / 2);
  EXPECT_LT(max_force(c, frozen), 1e-8);
}

INSTANTIATE_TEST_SUITE_P(
    Morse, AtomsMinimization,
    ::testing::Values(AtomsCase{"fire", "min_crystal"}, AtomsCase{"cg", "min_crystal"},
                      AtomsCase{"lbfgs", "min_crystal"}, AtomsCase{"fire", "min_cluster"},
                      AtomsCase{"cg", "min_cluster"}, AtomsCase{"lbfgs", "min_cluster"}),
    case_name);

TEST(AtomsMinimization, AllMinimizersReachTheSameMinimum) {
  for (const std::string system : {"min_crystal", "min_cluster"}) {
    std::vector<double> energies;
    std::vector<Configuration> finals;
    for (const auto& name : minimizer_names()) {
      Configuration c = read_reference_structure(system);
      auto pot = reference_morse();
      AtomsObjective atoms(c, pot);
      StoppingCriteria stop;
      stop.fmax = 1e-9;
      auto x = atoms.variables();
      energies.push_back(make_minimizer(name)->minimize(atoms, x, stop).energy);
      finals.push_back(c);
    }
    for (std::size_t k = 1; k < energies.size(); ++k) {
      EXPECT_NEAR(energies[k], energies[0], 1e-12 * std::abs(energies[0])) << system;
      // The same minimum, not merely the same energy: equal interatomic distances (a free
      // cluster may end up rotated, its rotations being zero modes).
      double worst = 0.0;
      for (std::size_t i = 0; i < finals[0].size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
          worst = std::max(worst, std::abs((finals[k].positions[i] - finals[k].positions[j]).norm() -
                                           (finals[0].positions[i] - finals[0].positions[j]).norm()));
      EXPECT_LT(worst, 1e-6) << system;
    }
  }
}

TEST(AtomsObjective, GradientIsMinusTheForcesAndVariablesAliasPositions) {
  Configuration c = read_reference_structure("min_cluster");
  auto pot = reference_morse();
  std::vector<bool> frozen(c.size(), false);
  frozen[3] = true;
  AtomsObjective atoms(c, pot, frozen);
  auto x = atoms.variables();
  EXPECT_EQ(x.data(), c.positions[0].data());
  EXPECT_EQ(x.size(), 3 * static_cast<Eigen::Index>(c.size()));
  x(7) += 0.01;  // moves atom 2 along y
  EXPECT_EQ(c.positions[2](1), x(7));

  Eigen::VectorXd g(atoms.dimension());
  const double e = atoms.evaluate(x, g);
  ComputeResult res;
  reference_morse().compute(c, ComputeRequest{}, res);
  EXPECT_EQ(e, res.energy);
  double fmax = 0.0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const Vec3 expected = frozen[i] ? Vec3::Zero() : Vec3(-res.forces[i]);
    EXPECT_EQ(Vec3(g.segment<3>(3 * i)), expected) << i;
    if (!frozen[i]) fmax = std::max(fmax, res.forces[i].norm());
  }
  EXPECT_EQ(atoms.gradient_measure(g), fmax);

  // A point held elsewhere is copied into the configuration.
  Eigen::VectorXd elsewhere = x;
  elsewhere(0) += 0.02;
  atoms.evaluate(elsewhere, g);
  EXPECT_EQ(c.positions[0](0), elsewhere(0));
}

TEST(AtomsObjective, FrozenMaskOfTheWrongSizeIsAnError) {
  Configuration c = read_reference_structure("min_cluster");
  auto pot = reference_morse();
  EXPECT_THROW(AtomsObjective(c, pot, std::vector<bool>(c.size() - 1, false)), Error);
}

}  // namespace
}  // namespace pelcamp
