#include "pelcamp/units/diagnostic_unit.hpp"

#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace pelcamp::units {

namespace {

// The walk's complete state, so a checkpointed walk continues bit-identically.
struct WalkState {
  std::int64_t step = 0;
  Rng::State rng;
  std::vector<Vec3> positions;
  std::vector<double> trace;                 // mean |r|² every trace_every steps
  std::vector<std::vector<Vec3>> snapshots;  // positions at the snapshot steps so far
};

constexpr std::uint64_t kCheckpointMagic = 0x70656c6364696732ULL;  // "pelcdig2"

void write_vector(std::ofstream& out, const auto& values) {
  const std::uint64_t n = values.size();
  out.write(reinterpret_cast<const char*>(&n), sizeof n);
  out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(n * sizeof values[0]));
}

bool read_vector(std::ifstream& in, auto& values, std::uint64_t max_size) {
  std::uint64_t n = 0;
  in.read(reinterpret_cast<char*>(&n), sizeof n);
  if (!in || n > max_size) return false;
  values.resize(n);
  in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(n * sizeof values[0]));
  return static_cast<bool>(in);
}

void save_checkpoint(const std::string& path, const WalkState& s) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(&kCheckpointMagic), sizeof kCheckpointMagic);
    out.write(reinterpret_cast<const char*>(&s.step), sizeof s.step);
    out.write(reinterpret_cast<const char*>(&s.rng), sizeof s.rng);
    write_vector(out, s.positions);
    write_vector(out, s.trace);
    const std::uint64_t snapshots = s.snapshots.size();
    out.write(reinterpret_cast<const char*>(&snapshots), sizeof snapshots);
    for (const auto& snapshot : s.snapshots) write_vector(out, snapshot);
    if (!out) throw Error("cannot write checkpoint " + tmp);
  }
  std::filesystem::rename(tmp, path);  // atomic: a crash leaves the old or the new file
}

bool load_checkpoint(const std::string& path, std::size_t walkers, WalkState& s) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::uint64_t magic = 0, snapshots = 0;
  in.read(reinterpret_cast<char*>(&magic), sizeof magic);
  in.read(reinterpret_cast<char*>(&s.step), sizeof s.step);
  in.read(reinterpret_cast<char*>(&s.rng), sizeof s.rng);
  if (!in || magic != kCheckpointMagic) return false;
  if (!read_vector(in, s.positions, walkers) || s.positions.size() != walkers) return false;
  if (!read_vector(in, s.trace, std::uint64_t(s.step))) return false;
  in.read(reinterpret_cast<char*>(&snapshots), sizeof snapshots);
  if (!in || snapshots > std::uint64_t(s.step)) return false;
  s.snapshots.resize(snapshots);
  for (auto& snapshot : s.snapshots)
    if (!read_vector(in, snapshot, walkers)) return false;
  return true;
}

double mean_square(const std::vector<Vec3>& positions) {
  double sum = 0.0;
  for (const auto& r : positions) sum += r.squaredNorm();
  return positions.empty() ? 0.0 : sum / double(positions.size());
}

std::size_t trace_rows(const PlanInfo& info) {
  const std::int64_t every = info.params.integer("trace_every");
  return every > 0 ? static_cast<std::size_t>(info.params.integer("steps") / every) : 0;
}

std::size_t snapshot_count(const PlanInfo& info) {
  return static_cast<std::size_t>(info.params.integer("snapshots"));
}

// Step after which snapshot j (0-based) of `count` is taken: evenly spread, the last at the end.
std::int64_t snapshot_step(std::size_t j, std::size_t count, std::int64_t steps) {
  return static_cast<std::int64_t>((j + 1) * static_cast<std::uint64_t>(steps) / count);
}

Configuration walkers_structure(const std::vector<Vec3>& positions) {
  Configuration c;
  c.species.push_back({"W", 1.0});
  for (const auto& r : positions) c.add_atom(0, r);
  return c;
}

