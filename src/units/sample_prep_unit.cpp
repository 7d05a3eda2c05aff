#include "pelcamp/units/sample_prep_unit.hpp"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

#include "pelcamp/analysis/density.hpp"
#include "pelcamp/analysis/glass_transition.hpp"
#include "pelcamp/dynamics/dynamics_state.hpp"
#include "pelcamp/dynamics/nose_hoover_thermostat.hpp"
#include "pelcamp/dynamics/velocity_init.hpp"
#include "pelcamp/dynamics/velocity_verlet.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/box_relax.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/units/atomic_system.hpp"
#include "pelcamp/units/unit_minimizer.hpp"

namespace pelcamp::units {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The protocol in the potential's units, from the unit's parameters.
struct Protocol {
  double dt, tdamp, pdamp;
  double liquid_temperature, final_temperature;
  double rate;  // temperature per time unit (K/ps in metal units)
  double pressure, release_pressure;
  std::int64_t equilibrate_steps, relax_steps;
  std::int64_t sample_every, checkpoint_every;
  std::size_t trace_rows;
  double snapshot_interval;
};

std::int64_t steps_of(double time, double dt) { return std::llround(time / dt); }

Protocol protocol(const Params& p, const UnitSystem& units) {
  Protocol q;
  q.dt = p.real("dt");
  q.tdamp = p.real("tdamp");
  q.pdamp = p.real("pdamp");
  q.liquid_temperature = p.real("liquid_temperature");
  q.final_temperature = p.real("final_temperature");
  if (q.final_temperature > q.liquid_temperature)
    throw Error("sample_prep: final_temperature must not exceed liquid_temperature");
  // K/s in metal units (time unit ps); per τ in reduced LJ units, which have no seconds.
  q.rate = units.name == "lj" ? p.real("cooling_rate") : rate_per_time_unit(p.real("cooling_rate"), units);
  q.pressure = p.real("pressure");
  q.release_pressure = p.real("release_pressure");
  q.equilibrate_steps = steps_of(p.real("equilibrate_time"), q.dt);
  q.relax_steps = steps_of(p.real("relax_time"), q.dt);
  q.sample_every = p.integer("sample_every");
  q.checkpoint_every = p.integer("checkpoint_every");
  q.trace_rows = static_cast<std::size_t>(p.integer("trace_points"));
  q.snapshot_interval = p.real("snapshot_interval");
  return q;
}

// Snapshots at T_liq, T_liq − ΔT, … down to T_final (none when ΔT = 0).
std::size_t snapshot_count(const Params& p) {
  const double interval = p.real("snapshot_interval");
  if (interval <= 0) return 0;
  const double span = p.real("liquid_temperature") - p.real("final_temperature");
  if (span < 0) return 0;
  return static_cast<std::size_t>(std::floor(span / interval * (1 + 1e-12))) + 1;
}

// Block averages of the thermo along the quench: row r averages the samples of the steps in
// (q0 + r n/R, q0 + (r+1) n/R], n the quench's step count and R the rows.
enum TraceColumn { kTime, kTarget, kTemperature, kVolume, kPotential, kEnthalpy, kPressure, kColumns };

struct Trace {
  std::vector<double> sums;    // rows × kColumns
  std::vector<double> counts;  // rows
};

// What a stopped unit needs to continue: the phase (0: equilibrate and quench, 1: release),
// the MD state, the trace sums and the snapshots taken so far.
struct Progress {
  std::int64_t phase = 0;
  DynamicsState state;
  Trace trace;
  std::vector<DynamicsState> snapshots;
  std::vector<double> snapshot_rows;  // 4 per snapshot: target T, T, V/N, U/N
};

void put_u64(std::vector<std::uint8_t>& out, std::uint64_t v) {
  const auto* b = reinterpret_cast<const std::uint8_t*>(&v);
  out.insert(out.end(), b, b + sizeof v);
}
void put_blob(std::vector<std::uint8_t>& out, const std::vector<std::uint8_t>& blob) {
  put_u64(out, blob.size());
  out.insert(out.end(), blob.begin(), blob.end());
}
void put_reals(std::vector<std::uint8_t>& out, const std::vector<double>& v) {
  put_u64(out, v.size());
  const auto* b = reinterpret_cast<const std::uint8_t*>(v.data());
  out.insert(out.end(), b, b + v.size() * sizeof(double));
}

class Reader {
 public:
  Reader(std::span<const std::uint8_t> bytes, std::string path) : bytes_(bytes), path_(std::move(path)) {}
  std::uint64_t u64() {
    std::uint64_t v;
    std::memcpy(&v, take(sizeof v).data(), sizeof v);
    return v;
  }
  std::span<const std::uint8_t> blob() { return take(u64()); }
  std::vector<double> reals() {
    const std::uint64_t n = u64();
    if (n > bytes_.size() / sizeof(double)) fail();
    std::vector<double> v(n);
    std::memcpy(v.data(), take(n * sizeof(double)).data(), n * sizeof(double));
    return v;
  }

