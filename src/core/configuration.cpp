#include "pelcamp/core/configuration.hpp"

#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

double Configuration::total_mass() const {
  double m = 0.0;
  for (std::size_t i = 0; i < size(); ++i) m += mass(i);
  return m;
}

void Configuration::add_atom(int type, const Vec3& position, const Vec3& velocity,
                             std::int64_t id) {
  positions.push_back(position);
  velocities.push_back(velocity);
  images.push_back({0, 0, 0});
  types.push_back(type);
  ids.push_back(id >= 0 ? id : static_cast<std::int64_t>(positions.size()));
}

int Configuration::species_index(const std::string& name, double mass) {
  for (std::size_t k = 0; k < species.size(); ++k)
    if (species[k].name == name) return static_cast<int>(k);
  species.push_back({name, mass});
  return static_cast<int>(species.size() - 1);
}

void Configuration::wrap_all() {
  for (std::size_t i = 0; i < size(); ++i) box.wrap(positions[i], images[i]);
}

void Configuration::validate() const {
  const std::size_t n = size();
  if (velocities.size() != n || images.size() != n || types.size() != n || ids.size() != n)
    throw Error("configuration arrays have inconsistent sizes");
  for (std::size_t i = 0; i < n; ++i) {
    if (types[i] < 0 || static_cast<std::size_t>(types[i]) >= species.size())
      throw Error(fmt::format("atom id {} has type index {} but only {} species are defined",
                              ids[i], types[i], species.size()));
    if (!positions[i].allFinite())
      throw Error(fmt::format("atom id {} has a non-finite position", ids[i]));
    if (!velocities[i].allFinite())
      throw Error(fmt::format("atom id {} has a non-finite velocity", ids[i]));
  }
}

}  // namespace pelcamp
