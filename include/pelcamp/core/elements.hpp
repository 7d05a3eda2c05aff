#pragma once
// The periodic table: chemical symbols, atomic numbers and standard atomic masses, used to
// give species a mass when a file names the element but not its mass, and to translate
// atomic numbers (extxyz `Z` columns) into symbols.
#include <optional>
#include <string>
#include <string_view>

namespace pelcamp {

// Atomic number of a chemical symbol ("Cu" -> 29); empty when the name is not an element.
// Case-sensitive, as symbols are written ("Cu", not "CU").
std::optional<int> atomic_number(std::string_view symbol);
// Chemical symbol of atomic number z (1..118); throws pelcamp::Error otherwise.
std::string element_symbol(int z);
// Standard atomic mass in g/mol (= amu, the mass unit of LAMMPS `metal`); empty when the
// name is not an element.
std::optional<double> standard_atomic_mass(std::string_view symbol);

}  // namespace pelcamp