 private:
  std::span<const std::uint8_t> take(std::uint64_t n) {
    if (n > bytes_.size()) fail();
    auto s = bytes_.first(n);
    bytes_ = bytes_.subspan(n);
    return s;
  }
  [[noreturn]] void fail() const { throw Error("sample_prep checkpoint " + path_ + " is truncated or corrupt"); }
  std::span<const std::uint8_t> bytes_;
  std::string path_;
};

void save(const std::string& path, const Progress& p) {
  std::vector<std::uint8_t> bytes;
  put_u64(bytes, static_cast<std::uint64_t>(p.phase));
  put_blob(bytes, to_bytes(p.state));
  put_reals(bytes, p.trace.sums);
  put_reals(bytes, p.trace.counts);
  put_reals(bytes, p.snapshot_rows);
  put_u64(bytes, p.snapshots.size());
  for (const auto& s : p.snapshots) put_blob(bytes, to_bytes(s));
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error("cannot write checkpoint " + tmp);
  }
  std::filesystem::rename(tmp, path);  // atomic
}

bool load(const std::string& path, Progress& p) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Reader r(bytes, path);
  p.phase = static_cast<std::int64_t>(r.u64());
  p.state = dynamics_state_from_bytes(r.blob());
  p.trace.sums = r.reals();
  p.trace.counts = r.reals();
  p.snapshot_rows = r.reals();
  const std::uint64_t n = r.u64();
  p.snapshots.clear();
  for (std::uint64_t k = 0; k < n; ++k) p.snapshots.push_back(dynamics_state_from_bytes(r.blob()));
  return true;
}

std::unique_ptr<MtkBarostat> barostat(const Protocol& q, double pressure) {
  MtkBarostatConfig c;
  c.coupling = PressureCoupling::iso;
  c.pressure = pressure;
  c.pdamp = q.pdamp;
  return std::make_unique<MtkBarostat>(c);
}

std::unique_ptr<Thermostat> thermostat(const Protocol& q) {
  return std::make_unique<NoseHooverThermostat>(NoseHooverConfig{q.tdamp});
}

Configuration with_state(const Configuration& base, const DynamicsState& s) {
  Configuration c = base;
  c.box = s.box;
  c.positions = s.positions;
  c.velocities = s.velocities;
  c.images = s.images;
  return c;
}

