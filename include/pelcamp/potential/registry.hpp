#pragma once
// Builds a potential from its specification string:
//   STYLE:FILE:ELEMENTS   LAMMPS-format files, e.g. eam/fs:/path/CuZr_mm.eam.fs:Cu,Zr
//   kim:MODEL             an installed OpenKIM portable model
//   PRESET                named pair models, e.g. lj/ka, lj/50-50, johnson/fe
// Unknown styles are errors that list every registered style.
#include <memory>
#include <string>
#include <vector>

#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

// `args` are the ':'-separated fields after the style name.
using PotentialFactory = std::unique_ptr<Potential> (*)(const std::vector<std::string>& args);

struct PotentialStyle {
  const char* name;
  const char* usage;  // e.g. "eam/fs:FILE:ELEMENTS"
  PotentialFactory make;
};

const std::vector<PotentialStyle>& potential_styles();
std::unique_ptr<Potential> make_potential(const std::string& spec);

// Splits "a,b,c" into {"a","b","c"}.
std::vector<std::string> split_list(const std::string& text, char separator = ',');

}  // namespace pelcamp
