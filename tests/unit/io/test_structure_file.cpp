#include <gtest/gtest.h>

#include "io/io_samples.hpp"
#include "io/io_test_support.hpp"
#include "pelcamp/core/species_mapping.hpp"
#include "pelcamp/io/extxyz.hpp"
#include "pelcamp/io/lammps_dump.hpp"
#include "pelcamp/io/structure_file.hpp"

namespace pelcamp {
namespace {

using test::ScratchDir;

TEST(StructureFile, FormatFollowsTheExtension) {
  ScratchDir dir;
  const Frame frame = test::frame_with_results();
  for (const char* name : {"s.data", "s.lmp", "s.xyz", "s.extxyz"}) {
    SCOPED_TRACE(name);
    write_structure(dir.file(name), frame);
    test::expect_same_configuration(frame.config, read_structure(dir.file(name)));
  }
  write_structure(dir.file("s.lammpstrj"), frame);
  const DumpFrame dump = read_lammps_dump(dir.file("s.lammpstrj")).at(0);
  EXPECT_EQ(dump.columns,
            (std::vector<std::string>{"id", "type", "x", "y", "z", "fx", "fy", "fz", "c_pe"}));
  EXPECT_EQ(test::read_text(dir.file("s.data")).rfind("pelcamp data file", 0), 0u);
  EXPECT_NE(test::read_text(dir.file("s.xyz")).find("Properties=species:S:1"), std::string::npos);
}

TEST(StructureFile, ReadsTheLastExtxyzFrame) {
  ScratchDir dir;
  const Frame first = test::frame_with_results();
  const Frame last = test::cluster_frame();
  write_extxyz(dir.file("t.xyz"), {first, last});
  test::expect_same_configuration(last.config, read_structure(dir.file("t.xyz")));
}

// The use case of `pelcamp eval IN --potential eam/fs:FILE:Cu,Zr`: the file meets Zr first.
TEST(StructureFile, SpeciesReadByNameMapOntoPotentialElements) {
  ScratchDir dir;
  test::write_text(dir.file("zrcu.xyz"),
                   "3\nProperties=species:S:1:pos:R:3\nZr 0 0 0\nCu 3 0 0\nZr 0 3 0\n");
  Configuration c = read_structure(dir.file("zrcu.xyz"));
  EXPECT_EQ(c.species[0].name, "Zr");
  map_species_to_elements(c, {"Cu", "Zr"});
  EXPECT_EQ(c.types, (std::vector<int>{1, 0, 1}));
  EXPECT_EQ(c.species[0].name, "Cu");
  EXPECT_EQ(c.species[0].mass, 63.546);
}

TEST(StructureFile, UnknownExtensionListsTheAllowedOnes) {
  try {
    read_structure("structure.pdb");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    for (const char* ext : {"'.pdb'", ".data", ".lmp", ".xyz", ".extxyz"})
      EXPECT_NE(what.find(ext), std::string::npos) << what;
    EXPECT_EQ(what.find(".dump"), std::string::npos) << "dumps are not read as structures";
  }
  EXPECT_THROW(write_structure("out.cif", test::cluster_frame()), Error);
  EXPECT_EQ(structure_format_for("a/b.dump", true), StructureFormat::lammps_dump);
}

}  // namespace
}  // namespace pelcamp
