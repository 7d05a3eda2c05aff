#include "pelcamp/units/cluster_temperature_unit.hpp"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

#include "pelcamp/analysis/cluster_motion.hpp"
#include "pelcamp/analysis/cluster_shape.hpp"
#include "pelcamp/dynamics/langevin_thermostat.hpp"
#include "pelcamp/dynamics/nose_hoover_thermostat.hpp"
#include "pelcamp/dynamics/velocity_init.hpp"
#include "pelcamp/dynamics/velocity_verlet.hpp"
#include "pelcamp/potential/pel_flattening.hpp"
#include "pelcamp/units/atomic_system.hpp"

namespace pelcamp::units {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Sampling geometry, fixed by the parameters (plan time and run time agree).
struct Sampling {
  std::int64_t every = 0;          // steps between samples
  std::int64_t samples = 0;        // production samples
  std::size_t window = 0;          // samples per short-time window Δt
  std::size_t max_lag = 0;         // MSD lags, in samples
  std::int64_t record_stride = 0;  // samples between stored sample rows
  std::size_t trace_rows = 0;
  std::size_t sample_rows = 0;

  explicit Sampling(const Params& p) {
    const double dt = p.real("dt");
    every = p.integer("sample_every");
    const double spacing = dt * static_cast<double>(every);
    samples = p.integer("steps") / every;
    window = static_cast<std::size_t>(std::llround(p.real("window") / spacing));
    max_lag = static_cast<std::size_t>(std::llround(p.real("msd_max_lag") / spacing));
    const std::int64_t record_every = p.integer("record_every");
    if (window < 1 || max_lag < 2 || record_every % every != 0)
      throw Error("cluster_temperature_point: window must be at least one sample interval (dt · sample_every), "
                  "msd_max_lag at least two, and record_every a multiple of sample_every; got " + p.canonical());
    record_stride = record_every / every;
    // Window b closes with the first frame of window b + 1: the last window needs one more.
    trace_rows = std::min<std::size_t>(samples > 0 ? static_cast<std::size_t>(samples - 1) / window : 0,
                                       static_cast<std::size_t>(p.integer("trace_rows")));
    sample_rows = static_cast<std::size_t>(samples / record_stride);
  }
};

// Everything accumulated during production; saved with the dynamics in checkpoints.
struct Accumulators {
  RunningMoments total, potential, temperature, volume, delta_r;
  std::array<RunningMoments, 3> radii;
  double phi_star_min = std::numeric_limits<double>::infinity(), phi_star_max = -phi_star_min;
  std::int64_t taken = 0;
  RigidMotionRemover remover;
  MeanSquaredDisplacement msd;
  ShortTimeAverages windows;
  std::vector<double> trace;    // rows of (time, E_c, R_c)
  std::vector<double> records;  // rows of (time, φ*, K, R₁, R₂, R₃, V)

  Accumulators(const Configuration& c, const Sampling& s)
      : remover(masses(c)), msd(c.size(), s.max_lag), windows(c.size(), s.window) {}

  static std::vector<double> masses(const Configuration& c) {
    std::vector<double> m;
    for (std::size_t i = 0; i < c.size(); ++i) m.push_back(c.mass(i));
    return m;
  }

  std::vector<double> save() const {
    std::vector<double> out;
    for (const RunningMoments* r : {&total, &potential, &temperature, &volume, &delta_r, &radii[0], &radii[1], &radii[2]})
      r->save(out);
    out.insert(out.end(), {phi_star_min, phi_star_max, static_cast<double>(taken)});
    remover.save(out);
    msd.save(out);
    windows.save(out);
    for (const std::vector<double>* rows : {&trace, &records}) {
      out.push_back(static_cast<double>(rows->size()));
      out.insert(out.end(), rows->begin(), rows->end());
    }
    return out;
  }

