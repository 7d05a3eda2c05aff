// pelcamp minimize: relax atoms (and optionally the box) to a local minimum.
#include <chrono>
#include <fmt/format.h>

#include "pelcamp/cli/commands.hpp"
#include "pelcamp/cli/system_options.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/io/structure_file.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/box_relax.hpp"
#include "pelcamp/minimize/registry.hpp"

namespace pelcamp::cli {

namespace {

struct MinimizeOptions {
  SystemOptions system;
  std::string style = "cg";
  StoppingCriteria stop;
  bool box_relax = false;
  double pressure = 0.0;
  std::string coupling = "iso";
  double pressure_tolerance = -1.0;
  bool per_atom = false;
  std::string out;
};

BoxCoupling coupling_from_name(const std::string& name) {
  if (name == "iso") return BoxCoupling::iso;
  if (name == "aniso") return BoxCoupling::aniso;
  if (name == "tri") return BoxCoupling::tri;
  throw Error("unknown --coupling '" + name + "' (allowed: iso, aniso, tri)");
}

void run_minimize(const MinimizeOptions& options) {
  AtomicSystem system = load_system(options.system);
  auto& config = system.config;
  auto& potential = *system.potential;
  options.stop.validate();
  auto minimizer = make_minimizer(options.style);
  const double e0 = potential.energy(config);

  const auto start = std::chrono::steady_clock::now();
  MinimizeResult result;
  if (options.box_relax) {
    // Pressure tolerance when not given: 0.1 bar in metal units, 1e-6 in reduced units.
    const double ptol = options.pressure_tolerance > 0.0 ? options.pressure_tolerance
                        : potential.units() == "metal" ? 0.1 : 1e-6;
    const auto settings = BoxRelaxConfig::hydrostatic(options.pressure, coupling_from_name(options.coupling), ptol);
    const BoxRelaxResult relaxed = relax_box(config, potential, *minimizer, options.stop, settings);
    result = relaxed.minimize;
    fmt::print("box relaxation   {} pass(es), volume {:.10g}, pressure {:.6g} (target {}), {}\n",
               relaxed.passes, relaxed.volume, relaxed.pressure.trace() / 3.0, options.pressure,
               relaxed.converged ? "converged" : "NOT converged");
  } else {
    AtomsObjective objective(config, potential);
    result = minimizer->minimize(objective, objective.variables(), options.stop);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  fmt::print("minimizer        {} ({})\n", minimizer->name(), to_string(result.reason));
  fmt::print("energy           {:.12g} -> {:.12g}\n", e0, result.energy);
  fmt::print("max |force|      {:.6g}\n", result.fmax);
  fmt::print("iterations       {}\n", result.iterations);
  fmt::print("Force evaluations = {}\n", result.evaluations);
  fmt::print("Loop time of {:.6g} s with {} atoms\n", seconds, config.size());

  if (!options.out.empty()) {
    ComputeRequest request;
    request.virial = true;
    request.per_atom_energy = request.per_atom_virial = options.per_atom;
    ComputeResult final_state;
    potential.compute(config, request, final_state);
    write_structure(options.out, make_frame(config, final_state));
    fmt::print("wrote            {}\n", options.out);
  }
}

}  // namespace

void add_minimize_command(CLI::App& app) {
  auto options = std::make_shared<MinimizeOptions>();
  options->stop.fmax = 1e-6;
  CLI::App* cmd = app.add_subcommand("minimize", "Relax a structure to a local energy minimum");
  add_system_options(*cmd, options->system);
  cmd->add_option("--min-style", options->style, "minimizer: cg, lbfgs or fire")->capture_default_str();
  cmd->add_option("--fmax", options->stop.fmax, "stop when the largest per-atom force is below this (0: off)")
      ->capture_default_str();
  cmd->add_option("--etol", options->stop.etol, "stop on relative energy change below this (LAMMPS etol; 0: off)")
      ->capture_default_str();
  cmd->add_option("--max-iterations", options->stop.max_iterations, "iteration limit")->capture_default_str();
  cmd->add_option("--max-evaluations", options->stop.max_evaluations, "force-evaluation limit")
      ->capture_default_str();
  cmd->add_flag("--box-relax", options->box_relax, "relax the box too, to the target --pressure");
  cmd->add_option("--pressure", options->pressure, "target pressure (bar in metal units)")->capture_default_str();
  cmd->add_option("--coupling", options->coupling, "box degrees of freedom: iso, aniso or tri")
      ->capture_default_str();
  cmd->add_option("--pressure-tolerance", options->pressure_tolerance,
                  "box relaxation converges within this of the target (default 0.1 bar / 1e-6 lj)");
  cmd->add_flag("--per-atom", options->per_atom, "write per-atom energies and virials with --out");
  cmd->add_option("--out", options->out, "write the minimized structure (.extxyz, .data, .dump)");
  cmd->callback([options] { run_minimize(*options); });
}

}  // namespace pelcamp::cli
