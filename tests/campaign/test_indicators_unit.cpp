// The `indicators` unit on a small minimized Cu50Zr50 sample: fields consistent with each
// other and with the unit's own options (Ψ over all modes by Cholesky bounds Ψ over the lowest
// modes; G by the Hessian route = by relaxed strains), E_IS of the minimum.
#include <gtest/gtest.h>

#include <cmath>

#include "campaign/unit_test_support.hpp"
#include "pelcamp/units/indicators_unit.hpp"
#include "pelcamp/units/minimize_unit.hpp"
#include "pelcamp/units/packing_unit.hpp"

namespace pelcamp::units {
namespace {

const std::string kCuZr =
    "eam/fs:" + std::string(PELCAMP_TEST_DATA) + "/potentials/CuZr_mm.eam.fs:Cu,Zr";

// Every parameter at its default, the system parameters set.
Params defaults(const UnitKind& kind) {
  Params p;
  p.set("structure", std::string());
  p.set("potential", kCuZr);
  p.set("free", false);
  return unit_testing::with_defaults(kind, p);
}

std::shared_ptr<const UnitOutput> cuzr_minimum() {
  Params p;
  p.set("composition", std::string("Cu:0.5,Zr:0.5"));
  p.set("atoms", std::int64_t{100});
  p.set("density", 0.0585);
  p.set("min_distance", 2.0);
  const auto packing = unit_testing::run_unit(packing_unit_kind(), p);
  Params m = defaults(minimize_unit_kind());
  m.set("minimizer", std::string("cg"));
  m.set("fmax", 1e-6);
  return unit_testing::run_unit(minimize_unit_kind(), m, packing);
}

double field(const UnitKind& kind, const UnitOutput& out, const char* name, int k = 0) {
  const int index = kind.field_index(name);
  EXPECT_GE(index, 0) << name;
  return out.fields[index][k];
}

TEST(IndicatorsUnit, FieldsOfAMinimizedCuZrSample) {
  const UnitKind& kind = indicators_unit_kind();
  const auto sample = cuzr_minimum();
  const auto out = unit_testing::run_unit(kind, defaults(kind), sample);
  ASSERT_EQ(out->fields.size(), kind.outputs.size());
  const double n = 100.0;
  EXPECT_EQ(field(kind, *out, "atoms"), n);
  EXPECT_NEAR(field(kind, *out, "number_density"), n / sample->structure->box.volume(), 1e-12);
  // Polishing from fmax 1e-6 to 1e-8 lowers E_IS by a negligible amount.
  const double e_min = sample->fields[minimize_unit_kind().field_index("energy_per_atom")][0];
  EXPECT_LE(field(kind, *out, "energy_is"), e_min);
  EXPECT_NEAR(field(kind, *out, "energy_is"), e_min, 1e-6);
  EXPECT_LT(field(kind, *out, "fmax"), 1e-8);
  EXPECT_EQ(field(kind, *out, "zero_modes"), 3.0);
  const auto& psi = out->fields[kind.field_index("atom_psi")];
  const auto& offsets = out->fields[kind.field_index("atom_centroid_offset")];
  ASSERT_EQ(psi.size(), 100u);
  ASSERT_EQ(offsets.size(), 100u);
  double psi_sum = 0.0, offset_sum = 0.0;
  for (int i = 0; i < 100; ++i) {
    EXPECT_GT(psi[i], 0.0);
    psi_sum += psi[i];
    offset_sum += offsets[i];
  }
  EXPECT_NEAR(field(kind, *out, "psi"), psi_sum, 1e-12 * psi_sum);
  EXPECT_NEAR(field(kind, *out, "psi_per_atom"), psi_sum / n, 1e-12 * psi_sum);
  EXPECT_NEAR(field(kind, *out, "centroid_offset"), offset_sum / n, 1e-12);
  const double ico = field(kind, *out, "ico_fraction");
  EXPECT_GE(ico, 0.0);
  EXPECT_LE(ico, 1.0);
  EXPECT_LT(field(kind, *out, "s2"), 0.0);  // a dense amorphous solid is ordered at two-body level
  const double g = field(kind, *out, "shear_modulus");
  EXPECT_GT(g, 0.0);
  // C is 36 values, row-major Voigt: G is their isotropic average.
  auto c = [&](int i, int j) { return field(kind, *out, "elastic_constants", 6 * (i - 1) + j - 1); };
  EXPECT_NEAR(g,
              (c(1, 1) + c(2, 2) + c(3, 3) - c(1, 2) - c(1, 3) - c(2, 3) +
               3 * (c(4, 4) + c(5, 5) + c(6, 6))) / 15,
              1e-12 * g);

  // The same sample through the other options.
  Params other = defaults(kind);
  other.set("soft_modes", std::string("lowest"));
  other.set("lowest_modes", std::int64_t{20});
  other.set("elastic", std::string("strains"));
  const auto alt = unit_testing::run_unit(kind, other, sample);
  EXPECT_EQ(field(kind, *alt, "zero_modes"), 3.0);
  // Part of the sum over all modes (the Lanczos modes themselves: test_normal_modes.cpp).
  const auto& psi_lowest = alt->fields[kind.field_index("atom_psi")];
  for (int i = 0; i < 100; ++i) {
    EXPECT_GT(psi_lowest[i], 0.0);
    EXPECT_LT(psi_lowest[i], psi[i]);
  }
  // Relaxed ±1e-6 strains against the Hessian route: C¹ EAM splines limit the agreement
  // (test_elastic_constants.cpp).
  EXPECT_NEAR(field(kind, *alt, "shear_modulus"), g, 1e-3 * g);
}

}  // namespace
}  // namespace pelcamp::units
