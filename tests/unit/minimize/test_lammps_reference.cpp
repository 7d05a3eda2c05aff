// LAMMPS as the oracle: the minima that `lmp` (units lj, pair_style morse, pair_modify shift
// yes; min_style cg, ftol 1e-10) found from the same start structures, stored in
// tests/data/minimize/ by tools/reference/make-minimize-reference. Every pelcamp minimizer
// must reach the same minimum energy to 1e-12 relative and, for box relaxations, the same
// volume and cell to 1e-10 relative (measured agreement: ~1e-14 and ~1e-13).
#include <gtest/gtest.h>

#include <cmath>

#include "minimize/minimize_test_support.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/box_relax.hpp"
#include "pelcamp/minimize/registry.hpp"

namespace pelcamp {
namespace {

using testing::LammpsMinimum;
using testing::read_lammps_minimum;
using testing::read_reference_structure;
using testing::reference_morse;

constexpr double kEnergyTolerance = 1e-12;  // relative
constexpr double kCellTolerance = 1e-10;    // relative (volume, lengths); absolute on tilts

struct ReferenceCase {
  std::string minimizer;
  std::string system;
};

std::string case_name(const ::testing::TestParamInfo<ReferenceCase>& info) {
  return info.param.minimizer + "_" + info.param.system;
}

class LammpsFixedBox : public ::testing::TestWithParam<ReferenceCase> {};

TEST_P(LammpsFixedBox, SameMinimumEnergyAtFixedBox) {
  const LammpsMinimum ref = read_lammps_minimum(GetParam().system);
  Configuration c = read_reference_structure(GetParam().system);
  auto pot = reference_morse();
  AtomsObjective atoms(c, pot);
  atoms.set_virial(true);
  StoppingCriteria stop;
  stop.fmax = 1e-10;
  auto x = atoms.variables();
  const MinimizeResult r = make_minimizer(GetParam().minimizer)->minimize(atoms, x, stop);
  EXPECT_EQ(r.reason, StopReason::converged_force) << to_string(r.reason);
  EXPECT_NEAR(r.energy, ref.energy, kEnergyTolerance * std::abs(ref.energy));
  if (c.box.any_periodic()) {  // the crystal's residual pressure at fixed box
    const Sym6 p = to_sym6(atoms.last_result().virial / c.box.volume());
    for (int k = 0; k < 6; ++k) EXPECT_NEAR(p[k], ref.pressure_tensor[k], 1e-10) << "component " << k;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Morse, LammpsFixedBox,
    ::testing::Values(ReferenceCase{"fire", "min_crystal"}, ReferenceCase{"cg", "min_crystal"},
                      ReferenceCase{"lbfgs", "min_crystal"}, ReferenceCase{"fire", "min_cluster"},
                      ReferenceCase{"cg", "min_cluster"}, ReferenceCase{"lbfgs", "min_cluster"}),
    case_name);

struct RelaxCase {
  std::string minimizer;
  std::string system;
  BoxCoupling coupling;
  double pressure;
};

std::string relax_name(const ::testing::TestParamInfo<RelaxCase>& info) {
  return info.param.minimizer + "_" + info.param.system;
}

class LammpsBoxRelax : public ::testing::TestWithParam<RelaxCase> {};

TEST_P(LammpsBoxRelax, SameEnergyVolumeAndCell) {
  const RelaxCase& rc = GetParam();
  const LammpsMinimum ref = read_lammps_minimum(rc.system);
  Configuration c = read_reference_structure(rc.system);
  auto pot = reference_morse();
  StoppingCriteria stop;
  stop.fmax = 1e-10;
  const BoxRelaxResult r = relax_box(c, pot, *make_minimizer(rc.minimizer), stop,
                                     BoxRelaxConfig::hydrostatic(rc.pressure, rc.coupling, 1e-9));
  ASSERT_TRUE(r.converged) << to_string(r.minimize.reason);
  EXPECT_NEAR(r.potential_energy, ref.energy, kEnergyTolerance * std::abs(ref.energy));
  EXPECT_NEAR(r.volume, ref.volume, kCellTolerance * ref.volume);
  EXPECT_NEAR(c.box.lx(), ref.lx, kCellTolerance * ref.lx);
  EXPECT_NEAR(c.box.ly(), ref.ly, kCellTolerance * ref.ly);
  EXPECT_NEAR(c.box.lz(), ref.lz, kCellTolerance * ref.lz);
  EXPECT_NEAR(c.box.xy(), ref.xy, kCellTolerance);
  EXPECT_NEAR(c.box.xz(), ref.xz, kCellTolerance);
  EXPECT_NEAR(c.box.yz(), ref.yz, kCellTolerance);
  EXPECT_NEAR(r.pressure.trace() / 3.0, rc.pressure, 1e-9);
  EXPECT_NEAR(ref.pressure, rc.pressure, 1e-9);  // LAMMPS converged too
}

INSTANTIATE_TEST_SUITE_P(
    Morse, LammpsBoxRelax,
    ::testing::Values(RelaxCase{"fire", "relax_iso_p0", BoxCoupling::iso, 0.0},
                      RelaxCase{"cg", "relax_iso_p0", BoxCoupling::iso, 0.0},
                      RelaxCase{"lbfgs", "relax_iso_p0", BoxCoupling::iso, 0.0},
                      RelaxCase{"fire", "relax_iso_p2", BoxCoupling::iso, 2.0},
                      RelaxCase{"cg", "relax_iso_p2", BoxCoupling::iso, 2.0},
                      RelaxCase{"lbfgs", "relax_iso_p2", BoxCoupling::iso, 2.0},
                      RelaxCase{"fire", "relax_aniso_p0", BoxCoupling::aniso, 0.0},
                      RelaxCase{"cg", "relax_aniso_p0", BoxCoupling::aniso, 0.0},
                      RelaxCase{"lbfgs", "relax_aniso_p0", BoxCoupling::aniso, 0.0},
                      RelaxCase{"fire", "relax_tri_p0", BoxCoupling::tri, 0.0},
                      RelaxCase{"cg", "relax_tri_p0", BoxCoupling::tri, 0.0},
                      RelaxCase{"lbfgs", "relax_tri_p0", BoxCoupling::tri, 0.0}),
    relax_name);

}  // namespace
}  // namespace pelcamp
