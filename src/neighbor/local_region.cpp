#include "pelcamp/neighbor/local_region.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

void LocalRegion::write_back(Configuration& parent_config, std::size_t count) const {
  if (count > parent.size())
    throw Error(fmt::format("local region: cannot write back {} of {} carved atoms", count,
                            parent.size()));
  for (std::size_t k = 0; k < count; ++k) {
    if (parent[k] >= parent_config.size())
      throw Error("local region: written back into a configuration it was not carved from");
    parent_config.positions[parent[k]] = config.positions[k] - offset[k];
  }
}

LocalRegion carve_region(const Configuration& parent, std::span<const std::size_t> centres,
                         double radius, double interaction_range, double inner_range) {
  if (centres.empty()) throw Error("local region: no centre atom given");
  for (const std::size_t c : centres)
    if (c >= parent.size())
      throw Error(fmt::format("local region: centre atom {} out of range (0..{})", c,
                              parent.size() - 1));
  if (!(radius >= 0.0)) throw Error(fmt::format("local region: radius {} must be ≥ 0", radius));
  if (!(interaction_range > 0.0))
    throw Error(fmt::format("local region: interaction range {} must be > 0", interaction_range));
  if (!(inner_range >= 0.0 && inner_range <= interaction_range))
    throw Error(fmt::format("local region: inner range {} must be in [0, interaction range {}]",
                            inner_range, interaction_range));

  const Box& box = parent.box;
  const Vec3 origin = parent.positions[centres[0]];
  // Every position as the image nearest the first centre (identity without periodicity).
  auto near_origin = [&](const Vec3& r) -> Vec3 { return origin + box.minimum_image(r - origin); };
  std::vector<Vec3> placed_centres;
  double spread = 0.0;
  for (const std::size_t c : centres) {
    placed_centres.push_back(near_origin(parent.positions[c]));
    spread = std::max(spread, (placed_centres.back() - origin).norm());
  }
  const double carve_radius = radius + interaction_range;
  bool free = true;
  for (int d = 0; d < 3; ++d)
    if (box.periodic(d) &&
        !(box.perpendicular_width(d) > 2.0 * (spread + carve_radius)))
      free = false;

  // Distance of atom j to its nearest centre, and its placement.
  auto nearest = [&](std::size_t j, Vec3& placed) {
    double best = std::numeric_limits<double>::infinity();
    if (free) {
      placed = near_origin(parent.positions[j]);
      for (const Vec3& c : placed_centres) best = std::min(best, (placed - c).norm());
    } else {
      placed = parent.positions[j];
      for (const std::size_t c : centres)
        best = std::min(best, box.minimum_image(placed - parent.positions[c]).norm());
    }
    return best;
  };

  LocalRegion region;
  region.periodic = !free;
  std::vector<std::size_t> inner, outer;
  std::vector<Vec3> placed(parent.size());
  for (std::size_t j = 0; j < parent.size(); ++j) {
    const double distance = nearest(j, placed[j]);
    if (distance <= radius)
      region.parent.push_back(j);
    else if (distance <= radius + inner_range)
      inner.push_back(j);
    else if (!free || distance <= carve_radius)
      outer.push_back(j);
  }
  region.exact = region.parent.size();
  region.parent.insert(region.parent.end(), inner.begin(), inner.end());
  region.reached = region.parent.size();
  region.parent.insert(region.parent.end(), outer.begin(), outer.end());

  Configuration& carved = region.config;
  carved.box = free ? Box::free_space() : box;
  carved.species = parent.species;
  const bool has_velocities = parent.velocities.size() == parent.size();
  for (const std::size_t j : region.parent) {
    carved.add_atom(parent.types[j], placed[j],
                    has_velocities ? parent.velocities[j] : Vec3::Zero(), parent.ids[j]);
    if (!free) carved.images.back() = parent.images[j];
    region.offset.push_back(placed[j] - parent.positions[j]);
  }
  return region;
}

}  // namespace pelcamp