// Advances `md` to step `end`, stopping at every step `next_event()` names (then calling
// `at_event`) and checkpointing at multiples of checkpoint_every.
void advance(UnitContext& ctx, VelocityVerlet& md, std::int64_t end, const Protocol& q, Progress& progress,
             const std::function<std::int64_t()>& next_event, const std::function<void()>& at_event,
             const VelocityVerlet::Observer& observe) {
  const bool checkpointing = q.checkpoint_every > 0 && !ctx.checkpoint_file.empty();
  at_event();
  while (md.step() < end) {
    std::int64_t target = std::min(end, next_event());
    if (checkpointing) target = std::min(target, (md.step() / q.checkpoint_every + 1) * q.checkpoint_every);
    md.run(target - md.step(), q.sample_every, observe);
    ctx.check_deadline();
    if (!std::isfinite(md.last_compute().energy))
      throw Error("the dynamics exploded: non-finite energy at step " + std::to_string(md.step()));
    at_event();
    if (checkpointing && md.step() < end && md.step() % q.checkpoint_every == 0) {
      progress.state = md.state();
      save(ctx.checkpoint_file, progress);
      if (ctx.stop_requested())
        throw UnitInterrupted("stopped in phase " + std::to_string(progress.phase) + " at step " +
                              std::to_string(md.step()));
    }
  }
}

