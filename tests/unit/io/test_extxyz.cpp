#include <gtest/gtest.h>

#include <fmt/format.h>

#include "io/io_samples.hpp"
#include "io/io_test_support.hpp"
#include "pelcamp/io/extxyz.hpp"

namespace pelcamp {
namespace {

using test::expect_input_error;
using test::ScratchDir;
using test::write_text;

void expect_same_results(const Frame& a, const Frame& b) {
  EXPECT_EQ(a.energy, b.energy);
  EXPECT_EQ(a.virial.has_value(), b.virial.has_value());
  if (a.virial && b.virial) {
    EXPECT_EQ(*a.virial, *b.virial);
  }
  EXPECT_EQ(a.forces, b.forces);
  EXPECT_EQ(a.energies, b.energies);
  EXPECT_EQ(a.virials, b.virials);
  EXPECT_EQ(a.info, b.info);
}

TEST(Extxyz, MultiFrameWriteThenReadIsExact) {
  ScratchDir dir;
  Frame periodic = test::frame_with_results();
  periodic.info = {{"step", "1000"}, {"comment", "a \"quoted\" value"}};
  Frame cluster = test::cluster_frame();
  cluster.config.velocities[3] = Vec3(0.5, -0.25, 1.0);
  Frame bare;
  bare.config = test::triclinic_sample();
  write_extxyz(dir.file("t.xyz"), {periodic, cluster});
  write_extxyz(dir.file("t.xyz"), bare, {}, /*append=*/true);

  const auto frames = read_extxyz(dir.file("t.xyz"));
  ASSERT_EQ(frames.size(), 3u);
  const Frame* originals[] = {&periodic, &cluster, &bare};
  for (int k = 0; k < 3; ++k) {
    SCOPED_TRACE(k);
    test::expect_same_configuration(originals[k]->config, frames[k].config);
    EXPECT_EQ(frames[k].config.ids, originals[k]->config.ids);
    expect_same_results(*originals[k], frames[k]);
  }
  EXPECT_TRUE(frames[1].config.box.unbounded());
}

TEST(Extxyz, FreeClusterHasNoLatticeAndPeriodicBoxHasOne) {
  ScratchDir dir;
  write_extxyz(dir.file("c.xyz"), test::cluster_frame());
  const std::string cluster = test::read_text(dir.file("c.xyz"));
  EXPECT_EQ(cluster.find("Lattice"), std::string::npos);
  EXPECT_NE(cluster.find("pbc=\"F F F\""), std::string::npos);
  EXPECT_NE(cluster.find("energy=-40.125"), std::string::npos);
  EXPECT_NE(cluster.find("Properties=species:S:1:pos:R:3:id:I:1:masses:R:1:forces:R:3 "),
            std::string::npos)
      << cluster;

  write_extxyz(dir.file("p.xyz"), test::frame_with_results());
  const std::string periodic = test::read_text(dir.file("p.xyz"));
  EXPECT_EQ(periodic.rfind("7\nLattice=\"10.0 0.0 0.0 1.2 11.0 0.0 -0.7 0.9 12.0\" "
                           "Origin=\"-1.5 0.25 2.0\" Properties=species:S:1:pos:R:3:id:I:1:"
                           "masses:R:1:velo:R:3:forces:R:3:energies:R:1:virials:R:6:image:I:3 ",
                           0),
            0u)
      << periodic;
  EXPECT_NE(periodic.find("pbc=\"T T T\""), std::string::npos);
}

// A cell in a general orientation (as ASE may write it) is rotated into the LAMMPS one;
// everything physical (distances, volume, f·r, virial invariants) is unchanged.
TEST(Extxyz, GeneralCellIsRotatedToLammpsOrientation) {
  ScratchDir dir;
  const Mat3 rotation = Eigen::AngleAxisd(0.7, Vec3(1, 2, 3).normalized()).toRotationMatrix();
  Mat3 cell;  // columns a, b, c
  cell << 8.0, 1.0, -0.5, 0.0, 9.0, 0.7, 0.0, 0.0, 10.0;
  cell = rotation * cell;
  const std::vector<Vec3> positions = {rotation * Vec3(1, 2, 3), rotation * Vec3(4, 1, 7)};
  const std::vector<Vec3> forces = {rotation * Vec3(0.1, -0.2, 0.3),
                                    rotation * Vec3(-0.1, 0.2, -0.3)};
  Mat3 w;
  w << 1.0, 0.2, 0.3, 0.2, 2.0, 0.4, 0.3, 0.4, 3.0;
  const Mat3 w_rotated = rotation * w * rotation.transpose();
  std::string text = "2\nLattice=\"";
  for (int k = 0; k < 3; ++k) text += fmt::format("{} {} {} ", cell(0, k), cell(1, k), cell(2, k));
  text += "\" Properties=species:S:1:pos:R:3:forces:R:3 virial=\"";
  for (int k = 0; k < 9; ++k) text += fmt::format("{} ", w_rotated(k % 3, k / 3));
  text += "\"\n";
  for (int i = 0; i < 2; ++i)
    text += fmt::format("Fe {} {} {} {} {} {}\n", positions[i](0), positions[i](1), positions[i](2),
                        forces[i](0), forces[i](1), forces[i](2));
  write_text(dir.file("r.xyz"), text);

  const Frame frame = read_extxyz(dir.file("r.xyz"))[0];
  const Box& box = frame.config.box;
  EXPECT_NEAR(box.lx(), 8.0, 1e-12);
  EXPECT_NEAR(box.ly(), 9.0, 1e-12);
  EXPECT_NEAR(box.lz(), 10.0, 1e-12);
  EXPECT_NEAR(box.xy(), 1.0, 1e-12);
  EXPECT_NEAR(box.xz(), -0.5, 1e-12);
  EXPECT_NEAR(box.yz(), 0.7, 1e-12);
  // The original cell was already in LAMMPS form, so the rotation read must undo `rotation`.
  for (int i = 0; i < 2; ++i) {
    EXPECT_TRUE(frame.config.positions[i].isApprox(rotation.transpose() * positions[i], 1e-12));
    EXPECT_TRUE(frame.forces[i].isApprox(rotation.transpose() * forces[i], 1e-12));
  }
  EXPECT_TRUE(frame.virial->isApprox(w, 1e-12));
  EXPECT_EQ(frame.config.species[0].mass, 55.845);  // standard mass of Fe
}

TEST(Extxyz, AtomicNumbersStressAndDefaultMasses) {
  ScratchDir dir;
  // Z instead of species; stress (ASE sign, Voigt) instead of virial; no masses column.
  write_text(dir.file("z.xyz"),
             "2\nLattice=\"2 0 0 0 2 0 0 0 2\" Properties=Z:I:1:pos:R:3 "
             "stress=\"1 2 3 4 5 6\" pbc=\"T T F\"\n29 0 0 0\n40 1 1 1\n"
             "3\nProperties=species:S:1:pos:R:3\nA 0 0 0\nB 1 0 0\nA 2 0 0\n");
  const auto frames = read_extxyz(dir.file("z.xyz"));
  ASSERT_EQ(frames.size(), 2u);
  const Configuration& c = frames[0].config;
  EXPECT_EQ(c.species[0].name, "Cu");
  EXPECT_EQ(c.species[0].mass, 63.546);
  EXPECT_EQ(c.species[1].name, "Zr");
  EXPECT_EQ(c.box.periodicity(), (std::array<bool, 3>{true, true, false}));
  Mat3 expected;  // W = −σV, V = 8; Voigt order xx yy zz yz xz xy
  expected << 1, 6, 5, 6, 2, 4, 5, 4, 3;
  EXPECT_EQ(*frames[0].virial, -8.0 * expected);
  // "A" is not an element (mass 1, reduced units); "B" is boron.
  EXPECT_EQ(frames[1].config.species[0].mass, 1.0);
  EXPECT_EQ(frames[1].config.species[1].mass, 10.81);
  EXPECT_TRUE(frames[1].config.box.unbounded());
  EXPECT_EQ(frames[1].config.ids, (std::vector<std::int64_t>{1, 2, 3}));
}

TEST(Extxyz, MalformedFilesNameFileLineAndProblem) {
  ScratchDir dir;
  const std::string path = dir.file("bad.xyz");
  auto expect = [&](const std::string& text, int line, std::initializer_list<std::string> what) {
    write_text(path, text);
    expect_input_error([&] { read_extxyz(path); }, path, line, what);
  };
  const std::string ok = "1\nProperties=species:S:1:pos:R:3\nCu 0 0 0\n";
  expect(ok + "2\nProperties=species:S:1:pos:X:3\nCu 0 0 0\n", 5,
         {"unknown type 'X' of property 'pos'", "S string, R real, I integer, L logical"});
  expect(ok + "1\nProperties=species:S:1:pos:R:3:forces:R:3\nCu 0 0 0 1 2\n", 6,
         {"6 fields", "declares 7"});
  expect("1\nProperties=species:S:1:pos:R:3\nCu 0 nan? 0\n", 3,
         {"finite number", "coordinate of atom 1", "'nan?'"});
  expect("2\nProperties=species:S:1:pos:R:3:id:I:1\nCu 0 0 0 4\nCu 1 1 1 4\n", 4,
         {"atom id 4 appears twice", "line 3"});
  expect("1\nProperties=species:S:1\nCu\n", 2, {"no pos:R:3"});
  expect("1\nProperties=species:S:1:pos:R:3 pbc=\"T T T\"\nCu 0 0 0\n", 2,
         {"periodic direction but there is no Lattice"});
  expect("1\nLattice=\"1 0 0 0 1 0\"\nCu 0 0 0\n", 2, {"Lattice has 6 values; expected 9"});
  expect("1\nLattice=\"1 0 0 0 1 0 0 0 -1\"\nCu 0 0 0\n", 2, {"right-handed"});
  expect("1\nProperties=species:S:1:pos:R:3:forces:R:2\nCu 0 0 0 0 0\n", 2,
         {"forces:R:2 must be forces:R:3"});
  expect("2\nProperties=species:S:1:pos:R:3:masses:R:1\nCu 0 0 0 63\nCu 1 1 1 64\n", 4,
         {"mass 64", "mass 63", "line 3"});
  expect("1\ncomment=\"unterminated\nCu 0 0 0\n", 2, {"unterminated"});
  expect(ok + "two\n", 4, {"atom count of frame 2", "'two'"});
  expect(ok + "3\nProperties=species:S:1:pos:R:3\nCu 0 0 0\n", 6, {"file ends after 1 of the 3"});
  expect("", 0, {"no frames"});
}

TEST(Extxyz, UnwritableFramesAreErrors) {
  ScratchDir dir;
  Frame frame = test::cluster_frame();
  frame.info = {{"energy", "1"}};
  EXPECT_THROW(write_extxyz(dir.file("x.xyz"), frame), Error);
  frame.info.clear();
  frame.config.species[0].name = "Al 1";
  EXPECT_THROW(write_extxyz(dir.file("x.xyz"), frame), Error);
  frame.config.species[0].name = "Al";
  frame.energies = {1.0, 2.0};  // not one per atom
  EXPECT_THROW(write_extxyz(dir.file("x.xyz"), frame), Error);
}

}  // namespace
}  // namespace pelcamp
