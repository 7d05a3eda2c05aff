#include "pelcamp/potential/system_setup.hpp"

#include "pelcamp/core/error.hpp"
#include "pelcamp/core/species_mapping.hpp"
#include "pelcamp/neighbor/overlap_check.hpp"
#include "pelcamp/potential/pel_flattening.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp {

void make_free_cluster(Configuration& config) {
  for (std::size_t i = 0; i < config.size(); ++i) {
    config.positions[i] = config.unwrapped(i);
    config.images[i] = {0, 0, 0};
  }
  config.box = Box::free_space();
}

AtomicSystem set_up_system(Configuration config, const SystemSetup& setup,
                           const std::string& structure_name) {
  AtomicSystem system{std::move(config), make_potential(setup.potential)};
  if (setup.free) make_free_cluster(system.config);
  if (!setup.flatten.empty())
    system.potential = std::make_unique<FlattenedPotential>(std::move(system.potential),
                                                            parse_flattening(setup.flatten));
  if (setup.skin >= 0.0) {
    NeighborSettings settings;
    settings.skin = setup.skin;
    system.potential->set_neighbor_settings(settings);
  }
  const double min_distance = setup.min_distance >= 0.0 ? setup.min_distance
                              : system.potential->units() == "metal" ? 0.5 : 0.3;
  try {
    map_species_to_elements(system.config, system.potential->elements(), system.potential->masses());
    system.config.validate();
    if (min_distance > 0.0) check_overlaps(system.config, min_distance);
  } catch (const Error& e) {
    throw Error(structure_name + ": " + e.what());
  }
  return system;
}

}  // namespace pelcamp
