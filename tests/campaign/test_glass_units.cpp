// The glass-study unit kinds on exact cases: structure_analysis of B2 CuZr and fcc Cu
// crystals (known Voronoi indices, volumes, RDF shells, zero structural entropy), crystal
// (from the `lattice` kind) relaxed by sample_prep with an empty thermal protocol, and inherent_structures of the
// snapshots of a small Kob–Andersen quench.
#include <gtest/gtest.h>

#include <cmath>

#include "campaign/unit_test_support.hpp"
#include "pelcamp/units/inherent_structures_unit.hpp"
#include "pelcamp/units/lattice_unit.hpp"
#include "pelcamp/units/sample_prep_unit.hpp"
#include "pelcamp/units/structure_analysis_unit.hpp"

namespace pelcamp::units {
namespace {

using unit_testing::field;
using unit_testing::run_unit;
using unit_testing::with_defaults;

const std::string kCuZr = "eam/fs:" PELCAMP_TEST_DATA "/potentials/CuZr_mm.eam.fs:Cu,Zr";

std::shared_ptr<const UnitOutput> crystal(const std::string& lattice, double a, const std::string& species,
                                          std::int64_t cells) {
  Params p;
  p.set("lattice", lattice);
  p.set("a", a);
  p.set("species", species);
  p.set("cells", cells);
  return run_unit(lattice_unit_kind(), p);
}

std::shared_ptr<UnitOutput> analyse(std::shared_ptr<const UnitOutput> input, double r_max = 6.0) {
  Params p;
  p.set("potential", kCuZr);
  p.set("rdf_r_max", r_max);
  p.set("rdf_bins", std::int64_t{120});
  return run_unit(structure_analysis_unit_kind(), with_defaults(structure_analysis_unit_kind(), p), input);
}

TEST(GlassUnits, StructureAnalysisOfB2CuZr) {
  const double a = 3.3;
  const auto out = analyse(crystal("b2", a, "Cu,Zr", 4));
  const UnitKind& k = structure_analysis_unit_kind();
  const std::size_t n = 128;
  // bcc cells: 6 square and 8 hexagonal faces, volume a³/2, centred on the atom.
  const auto& index = field(k, *out, "voronoi_index");
  ASSERT_EQ(index.size(), 4 * n);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_EQ(index[4 * i + 0], 0);
    EXPECT_EQ(index[4 * i + 1], 6);
    EXPECT_EQ(index[4 * i + 2], 0);
    EXPECT_EQ(index[4 * i + 3], 8);
    EXPECT_NEAR(field(k, *out, "voronoi_volume")[i], a * a * a / 2, 1e-9);
    EXPECT_NEAR(field(k, *out, "centroid_offset")[i], 0.0, 1e-9);
    EXPECT_EQ(field(k, *out, "voronoi_faces")[i], 14);
  }
  EXPECT_EQ(field(k, *out, "icosahedral_fraction")[0], 0.0);
  const auto& by_species = field(k, *out, "icosahedral_fraction_by_species");
  EXPECT_EQ(by_species[0], 0.0);
  EXPECT_EQ(by_species[1], 0.0);
  EXPECT_TRUE(std::isnan(by_species[2]));  // no third species
  EXPECT_NEAR(field(k, *out, "structural_entropy")[0], 0.0, 1e-15);
  EXPECT_EQ(field(k, *out, "structural_diversity")[0], 1.0);
  EXPECT_EQ(field(k, *out, "distinct_indices")[0], 1.0);
  EXPECT_NEAR(field(k, *out, "number_density")[0], 2 / (a * a * a), 1e-12);
  // Volume-weighted mean atomic stress = −(virial pressure); by symmetry every atom of a
  // species carries the same stress.
  const auto& stress = field(k, *out, "atomic_stress");
  double mean_xx = 0.0;
  for (std::size_t i = 0; i < n; ++i) mean_xx += stress[6 * i] / double(n);
  EXPECT_NEAR(mean_xx, -field(k, *out, "pressure")[0], 1e-6 * std::abs(mean_xx) + 1e-6);
  EXPECT_NEAR(stress[0], stress[6 * 2], 1e-6 * std::abs(stress[0]));  // atoms 0 and 2: both Cu
  // RDF: the first Cu–Zr shell (8 neighbours) at a√3/2, the first like-pair shell at a.
  const auto& r = field(k, *out, "r");
  const auto& partial = field(k, *out, "g_partial");
  ASSERT_EQ(r.size(), 120u);
  const double dr = 6.0 / 120;
  for (std::size_t b = 0; b < r.size(); ++b) {
    const double cu_zr = partial[6 * b + 1], cu_cu = partial[6 * b + 0];
    const bool first_unlike = std::abs(r[b] - a * std::sqrt(3.0) / 2) < dr / 2;
    const bool first_like = std::abs(r[b] - a) < dr / 2;
    if (r[b] < a * std::sqrt(3.0) / 2 - dr) {
      EXPECT_EQ(cu_zr, 0.0);
    }
    if (first_unlike) {
      EXPECT_GT(cu_zr, 1.0);
    }
    if (first_like) {
      EXPECT_GT(cu_cu, 1.0);
    }
    EXPECT_TRUE(std::isnan(partial[6 * b + 2]) && std::isnan(partial[6 * b + 5]));
  }
}

TEST(GlassUnits, StructureAnalysisOfFccCopper) {
  const auto out = analyse(crystal("fcc", 3.615, "Cu", 3), 5.0);
  const UnitKind& k = structure_analysis_unit_kind();
  // fcc cells: rhombic dodecahedra, 12 four-edged faces, volume a³/4.
  const auto& index = field(k, *out, "voronoi_index");
  for (std::size_t i = 0; i < 108; ++i) {
    EXPECT_EQ(index[4 * i + 1], 12);
    EXPECT_NEAR(field(k, *out, "voronoi_volume")[i], std::pow(3.615, 3) / 4, 1e-9);
  }
  EXPECT_NEAR(field(k, *out, "structural_entropy")[0], 0.0, 1e-15);
  // A crystal is far more ordered than an ideal gas: s2 strongly negative.
  EXPECT_LT(field(k, *out, "excess_entropy")[0], -3.0);
}

TEST(GlassUnits, SamplePrepWithoutMeltRelaxesACrystalAtZeroPressure) {
  const auto b2 = crystal("b2", 3.4, "Cu,Zr", 3);  // 3.4 Å: strained on purpose
  Params p;
  p.set("potential", kCuZr);
  p.set("liquid_temperature", 1.0);
  p.set("final_temperature", 1.0);
  p.set("equilibrate_time", 0.0);
  p.set("relax_time", 0.0);
  p.set("premin_iterations", std::int64_t{0});
  p.set("trace_points", std::int64_t{4});
  p.set("fmax", 1e-6);
  p.set("pressure_tolerance", 0.1);
  const UnitKind& k = sample_prep_unit_kind();
  const auto out = run_unit(k, with_defaults(k, p), b2);
  EXPECT_EQ(field(k, *out, "md_steps")[0], 0.0);
  EXPECT_EQ(field(k, *out, "converged")[0], 1.0);
  EXPECT_NEAR(field(k, *out, "is_pressure")[0], 0.0, 0.1);
  EXPECT_TRUE(std::isnan(field(k, *out, "tg_volume")[0]));  // no quench, no T_g
  // Still a cubic B2 crystal, now at its equilibrium lattice constant.
  const Mat3 h = out->structure->box.h();
  EXPECT_NEAR(h(0, 0), h(1, 1), 1e-9);
  EXPECT_NEAR(h(0, 0), h(2, 2), 1e-9);
  EXPECT_LT(h(0, 0), 3 * 3.4);
  const auto analysis = analyse(out, 5.0);
  const auto& index = field(structure_analysis_unit_kind(), *analysis, "voronoi_index");
  for (std::size_t i = 0; i < 54; ++i) EXPECT_EQ(index[4 * i + 3], 8);
}

TEST(GlassUnits, InherentStructuresOfQuenchSnapshots) {
  const auto sample = unit_testing::ka_packing();
  Params q;
  q.set("potential", std::string("lj/ka"));
  q.set("dt", 0.005);
  q.set("tdamp", 0.5);
  q.set("pdamp", 5.0);
  q.set("liquid_temperature", 1.0);
  q.set("equilibrate_time", 1.0);
  q.set("cooling_rate", 0.2);
  q.set("final_temperature", 0.2);
  q.set("pressure", 2.0);
  q.set("relax_time", 0.0);
  q.set("snapshot_interval", 0.4);
  q.set("trace_points", std::int64_t{10});
  q.set("pressure_tolerance", 1e-4);
  const UnitKind& prep = sample_prep_unit_kind();
  const auto quench = run_unit(prep, with_defaults(prep, q), sample);
  ASSERT_EQ(quench->snapshots.size(), 3u);  // T = 1.0, 0.6, 0.2

  Params m;
  m.set("potential", std::string("lj/ka"));
  m.set("fmax", 1e-6);
  const UnitKind& k = inherent_structures_unit_kind();
  const auto out = run_unit(k, with_defaults(k, m), quench);
  EXPECT_EQ(field(k, *out, "minima")[0], 3.0);
  ASSERT_EQ(out->snapshots.size(), 3u);
  const auto& e_is = field(k, *out, "is_energy");
  const auto& volume = field(k, *out, "is_volume");
  const auto& snapshot_u = field(prep, *quench, "snapshot_potential_energy");
  const auto& snapshot_v = field(prep, *quench, "snapshot_volume");
  const auto& snapshot_t = field(prep, *quench, "snapshot_temperature");
  for (std::size_t r = 0; r < 3; ++r) {
    EXPECT_EQ(field(k, *out, "converged")[r], 1.0);
    EXPECT_LT(e_is[r], snapshot_u[r]);           // a minimum below the thermal snapshot
    EXPECT_DOUBLE_EQ(volume[r], snapshot_v[r]);  // fixed box
    EXPECT_DOUBLE_EQ(field(k, *out, "snapshot_temperature")[r], snapshot_t[r]);
    EXPECT_EQ(out->snapshots[r].velocities, std::vector<Vec3>(100, Vec3::Zero()));
  }
  EXPECT_EQ(out->structure->positions, out->snapshots.back().positions);
  // Per-species icosahedral fractions of the glass add up to the total: Σ_a x_a f_a = f.
  Params a;
  a.set("potential", std::string("lj/ka"));
  a.set("rdf_r_max", 2.5);
  const UnitKind& sa = structure_analysis_unit_kind();
  const auto analysis = run_unit(sa, with_defaults(sa, a), quench);
  const auto& by_species = field(sa, *analysis, "icosahedral_fraction_by_species");
  ASSERT_EQ(by_species.size(), 3u);
  EXPECT_GT(field(sa, *analysis, "icosahedral_fraction")[0], 0.0);  // KA glasses hold A-centred icosahedra
  EXPECT_NEAR(0.8 * by_species[0] + 0.2 * by_species[1], field(sa, *analysis, "icosahedral_fraction")[0], 1e-12);
  EXPECT_TRUE(std::isnan(by_species[2]));
  // The plan sizes the `minimum` series from the input's snapshots; an input without any is
  // a planning error.
  const Params planned = with_defaults(k, m);
  EXPECT_EQ(k.series[0].rows(PlanInfo{planned, 100, 3}), 3u);
  EXPECT_THROW(k.atom_count(PlanInfo{planned, 100, 0}), Error);
}

}  // namespace
}  // namespace pelcamp::units
