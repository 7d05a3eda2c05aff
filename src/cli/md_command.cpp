// pelcamp md: molecular dynamics (NVE, Nosé–Hoover NVT, Langevin, MTK NPT/NPH) with
// temperature ramps, trajectory output and bit-identical checkpoints.
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <numeric>

#include "pelcamp/cli/commands.hpp"
#include "pelcamp/cli/system_options.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/dynamics/dynamics_state.hpp"
#include "pelcamp/dynamics/langevin_thermostat.hpp"
#include "pelcamp/dynamics/mtk_barostat.hpp"
#include "pelcamp/dynamics/nose_hoover_thermostat.hpp"
#include "pelcamp/dynamics/velocity_init.hpp"
#include "pelcamp/dynamics/velocity_verlet.hpp"
#include "pelcamp/io/lammps_dump.hpp"
#include "pelcamp/io/structure_file.hpp"

namespace pelcamp::cli {

namespace {

struct MdOptions {
  SystemOptions system;
  std::string ensemble = "nve";
  double temperature = -1.0;   // K (metal) or reduced; initial target and velocity temperature
  double ramp_to = -1.0;       // final temperature of a linear ramp
  double rate = 0.0;           // ramp rate: K/s (metal) or reduced per τ (lj)
  double tdamp = 0.0;
  double pressure = 0.0;
  double pdamp = 0.0;
  std::string coupling = "iso";
  double dt = 0.0;
  std::int64_t steps = 0;
  std::uint64_t seed = 1;
  bool keep_velocities = false;
  std::int64_t momentum_every = 100;
  std::int64_t thermo_every = 0;
  std::string dump;
  std::int64_t dump_every = 0;
  std::string out;
  std::string checkpoint;
  std::string resume;
};

std::unique_ptr<Thermostat> make_thermostat(const MdOptions& o) {
  if (o.ensemble == "nve" || o.ensemble == "nph") return nullptr;
  if (o.ensemble == "nvt" || o.ensemble == "npt") return std::make_unique<NoseHooverThermostat>(NoseHooverConfig{o.tdamp});
  if (o.ensemble == "langevin") return std::make_unique<LangevinThermostat>(LangevinConfig{o.tdamp, o.seed, 1});
  throw Error("unknown --ensemble '" + o.ensemble + "' (allowed: nve, nvt, langevin, npt, nph)");
}

std::unique_ptr<MtkBarostat> make_barostat(const MdOptions& o) {
  if (o.ensemble != "npt" && o.ensemble != "nph") return nullptr;
  MtkBarostatConfig config;
  if (o.coupling == "iso") config.coupling = PressureCoupling::iso;
  else if (o.coupling == "aniso") config.coupling = PressureCoupling::aniso;
  else throw Error("unknown --coupling '" + o.coupling + "' (allowed: iso, aniso)");
  config.pressure = o.pressure;
  config.pdamp = o.pdamp;
  return std::make_unique<MtkBarostat>(config);
}

std::optional<TemperatureProtocol> make_protocol(const MdOptions& o, const UnitSystem& units) {
  if (o.temperature < 0.0) {
    if (o.ensemble != "nve") throw Error("--ensemble " + o.ensemble + " needs --temperature");
    return std::nullopt;
  }
  if (o.ramp_to < 0.0) return TemperatureProtocol::hold(o.temperature);
  if (!(o.rate > 0.0)) throw Error("--ramp-to needs a positive --rate");
  const double per_time = units.name == "metal" ? rate_per_time_unit(o.rate, units) : o.rate;
  return TemperatureProtocol::ramp(o.temperature, o.ramp_to, per_time, o.dt);
}

void print_thermo_header(bool periodic) {
  fmt::print("{:>10} {:>12} {:>12} {:>16} {:>16} {:>16}{}\n", "step", "time", "temp", "pe", "etotal",
             "econserve", periodic ? fmt::format(" {:>14} {:>14}", "press", "volume") : "");
}

void print_thermo(const Thermo& t) {
  fmt::print("{:>10} {:>12.6g} {:>12.6g} {:>16.10g} {:>16.10g} {:>16.10g}{}\n", t.step, t.time,
             t.temperature, t.potential_energy, t.potential_energy + t.kinetic_energy,
             t.conserved_energy,
             std::isnan(t.pressure) ? "" : fmt::format(" {:>14.6g} {:>14.8g}", t.pressure, t.volume));
}

void save_checkpoint(const std::string& path, const DynamicsState& state) {
  const auto bytes = to_bytes(state);
  const std::string tmp = path + ".tmp";
  std::ofstream out(tmp, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out || std::rename(tmp.c_str(), path.c_str()) != 0)
    throw Error("cannot write checkpoint " + path);
}

DynamicsState load_checkpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open checkpoint");
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    return dynamics_state_from_bytes(bytes);
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
}

void run_md(const MdOptions& o) {
  if (!(o.dt > 0.0)) throw Error("--dt must be positive");
  if (o.steps < 0) throw Error("--steps must be >= 0");
  AtomicSystem system = load_system(o.system);
  auto& config = system.config;
  auto& potential = *system.potential;
  const UnitSystem units = UnitSystem::by_name(potential.units());
  const bool periodic = config.box.any_periodic();

  IntegratorConfig settings;
  settings.dt = o.dt;
  settings.momentum.angular = !periodic;  // free clusters: no rotation either
  settings.momentum.every = o.momentum_every;
  if (!o.keep_velocities && o.resume.empty() && o.temperature >= 0.0) {
    Rng rng(o.seed, 0);
    initialize_velocities(config, o.temperature, rng, units, settings.momentum.angular);
  }
  VelocityVerlet md(config, potential, settings, make_thermostat(o), make_barostat(o),
                    make_protocol(o, units));
  if (!o.resume.empty()) md.restore(load_checkpoint(o.resume));

  const std::int64_t thermo_every = o.thermo_every > 0 ? o.thermo_every : std::max<std::int64_t>(1, o.steps / 10);
  std::unique_ptr<LammpsDumpWriter> dump;
  if (!o.dump.empty()) {
    LammpsDumpOptions dump_options;
    dump_options.unwrapped = true;
    dump_options.velocities = true;
    dump_options.units = units;
    dump = std::make_unique<LammpsDumpWriter>(o.dump, dump_options, !o.resume.empty());
  }
  const std::int64_t dump_every = o.dump_every > 0 ? o.dump_every : thermo_every;
  const std::int64_t every = dump ? std::gcd(thermo_every, dump_every) : thermo_every;
  auto observe = [&](const Thermo& t) {
    if (t.step % thermo_every == 0) print_thermo(t);
    if (dump && t.step % dump_every == 0) {
      Frame frame;
      frame.config = config;
      dump->write(frame, t.step);
    }
  };

  fmt::print("md: {} atoms, {} ensemble, dt {} , {} steps, potential {}\n", config.size(), o.ensemble,
             o.dt, o.steps, potential.name());
  print_thermo_header(periodic);
  if (md.step() % thermo_every == 0) print_thermo(md.thermo());
  const auto start = std::chrono::steady_clock::now();
  const std::int64_t done = md.run(o.steps, every, observe);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("Loop time of {:.6g} s for {} steps with {} atoms\n", seconds, done, config.size());
  if (seconds > 0.0)
    fmt::print("Performance: {:.4g} steps/s, {:.4g} atom-steps/s\n", done / seconds,
               static_cast<double>(done) * static_cast<double>(config.size()) / seconds);

  if (!o.checkpoint.empty()) {
    save_checkpoint(o.checkpoint, md.state());
    fmt::print("wrote checkpoint {}\n", o.checkpoint);
  }
  if (!o.out.empty()) {
    ComputeResult final_state = md.last_compute();
    write_structure(o.out, make_frame(config, final_state));
    fmt::print("wrote {}\n", o.out);
  }
}

}  // namespace

