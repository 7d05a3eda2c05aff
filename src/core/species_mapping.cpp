#include "pelcamp/core/species_mapping.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "pelcamp/core/elements.hpp"
#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

bool all_species_unnamed(const Configuration& config) {
  for (std::size_t k = 0; k < config.species.size(); ++k)
    if (config.species[k].name != std::to_string(k + 1)) return false;
  return true;
}

// For each configuration species, the index of its element.
std::vector<int> element_of_species(const Configuration& config,
                                    const std::vector<std::string>& elements) {
  std::vector<int> target(config.species.size());
  if (all_species_unnamed(config)) {
    if (config.species.size() > elements.size())
      throw Error(fmt::format(
          "the configuration has {} atom types but the potential has only {} elements ({}); "
          "name the species (e.g. `# Cu` after each Masses line) or give more elements",
          config.species.size(), elements.size(), fmt::join(elements, ", ")));
    for (std::size_t k = 0; k < target.size(); ++k) target[k] = static_cast<int>(k);
    return target;
  }
  for (std::size_t k = 0; k < config.species.size(); ++k) {
    const std::string& name = config.species[k].name;
    int found = -1;
    for (std::size_t e = 0; e < elements.size() && found < 0; ++e)
      if (elements[e] == name) found = static_cast<int>(e);
    if (found < 0)
      throw Error(fmt::format("species '{}' is not an element of the potential (allowed: {})", name,
                              fmt::join(elements, ", ")));
    target[k] = found;
  }
  return target;
}

}  // namespace

void map_species_to_elements(Configuration& config, const std::vector<std::string>& elements,
                             const std::vector<double>& element_masses) {
  if (!element_masses.empty() && element_masses.size() != elements.size())
    throw Error(fmt::format("{} masses given for {} elements ({})", element_masses.size(),
                            elements.size(), fmt::join(elements, ", ")));
  config.validate();
  const std::vector<int> target = element_of_species(config, elements);

  std::vector<Species> species(elements.size());
  for (std::size_t e = 0; e < elements.size(); ++e)
    species[e] = {elements[e], standard_atomic_mass(elements[e]).value_or(1.0)};
  for (std::size_t k = 0; k < target.size(); ++k) species[target[k]].mass = config.species[k].mass;
  if (!element_masses.empty())
    for (std::size_t e = 0; e < elements.size(); ++e) species[e].mass = element_masses[e];

  for (int& t : config.types) t = target[t];
  config.species = std::move(species);
}

}  // namespace pelcamp
