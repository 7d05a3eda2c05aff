#include "pelcamp/cli/system_options.hpp"

#include "pelcamp/core/species_mapping.hpp"
#include "pelcamp/core/units.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/io/structure_file.hpp"
#include "pelcamp/neighbor/overlap_check.hpp"
#include "pelcamp/potential/pel_flattening.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp::cli {

void add_system_options(CLI::App& command, SystemOptions& options) {
  command.add_option("IN", options.input, "structure: LAMMPS data file (.data, .lmp) or extxyz (.xyz, .extxyz)")
      ->required();
  std::string styles;
  for (const auto& s : potential_styles()) styles += std::string("\n  ") + s.usage;
  command.add_option("--potential", options.potential, "interatomic potential; one of:" + styles)
      ->required();
  command.add_option("--flatten", options.flatten,
                     "PEL flattening of the total energy (Sun & Gong): eps=E,phi0=P,m=M");
  command.add_option("--skin", options.skin, "Verlet-list skin (length units); default: the potential's");
  command.add_flag("--free", options.free, "treat the system as a free cluster: no box, no periodic images");
  command.add_option("--min-distance", options.min_distance,
                     "reject inputs with atoms closer than this (default 0.5 Å metal, 0.3 σ lj)");
}

System load_system(const SystemOptions& options) {
  System system;
  system.config = read_structure(options.input);
  if (options.free) {
    for (std::size_t i = 0; i < system.config.size(); ++i) {
      system.config.positions[i] = system.config.unwrapped(i);
      system.config.images[i] = {0, 0, 0};
    }
    system.config.box = Box::free_space();
  }
  system.potential = make_potential(options.potential);
  if (!options.flatten.empty())
    system.potential = std::make_unique<FlattenedPotential>(std::move(system.potential),
                                                            parse_flattening(options.flatten));
  if (options.skin >= 0.0) {
    NeighborSettings settings;
    settings.skin = options.skin;
    system.potential->set_neighbor_settings(settings);
  }
  map_species_to_elements(system.config, system.potential->elements(), system.potential->masses());
  system.config.validate();
  const double min_distance = options.min_distance >= 0.0 ? options.min_distance
                              : system.potential->units() == "metal" ? 0.5 : 0.3;
  try {
    if (min_distance > 0.0) check_overlaps(system.config, min_distance);
  } catch (const Error& e) {
    throw Error(options.input + ": " + e.what());
  }
  return system;
}

Frame make_frame(const Configuration& config, const ComputeResult& result) {
  Frame frame;
  frame.config = config;
  frame.energy = result.energy;
  if (config.box.any_periodic()) frame.virial = result.virial;
  frame.forces = result.forces;
  frame.energies = result.per_atom_energy;
  frame.virials = result.per_atom_virial;
  return frame;
}

double virial_pressure(const Configuration& config, const Mat3& virial, const std::string& units) {
  if (!config.box.any_periodic()) return 0.0;
  return virial.trace() / (3.0 * config.box.volume()) * UnitSystem::by_name(units).nktv2p;
}

}  // namespace pelcamp::cli
