#pragma once
// A configuration of atoms: positions, velocities, image counts, types (0-based indices
// into `species`), atom ids as read from files, and the box. Positions need not be wrapped
// into the box: unwrapped(i) = positions[i] + h * images[i] is the continuous trajectory.
#include <cstdint>
#include <string>
#include <vector>

#include "pelcamp/core/box.hpp"
#include "pelcamp/core/types.hpp"

namespace pelcamp {

struct Species {
  std::string name;  // element symbol or model type name ("A", "B" for LJ mixtures)
  double mass = 1.0;
};

class Configuration {
 public:
  Box box = Box::free_space();
  std::vector<Species> species;
  std::vector<Vec3> positions;
  std::vector<Vec3> velocities;
  std::vector<Image> images;
  std::vector<int> types;
  std::vector<std::int64_t> ids;

  std::size_t size() const { return positions.size(); }
  std::size_t num_species() const { return species.size(); }
  double mass(std::size_t i) const { return species[types[i]].mass; }
  double total_mass() const;
  Vec3 unwrapped(std::size_t i) const { return box.unwrap(positions[i], images[i]); }

  // Appends an atom of species index `type`; id defaults to size()+1.
  void add_atom(int type, const Vec3& position, const Vec3& velocity = Vec3::Zero(),
                std::int64_t id = -1);
  // Index of the species with this name, adding it (with `mass`) when absent.
  int species_index(const std::string& name, double mass);
  // Maps every position into the box along periodic dimensions, updating image counts.
  void wrap_all();
  // Throws pelcamp::Error when array sizes disagree, types are out of range, or a
  // coordinate is not finite.
  void validate() const;
};

}  // namespace pelcamp