  void load(std::span<const double> data) {
    StateReader in{data};
    for (RunningMoments* r : {&total, &potential, &temperature, &volume, &delta_r, &radii[0], &radii[1], &radii[2]})
      r->load(in);
    phi_star_min = in.take();
    phi_star_max = in.take();
    taken = static_cast<std::int64_t>(in.take());
    remover.load(in);
    msd.load(in);
    windows.load(in);
    for (std::vector<double>* rows : {&trace, &records}) {
      rows->resize(static_cast<std::size_t>(in.take()));
      in.take(*rows);
    }
  }
};

void save_checkpoint(const std::string& path, const DynamicsState& state, const Accumulators& acc) {
  const auto dynamics = to_bytes(state);
  const std::vector<double> sums = acc.save();
  const std::uint64_t count = sums.size();
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(&count), sizeof count);
    out.write(reinterpret_cast<const char*>(sums.data()), static_cast<std::streamsize>(count * sizeof(double)));
    out.write(reinterpret_cast<const char*>(dynamics.data()), static_cast<std::streamsize>(dynamics.size()));
    if (!out) throw Error("cannot write checkpoint " + tmp);
  }
  std::filesystem::rename(tmp, path);  // atomic
}

bool load_checkpoint(const std::string& path, VelocityVerlet& md, Accumulators& acc) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::uint64_t count = 0;
  if (bytes.size() < sizeof count) throw Error("checkpoint " + path + " is truncated");
  std::memcpy(&count, bytes.data(), sizeof count);
  const std::size_t head = sizeof count + count * sizeof(double);
  if (bytes.size() < head) throw Error("checkpoint " + path + " is truncated");
  std::vector<double> sums(count);
  std::memcpy(sums.data(), bytes.data() + sizeof count, count * sizeof(double));
  acc.load(sums);
  md.restore(dynamics_state_from_bytes(std::span<const std::uint8_t>(bytes).subspan(head)));
  return true;
}