// Sleeps `seconds` in short slices; returns false as soon as a stop is requested.
bool pause(const UnitContext& ctx, double seconds) {
  if (ctx.stop_requested()) return false;
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    ctx.check_deadline();
    if (ctx.stop_requested()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

double expected_seconds(const PlanInfo& info) {
  const Params& p = info.params;
  return p.real("seconds") + 2e-8 * p.real("steps") * p.real("walkers");
}

std::size_t atom_count(const PlanInfo& info) {
  return static_cast<std::size_t>(info.params.integer("walkers"));
}

void run(UnitContext& ctx, UnitOutput& out) {
  const std::string& mode = ctx.params.text("mode");
  if (mode == "fail") throw Error("induced failure (mode: fail)");
  if (mode == "crash") std::abort();  // kills the whole MPI job: exercises quarantine
  if (mode == "hang") {
    while (true) {
      ctx.check_deadline();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  if (mode == "stall") {  // stuck where no deadline is checked (e.g. inside a foreign library)
    while (true) std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  const std::int64_t steps = ctx.params.integer("steps");
  const auto walkers = static_cast<std::size_t>(ctx.params.integer("walkers"));
  const std::int64_t every = ctx.params.integer("checkpoint_every");
  const std::int64_t trace_every = ctx.params.integer("trace_every");
  const std::size_t snapshots = snapshot_count(PlanInfo{ctx.params});
  const double seconds = ctx.params.real("seconds");
  const bool checkpointing = every > 0 && !ctx.checkpoint_file.empty();

  WalkState s;
  if (!(checkpointing && load_checkpoint(ctx.checkpoint_file, walkers, s))) {
    s.rng = ctx.rng().state();
    s.positions.assign(walkers, Vec3::Zero());
  }
  Rng rng;
  rng.set_state(s.rng);
  const std::int64_t chunk = every > 0 ? every : std::max<std::int64_t>(steps, 1);
  while (s.step < steps) {
    const std::int64_t end = std::min(steps, s.step + chunk);
    while (s.step < end) {
      for (auto& r : s.positions) r += Vec3(rng.normal(), rng.normal(), rng.normal());
      ++s.step;
      if (trace_every > 0 && s.step % trace_every == 0) s.trace.push_back(mean_square(s.positions));
      while (s.snapshots.size() < snapshots && snapshot_step(s.snapshots.size(), snapshots, steps) == s.step)
        s.snapshots.push_back(s.positions);
    }
    s.rng = rng.state();
    const bool keep_going =
        pause(ctx, steps > 0 ? seconds * double(chunk) / double(steps) : seconds);
    if (checkpointing && s.step < steps) {
      save_checkpoint(ctx.checkpoint_file, s);
      if (!keep_going) throw UnitInterrupted("stopped at step " + std::to_string(s.step));
    }
  }
  if (steps == 0) pause(ctx, seconds);
  while (s.snapshots.size() < snapshots) s.snapshots.push_back(s.positions);  // steps = 0

  std::vector<double> displacement;
  displacement.reserve(3 * walkers);
  for (const auto& r : s.positions) displacement.insert(displacement.end(), {r.x(), r.y(), r.z()});
  const double msd = mean_square(s.positions);
  if (!std::isfinite(msd)) throw Error("non-finite mean squared displacement");
  // 52 bits of the final random state: exact in a double, differs if any draw differed.
  const double checksum = static_cast<double>(rng.next_u64() >> 12);
  std::vector<double> trace_steps;
  for (std::size_t k = 1; k <= s.trace.size(); ++k) trace_steps.push_back(double(k * trace_every));
  out.fields = {displacement, {msd}, {checksum}, trace_steps, s.trace};
  out.structure = walkers_structure(s.positions);
  for (const auto& snapshot : s.snapshots) out.snapshots.push_back(walkers_structure(snapshot));
  if (checkpointing) std::filesystem::remove(ctx.checkpoint_file);
}

}  // namespace

const UnitKind& diagnostic_unit_kind() {
  static const UnitKind kind{
      .name = "diagnostic",
      .summary = "seeded random walkers with optional induced failure/hang/crash (runner self-test)",
      .params =
          {
              {.name = "steps", .type = ParamType::Int, .min = 0, .max = 1e12,
               .default_value = std::int64_t{1000}, .doc = "random-walk steps per walker",
               .extensive = true},
              {.name = "walkers", .type = ParamType::Int, .min = 1, .max = 1e7,
               .default_value = std::int64_t{1}, .doc = "independent walkers (the unit's atoms)"},
              {.name = "seconds", .type = ParamType::Float, .unit = "s", .min = 0, .max = 1e7,
               .default_value = 0.0, .doc = "extra wall time spread over the walk"},
              {.name = "mode", .type = ParamType::Choice, .default_value = std::string("ok"),
               .doc = "ok, or an induced fault: fail (throws), hang (until its deadline), stall "
                      "(never returns), crash (kills its rank)",
               .choices = {"ok", "fail", "hang", "stall", "crash"}},
              {.name = "checkpoint_every", .type = ParamType::Int, .min = 0, .max = 1e12,
               .default_value = std::int64_t{0}, .doc = "steps between checkpoints (0: none)"},
              {.name = "trace_every", .type = ParamType::Int, .min = 0, .max = 1e12,
               .default_value = std::int64_t{0}, .doc = "steps between rows of the trace series (0: none)"},
              {.name = "snapshots", .type = ParamType::Int, .min = 0, .max = 1e4,
               .default_value = std::int64_t{0}, .doc = "walker structures kept at evenly spaced steps"},
          },
      .outputs =
          {
              {.name = "displacement", .width = 3, .per_atom = true,
               .doc = "final displacement of each walker"},
              {.name = "mean_square_displacement", .doc = "mean over walkers of |r|^2 (expect 3*steps)"},
              {.name = "checksum", .type = FieldType::Int64,
               .doc = "52 bits of the final random state"},
              {.name = "step", .type = FieldType::Int64, .doc = "step of the trace row", .series = "trace"},
              {.name = "trace_msd", .doc = "mean over walkers of |r|^2 at that step", .series = "trace"},
          },
      .series = {{.name = "trace", .rows = trace_rows, .doc = "mean square displacement every trace_every steps"}},
      .writes_structure = true,
      .snapshots = snapshot_count,
      .expected_seconds = expected_seconds,
      .atom_count = atom_count,
      .periodic = [](const PlanInfo&) { return false; },  // walkers in open space
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
