#include <gtest/gtest.h>

#include "pelcamp/core/elements.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/core/species_mapping.hpp"

namespace pelcamp {
namespace {

Configuration zr_cu() {  // species listed Zr first, as a file might
  Configuration c;
  c.species = {{"Zr", 91.2}, {"Cu", 63.5}};
  c.add_atom(0, Vec3(0, 0, 0));
  c.add_atom(1, Vec3(1, 0, 0));
  c.add_atom(1, Vec3(2, 0, 0));
  return c;
}

TEST(SpeciesMapping, MapsByNameOntoThePotentialsOrder) {
  Configuration c = zr_cu();
  map_species_to_elements(c, {"Cu", "Zr"});
  ASSERT_EQ(c.num_species(), 2u);
  EXPECT_EQ(c.species[0].name, "Cu");
  EXPECT_EQ(c.species[0].mass, 63.5);  // the configuration's own masses are kept
  EXPECT_EQ(c.species[1].name, "Zr");
  EXPECT_EQ(c.types, (std::vector<int>{1, 0, 0}));
}

TEST(SpeciesMapping, PotentialMassesOverrideAndAbsentElementsGetStandardMasses) {
  Configuration c = zr_cu();
  map_species_to_elements(c, {"Al", "Zr", "Cu"}, {26.98, 91.224, 63.546});
  EXPECT_EQ(c.types, (std::vector<int>{1, 2, 2}));
  EXPECT_EQ(c.species[2].mass, 63.546);
  Configuration d = zr_cu();
  map_species_to_elements(d, {"Al", "Zr", "Cu"});
  EXPECT_EQ(d.species[0].mass, 26.9815385);
  EXPECT_EQ(d.species[1].mass, 91.2);
}

TEST(SpeciesMapping, UnnamedLammpsTypesMapByPosition) {
  Configuration c;
  c.species = {{"1", 63.5}, {"2", 91.2}};
  c.add_atom(1, Vec3::Zero());
  c.add_atom(0, Vec3::Ones());
  map_species_to_elements(c, {"Cu", "Zr"});
  EXPECT_EQ(c.species[0].name, "Cu");
  EXPECT_EQ(c.species[1].name, "Zr");
  EXPECT_EQ(c.types, (std::vector<int>{1, 0}));
  Configuration three;
  three.species = {{"1", 1.0}, {"2", 1.0}, {"3", 1.0}};
  EXPECT_THROW(map_species_to_elements(three, {"Cu", "Zr"}), Error);
}

TEST(SpeciesMapping, UnknownSpeciesListsTheAllowedNames) {
  Configuration c = zr_cu();
  try {
    map_species_to_elements(c, {"Cu", "Al"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "species 'Zr' is not an element of the potential (allowed: Cu, Al)");
  }
  EXPECT_THROW(map_species_to_elements(c, {"Cu", "Zr"}, {1.0}), Error);
}

TEST(Elements, SymbolsNumbersAndMasses) {
  EXPECT_EQ(atomic_number("Cu"), 29);
  EXPECT_EQ(atomic_number("Og"), 118);
  EXPECT_FALSE(atomic_number("CU").has_value());
  EXPECT_FALSE(atomic_number("A").has_value());
  EXPECT_EQ(element_symbol(40), "Zr");
  EXPECT_EQ(element_symbol(1), "H");
  EXPECT_THROW(element_symbol(0), Error);
  EXPECT_THROW(element_symbol(119), Error);
  // IUPAC 2016 standard atomic weights (conventional values).
  EXPECT_EQ(standard_atomic_mass("Cu"), 63.546);
  EXPECT_EQ(standard_atomic_mass("Zr"), 91.224);
  EXPECT_EQ(standard_atomic_mass("Fe"), 55.845);
  EXPECT_FALSE(standard_atomic_mass("X").has_value());
}

}  // namespace
}  // namespace pelcamp
