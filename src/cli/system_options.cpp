#include "pelcamp/cli/system_options.hpp"

#include "pelcamp/core/error.hpp"
#include "pelcamp/io/structure_file.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp::cli {

void add_system_options(CLI::App& command, SystemOptions& options) {
  command.add_option("IN", options.input, "structure: LAMMPS data file (.data, .lmp) or extxyz (.xyz, .extxyz)")
      ->required();
  std::string styles;
  for (const auto& s : potential_styles()) styles += std::string("\n  ") + s.usage;
  command.add_option("--potential", options.setup.potential, "interatomic potential; one of:" + styles)
      ->required();
  command.add_option("--flatten", options.setup.flatten,
                     "PEL flattening of the total energy (Sun & Gong): eps=E,phi0=P,m=M");
  command.add_option("--skin", options.setup.skin, "Verlet-list skin (length units); default: the potential's");
  command.add_flag("--free", options.setup.free, "treat the system as a free cluster: no box, no periodic images");
  command.add_option("--min-distance", options.setup.min_distance,
                     "reject inputs with atoms closer than this (default 0.5 Å metal, 0.3 σ lj)");
}

AtomicSystem load_system(const SystemOptions& options) {
  return set_up_system(read_structure(options.input), options.setup, options.input);
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


}  // namespace pelcamp::cli
