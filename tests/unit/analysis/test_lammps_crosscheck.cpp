// RDFs, Voronoi volumes and per-atom stress × volume against LAMMPS on the same sample
// (tools/reference/make-analysis-reference).
#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <string>

#include "pelcamp/analysis/atomic_stress.hpp"
#include "pelcamp/analysis/radial_distribution.hpp"
#include "pelcamp/analysis/voronoi.hpp"
#include "pelcamp/io/lammps_data.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp {
namespace {

const std::string kData = PELCAMP_TEST_DATA "/analysis/";

struct LammpsAtom {
  double volume = 0.0;
  double radical_volume = 0.0;  // radii Cu 1.28, Zr 1.60 Å
  Sym6 stress_volume{};         // bar·Å³
};

// The dump is sorted by id: nine header lines, then "id vol radical_vol s1..s6".
std::vector<LammpsAtom> read_reference(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  for (int l = 0; l < 9 && std::getline(in, line); ++l) {
  }
  std::vector<LammpsAtom> atoms;
  long id;
  LammpsAtom a;
  while (in >> id >> a.volume >> a.radical_volume >> a.stress_volume[0] >> a.stress_volume[1] >>
         a.stress_volume[2] >> a.stress_volume[3] >> a.stress_volume[4] >> a.stress_volume[5])
    atoms.push_back(a);
  return atoms;
}

TEST(AnalysisLammps, VoronoiVolumesAndStressTimesVolume) {
  const Configuration config = read_lammps_data(kData + "b2_distorted.data");
  const auto reference = read_reference(kData + "b2_distorted_reference.dump");
  ASSERT_EQ(reference.size(), config.size());

  const auto voronoi = compute_voronoi(config, {});
  VoronoiOptions radical_options;
  radical_options.radical = true;
  radical_options.species_radii = {1.28, 1.60};
  const auto radical = compute_voronoi(config, radical_options);
  auto potential = make_potential("eam/fs:" PELCAMP_TEST_DATA "/potentials/CuZr_mm.eam.fs:Cu,Zr");
  ComputeRequest request;
  request.per_atom_virial = true;
  ComputeResult result;
  potential->compute(config, request, result);
  const auto stress = atomic_stress(result.per_atom_virial, voronoi.volumes, UnitSystem::metal());

  double scale = 0.0;
  for (const auto& r : reference)
    for (double s : r.stress_volume) scale = std::max(scale, std::abs(s));
  for (std::size_t i = 0; i < config.size(); ++i) {
    const auto& ref = reference[config.ids[i] - 1];
    SCOPED_TRACE(config.ids[i]);
    EXPECT_NEAR(voronoi.volumes[i], ref.volume, 1e-10 * ref.volume);
    EXPECT_NEAR(radical.volumes[i], ref.radical_volume, 1e-10 * ref.radical_volume);
    for (int c = 0; c < 6; ++c)
      EXPECT_NEAR(stress[i][c] * voronoi.volumes[i], ref.stress_volume[c], 1e-9 * scale) << c;
  }
}

// fix ave/time output of `compute rdf 50 * * 1 1 1 2 2 2 cutoff 5.0`: three header lines
// and a "timestep rows" line, then per bin: row r g** n** g11 n11 g12 n12 g22 n22.
std::vector<std::array<double, 9>> read_lammps_rdf(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  for (int l = 0; l < 4 && std::getline(in, line); ++l) {
  }
  std::vector<std::array<double, 9>> rows;
  int row;
  std::array<double, 9> v;
  while (in >> row) {
    for (double& x : v) in >> x;
    rows.push_back(v);
  }
  return rows;
}

TEST(AnalysisLammps, RadialDistributionFunctions) {
  const Configuration config = read_lammps_data(kData + "b2_distorted.data");
  const auto reference = read_lammps_rdf(kData + "b2_distorted_rdf.txt");
  ASSERT_EQ(reference.size(), 50u);
  const auto rdf = compute_rdf(config, {5.0, 50});
  for (std::size_t k = 0; k < reference.size(); ++k) {
    const auto& ref = reference[k];
    SCOPED_TRACE(k);
    EXPECT_NEAR(rdf.r[k], ref[0], 1e-12);
    EXPECT_NEAR(rdf.total[k], ref[1], 1e-10 * (1 + ref[1]));
    EXPECT_NEAR(rdf.partial[0][0][k], ref[3], 1e-10 * (1 + ref[3]));
    EXPECT_NEAR(rdf.partial[0][1][k], ref[5], 1e-10 * (1 + ref[5]));
    EXPECT_NEAR(rdf.partial[1][1][k], ref[7], 1e-10 * (1 + ref[7]));
    EXPECT_NEAR(rdf.coordination[0][0][k], ref[4], 1e-10 * (1 + ref[4]));
    EXPECT_NEAR(rdf.coordination[0][1][k], ref[6], 1e-10 * (1 + ref[6]));
    EXPECT_NEAR(rdf.coordination[1][1][k], ref[8], 1e-10 * (1 + ref[8]));
  }
}

// 200 random points in a triclinic box: per-atom volumes and the global histogram of face
// edge counts summed over atoms (`compute voronoi/atom edge_histo 10`: row r ≤ 10 counts
// faces with r edges, row 11 those with more).
TEST(AnalysisLammps, VoronoiOfRandomPointsInTriclinicBox) {
  const Configuration config = read_lammps_data(kData + "random.data");
  ASSERT_EQ(config.size(), 200u);
  const auto voronoi = compute_voronoi(config, {});

  std::ifstream dump(kData + "random_voronoi.dump");
  std::string line;
  for (int l = 0; l < 9 && std::getline(dump, line); ++l) {
  }
  std::vector<double> volumes(config.size());
  long id;
  double volume;
  while (dump >> id >> volume) volumes.at(id - 1) = volume;
  for (std::size_t i = 0; i < config.size(); ++i)
    EXPECT_NEAR(voronoi.volumes[i], volumes[config.ids[i] - 1], 1e-10 * volumes[config.ids[i] - 1]);

  std::ifstream histogram_file(kData + "random_edge_histogram.txt");
  for (int l = 0; l < 4 && std::getline(histogram_file, line); ++l) {
  }
  std::vector<long> histogram;
  int row;
  long count;
  while (histogram_file >> row >> count) histogram.push_back(count);
  ASSERT_EQ(histogram.size(), 11u);
  VoronoiIndex summed{0, 0, 0, 0};
  long faces = 0;
  for (std::size_t i = 0; i < config.size(); ++i) {
    for (int k = 0; k < 4; ++k) summed[k] += voronoi.indices[i][k];
    faces += voronoi.face_counts[i];
  }
  for (int k = 0; k < 4; ++k)
    EXPECT_EQ(summed[k], histogram[k + 2]) << "faces with " << k + 3 << " edges";
  long lammps_faces = 0;
  for (long c : histogram) lammps_faces += c;
  EXPECT_EQ(faces, lammps_faces);
}

}  // namespace
}  // namespace pelcamp
