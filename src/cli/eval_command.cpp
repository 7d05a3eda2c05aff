// pelcamp eval: energy, forces, per-atom energies and virials of one structure.
#include <cmath>
#include <fmt/format.h>

#include "pelcamp/cli/commands.hpp"
#include "pelcamp/cli/system_options.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/core/units.hpp"
#include "pelcamp/io/structure_file.hpp"

namespace pelcamp::cli {

namespace {

struct EvalOptions {
  SystemOptions system;
  bool per_atom = false;
  std::string out;
};

void run_eval(const EvalOptions& options) {
  AtomicSystem system = load_system(options.system);
  ComputeRequest request;
  request.virial = true;
  request.per_atom_energy = request.per_atom_virial = options.per_atom;
  ComputeResult result;
  system.potential->compute(system.config, request, result);
  if (!std::isfinite(result.energy))
    throw Error(fmt::format("{}: the potential energy is not finite (overlapping atoms?)",
                            options.system.input));
  const auto& config = system.config;
  fmt::print("atoms            {}\n", config.size());
  fmt::print("potential        {}\n", system.potential->name());
  fmt::print("energy           {:.12g}\n", result.energy);
  fmt::print("energy/atom      {:.12g}\n", result.energy / static_cast<double>(config.size()));
  fmt::print("max |force|      {:.6g}\n", max_force_norm(result.forces));
  if (config.box.any_periodic()) {
    fmt::print("volume           {:.10g}\n", config.box.volume());
    fmt::print("virial pressure  {:.10g}\n",
               virial_pressure(config, result.virial, UnitSystem::by_name(system.potential->units())));
  }
  if (!options.out.empty()) {
    write_structure(options.out, make_frame(config, result));
    fmt::print("wrote            {}\n", options.out);
  }
}

}  // namespace

void add_eval_command(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand("eval", "Energy, forces and virial of a structure");
  add_system_options(*cmd, options->system);
  cmd->add_flag("--per-atom", options->per_atom, "also compute per-atom energies and virials");
  cmd->add_option("--out", options->out, "write the structure with results (.extxyz, .data, .dump)");
  cmd->callback([options] { run_eval(*options); });
}

}  // namespace pelcamp::cli