// φ from φ* on the branch the dynamics samples (above φ_s, where φ* increases with φ), by
// bisection; NaN when φ* lies below φ*(φ_s).
double unflattened_energy(const FlatteningTransform& f, double phi_star) {
  if (f.epsilon == 0.0 || phi_star > f.phi0) return phi_star;
  double lo = phi_star, hi = f.phi0;  // ε < 0: φ* ≤ φ ≤ φ₀
  if (f.epsilon > 0) {                // ε > 0: φ_s ≤ φ ≤ φ*
    lo = *f.extra_stationary_energy();
    hi = phi_star;
    if (phi_star < f.value(lo)) return kNaN;
  }
  for (int i = 0; i < 200 && hi - lo > 1e-12 * std::abs(hi); ++i) {
    const double mid = 0.5 * (lo + hi);
    (f.value(mid) < phi_star ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

std::unique_ptr<Thermostat> thermostat(const UnitContext& ctx) {
  const double tdamp = ctx.params.real("tdamp");
  if (ctx.params.text("ensemble") == "langevin")
    return std::make_unique<LangevinThermostat>(LangevinConfig{tdamp, ctx.rng(1).next_u64(), 0});
  return std::make_unique<NoseHooverThermostat>(NoseHooverConfig{tdamp});
}

void run(UnitContext& ctx, UnitOutput& out) {
  if (!ctx.params.flag("free")) throw Error("cluster_temperature_point simulates free clusters: set `free: true`");
  AtomicSystem s = load_atomic_system(ctx);
  const auto atoms = static_cast<double>(s.config.size());
  FlatteningTransform flattening{.epsilon = ctx.params.real("epsilon"),
                                 .phi0 = ctx.params.real("phi0_per_atom") * atoms,
                                 .m = static_cast<int>(ctx.params.integer("m"))};
  flattening.validate();
  if (flattening.epsilon != 0.0) s.potential = std::make_unique<FlattenedPotential>(std::move(s.potential), flattening);
  const UnitSystem units = UnitSystem::by_name(s.potential->units());
  const double temperature = ctx.params.real("temperature");
  const Sampling sampling(ctx.params);
  const std::int64_t equilibration = ctx.params.integer("equilibration_steps");
  const std::int64_t total_steps = equilibration + ctx.params.integer("steps");
  const std::int64_t checkpoint_every = ctx.params.integer("checkpoint_every");
  const double dt = ctx.params.real("dt");

  IntegratorConfig settings{.dt = dt, .momentum = {.angular = true, .every = 100}};
  Rng velocities = ctx.rng(0);
  initialize_velocities(s.config, temperature, velocities, units, true);
  VelocityVerlet md(s.config, *s.potential, settings, thermostat(ctx), nullptr, TemperatureProtocol::hold(temperature));
  Accumulators acc(s.config, sampling);
  const bool checkpointing = checkpoint_every > 0 && !ctx.checkpoint_file.empty();
  if (checkpointing) load_checkpoint(ctx.checkpoint_file, md, acc);

  const std::vector<double> masses = Accumulators::masses(s.config);
  auto observe = [&](const Thermo& t) {
    if (t.step <= equilibration || t.step % sampling.every != 0) return;
    const auto& positions = md.configuration().positions;
    const GyrationRadii g = principal_gyration_radii(positions, masses);
    const double phi_star = t.potential_energy;
    acc.total.add(phi_star + t.kinetic_energy);
    acc.potential.add(phi_star);
    acc.temperature.add(t.temperature);
    acc.volume.add(g.ellipsoid_volume());
    acc.delta_r.add(g.delta());
    for (int k = 0; k < 3; ++k) acc.radii[k].add(g.radii[k]);
    acc.phi_star_min = std::min(acc.phi_star_min, phi_star);
    acc.phi_star_max = std::max(acc.phi_star_max, phi_star);
    ++acc.taken;
    const std::span<const Vec3> aligned = acc.remover.align(positions);
    acc.msd.add(aligned);
    const double time = static_cast<double>(t.step - equilibration) * dt;
    if (acc.windows.add(aligned, phi_star) && acc.trace.size() < 3 * sampling.trace_rows) {
      const double start = time - dt * static_cast<double>(sampling.every * static_cast<std::int64_t>(sampling.window));
      acc.trace.insert(acc.trace.end(), {start, acc.windows.last().energy, acc.windows.last().displacement});
    }
    if (acc.taken % sampling.record_stride == 0 && acc.records.size() < 7 * sampling.sample_rows)
      acc.records.insert(acc.records.end(), {time, phi_star, t.kinetic_energy, g.radii[0], g.radii[1], g.radii[2],
                                             g.ellipsoid_volume()});
  };
  const std::int64_t chunk = checkpointing ? checkpoint_every : std::max<std::int64_t>(sampling.every, 10000);
  while (md.step() < total_steps) {
    md.run(std::min(chunk, total_steps - md.step()), sampling.every, observe);
    ctx.check_deadline();
    const Thermo t = md.thermo();
    if (!std::isfinite(t.potential_energy + t.kinetic_energy))
      throw Error("the dynamics exploded: non-finite energy at step " + std::to_string(t.step));
    if (checkpointing && md.step() < total_steps) {
      save_checkpoint(ctx.checkpoint_file, md.state(), acc);
      if (ctx.stop_requested()) throw UnitInterrupted("stopped at step " + std::to_string(md.step()));
    }
  }
  if (acc.taken < 2) throw Error("cluster_temperature_point: fewer than two samples; steps must be ≥ 2 · sample_every");

  const std::vector<double> msd = acc.msd.curve();
  const double lag_time = dt * static_cast<double>(sampling.every);
  double diffusion = kNaN;
  if (acc.msd.frames() > sampling.max_lag) diffusion = diffusion_coefficient(msd, lag_time, sampling.max_lag / 4, sampling.max_lag);
  const double phi_lo = unflattened_energy(flattening, acc.phi_star_min);
  const double phi_hi = unflattened_energy(flattening, acc.phi_star_max);
  const std::optional<double> phi_s = flattening.extra_stationary_energy();
  // φ_s within the thermal energy scale N k_B T of the sampled φ (or φ* below φ*(φ_s)).
  const bool near = std::isnan(phi_lo) || flattening.comes_near(phi_lo, phi_hi, atoms * units.boltzmann * temperature);

  std::vector<double> lags;
  for (std::size_t k = 0; k < msd.size(); ++k) lags.push_back(lag_time * static_cast<double>(k));
  auto column = [](const std::vector<double>& rows, std::size_t width, std::size_t c, std::size_t count) {
    std::vector<double> v(count, kNaN);
    for (std::size_t r = 0; r < count && r * width + c < rows.size(); ++r) v[r] = rows[r * width + c];
    return v;
  };
  out.fields = {{acc.temperature.mean()},
                {acc.potential.mean()},
                {std::sqrt(acc.potential.variance())},
                {acc.total.mean()},
                {std::sqrt(acc.total.variance())},
                {fluctuation_heat_capacity(acc.total.variance(), temperature, units.boltzmann)},
                {acc.radii[0].mean()},
                {acc.radii[1].mean()},
                {acc.radii[2].mean()},
                {acc.delta_r.mean()},
                {std::sqrt(acc.delta_r.variance())},
                {acc.volume.mean()},
                {std::sqrt(acc.volume.variance())},
                {diffusion},
                {phi_lo},
                {phi_hi},
                {phi_s.value_or(kNaN)},
                {near ? 1.0 : 0.0},
                {static_cast<double>(acc.taken)},
                lags,
                msd};
  for (std::size_t c = 0; c < 3; ++c) out.fields.push_back(column(acc.trace, 3, c, sampling.trace_rows));
  for (std::size_t c = 0; c < 7; ++c) out.fields.push_back(column(acc.records, 7, c, sampling.sample_rows));
  out.structure = s.config;
  if (checkpointing) std::filesystem::remove(ctx.checkpoint_file);
}

}  // namespace

const UnitKind& cluster_temperature_unit_kind() {
  static const UnitKind kind{
      .name = "cluster_temperature_point",
      .summary = "canonical MD of a free cluster at one T on the flattened PEL φ*: energy, C_v, shape, MSD, E_c/R_c",
      .params = concat(
          atomic_system_params(),
          {
              {.name = "epsilon", .type = ParamType::Float, .unit = "energy^(1−m)", .min = -1e3, .max = 1e3,
               .default_value = 0.0, .doc = "flattening ε (0: the plain potential)"},
              {.name = "phi0_per_atom", .type = ParamType::Float, .unit = "energy", .min = -1e6, .max = 1e6,
               .default_value = 0.0, .doc = "φ₀ / N (Sun & Gong: −2.58 eV)"},
              {.name = "m", .type = ParamType::Int, .min = 2, .max = 64, .default_value = std::int64_t{4},
               .doc = "even exponent of the flattening"},
              {.name = "temperature", .type = ParamType::Float, .unit = "K (metal) or ε/k_B (lj)", .min = 1e-9,
               .max = 1e6, .doc = "thermostat temperature"},
              {.name = "dt", .type = ParamType::Float, .unit = "ps (metal) or τ (lj)", .min = 1e-9, .max = 1e3,
               .default_value = 0.002, .doc = "time step"},
              {.name = "tdamp", .type = ParamType::Float, .unit = "ps (metal) or τ (lj)", .min = 1e-9, .max = 1e6,
               .default_value = 0.1, .doc = "thermostat damping time"},
              {.name = "ensemble", .type = ParamType::Choice, .default_value = std::string("nvt"),
               .doc = "nvt (Nosé–Hoover chain) or langevin", .choices = {"nvt", "langevin"}},
              {.name = "equilibration_steps", .type = ParamType::Int, .min = 0, .max = 1e12,
               .default_value = std::int64_t{0}, .doc = "steps before sampling", .extensive = true},
              {.name = "steps", .type = ParamType::Int, .min = 2, .max = 1e12, .doc = "production steps",
               .extensive = true},
              {.name = "sample_every", .type = ParamType::Int, .min = 1, .max = 1e9, .default_value = std::int64_t{50},
               .doc = "steps between samples (frames of the MSD and E_c/R_c)"},
              {.name = "window", .type = ParamType::Float, .unit = "ps (metal) or τ (lj)", .min = 1e-9, .max = 1e9,
               .default_value = 5.0, .doc = "Δt of the short-time averages E_c, R_c"},
              {.name = "msd_max_lag", .type = ParamType::Float, .unit = "ps (metal) or τ (lj)", .min = 1e-9,
               .max = 1e9, .default_value = 20.0, .doc = "longest MSD lag"},
              {.name = "trace_rows", .type = ParamType::Int, .min = 0, .max = 1e9,
               .default_value = std::int64_t{2000}, .doc = "E_c/R_c windows stored (the first ones)"},
              {.name = "record_every", .type = ParamType::Int, .min = 1, .max = 1e12,
               .default_value = std::int64_t{500}, .doc = "steps between stored samples (multiple of sample_every)"},
              {.name = "checkpoint_every", .type = ParamType::Int, .min = 0, .max = 1e12,
               .default_value = std::int64_t{0}, .doc = "steps between checkpoints (0: none)"},
          }),
      .outputs =
          {
              {.name = "temperature", .unit = "K", .doc = "mean kinetic temperature (3N − 6 degrees of freedom)"},
              {.name = "potential_energy", .unit = "energy", .doc = "mean φ*"},
              {.name = "potential_energy_std", .unit = "energy"},
              {.name = "total_energy", .unit = "energy", .doc = "mean E = K + φ*"},
              {.name = "total_energy_std", .unit = "energy"},
              {.name = "heat_capacity", .unit = "energy/K", .doc = "var(E)/(k_B T²) of the whole cluster"},
              {.name = "gyration_r1", .unit = "length", .doc = "mean smallest principal radius of gyration"},
              {.name = "gyration_r2", .unit = "length"},
              {.name = "gyration_r3", .unit = "length", .doc = "mean largest principal radius of gyration"},
              {.name = "delta_r", .unit = "length", .doc = "mean ΔR = R_max − R_min"},
              {.name = "delta_r_std", .unit = "length"},
              {.name = "volume", .unit = "length³", .doc = "mean (4π/3)·5^(3/2)·R₁R₂R₃ (uniform ellipsoid)"},
              {.name = "volume_std", .unit = "length³"},
              {.name = "diffusion", .unit = "length²/time", .doc = "MSD slope / 6 over lags msd_max_lag/4 … msd_max_lag"},
              {.name = "phi_min", .unit = "energy", .doc = "lowest sampled unflattened φ (NaN: φ* below φ*(φ_s))"},
              {.name = "phi_max", .unit = "energy", .doc = "highest sampled unflattened φ"},
              {.name = "phi_s", .unit = "energy", .doc = "φ_s of eq. (3) (NaN: none)"},
              {.name = "phi_s_near", .type = FieldType::Int64, .doc = "1: sampled φ within N k_B T of φ_s"},
              {.name = "sample_count", .type = FieldType::Int64, .doc = "production samples"},
              {.name = "lag_time", .unit = "time", .series = "msd_curve"},
              {.name = "msd", .unit = "length²", .doc = "rigid-motion-free MSD", .series = "msd_curve"},
              {.name = "window_start", .unit = "time", .doc = "window start t", .series = "trace"},
              {.name = "e_c", .unit = "energy", .doc = "E_c(t): mean φ* over [t, t + Δt)", .series = "trace"},
              {.name = "r_c", .unit = "length", .doc = "R_c(t) = ((1/N) Σ|rᵢ(t) − rᵢ(t+Δt)|²)^½", .series = "trace"},
              {.name = "sample_time", .unit = "time", .doc = "since the end of equilibration", .series = "samples"},
              {.name = "sample_potential_energy", .unit = "energy", .doc = "φ*", .series = "samples"},
              {.name = "sample_kinetic_energy", .unit = "energy", .series = "samples"},
              {.name = "sample_r1", .unit = "length", .series = "samples"},
              {.name = "sample_r2", .unit = "length", .series = "samples"},
              {.name = "sample_r3", .unit = "length", .series = "samples"},
              {.name = "sample_volume", .unit = "length³", .series = "samples"},
          },
      .series =
          {
              {.name = "msd_curve", .rows = [](const PlanInfo& i) { return Sampling(i.params).max_lag + 1; },
               .doc = "mean-squared displacement vs lag"},
              {.name = "trace", .rows = [](const PlanInfo& i) { return Sampling(i.params).trace_rows; },
               .doc = "short-time averages E_c(t), R_c(t)"},
              {.name = "samples", .rows = [](const PlanInfo& i) { return Sampling(i.params).sample_rows; },
               .doc = "instantaneous samples every record_every steps"},
          },
      .writes_structure = true,
      .expected_seconds = [](const PlanInfo& info) {
        return 3e-7 * (info.params.real("steps") + info.params.real("equilibration_steps")) *
               double(atomic_system_atoms(info));
      },
      .atom_count = atomic_system_atoms,
      .periodic = [](const PlanInfo&) { return false; },
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
