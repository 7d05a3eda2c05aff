// Box relaxation: the objective's gradient against finite differences of its value, the
// final pressure tensor against the target (hydrostatic and deviatoric) on an independent
// evaluation, frozen atoms following the cell, and the errors for unusable settings.
#include <gtest/gtest.h>

#include <cmath>

#include "minimize/minimize_test_support.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/box_relax.hpp"
#include "pelcamp/minimize/registry.hpp"

namespace pelcamp {
namespace {

using testing::read_reference_structure;
using testing::reference_morse;

struct GradientCase {
  BoxCoupling coupling;
  Sym6 target;
};

class BoxRelaxGradient : public ::testing::TestWithParam<GradientCase> {};

TEST_P(BoxRelaxGradient, MatchesFiniteDifferencesOfTheValue) {
  Configuration c = read_reference_structure("relax_tri_p0");
  auto pot = reference_morse();
  BoxRelaxConfig settings;
  settings.coupling = GetParam().coupling;
  settings.target = GetParam().target;
  settings.pressure_tolerance = 1e-6;
  BoxRelaxObjective objective(c, pot, settings);
  Eigen::VectorXd x = objective.reset_reference();
  const Eigen::Index n = objective.dimension();
  const Eigen::Index ns = n - 3 * static_cast<Eigen::Index>(c.size());
  // Away from the reference: strained cell, displaced atoms.
  Rng rng(5);
  for (Eigen::Index k = n - ns; k < n; ++k) x(k) = rng.uniform(-0.3, 0.3);
  for (Eigen::Index k = 0; k < n - ns; ++k) x(k) += rng.uniform(-0.02, 0.02);

  Eigen::VectorXd g(n), scratch(n);
  objective.evaluate(x, g);
  const double scale = g.cwiseAbs().maxCoeff();
  const double h = 1e-6;
  std::vector<Eigen::Index> checked;
  for (Eigen::Index k = 0; k < n - ns; k += 23) checked.push_back(k);
  for (Eigen::Index k = n - ns; k < n; ++k) checked.push_back(k);
  for (Eigen::Index k : checked) {
    Eigen::VectorXd xp = x, xm = x;
    xp(k) += h;
    xm(k) -= h;
    const double fd = (objective.evaluate(xp, scratch) - objective.evaluate(xm, scratch)) / (2.0 * h);
    EXPECT_NEAR(g(k), fd, 1e-6 * scale) << "variable " << k << (k >= n - ns ? " (strain)" : "");
  }
}

INSTANTIATE_TEST_SUITE_P(
    Couplings, BoxRelaxGradient,
    ::testing::Values(GradientCase{BoxCoupling::iso, {0.7, 0.7, 0.7, 0, 0, 0}},
                      GradientCase{BoxCoupling::aniso, {0.5, 0.7, 0.9, 0, 0, 0}},
                      GradientCase{BoxCoupling::tri, {0.5, 0.7, 0.9, 0.2, -0.1, 0.05}}));

// Pressure tensor W nktv2p / V of a configuration, from a fresh potential.
Mat3 pressure_of(const Configuration& c) {
  auto pot = reference_morse();
  ComputeRequest request;
  request.virial = true;
  ComputeResult res;
  pot.compute(c, request, res);
  return res.virial / c.box.volume();  // nktv2p = 1 in lj units
}

class BoxRelaxTarget : public ::testing::TestWithParam<std::string> {};

TEST_P(BoxRelaxTarget, ReachesADeviatoricTargetByReReferencing) {
  Configuration c = read_reference_structure("relax_tri_p0");
  auto pot = reference_morse();
  BoxRelaxConfig settings;
  settings.coupling = BoxCoupling::tri;
  settings.target = {0.5, 1.0, 1.5, 0.2, -0.1, 0.05};
  settings.pressure_tolerance = 1e-8;
  StoppingCriteria stop;
  stop.fmax = 1e-9;
  const auto minimizer = make_minimizer(GetParam());
  const BoxRelaxResult r = relax_box(c, pot, *minimizer, stop, settings);
  ASSERT_TRUE(r.converged) << to_string(r.minimize.reason);
  EXPECT_GT(r.passes, 1);  // the linear deviatoric work term is exact only at F = I
  const Mat3 p = pressure_of(c);
  const Sym6 got = to_sym6(p);
  for (int k = 0; k < 6; ++k) EXPECT_NEAR(got[k], settings.target[k], 1e-8) << "component " << k;
  EXPECT_LT(r.pressure_error, 1e-8);
  EXPECT_LT(r.minimize.fmax, 1e-9);
  EXPECT_DOUBLE_EQ(r.volume, c.box.volume());
  EXPECT_NEAR(pot.energy(c), r.potential_energy, 1e-13 * std::abs(r.potential_energy));
}

TEST_P(BoxRelaxTarget, FrozenAtomsFollowTheCellAffinely) {
  Configuration c = read_reference_structure("relax_iso_p0");
  const Configuration start = c;
  std::vector<bool> frozen(c.size(), false);
  for (std::size_t i = 0; i < c.size(); i += 5) frozen[i] = true;
  auto pot = reference_morse();
  StoppingCriteria stop;
  stop.fmax = 1e-8;
  const auto minimizer = make_minimizer(GetParam());
  const BoxRelaxResult r = relax_box(c, pot, *minimizer, stop,
                                     BoxRelaxConfig::hydrostatic(0.0, BoxCoupling::aniso, 1e-8), frozen);
  ASSERT_TRUE(r.converged) << to_string(r.minimize.reason);
  EXPECT_LT(r.volume, 0.97 * start.box.volume());  // the start is under tension: it shrinks
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (!frozen[i]) continue;
    const Vec3 moved = c.box.to_fractional(c.positions[i]) - start.box.to_fractional(start.positions[i]);
    EXPECT_LT(moved.norm(), 1e-13) << "frozen atom " << i;
  }
  EXPECT_LT(pressure_of(c).diagonal().cwiseAbs().maxCoeff(), 1e-8);
}

INSTANTIATE_TEST_SUITE_P(AllMinimizers, BoxRelaxTarget, ::testing::Values("fire", "cg", "lbfgs"));

TEST(BoxRelax, UnusableSettingsAreErrors) {
  auto pot = reference_morse();
  Configuration crystal = read_reference_structure("relax_iso_p0");
  Configuration cluster = read_reference_structure("min_cluster");
  const BoxRelaxConfig ok = BoxRelaxConfig::hydrostatic(0.0, BoxCoupling::iso, 1e-6);
  EXPECT_THROW(BoxRelaxObjective(cluster, pot, ok), Error);  // no periodic box

  Configuration slab = crystal;
  slab.box = Box::orthorhombic(Vec3::Zero(), crystal.box.hi(), {true, true, false});
  EXPECT_THROW(BoxRelaxObjective(slab, pot, ok), Error);

  BoxRelaxConfig bad = ok;
  bad.pressure_tolerance = -1.0;  // the default: must be set
  EXPECT_THROW(BoxRelaxObjective(crystal, pot, bad), Error);
  bad = ok;
  bad.target = {1.0, 2.0, 3.0, 0.0, 0.0, 0.0};
  EXPECT_THROW(BoxRelaxObjective(crystal, pot, bad), Error);  // iso needs a hydrostatic target
  bad.coupling = BoxCoupling::aniso;
  EXPECT_NO_THROW(BoxRelaxObjective(crystal, pot, bad));
  bad.target[3] = 0.5;
  EXPECT_THROW(BoxRelaxObjective(crystal, pot, bad), Error);  // aniso cannot relax shear
  bad.coupling = BoxCoupling::tri;
  EXPECT_NO_THROW(BoxRelaxObjective(crystal, pot, bad));
  EXPECT_THROW(BoxRelaxObjective(crystal, pot, ok, std::vector<bool>(3, false)), Error);
}

TEST(BoxRelax, CollapsedCellIsOutsideTheDomain) {
  Configuration c = read_reference_structure("relax_iso_p0");
  auto pot = reference_morse();
  BoxRelaxObjective objective(c, pot, BoxRelaxConfig::hydrostatic(0.0, BoxCoupling::iso, 1e-6));
  Eigen::VectorXd x = objective.reset_reference();
  Eigen::VectorXd g(x.size());
  x(x.size() - 1) = -1e3;  // ε = u / L far below −1
  EXPECT_EQ(objective.evaluate(x, g), std::numeric_limits<double>::infinity());
}

}  // namespace
}  // namespace pelcamp
