#include "pelcamp/units/md_unit.hpp"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "pelcamp/dynamics/dynamics_state.hpp"
#include "pelcamp/dynamics/langevin_thermostat.hpp"
#include "pelcamp/dynamics/nose_hoover_thermostat.hpp"
#include "pelcamp/dynamics/velocity_init.hpp"
#include "pelcamp/dynamics/velocity_verlet.hpp"
#include "pelcamp/units/atomic_system.hpp"

namespace pelcamp::units {

namespace {

// Running sums of the sampled thermodynamic quantities; checkpointed with the dynamics.
struct Samples {
  double count = 0, temperature = 0, potential = 0, total = 0, total_squared = 0, pressure = 0;
  void add(const Thermo& t) {
    const double e = t.potential_energy + t.kinetic_energy;
    count += 1;
    temperature += t.temperature;
    potential += t.potential_energy;
    total += e;
    total_squared += e * e;
    pressure += std::isnan(t.pressure) ? 0.0 : t.pressure;
  }
};

void save(const std::string& path, const DynamicsState& state, const Samples& samples) {
  const auto bytes = to_bytes(state);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(&samples), sizeof samples);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error("cannot write checkpoint " + tmp);
  }
  std::filesystem::rename(tmp, path);  // atomic
}

bool load(const std::string& path, VelocityVerlet& md, Samples& samples) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < sizeof samples) return false;
  std::memcpy(&samples, bytes.data(), sizeof samples);
  md.restore(dynamics_state_from_bytes(std::span<const std::uint8_t>(bytes).subspan(sizeof samples)));
  return true;
}

std::unique_ptr<Thermostat> thermostat(const UnitContext& ctx) {
  const std::string& ensemble = ctx.params.text("ensemble");
  const double tdamp = ctx.params.real("tdamp");
  if (ensemble == "nvt") return std::make_unique<NoseHooverThermostat>(NoseHooverConfig{tdamp});
  if (ensemble == "langevin") return std::make_unique<LangevinThermostat>(LangevinConfig{tdamp, ctx.rng(1).next_u64(), 0});
  return nullptr;
}

void run(UnitContext& ctx, UnitOutput& out) {
  AtomicSystem s = load_atomic_system(ctx);
  const UnitSystem units = UnitSystem::by_name(s.potential->units());
  const double temperature = ctx.params.real("temperature");
  const std::int64_t steps = ctx.params.integer("steps");
  const std::int64_t every = ctx.params.integer("sample_every");
  const std::int64_t checkpoint_every = ctx.params.integer("checkpoint_every");
  IntegratorConfig settings;
  settings.dt = ctx.params.real("dt");
  settings.momentum.angular = !s.config.box.any_periodic();
  Rng velocities = ctx.rng(0);
  initialize_velocities(s.config, temperature, velocities, units, settings.momentum.angular);
  const bool thermostatted = ctx.params.text("ensemble") != "nve";
  VelocityVerlet md(s.config, *s.potential, settings, thermostat(ctx),
                    nullptr, thermostatted ? std::optional(TemperatureProtocol::hold(temperature)) : std::nullopt);
  Samples samples;
  const bool checkpointing = checkpoint_every > 0 && !ctx.checkpoint_file.empty();
  if (checkpointing) load(ctx.checkpoint_file, md, samples);
  const std::int64_t chunk = checkpointing ? checkpoint_every : std::max<std::int64_t>(every, 1000);
  auto observe = [&](const Thermo& t) {
    if (t.step > 0 && t.step % every == 0) samples.add(t);
  };
  while (md.step() < steps) {
    md.run(std::min(chunk, steps - md.step()), every, observe);
    ctx.check_deadline();
    const Thermo t = md.thermo();
    if (!std::isfinite(t.potential_energy + t.kinetic_energy))
      throw Error("the dynamics exploded: non-finite energy at step " + std::to_string(t.step));
    if (checkpointing && md.step() < steps) {
      save(ctx.checkpoint_file, md.state(), samples);
      if (ctx.stop_requested()) throw UnitInterrupted("stopped at step " + std::to_string(md.step()));
    }
  }
  if (samples.count == 0) throw Error("no sample taken: steps must be at least sample_every");
  const double n = samples.count;
  const double mean_e = samples.total / n;
  const double var_e = std::max(0.0, samples.total_squared / n - mean_e * mean_e);
  // Canonical fluctuation formula C_v = var(E) / (k_B T²), energy/temperature units.
  const double heat_capacity = var_e / (units.boltzmann * temperature * temperature);
  out.fields = {{samples.temperature / n}, {samples.potential / n}, {mean_e}, {heat_capacity},
                {s.config.box.any_periodic() ? samples.pressure / n : 0.0}};
  out.structure = s.config;
  if (checkpointing) std::filesystem::remove(ctx.checkpoint_file);
}

}  // namespace

const UnitKind& md_unit_kind() {
  static const UnitKind kind{
      .name = "md",
      .summary = "molecular dynamics at one temperature: means, heat capacity, final structure",
      .params = concat(atomic_system_params(),
                       {
                           {.name = "temperature", .type = ParamType::Float, .unit = "K (metal) or ε/k_B (lj)",
                            .min = 1e-9, .max = 1e6, .doc = "target and initial-velocity temperature"},
                           {.name = "steps", .type = ParamType::Int, .min = 1, .max = 1e12,
                            .doc = "time steps", .extensive = true},
                           {.name = "dt", .type = ParamType::Float, .unit = "ps (metal) or τ (lj)", .min = 1e-9,
                            .max = 1e3, .doc = "time step"},
                           {.name = "tdamp", .type = ParamType::Float, .unit = "ps (metal) or τ (lj)",
                            .min = 1e-9, .max = 1e6, .default_value = 0.1, .doc = "thermostat damping time"},
                           {.name = "ensemble", .type = ParamType::Choice, .default_value = std::string("nvt"),
                            .doc = "nvt (Nosé–Hoover chain), langevin, or nve",
                            .choices = {"nvt", "langevin", "nve"}},
                           {.name = "sample_every", .type = ParamType::Int, .min = 1, .max = 1e9,
                            .default_value = std::int64_t{10}, .doc = "steps between samples of the means"},
                           {.name = "checkpoint_every", .type = ParamType::Int, .min = 0, .max = 1e12,
                            .default_value = std::int64_t{0}, .doc = "steps between checkpoints (0: none)"},
                       }),
      .outputs =
          {
              {.name = "temperature", .unit = "K", .doc = "mean kinetic temperature"},
              {.name = "potential_energy", .unit = "energy", .doc = "mean potential energy"},
              {.name = "total_energy", .unit = "energy", .doc = "mean total energy"},
              {.name = "heat_capacity", .unit = "energy/K", .doc = "var(E)/(k_B T²) of the whole system"},
              {.name = "pressure", .unit = "pressure", .doc = "mean pressure (0 for a free cluster)"},
          },
      .writes_structure = true,
      .expected_seconds = [](const PlanInfo& info) {
        return 2e-7 * info.params.real("steps") * double(atomic_system_atoms(info));
      },
      .atom_count = atomic_system_atoms,
      .periodic = atomic_system_periodic,
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
