#include "pelcamp/potential/registry.hpp"

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/eam_potential.hpp"
#include "pelcamp/potential/johnson_fe.hpp"
#include "pelcamp/potential/kim_potential.hpp"
#include "pelcamp/potential/lennard_jones.hpp"

namespace pelcamp {

#ifndef PELCAMP_HAVE_KIM
// Built without libkim-api (PELCAMP_WITH_KIM=OFF or libkim-api-dev missing): the kim styles
// stay listed and explain why they cannot be used.
std::unique_ptr<Potential> make_kim_potential(const std::vector<std::string>&) {
  throw Error("pelcamp was built without OpenKIM: install libkim-api-dev and openkim-models "
              "(tools/setup-deps) and rebuild with -DPELCAMP_WITH_KIM=ON");
}
std::unique_ptr<Potential> make_kim_native_potential(const std::vector<std::string>& args) {
  return make_kim_potential(args);
}
#endif

const std::vector<PotentialStyle>& potential_styles() {
  // One line per potential style.
  static const std::vector<PotentialStyle> styles = {
      {"eam", "eam:FILE[,FILE...]:ELEMENTS", make_eam_funcfl},
      {"eam/alloy", "eam/alloy:FILE:ELEMENTS", make_eam_alloy},
      {"eam/fs", "eam/fs:FILE:ELEMENTS", make_eam_fs},
      {"lj/ka", "lj/ka", make_lj_ka},
      {"lj/50-50", "lj/50-50", make_lj_50_50},
      {"lj/cut", "lj/cut:FILE", make_lj_cut_file},
      {"johnson/fe", "johnson/fe", make_johnson_fe},
      {"kim", "kim:MODEL", make_kim_potential},
      {"kim-native", "kim-native:MODEL", make_kim_native_potential},
  };
  return styles;
}

std::vector<std::string> split_list(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c == separator) {
      parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(current);
  return parts;
}

std::unique_ptr<Potential> make_potential(const std::string& spec) {
  auto fields = split_list(spec, ':');
  const std::string style = fields.front();
  fields.erase(fields.begin());
  for (const auto& s : potential_styles())
    if (style == s.name) return s.make(fields);
  std::string allowed;
  for (const auto& s : potential_styles()) allowed += std::string("\n  ") + s.usage;
  throw Error("unknown potential style '" + style + "' in '" + spec + "'; allowed:" + allowed);
}

}  // namespace pelcamp
