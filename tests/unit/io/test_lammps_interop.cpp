// Files pelcamp writes, read by the real LAMMPS (`lmp`, Debian package `lammps`), and the
// files LAMMPS writes back, read by pelcamp.
#include <gtest/gtest.h>

#include "io/io_samples.hpp"
#include "io/io_test_support.hpp"
#include "pelcamp/io/frame.hpp"
#include "pelcamp/io/lammps_data.hpp"
#include "pelcamp/io/lammps_dump.hpp"
#include "pelcamp/io/text_io.hpp"

namespace pelcamp {
namespace {

using test::ScratchDir;

void run_lammps(const ScratchDir& dir, const std::string& script) {
  test::write_text(dir.file("in.lmp"), script);
  ASSERT_EQ(test::run_in(dir.path(), "lmp -in in.lmp -log log.lammps -screen none"), 0)
      << test::read_text(dir.file("log.lammps"));
}

// LAMMPS reads our data file and writes it back (write_data) and as a dump; both must
// describe the same atoms: bit for bit in an orthorhombic box, to round-off in a triclinic
// one (LAMMPS remaps triclinic positions through fractional coordinates).
TEST(LammpsInterop, LmpReadsOurDataFileBackIdentically) {
  Configuration orthorhombic = test::triclinic_sample();
  orthorhombic.box = Box::orthorhombic(Vec3(-1.5, 0.25, 2.0), Vec3(10.0, 11.0, 12.0));
  for (auto& x : orthorhombic.positions)
    x = orthorhombic.box.lo() + (x - orthorhombic.box.lo()).cwiseMax(0.0).cwiseMin(7.9);
  for (const auto& [original, tolerance] :
       {std::pair{test::triclinic_sample(), 1e-14}, std::pair{orthorhombic, 0.0}}) {
    SCOPED_TRACE(original.box.is_triclinic() ? "triclinic" : "orthorhombic");
    ScratchDir dir;
    write_lammps_data(dir.file("ours.data"), original);
    run_lammps(dir, R"(units metal
atom_style atomic
boundary p p p
read_data ours.data
write_data theirs.data
write_dump all custom theirs.dump id type x y z ix iy iz vx vy vz modify format float %.17g
)");
    const Configuration from_data = read_lammps_data(dir.file("theirs.data"));
    test::expect_same_configuration(original, from_data, tolerance, /*compare_names=*/false);

    const auto frames = read_lammps_dump(dir.file("theirs.dump"));
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0].timestep, 0);
    test::expect_same_configuration(original, frames[0].to_configuration(original.species),
                                    tolerance);
  }
}

// Our dump writer uses LAMMPS's bounding-box convention for triclinic boxes: the bounds
// lines match what LAMMPS itself writes for the same box.
TEST(LammpsInterop, TriclinicDumpBoundsMatchLammps) {
  ScratchDir dir;
  Configuration config = test::triclinic_sample();
  config.box = Box::triclinic(Vec3(-1.5, 0.25, 2.0), Vec3(10.0, 11.0, 12.0), -2.5, 3.0, -4.0);
  for (auto& image : config.images) image = {0, 0, 0};
  write_lammps_data(dir.file("ours.data"), config);
  run_lammps(dir, R"(units metal
atom_style atomic
read_data ours.data
write_dump all custom theirs.dump id type x y z
)");
  Frame frame;
  frame.config = config;
  LammpsDumpWriter(dir.file("ours.dump")).write(frame, 0);

  const auto bounds = [](const std::string& path) {
    LineReader in(path);
    std::string line;
    std::vector<double> values;
    while (in.next(line) && line.rfind("ITEM: BOX BOUNDS", 0) != 0) {
    }
    EXPECT_EQ(line, "ITEM: BOX BOUNDS xy xz yz pp pp pp");
    for (int k = 0; k < 3 && in.next(line); ++k)
      for (auto field : split_fields(line)) values.push_back(parse_real(in, field, "bound"));
    return values;
  };
  const auto ours = bounds(dir.file("ours.dump"));
  const auto theirs = bounds(dir.file("theirs.dump"));
  ASSERT_EQ(ours.size(), 9u);
  ASSERT_EQ(theirs.size(), 9u);
  for (int k = 0; k < 9; ++k) EXPECT_NEAR(ours[k], theirs[k], 1e-14) << "value " << k;

  const Box read_back = read_lammps_dump(dir.file("theirs.dump"))[0].box;
  EXPECT_TRUE(read_back.lo().isApprox(config.box.lo(), 1e-14));
  EXPECT_TRUE(read_back.h().isApprox(config.box.h(), 1e-14));
}

// A structure made by LAMMPS itself (lattice + create_atoms, write_data) reads as expected.
TEST(LammpsInterop, ReadsDataWrittenByLammps) {
  ScratchDir dir;
  run_lammps(dir, R"(units metal
atom_style atomic
lattice fcc 3.6
region box block 0 2 0 3 0 1
create_box 2 box
create_atoms 1 box basis 2 2 basis 4 2
mass 1 63.546
mass 2 91.224
velocity all create 300 4928459 loop geom
write_data lmp.data
)");
  const Configuration c = read_lammps_data(dir.file("lmp.data"));
  ASSERT_EQ(c.size(), 24u);
  EXPECT_EQ(c.box.hi(), Vec3(7.2, 10.8, 3.6));
  EXPECT_EQ(c.species[1].mass, 91.224);
  EXPECT_EQ(std::count(c.types.begin(), c.types.end(), 1), 12);
  double kinetic = 0.0;
  for (std::size_t i = 0; i < c.size(); ++i) kinetic += c.mass(i) * c.velocities[i].squaredNorm();
  EXPECT_GT(kinetic, 0.0);
}

}  // namespace
}  // namespace pelcamp
