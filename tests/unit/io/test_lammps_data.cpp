#include <gtest/gtest.h>

#include "io/io_samples.hpp"
#include "io/io_test_support.hpp"
#include "pelcamp/io/lammps_data.hpp"

namespace pelcamp {
namespace {

using test::expect_input_error;
using test::ScratchDir;
using test::write_text;

TEST(LammpsData, WriteThenReadIsExact) {
  ScratchDir dir;
  const Configuration original = test::triclinic_sample();
  write_lammps_data(dir.file("a.data"), original);
  const Configuration back = read_lammps_data(dir.file("a.data"));
  test::expect_same_configuration(original, back);
  EXPECT_EQ(back.ids, original.ids);  // file order is kept
}

TEST(LammpsData, ReadsCommentsAnyIdOrderImagesAndVelocities) {
  ScratchDir dir;
  write_text(dir.file("in.data"), R"(LAMMPS data file written by hand

# comments and blank lines are allowed anywhere
       3 atoms   # trailing comment
2 atom types
0.0 10.0 xlo xhi
-5 5 ylo yhi

0 20 zlo zhi
0.5 0 -1.5 xy xz yz

Masses

2 91.224 # Zr
1 63.546   #   Cu   copper

Atoms # atomic

30 2 1.0 2.0 3.0 0 1 -2
  10 1 4.5 -1 7 # comment after an atom
20 1 9.9 4.9 19.9 1 1 1

Velocities

20 0.1 0.2 0.3
30 -1 -2 -3
10 0 0 1e-3
)");
  const Configuration c = read_lammps_data(dir.file("in.data"));
  ASSERT_EQ(c.size(), 3u);
  ASSERT_EQ(c.num_species(), 2u);
  EXPECT_EQ(c.species[0].name, "Cu");
  EXPECT_EQ(c.species[0].mass, 63.546);
  EXPECT_EQ(c.species[1].name, "Zr");
  EXPECT_EQ(c.ids, (std::vector<std::int64_t>{30, 10, 20}));
  EXPECT_EQ(c.types, (std::vector<int>{1, 0, 0}));
  EXPECT_EQ(c.positions[1], Vec3(4.5, -1, 7));
  EXPECT_EQ(c.images[0], (Image{0, 1, -2}));
  EXPECT_EQ(c.images[1], (Image{0, 0, 0}));
  EXPECT_EQ(c.velocities[0], Vec3(-1, -2, -3));
  EXPECT_EQ(c.velocities[2], Vec3(0.1, 0.2, 0.3));
  EXPECT_EQ(c.box.lo(), Vec3(0, -5, 0));
  EXPECT_EQ(c.box.hi(), Vec3(10, 5, 20));
  EXPECT_EQ(c.box.xy(), 0.5);
  EXPECT_EQ(c.box.xz(), 0.0);
  EXPECT_EQ(c.box.yz(), -1.5);
  EXPECT_TRUE(c.box.periodic(0) && c.box.periodic(1) && c.box.periodic(2));
}

TEST(LammpsData, UnnamedTypesAreNamedByNumber) {
  ScratchDir dir;
  write_text(dir.file("in.data"),
             "title\n\n1 atoms\n2 atom types\n0 1 xlo xhi\n0 1 ylo yhi\n0 1 zlo zhi\n\n"
             "Masses\n\n1 1.0\n2 2.0\n\nAtoms\n\n1 2 0.5 0.5 0.5\n");
  const Configuration c = read_lammps_data(dir.file("in.data"));
  EXPECT_EQ(c.species[0].name, "1");
  EXPECT_EQ(c.species[1].name, "2");
  EXPECT_EQ(c.velocities[0], Vec3::Zero());
}

TEST(LammpsData, AcceptsChargeAndFullLayoutsDiscardingChargeAndMolecule) {
  ScratchDir dir;
  const std::string head =
      "title\n\n2 atoms\n1 atom types\n0 10 xlo xhi\n0 10 ylo yhi\n0 10 zlo zhi\n"
      "2 bonds\n1 bond types\n\nMasses\n\n1 12.0 # C\n\n";
  write_text(dir.file("charge.data"),
             head + "Atoms # charge\n\n1 1 -0.5 1 2 3\n2 1 0.5 4 5 6 1 0 0\n");
  write_text(dir.file("full.data"), head +
                                        "Atoms\n\n1 7 1 -0.5 1 2 3 0 0 0\n2 7 1 0.5 4 5 6 1 0 0\n\n"
                                        "Bonds\n\n1 1 1 2\n2 1 2 1\n\nBond Coeffs\n\n1 100 1.5\n");
  for (const char* name : {"charge.data", "full.data"}) {
    const Configuration c = read_lammps_data(dir.file(name));
    ASSERT_EQ(c.size(), 2u) << name;
    EXPECT_EQ(c.positions[0], Vec3(1, 2, 3)) << name;
    EXPECT_EQ(c.positions[1], Vec3(4, 5, 6)) << name;
    EXPECT_EQ(c.images[1], (Image{1, 0, 0})) << name;
    EXPECT_EQ(c.species[0].name, "C");
  }
}

TEST(LammpsData, FreeClusterKeepsItsBoundaryThroughTheTitleLine) {
  ScratchDir dir;
  Configuration cluster;
  cluster.species = {{"Al", 26.98}};
  cluster.add_atom(0, Vec3(-1, 0, 0));
  cluster.add_atom(0, Vec3(1.5, 2, -3));
  write_lammps_data(dir.file("c.data"), cluster, {.free_margin = 2.0});
  const Configuration back = read_lammps_data(dir.file("c.data"));
  EXPECT_FALSE(back.box.any_periodic());
  EXPECT_EQ(back.box.lo(), Vec3(-3, -2, -5));
  EXPECT_EQ(back.box.hi(), Vec3(3.5, 4, 2));
  EXPECT_EQ(back.positions, cluster.positions);
  // An explicit choice overrides the title.
  const Configuration periodic =
      read_lammps_data(dir.file("c.data"), {.periodic = std::array<bool, 3>{true, true, false}});
  EXPECT_TRUE(periodic.box.periodic(0));
  EXPECT_FALSE(periodic.box.periodic(2));
}

// A minimal valid file; each malformed variant below changes one thing.
std::string valid_file(const std::string& atoms_section,
                       const std::string& masses = "1 1.0\n2 2.0\n") {
  return "title\n"           // 1
         "\n"                // 2
         "2 atoms\n"         // 3
         "2 atom types\n"    // 4
         "0 10 xlo xhi\n"    // 5
         "0 10 ylo yhi\n"    // 6
         "0 10 zlo zhi\n"    // 7
         "\n"                // 8
         "Masses\n"          // 9
         "\n" +              // 10
         masses +            // 11, 12
         "\n"                // 13
         "Atoms # atomic\n"  // 14
         "\n" +              // 15
         atoms_section;      // 16, 17, ...
}

TEST(LammpsData, MalformedFilesNameFileLineAndProblem) {
  ScratchDir dir;
  const std::string path = dir.file("bad.data");
  auto expect = [&](const std::string& text, int line, std::initializer_list<std::string> what) {
    write_text(path, text);
    expect_input_error([&] { read_lammps_data(path); }, path, line, what);
  };
  // Wrong column count.
  expect(valid_file("1 1 0 0\n2 1 1 1 1\n"), 16, {"4 columns", "atomic", "id type x y z"});
  // Non-numeric field.
  expect(valid_file("1 1 0 0 0\n2 1 1 abc 1\n"), 17, {"finite number", "y", "atom 2", "'abc'"});
  // Duplicated id.
  expect(valid_file("1 1 0 0 0\n1 2 1 1 1\n"), 17, {"atom id 1 appears twice", "line 16"});
  // Id out of range.
  expect(valid_file("0 1 0 0 0\n2 1 1 1 1\n"), 16, {"positive", "got 0"});
  // Type beyond the Masses count.
  expect(valid_file("1 1 0 0 0\n2 3 1 1 1\n"), 17, {"atom type 3", "2 atom types"});
  // Too few atoms before the next section.
  expect(valid_file("1 1 0 0 0\n\nVelocities\n\n1 0 0 0\n2 0 0 0\n"), 18,
         {"Atoms section has 1 lines but needs 2", "Velocities"});
  // Too many atoms.
  expect(valid_file("1 1 0 0 0\n2 1 1 1 1\n3 1 2 2 2\n"), 18, {"more than 2 lines"});
  // Image flags that are not integers.
  expect(valid_file("1 1 0 0 0 0 0 0.5\n2 1 1 1 1 0 0 0\n"), 16, {"integer", "image flag z"});
  // Unsupported atom style.
  {
    std::string text = valid_file("1 1 2 0 0 0\n2 1 2 1 1 1\n");
    text.replace(text.find("# atomic"), 8, "# molecular");
    expect(text, 14, {"atom style 'molecular' is not supported", "atomic", "charge", "full"});
  }
  // Missing Masses entry for a type.
  expect(valid_file("1 1 0 0 0\n2 1 1 1 1\n", "1 1.0\n"), 13,
         {"Masses section has 1 lines but needs 2"});
  // Unknown section.
  expect(valid_file("1 1 0 0 0\n2 1 1 1 1\n\nEllipsoids\n\n1 1 1 1\n"), 19,
         {"unknown or unsupported section 'Ellipsoids'", "Masses, Atoms, Velocities"});
  // Velocities for an atom that does not exist.
  expect(valid_file("1 1 0 0 0\n2 1 1 1 1\n\nVelocities\n\n1 0 0 0\n5 0 0 0\n"), 22,
         {"atom id 5", "not in Atoms"});
  // Unknown header line.
  expect("title\n\n2 atoms\n2 atom typos\n", 4, {"unknown header line", "N atom types"});
  // Missing box bounds.
  expect("title\n\n1 atoms\n1 atom types\n0 1 xlo xhi\n0 1 ylo yhi\n\nMasses\n\n1 1\n", 8,
         {"no 'zlo zhi' line"});
  // Missing sections (whole-file errors have line 0).
  expect(
      "title\n\n1 atoms\n1 atom types\n0 1 xlo xhi\n0 1 ylo yhi\n0 1 zlo zhi\n\nMasses\n\n1 "
      "1\n",
      0, {"no Atoms section", "1 atoms"});
  expect(
      "title\n\n1 atoms\n1 atom types\n0 1 xlo xhi\n0 1 ylo yhi\n0 1 zlo zhi\n\nAtoms\n\n1 1 "
      "0 0 0\n",
      0, {"no Masses section"});
  expect_input_error([&] { read_lammps_data(dir.file("missing.data")); }, dir.file("missing.data"),
                     0, {"cannot open"});
}

}  // namespace
}  // namespace pelcamp