void add_md_command(CLI::App& app) {
  auto o = std::make_shared<MdOptions>();
  CLI::App* cmd = app.add_subcommand("md", "Molecular dynamics: NVE, NVT (Nosé–Hoover or Langevin), NPT/NPH (MTK)");
  add_system_options(*cmd, o->system);
  cmd->add_option("--ensemble", o->ensemble, "nve, nvt (Nosé–Hoover chain), langevin, npt or nph")->capture_default_str();
  cmd->add_option("--temperature", o->temperature, "target (and initial velocity) temperature (K, or reduced)");
  cmd->add_option("--ramp-to", o->ramp_to, "ramp the target linearly to this temperature at --rate, then hold");
  cmd->add_option("--rate", o->rate, "ramp rate: K/s in metal units (1e12 = 1 K/ps), per τ in lj units");
  cmd->add_option("--tdamp", o->tdamp, "thermostat damping time (ps, or τ)");
  cmd->add_option("--pressure", o->pressure, "target pressure for npt/nph (bar, or reduced)")->capture_default_str();
  cmd->add_option("--pdamp", o->pdamp, "barostat damping time (ps, or τ)");
  cmd->add_option("--coupling", o->coupling, "barostat coupling: iso or aniso")->capture_default_str();
  cmd->add_option("--dt", o->dt, "time step (ps, or τ)")->required();
  cmd->add_option("--steps", o->steps, "number of steps")->required();
  cmd->add_option("--seed", o->seed, "seed for initial velocities and Langevin noise")->capture_default_str();
  cmd->add_flag("--keep-velocities", o->keep_velocities, "start from the input's velocities instead of drawing new ones");
  cmd->add_option("--momentum-every", o->momentum_every,
                  "remove centre-of-mass (and, for free clusters, angular) momentum drift every N steps (0: never)")
      ->capture_default_str();
  cmd->add_option("--thermo", o->thermo_every, "print thermo every N steps (default: steps/10)");
  cmd->add_option("--dump", o->dump, "write a LAMMPS dump trajectory (unwrapped positions, velocities)");
  cmd->add_option("--dump-every", o->dump_every, "dump every N steps (default: the thermo interval)");
  cmd->add_option("--out", o->out, "write the final structure (.extxyz, .data, .dump)");
  cmd->add_option("--checkpoint", o->checkpoint, "write the full dynamics state at the end (bit-identical continuation)");
  cmd->add_option("--resume", o->resume, "continue from a checkpoint written with the same input and settings");
  cmd->callback([o] { run_md(*o); });
}

}  // namespace pelcamp::cli