void run(UnitContext& ctx, UnitOutput& out) {
  if (ctx.params.flag("free")) throw Error("sample_prep: a glass sample needs a periodic box (free: false)");
  AtomicSystem s = load_atomic_system(ctx);
  if (!s.config.box.periodic(0) || !s.config.box.periodic(1) || !s.config.box.periodic(2))
    throw Error("sample_prep: the structure must be periodic in x, y and z (NPT)");
  const UnitSystem units = UnitSystem::by_name(s.potential->units());
  const Protocol q = protocol(ctx.params, units);
  const double n_atoms = static_cast<double>(s.config.size());
  const Configuration base = s.config;

  IntegratorConfig integrator;
  integrator.dt = q.dt;
  const TemperatureProtocol quench = TemperatureProtocol::ramp(
      q.liquid_temperature, q.final_temperature, q.rate, q.dt, q.equilibrate_steps);
  const std::int64_t q0 = q.equilibrate_steps, q1 = quench.end_step();
  const std::int64_t quench_steps = q1 - q0;

  // Snapshot k when the target first reaches T_liq − kΔT.
  const std::size_t n_snapshots = snapshot_count(ctx.params);
  std::vector<std::int64_t> snapshot_steps(n_snapshots);
  const double per_step = q.rate * q.dt;
  for (std::size_t k = 0; k < n_snapshots; ++k)
    snapshot_steps[k] = std::min(
        q1, q0 + static_cast<std::int64_t>(std::ceil(double(k) * q.snapshot_interval / per_step - 1e-9)));

  Progress progress;
  const bool checkpointing = q.checkpoint_every > 0 && !ctx.checkpoint_file.empty();
  const bool resumed = checkpointing && load(ctx.checkpoint_file, progress);
  s.config.velocities.assign(s.config.size(), Vec3::Zero());
  if (!resumed) {
    progress.trace.sums.assign(q.trace_rows * kColumns, 0.0);
    progress.trace.counts.assign(q.trace_rows, 0.0);
    // Close contacts of a random packing would blow up the first MD steps.
    StoppingCriteria stop;
    stop.fmax = 0.0;
    stop.max_iterations = ctx.params.integer("premin_iterations");
    if (stop.max_iterations > 0) {
      auto fire = make_minimizer("fire");
      AtomsObjective objective(s.config, *s.potential);
      fire->minimize(objective, objective.variables(), stop);
    }
    Rng velocities = ctx.rng(0);
    initialize_velocities(s.config, q.liquid_temperature, velocities, units, false);
  }

  auto observe_quench = [&](const Thermo& t) {
    if (t.step <= q0 || t.step > q1 || quench_steps == 0) return;
    const auto row = static_cast<std::size_t>((t.step - q0 - 1) * std::int64_t(q.trace_rows) / quench_steps);
    double* sum = &progress.trace.sums[row * kColumns];
    sum[kTime] += double(t.step - q0) * q.dt;
    sum[kTarget] += t.target_temperature;
    sum[kTemperature] += t.temperature;
    sum[kVolume] += t.volume / n_atoms;
    sum[kPotential] += t.potential_energy / n_atoms;
    // H = U + K + P_ext V with the imposed pressure: the enthalpy of the NPT ensemble. (LAMMPS's
    // `enthalpy` uses the instantaneous pressure, whose fluctuations in a few hundred atoms,
    // ~0.5 GPa × V, swamp the change of H across T_g.)
    sum[kEnthalpy] += (t.potential_energy + t.kinetic_energy + q.pressure * t.volume / units.nktv2p) / n_atoms;
    sum[kPressure] += t.pressure;
    progress.trace.counts[row] += 1;
  };

  const bool resumed_in_release = resumed && progress.phase == 1;
  if (progress.phase == 0) {
    VelocityVerlet md(s.config, *s.potential, integrator, thermostat(q), barostat(q, q.pressure), quench);
    if (resumed) md.restore(progress.state);
    auto next_snapshot = [&] {
      const std::size_t k = progress.snapshots.size();
      return k < n_snapshots ? snapshot_steps[k] : q1;
    };
    auto take_snapshots = [&] {
      while (progress.snapshots.size() < n_snapshots && snapshot_steps[progress.snapshots.size()] <= md.step()) {
        const std::size_t k = progress.snapshots.size();
        const Thermo t = md.thermo();
        progress.snapshot_rows.insert(progress.snapshot_rows.end(),
                                      {q.liquid_temperature - double(k) * q.snapshot_interval, t.temperature,
                                       t.volume / n_atoms, t.potential_energy / n_atoms});
        DynamicsState snap = md.state();
        snap.thermostat = {};
        snap.barostat = {};
        progress.snapshots.push_back(std::move(snap));
      }
    };
    advance(ctx, md, q1, q, progress, next_snapshot, take_snapshots, observe_quench);
    progress.phase = 1;
  }
  {
    // Pressure released: a fresh NPT run at the final temperature (a new LAMMPS fix npt).
    VelocityVerlet md(s.config, *s.potential, integrator, thermostat(q), barostat(q, q.release_pressure),
                      TemperatureProtocol::hold(q.final_temperature));
    if (resumed_in_release) md.restore(progress.state);
    advance(ctx, md, q.relax_steps, q, progress, [&] { return q.relax_steps; }, [] {}, {});
  }

  // The inherent structure: atoms (and the cell, at the release pressure) relaxed.
  s.config.velocities.assign(s.config.size(), Vec3::Zero());
  const StoppingCriteria stop = relaxation_criteria(ctx.params);
  auto minimizer = deadline_checked_minimizer(ctx, ctx.params.text("minimizer"));
  double energy = 0.0, fmax = 0.0;
  bool converged = false;
  if (ctx.params.flag("relax_box")) {
    const auto settings = BoxRelaxConfig::hydrostatic(q.release_pressure, BoxCoupling::iso,
                                                      ctx.params.real("pressure_tolerance"));
    const BoxRelaxResult r = relax_box(s.config, *s.potential, *minimizer, stop, settings);
    energy = r.potential_energy, fmax = r.minimize.fmax, converged = r.converged;
  } else {
    AtomsObjective objective(s.config, *s.potential);
    const MinimizeResult r = minimizer->minimize(objective, objective.variables(), stop);
    energy = r.energy, fmax = r.fmax, converged = r.converged();
  }
  if (!std::isfinite(energy)) throw Error("the minimized energy is not finite");
  ComputeResult final_state;
  s.potential->compute(s.config, {.forces = true, .virial = true}, final_state);
  const SampleDensity density = sample_density(s.config, units);

  auto rows = [&](const std::vector<double>& sums, std::size_t column, std::size_t columns,
                  const std::vector<double>* counts) {
    const std::size_t n = sums.size() / columns;
    std::vector<double> v(n);
    for (std::size_t r = 0; r < n; ++r) {
      const double c = counts ? (*counts)[r] : 1.0;
      v[r] = c > 0 ? sums[r * columns + column] / c : kNaN;
    }
    return v;
  };
  out.fields = {{final_state.energy / n_atoms},
                {s.config.box.volume() / n_atoms},
                {density.number},
                {density.mass},
                {virial_pressure(s.config, final_state.virial, units)},
                {fmax},
                {converged ? 1.0 : 0.0},
                {double(quench_steps)},
                {double(q1 + q.relax_steps)}};
  std::vector<std::vector<double>> trace(kColumns);
  for (int c = 0; c < kColumns; ++c) trace[c] = rows(progress.trace.sums, c, kColumns, &progress.trace.counts);
  // Fits and C_p against the block-mean thermostat target: least squares needs an abscissa
  // without noise, and the kinetic temperature of a few hundred atoms scatters by ~100 K,
  // which would flatten every fitted slope (errors in variables).
  const std::vector<double>& temperature = trace[kTarget];
  const std::vector<double> heat_capacity =
      local_slope(temperature, trace[kEnthalpy], static_cast<std::size_t>(ctx.params.integer("cp_half_window")));
  // T_g from the kinks of V, U and H (glass_transition.hpp).
  auto kink = [&](int column) -> std::vector<double> {
    try {
      const KinkFit fit = fit_kink(temperature, trace[column]);
      return {fit.tg, fit.value_at_tg, fit.slope_glass, fit.slope_liquid};
    } catch (const Error&) {
      return std::vector<double>(4, kNaN);  // too short a trace for a fit
    }
  };
  out.fields.push_back(kink(kVolume));
  out.fields.push_back(kink(kPotential));
  out.fields.push_back(kink(kEnthalpy));
  double cp_tg = kNaN;
  try {
    cp_tg = fit_step(temperature, heat_capacity).tg;
  } catch (const Error&) {  // too short a trace for a fit: NaN
  }
  out.fields.push_back({cp_tg});
  for (auto& column : trace) out.fields.push_back(std::move(column));
  out.fields.push_back(heat_capacity);
  for (std::size_t c = 0; c < 4; ++c) out.fields.push_back(rows(progress.snapshot_rows, c, 4, nullptr));
  for (const auto& snap : progress.snapshots) out.snapshots.push_back(with_state(base, snap));
  out.structure = std::move(s.config);
  if (checkpointing) std::filesystem::remove(ctx.checkpoint_file);
}

