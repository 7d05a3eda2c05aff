// The intra-cage unit kinds (seed 004) run directly: lattice builds the crystal control,
// cyclic_loading fills its per-atom fields and finds a crystal unchanged, and
// perturbation_probe probes exactly its batch, fills the map series to its planned length
// and keeps dE_sys = 2 dE_atom for a pair potential.
#include <gtest/gtest.h>

#include <cmath>

#include "pelcamp/units/cyclic_loading_unit.hpp"
#include "pelcamp/units/lattice_unit.hpp"
#include "pelcamp/units/minimize_unit.hpp"
#include "pelcamp/units/packing_unit.hpp"
#include "pelcamp/units/perturbation_probe_unit.hpp"

namespace pelcamp::units {
namespace {

std::shared_ptr<const UnitOutput> run_kind(const UnitKind& kind, const Params& p,
                                           std::shared_ptr<const UnitOutput> input = nullptr) {
  UnitContext ctx{.params = p, .campaign_seed = 4, .unit_id = 8, .inputs = {}, .checkpoint_file = ""};
  if (input) ctx.inputs.push_back(input);
  auto out = std::make_shared<UnitOutput>();
  kind.run(ctx, *out);
  return out;
}

// Every parameter at its default, then `values`.
Params with_defaults(const UnitKind& kind, const std::vector<std::pair<std::string, Value>>& values) {
  Params p;
  for (const auto& spec : kind.params)
    if (spec.default_value) p.set(spec.name, *spec.default_value);
  for (const auto& [k, v] : values) p.set(k, v);
  return p;
}

const std::vector<double>& field(const UnitKind& kind, const UnitOutput& out, const std::string& name) {
  return out.fields.at(static_cast<std::size_t>(kind.field_index(name)));
}

const std::string cuzr = "eam/fs:" PELCAMP_TEST_DATA "/potentials/CuZr_mm.eam.fs:Cu,Zr";

TEST(IntracageUnits, LatticeBuildsTheB2CrystalOfThePlannedSize) {
  const UnitKind& kind = lattice_unit_kind();
  const Params p = with_defaults(kind, {{"lattice", std::string("b2")}, {"a", 3.25}, {"cells", std::int64_t{3}},
                                        {"species", std::string("Cu,Zr")}});
  EXPECT_EQ(kind.atom_count(PlanInfo{p}), 54u);
  const auto out = run_kind(kind, p);
  ASSERT_TRUE(out->structure);
  EXPECT_EQ(out->structure->size(), 54u);
  EXPECT_NEAR(out->fields[0][0], std::pow(3 * 3.25, 3), 1e-9);
}

TEST(IntracageUnits, CyclicLoadingLeavesACrystalUnchanged) {
  const Params lp = with_defaults(lattice_unit_kind(), {{"lattice", std::string("b2")}, {"a", 3.25},
                                                        {"cells", std::int64_t{3}}, {"species", std::string("Cu,Zr")}});
  const auto crystal = run_kind(lattice_unit_kind(), lp);
  const UnitKind& kind = cyclic_loading_unit_kind();
  const Params p = with_defaults(kind, {{"potential", cuzr}, {"strain", 1e-3}});
  const auto out = run_kind(kind, p, crystal);
  ASSERT_EQ(out->fields.size(), kind.outputs.size());
  EXPECT_EQ(field(kind, *out, "cage_broken")[0], 0.0);
  EXPECT_EQ(field(kind, *out, "converged")[0], 1.0);
  EXPECT_LT(field(kind, *out, "delta")[0], 1e-9);
  EXPECT_GT(field(kind, *out, "energy_loaded")[0], field(kind, *out, "energy_initial")[0]);
  EXPECT_EQ(field(kind, *out, "stress_initial").size(), 54u * 6);
  EXPECT_EQ(field(kind, *out, "displacement").size(), 54u * 3);
  double window = 0.0;
  for (double w : field(kind, *out, "most_displaced")) window += w;
  EXPECT_EQ(window, 1.0);  // ⌈1e-4 × 54⌉
}

TEST(IntracageUnits, PerturbationProbeProbesItsBatchAndFillsTheMap) {
  Params pk;
  pk.set("composition", std::string("A:0.8,B:0.2"));
  pk.set("atoms", std::int64_t{100});
  pk.set("density", 1.2);
  pk.set("min_distance", 0.8);
  const auto packing = run_kind(packing_unit_kind(), pk);
  const Params mp = with_defaults(minimize_unit_kind(), {{"potential", std::string("lj/ka")}, {"fmax", 1e-10},
                                                         {"max_iterations", std::int64_t{100000}}});
  const auto glass = run_kind(minimize_unit_kind(), mp, packing);

  const UnitKind& kind = perturbation_probe_unit_kind();
  const Params p = with_defaults(kind, {{"potential", std::string("lj/ka")}, {"batches", std::int64_t{4}},
                                        {"batch", std::int64_t{1}}, {"stride", std::int64_t{5}},
                                        {"dr_min", 1e-3}, {"dr_max", 1e-2}, {"dr_count", std::int64_t{3}},
                                        {"omega_dr", 1e-2}, {"n_theta", std::int64_t{4}},
                                        {"n_phi", std::int64_t{6}}, {"map_atoms", std::int64_t{2}}});
  const auto out = run_kind(kind, p, glass);
  ASSERT_EQ(out->fields.size(), kind.outputs.size());
  EXPECT_EQ(field(kind, *out, "probed")[0], 5.0);  // atoms 25, 30, …, 45
  EXPECT_EQ(field(kind, *out, "omega_dr")[0], 1e-2);
  const auto& omega = field(kind, *out, "omega_fraction");
  ASSERT_EQ(omega.size(), 100u);
  for (std::size_t i = 0; i < 100; ++i) {
    const bool probed = i >= 25 && i < 50 && (i - 25) % 5 == 0;
    EXPECT_EQ(std::isnan(omega[i]), !probed) << i;
    if (probed) {
      EXPECT_EQ(omega[i], 0.0);  // a pair glass is confined in every direction
      EXPECT_LT(field(kind, *out, "pair_mismatch")[i], 1e-12);
      EXPECT_GT(field(kind, *out, "de_sys_min")[i], 0.0);
    }
  }
  const std::size_t rows = kind.series[0].rows(PlanInfo{p, 100});
  EXPECT_EQ(rows, 2u * 3 * 4 * 6);
  const auto& atom = field(kind, *out, "atom");
  ASSERT_EQ(atom.size(), rows);
  EXPECT_EQ(atom.front(), 25.0);
  EXPECT_EQ(atom.back(), 30.0);
  for (const char* name : {"dr", "theta", "phi", "de_atom", "de_sys"})
    for (double v : field(kind, *out, name)) EXPECT_TRUE(std::isfinite(v)) << name;
}

}  // namespace
}  // namespace pelcamp::units
