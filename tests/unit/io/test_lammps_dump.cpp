#include <gtest/gtest.h>

#include "io/io_samples.hpp"
#include "io/io_test_support.hpp"
#include "pelcamp/io/lammps_dump.hpp"

namespace pelcamp {
namespace {

using test::expect_input_error;
using test::ScratchDir;

TEST(LammpsDump, AllColumnsRoundTripExactlyAndFramesAppend) {
  ScratchDir dir;
  const Frame frame = test::frame_with_results();
  LammpsDumpOptions options{.elements = true,
                            .unwrapped = true,
                            .images = true,
                            .velocities = true,
                            .forces = true,
                            .energies = true,
                            .stresses = true};
  LammpsDumpWriter(dir.file("t.dump"), options).write(frame, 100);
  LammpsDumpWriter(dir.file("t.dump"), options, /*append=*/true).write(frame, 200);

  const auto frames = read_lammps_dump(dir.file("t.dump"));
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].timestep, 100);
  EXPECT_EQ(frames[1].timestep, 200);
  const DumpFrame& d = frames[1];
  EXPECT_EQ(d.atoms, frame.config.size());
  EXPECT_EQ(d.columns,
            (std::vector<std::string>{
                "id",          "type",        "element",     "x",           "y",
                "z",           "xu",          "yu",          "zu",          "ix",
                "iy",          "iz",          "vx",          "vy",          "vz",
                "fx",          "fy",          "fz",          "c_pe",        "c_stress[1]",
                "c_stress[2]", "c_stress[3]", "c_stress[4]", "c_stress[5]", "c_stress[6]"}));
  // Triclinic bounds are stored as the bounding box of the tilted cell (LAMMPS's convention),
  // so the box comes back to round-off; everything else is exact.
  test::expect_same_configuration(frame.config, d.to_configuration(frame.config.species), 1e-15);
  for (std::size_t i = 0; i < d.atoms; ++i)
    EXPECT_EQ(d.column("x")[i], frame.config.positions[i](0));
  const double nktv2p = UnitSystem::metal().nktv2p;
  for (std::size_t i = 0; i < d.atoms; ++i) {
    EXPECT_EQ(d.elements[i], frame.config.species[frame.config.types[i]].name);
    const Vec3 unwrapped = frame.config.unwrapped(i);
    EXPECT_EQ(d.column("xu")[i], unwrapped(0));
    EXPECT_EQ(d.column("zu")[i], unwrapped(2));
    EXPECT_EQ(d.column("fy")[i], frame.forces[i](1));
    EXPECT_EQ(d.column("c_pe")[i], frame.energies[i]);
    EXPECT_EQ(d.column("c_stress[4]")[i], -nktv2p * frame.virials[i][3]);
  }
  // A configuration from unwrapped positions alone is the same trajectory point.
  DumpFrame unwrapped_only = d;
  for (const char* name : {"x", "y", "z", "ix", "iy", "iz"}) {
    const auto it = std::find(unwrapped_only.columns.begin(), unwrapped_only.columns.end(), name);
    unwrapped_only.values.erase(unwrapped_only.values.begin() +
                                (it - unwrapped_only.columns.begin()));
    unwrapped_only.columns.erase(it);
  }
  const Configuration c = unwrapped_only.to_configuration(frame.config.species);
  for (std::size_t i = 0; i < c.size(); ++i)
    EXPECT_TRUE(c.unwrapped(i).isApprox(frame.config.unwrapped(i), 1e-15));
  EXPECT_THROW(d.column("q"), Error);
}

TEST(LammpsDump, OrthorhombicAndFreeClusterBounds) {
  ScratchDir dir;
  Frame frame;
  frame.config.species = {{"Al", 26.98}};
  frame.config.add_atom(0, Vec3(-1, 2, 3));
  frame.config.add_atom(0, Vec3(4, -5, 6));
  LammpsDumpWriter(dir.file("free.dump")).write(frame, 0);
  const std::string text = test::read_text(dir.file("free.dump"));
  EXPECT_NE(text.find("ITEM: BOX BOUNDS ff ff ff\n-1.0 4.0\n-5.0 2.0\n3.0 6.0\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ITEM: ATOMS id type x y z\n1 1 -1.0 2.0 3.0\n"), std::string::npos);

  frame.config.box = Box::orthorhombic(Vec3(-2, -6, 0), Vec3(5, 3, 7), {true, false, true});
  LammpsDumpWriter(dir.file("box.dump")).write(frame, 7);
  const DumpFrame d = read_lammps_dump(dir.file("box.dump"))[0];
  EXPECT_EQ(d.box.lo(), Vec3(-2, -6, 0));
  EXPECT_EQ(d.box.hi(), Vec3(5, 3, 7));
  EXPECT_EQ(d.box.periodicity(), (std::array<bool, 3>{true, false, true}));
}

TEST(LammpsDump, MissingFrameDataIsAnError) {
  ScratchDir dir;
  Frame frame;
  frame.config = test::triclinic_sample();
  LammpsDumpWriter writer(dir.file("t.dump"), {.forces = true});
  try {
    writer.write(frame, 0);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("needs forces"), std::string::npos) << e.what();
  }
}

TEST(LammpsDump, MalformedDumpsNameFileLineAndProblem) {
  ScratchDir dir;
  const std::string path = dir.file("bad.dump");
  auto expect = [&](const std::string& text, int line, std::initializer_list<std::string> what) {
    test::write_text(path, text);
    expect_input_error([&] { read_lammps_dump(path); }, path, line, what);
  };
  const std::string head =
      "ITEM: TIMESTEP\n5\nITEM: NUMBER OF ATOMS\n2\nITEM: BOX BOUNDS pp pp pp\n0 1\n0 1\n0 1\n";
  expect(head + "ITEM: ATOMS id type x y z\n1 1 0 0 0\n2 1 0 0\n", 11,
         {"4 values", "5 columns", "id type x y z"});
  expect(head + "ITEM: ATOMS id type x y z\n1 1 0 0 0\n2 1 0 zero 0\n", 11,
         {"finite number", "column y", "'zero'"});
  expect(head + "ITEM: ATOMS id type x y z\n1 1 0 0 0\n", 10, {"file ends after 1 of the 2"});
  expect(head + "ITEM: VELOCITIES\n", 9, {"unknown item", "ATOMS"});
  expect("ITEM: TIMESTEP\n5\nITEM: NUMBER OF ATOMS\n2\nITEM: ATOMS id\n", 5,
         {"before 'ITEM: BOX BOUNDS'"});
  expect("ITEM: TIMESTEP\nfive\n", 2, {"integer", "timestep"});
  expect("hello\n", 1, {"expected an 'ITEM:' line"});
}

}  // namespace
}  // namespace pelcamp
