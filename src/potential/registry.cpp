#include "pelcamp/potential/registry.hpp"

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/eam_potential.hpp"

namespace pelcamp {

const std::vector<PotentialStyle>& potential_styles() {
  // One line per potential style.
  static const std::vector<PotentialStyle> styles = {
      {"eam", "eam:FILE[,FILE...]:ELEMENTS", make_eam_funcfl},
      {"eam/alloy", "eam/alloy:FILE:ELEMENTS", make_eam_alloy},
      {"eam/fs", "eam/fs:FILE:ELEMENTS", make_eam_fs},
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
