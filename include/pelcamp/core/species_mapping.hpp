#pragma once
// Binds a configuration's species to a potential's element list. A potential reads type t
// as its element elements[t] (LAMMPS `pair_coeff * * FILE Cu Zr`), while a structure file
// lists species in its own order (an extxyz may meet Zr before Cu). This renumbers the
// types so that they index the potential's list.
#include <string>
#include <vector>

#include "pelcamp/core/configuration.hpp"

namespace pelcamp {

// Species are matched by name. A configuration whose species are all unnamed, i.e. named
// "1", "2", … after their LAMMPS type number (a data file without `# Element` comments in
// Masses), is bound by position instead: type k becomes elements[k-1], as `pair_coeff`
// does in LAMMPS.
//
// Afterwards config.species has one entry per element, in the potential's order, with the
// mass element_masses[t] when given (EAM files define masses, and LAMMPS's pair_coeff
// imposes them), else the mass the configuration had for that species, else the standard
// atomic mass of the element (a species absent from the configuration), else 1.
//
// Throws pelcamp::Error naming an unknown species and listing the allowed names, or when
// element_masses is non-empty and not one mass per element.
void map_species_to_elements(Configuration& config, const std::vector<std::string>& elements,
                             const std::vector<double>& element_masses = {});

}  // namespace pelcamp