// Plan-time cost: MD steps × atoms × ~2 µs (EAM; LJ is faster). Units are not known before the
// potential is built, so a rate is read as per τ for lj/… potentials and as K/s otherwise.
double expected_seconds(const PlanInfo& info) {
  const Params& p = info.params;
  const bool lj = p.text("potential").rfind("lj/", 0) == 0;
  const double rate = lj ? p.real("cooling_rate") : p.real("cooling_rate") * 1e-12;
  const double time = p.real("equilibrate_time") + p.real("relax_time") +
                      (p.real("liquid_temperature") - p.real("final_temperature")) / rate;
  return 2e-6 * time / p.real("dt") * double(atomic_system_atoms(info));
}

std::size_t trace_rows(const PlanInfo& info) { return static_cast<std::size_t>(info.params.integer("trace_points")); }
std::size_t snapshot_rows(const PlanInfo& info) { return snapshot_count(info.params); }

}  // namespace

const UnitKind& sample_prep_unit_kind() {
  static const UnitKind kind{
      .name = "sample_prep",
      .summary = "glass sample: NPT melt, quench at a rate and pressure, pressure release, inherent structure",
      .params = concat(
          atomic_system_params(),
          {
              {.name = "dt", .type = ParamType::Float, .unit = "ps (metal) or τ (lj)", .min = 1e-9, .max = 1e3,
               .default_value = 0.002, .doc = "time step (seed 002: 2 fs; use ~0.005 τ for lj)"},
              {.name = "tdamp", .type = ParamType::Float, .unit = "ps (metal) or τ (lj)", .min = 1e-9, .max = 1e6,
               .default_value = 0.2, .doc = "Nosé–Hoover damping time (LAMMPS Tdamp, ~100 dt)"},
              {.name = "pdamp", .type = ParamType::Float, .unit = "ps (metal) or τ (lj)", .min = 1e-9, .max = 1e6,
               .default_value = 2.0, .doc = "MTK barostat damping time (LAMMPS Pdamp, ~1000 dt)"},
              {.name = "liquid_temperature", .type = ParamType::Float, .unit = "K (metal) or ε/k_B (lj)",
               .min = 1e-6, .max = 1e6, .default_value = 2000.0,
               .doc = "melt temperature: equilibration and start of the quench (seed 002: 2000 K, 003: 1500 K)"},
              {.name = "equilibrate_time", .type = ParamType::Float, .unit = "ps (metal) or τ (lj)", .min = 0,
               .max = 1e9, .default_value = 100.0, .doc = "NPT at the liquid temperature and quench pressure",
               .extensive = true},
              {.name = "cooling_rate", .type = ParamType::Float, .unit = "K/s (metal) or ε/k_B per τ (lj)",
               .min = 1e-300, .max = 1e300, .default_value = 1e12,
               .doc = "quench rate (metal: converted to K/ps; seeds: 1e10…1e13 K/s)"},
              {.name = "final_temperature", .type = ParamType::Float, .unit = "K (metal) or ε/k_B (lj)",
               .min = 1e-6, .max = 1e6, .default_value = 1.0, .doc = "end of the quench (seed 003: 1 K)"},
              {.name = "pressure", .type = ParamType::Float, .unit = "bar (metal) or ε/σ³ (lj)", .min = -1e7,
               .max = 1e8, .default_value = 0.0,
               .doc = "hydrostatic pressure of equilibration and quench (seed 003: 0…20 GPa = 0…2e5 bar)"},
              {.name = "release_pressure", .type = ParamType::Float, .unit = "bar (metal) or ε/σ³ (lj)",
               .min = -1e7, .max = 1e8, .default_value = 0.0, .doc = "pressure after release and of the box relaxation"},
              {.name = "relax_time", .type = ParamType::Float, .unit = "ps (metal) or τ (lj)", .min = 0, .max = 1e9,
               .default_value = 10.0, .doc = "NPT at final_temperature and release_pressure (seed 003: 10 ns)",
               .extensive = true},
              {.name = "premin_iterations", .type = ParamType::Int, .min = 0, .max = 1e9,
               .default_value = std::int64_t{200}, .doc = "FIRE steps at fixed box before the melt (0: none)"},
              {.name = "snapshot_interval", .type = ParamType::Float, .unit = "K (metal) or ε/k_B (lj)", .min = 0,
               .max = 1e6, .default_value = 0.0,
               .doc = "snapshots when the target reaches T_liq, T_liq − ΔT, … ≥ final_temperature (0: none)"},
              {.name = "trace_points", .type = ParamType::Int, .min = 1, .max = 1e7,
               .default_value = std::int64_t{200}, .doc = "rows of the quench trace (block averages)"},
              {.name = "sample_every", .type = ParamType::Int, .min = 1, .max = 1e9,
               .default_value = std::int64_t{10}, .doc = "steps between thermo samples of the trace"},
              {.name = "cp_half_window", .type = ParamType::Int, .min = 1, .max = 1e6,
               .default_value = std::int64_t{3}, .doc = "trace rows on each side for the C_p slope"},
              {.name = "checkpoint_every", .type = ParamType::Int, .min = 0, .max = 1e12,
               .default_value = std::int64_t{0}, .doc = "steps between checkpoints (0: none)"},
              {.name = "relax_box", .type = ParamType::Bool, .default_value = true,
               .doc = "minimize the cell too (iso, to release_pressure); else a fixed-box minimization"},
              {.name = "minimizer", .type = ParamType::Choice, .default_value = std::string("cg"),
               .doc = "inherent-structure minimizer", .choices = {"fire", "cg", "lbfgs"}},
              {.name = "fmax", .type = ParamType::Float, .unit = "energy/length", .min = 0, .max = 1e6,
               .default_value = 1e-4, .doc = "force tolerance of the minimization"},
              {.name = "pressure_tolerance", .type = ParamType::Float, .unit = "bar (metal) or ε/σ³ (lj)",
               .min = 1e-12, .max = 1e9, .default_value = 1.0, .doc = "pressure tolerance of the box relaxation"},
              {.name = "max_iterations", .type = ParamType::Int, .min = 1, .max = 1e9,
               .default_value = std::int64_t{20000}, .doc = "minimizer iteration limit"},
          }),
      .outputs =
          {
              {.name = "is_energy", .unit = "energy/atom",
               .doc = "E_IS: potential energy of the inherent structure per atom"},
              {.name = "is_volume", .unit = "length^3/atom", .doc = "box volume of the inherent structure per atom"},
              {.name = "number_density", .unit = "1/length^3", .doc = "N/V of the inherent structure"},
              {.name = "mass_density", .unit = "g/cm^3 (metal)", .doc = "LAMMPS `density` of the inherent structure"},
              {.name = "is_pressure", .unit = "pressure", .doc = "virial pressure of the inherent structure"},
              {.name = "fmax", .unit = "energy/length", .doc = "largest force after the minimization"},
              {.name = "converged", .type = FieldType::Int64, .doc = "1 when the minimization converged"},
              {.name = "quench_steps", .type = FieldType::Int64, .doc = "MD steps of the quench ramp"},
              {.name = "md_steps", .type = FieldType::Int64, .doc = "MD steps of the whole protocol"},
              {.name = "tg_volume", .width = 4, .unit = "K, length^3/atom, length^3/(atom K) ×2",
               .doc = "kink fit of V/N against the target T of the trace: T_g, V_g, glass slope, liquid slope"},
              {.name = "tg_energy", .width = 4, .unit = "K, energy/atom, energy/(atom K) ×2",
               .doc = "kink fit of U/N(T): T_g, U_g, glass slope, liquid slope"},
              {.name = "tg_enthalpy", .width = 4, .unit = "K, energy/atom, energy/(atom K) ×2",
               .doc = "kink fit of H/N(T): T_g, H_g, glass slope (C_p glass), liquid slope (C_p liquid)"},
              {.name = "tg_heat_capacity", .unit = "K",
               .doc = "position of the two-level step fit of C_p(T) (glass_transition.hpp)"},
              {.name = "time", .unit = "ps or τ", .doc = "mean time since the quench began", .series = "trace"},
              {.name = "target_temperature", .unit = "K", .doc = "mean thermostat target", .series = "trace"},
              {.name = "temperature", .unit = "K", .doc = "mean kinetic temperature", .series = "trace"},
              {.name = "volume", .unit = "length^3/atom", .doc = "mean V/N", .series = "trace"},
              {.name = "potential_energy", .unit = "energy/atom", .doc = "mean U/N", .series = "trace"},
              {.name = "enthalpy", .unit = "energy/atom",
               .doc = "mean (U + K + P V)/N with P the imposed (barostat) pressure", .series = "trace"},
              {.name = "pressure", .unit = "pressure", .doc = "mean pressure incl. kinetic part", .series = "trace"},
              {.name = "heat_capacity", .unit = "energy/(atom K)",
               .doc = "C_p = dH/dT (target T): local least-squares slope over ±cp_half_window rows", .series = "trace"},
              {.name = "snapshot_target_temperature", .unit = "K", .doc = "T_liq − kΔT", .series = "snapshot"},
              {.name = "snapshot_temperature", .unit = "K", .doc = "kinetic temperature", .series = "snapshot"},
              {.name = "snapshot_volume", .unit = "length^3/atom", .series = "snapshot"},
              {.name = "snapshot_potential_energy", .unit = "energy/atom", .series = "snapshot"},
          },
      .series = {{.name = "trace", .rows = trace_rows,
                  .doc = "block averages along the quench ramp (an empty block is NaN)"},
                 {.name = "snapshot", .rows = snapshot_rows, .doc = "the state of each snapshot when taken"}},
      .writes_structure = true,
      .snapshots = snapshot_rows,
      .expected_seconds = expected_seconds,
      .atom_count = atomic_system_atoms,
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
