#include "pelcamp/units/art_walk_unit.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

#include "pelcamp/core/units.hpp"
#include "pelcamp/saddle/art_walk.hpp"
#include "pelcamp/units/artn_params.hpp"
#include "pelcamp/units/atomic_system.hpp"
#include "pelcamp/units/local_forces_params.hpp"

namespace pelcamp::units {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// `system`: the sample the walk starts from (local_forces = auto: whether a region is smaller).
ArtWalkConfig walk_config(const Params& p, double boltzmann, const AtomicSystem& system) {
  ArtWalkConfig c;
  c.accepted_events = static_cast<int>(p.integer("accepted_events"));
  c.max_attempts = static_cast<int>(p.integer("max_attempts"));
  c.kT = p.flag("accept_all") ? std::numeric_limits<double>::infinity() : boltzmann * p.real("temperature");
  c.perturbation_radius = p.real("radius");
  c.energy_tolerance = p.real("energy_tolerance");
  c.distance_tolerance = p.real("distance_tolerance");
  c.minimum_resolution = p.real("minimum_resolution");
  c.artn = artn_config(p);
  c.local = local_forces_config(p);
  c.local.enabled = local_forces_enabled(p, c.local, *system.potential, [&](double reach) {
    return region_smaller_than_sample(system.config, reach);
  });
  c.analytic_hessian = analytic_hessian(p);
  return c;
}

// Rows of the series: one per attempt (and one more minimum, the start).
std::size_t attempt_rows(const PlanInfo& info) { return static_cast<std::size_t>(info.params.integer("max_attempts")); }
std::size_t minimum_rows(const PlanInfo& info) { return attempt_rows(info) + 1; }

// Series fields: rows appended in order, then padded with NaN to the plan-time row count.
void put(std::vector<double>& field, std::initializer_list<double> values) {
  field.insert(field.end(), values.begin(), values.end());
}
void pad(std::vector<double>& field, std::size_t values) { field.resize(values, nan); }

void save(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error("cannot write checkpoint " + tmp);
  }
  std::filesystem::rename(tmp, path);  // atomic
}

bool load(const std::string& path, ArtWalk& walk, Rng& rng) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  walk.restore(bytes, rng);
  return true;
}

void run(UnitContext& ctx, UnitOutput& out) {
  AtomicSystem s = load_atomic_system(ctx);
  const UnitSystem units = UnitSystem::by_name(s.potential->units());
  const ArtWalkConfig config = walk_config(ctx.params, units.boltzmann, s);
  ArtWalk walk(s.config, *s.potential, config);
  Rng rng = ctx.rng(0);
  const std::int64_t every = ctx.params.integer("checkpoint_every");
  const bool checkpointing = every > 0 && !ctx.checkpoint_file.empty();
  if (!(checkpointing && load(ctx.checkpoint_file, walk, rng))) walk.start();
  while (!walk.finished()) {
    ctx.check_deadline();
    walk.step(rng);
    const auto done = static_cast<std::int64_t>(walk.network().attempts.size());
    if (checkpointing && !walk.finished() && done % every == 0) {
      save(ctx.checkpoint_file, walk.checkpoint(rng));
      if (ctx.stop_requested()) throw UnitInterrupted("stopped after " + std::to_string(done) + " searches");
    }
  }
  const WalkNetwork& net = walk.network();

  const auto attempts = static_cast<std::size_t>(config.max_attempts);
  const auto& kind = art_walk_unit_kind();
  out.fields.assign(kind.outputs.size(), {});
  auto field = [&](const char* name) -> std::vector<double>& { return out.fields[kind.field_index(name)]; };

  double lowest = net.minima[0].energy;
  long force_calls = 0;
  int revisits = 0;
  for (std::size_t k = 0; k < net.minima.size(); ++k) {
    const WalkMinimum& m = net.minima[k];
    lowest = std::min(lowest, m.energy);
    put(field("minimum_stored_atoms"), {double(walk.minima().stored_atoms(k))});
    put(field("minimum_energy"), {m.energy});
    put(field("minimum_moments"), {m.moments[0], m.moments[1], m.moments[2]});
    put(field("minimum_visits"), {double(m.visits)});
    put(field("minimum_first_attempt"), {double(m.first_attempt)});
  }
  for (const WalkTransitionState& t : net.transition_states) {
    put(field("ts_energy"), {t.energy});
    put(field("ts_eigenvalue"), {t.eigenvalue});
    put(field("ts_moments"), {t.moments[0], t.moments[1], t.moments[2]});
    put(field("ts_minimum_from"), {double(t.minimum_from)});
    put(field("ts_minimum_to"), {double(t.minimum_to)});
    put(field("ts_times_found"), {double(t.times_found)});
  }
  for (const WalkAttempt& a : net.attempts) {
    force_calls += a.force_calls;
    revisits += a.revisit;
    put(field("attempt_centre"), {double(a.centre)});
    put(field("attempt_outcome"), {double(static_cast<int>(a.outcome))});
    put(field("attempt_minimum_from"), {double(a.minimum_from)});
    put(field("attempt_minimum_to"), {a.minimum_to < 0 ? nan : double(a.minimum_to)});
    put(field("attempt_ts"), {a.transition_state < 0 ? nan : double(a.transition_state)});
    put(field("attempt_barrier"), {a.barrier});
    put(field("attempt_energy_change"), {a.energy_change});
    put(field("attempt_accepted"), {double(a.accepted)});
    put(field("attempt_revisit"), {double(a.revisit)});
    put(field("attempt_force_calls"), {double(a.force_calls)});
    const bool relaxed = a.outcome == ArtnOutcome::success;  // only successes are relaxed
    put(field("attempt_relax_force_calls"), {relaxed ? double(a.full_relax_force_calls) : nan});
    put(field("attempt_relaxed"), {relaxed ? double(a.full_relax_converged) : nan});
  }
  for (std::size_t f = 0; f < kind.outputs.size(); ++f) {
    const OutputField& o = kind.outputs[f];
    if (!o.series) continue;
    const std::size_t rows = std::string(o.series) == "minima" ? attempts + 1 : attempts;
    pad(out.fields[f], rows * o.width);
  }
  field("accepted_events") = {double(net.accepted_events)};
  field("searches") = {double(net.attempts.size())};
  field("distinct_minima") = {double(net.minima.size())};
  field("distinct_transition_states") = {double(net.transition_states.size())};
  field("revisits") = {double(revisits)};
  field("uncertain_matches") = {double(net.uncertain_matches)};
  field("final_minimum") = {double(net.current)};
  field("lowest_energy") = {lowest};
  field("force_calls") = {double(force_calls)};
  field("local_forces") = {config.local.enabled ? 1.0 : 0.0};
  out.structure = std::move(s.config);
  if (checkpointing) std::filesystem::remove(ctx.checkpoint_file);
}

}  // namespace

const UnitKind& art_walk_unit_kind() {
  using F = FieldType;
  static const UnitKind kind{
      .name = "art_walk",
      .summary = "ART walk: successive accepted ART nouveau events from one minimum, minima/saddle network",
      .params = concat(
          concat(concat(atomic_system_params(), artn_params()), local_forces_params()),
          {
              {.name = "accepted_events", .type = ParamType::Int, .min = 1, .max = 1e7,
               .default_value = std::int64_t{100}, .doc = "stop after this many accepted events (seed 002: 2900)"},
              {.name = "max_attempts", .type = ParamType::Int, .min = 1, .max = 1e7,
               .default_value = std::int64_t{1000}, .doc = "searches at most (rows of the series)"},
              {.name = "temperature", .type = ParamType::Float, .unit = "K (metal) or ε/k_B (lj)", .min = 0,
               .max = 1e9, .doc = "Metropolis temperature of the acceptance (0: downhill only; ignored with accept_all)"},
              {.name = "accept_all", .type = ParamType::Bool, .default_value = false,
               .doc = "accept every successful event (infinite temperature)"},
              {.name = "radius", .type = ParamType::Float, .unit = "length", .min = 0, .max = 1e3,
               .default_value = 3.95, .doc = "neighbours perturbed with the centre atom"},
              {.name = "energy_tolerance", .type = ParamType::Float, .unit = "energy", .min = 1e-15,
               .max = 1e6, .default_value = 1e-4, .doc = "same minimum/saddle: energies closer than this"},
              {.name = "distance_tolerance", .type = ParamType::Float, .unit = "length", .min = 1e-12,
               .max = 1e3, .default_value = 0.1, .doc = "same minimum: no atom farther apart than this"},
              {.name = "minimum_resolution", .type = ParamType::Float, .unit = "length", .min = 0, .max = 1e3,
               .default_value = 1e-2,
               .doc = "minima are kept in memory as the atoms farther than this from their positions in the minimum they were found from (< distance_tolerance; 0: every atom that moved)"},
              {.name = "checkpoint_every", .type = ParamType::Int, .min = 0, .max = 1e7,
               .default_value = std::int64_t{0}, .doc = "searches between checkpoints (0: none)"},
          }),
      .outputs =
          {
              {.name = "accepted_events", .type = F::Int64},
              {.name = "searches", .type = F::Int64, .doc = "searches run"},
              {.name = "distinct_minima", .type = F::Int64},
              {.name = "distinct_transition_states", .type = F::Int64},
              {.name = "revisits", .type = F::Int64, .doc = "successful searches ending in a known minimum"},
              {.name = "uncertain_matches", .type = F::Int64,
               .doc = "same-minimum tests within a stored minimum's residual of distance_tolerance (see minimum_resolution)"},
              {.name = "final_minimum", .type = F::Int64, .doc = "index of the minimum the walk ended in"},
              {.name = "lowest_energy", .unit = "energy"},
              {.name = "force_calls", .type = F::Int64, .doc = "searches' and full relaxations' force calls"},
              {.name = "local_forces", .type = F::Int64, .doc = "1 when the searches used local forces"},
              {.name = "minimum_energy", .unit = "energy", .series = "minima"},
              {.name = "minimum_moments", .width = 3, .unit = "mass·length²",
               .doc = "principal moments of inertia, ascending", .series = "minima"},
              {.name = "minimum_visits", .type = F::Int64, .series = "minima"},
              {.name = "minimum_first_attempt", .type = F::Int64, .doc = "−1: the start", .series = "minima"},
              {.name = "minimum_stored_atoms", .type = F::Int64,
               .doc = "atoms kept in memory for this minimum: farther than minimum_resolution from the minimum it was found from",
               .series = "minima"},
              {.name = "ts_energy", .unit = "energy", .series = "transition_states"},
              {.name = "ts_eigenvalue", .unit = "energy/length²", .series = "transition_states"},
              {.name = "ts_moments", .width = 3, .unit = "mass·length²", .series = "transition_states"},
              {.name = "ts_minimum_from", .type = F::Int64, .doc = "row of minima", .series = "transition_states"},
              {.name = "ts_minimum_to", .type = F::Int64, .doc = "row of minima", .series = "transition_states"},
              {.name = "ts_times_found", .type = F::Int64, .series = "transition_states"},
              {.name = "attempt_centre", .type = F::Int64, .doc = "centre atom (0-based)", .series = "attempts"},
              {.name = "attempt_outcome", .type = F::Int64,
               .doc = "0 success, 1 basin-not-left, 2 eigenvalue-lost, 3 max-activation-steps, "
                      "4 not-connected, 5 final-is-initial",
               .series = "attempts"},
              {.name = "attempt_minimum_from", .type = F::Int64, .series = "attempts"},
              {.name = "attempt_minimum_to", .type = F::Int64, .series = "attempts"},
              {.name = "attempt_ts", .type = F::Int64, .series = "attempts"},
              {.name = "attempt_barrier", .unit = "energy", .doc = "E_saddle − E_from", .series = "attempts"},
              {.name = "attempt_energy_change", .unit = "energy", .doc = "E_final − E_from", .series = "attempts"},
              {.name = "attempt_accepted", .type = F::Int64, .series = "attempts"},
              {.name = "attempt_revisit", .type = F::Int64, .series = "attempts"},
              {.name = "attempt_force_calls", .type = F::Int64,
               .doc = "the search's force calls and those of the full relaxation of its final state",
               .series = "attempts"},
              {.name = "attempt_relax_force_calls", .type = F::Int64,
               .doc = "force calls of the full-sample relaxation of a successful search's final state (NaN unless success)",
               .series = "attempts"},
              {.name = "attempt_relaxed", .type = F::Int64,
               .doc = "1 when that relaxation converged, 0 when it did not (no event; NaN unless success)",
               .series = "attempts"},
          },
      .series =
          {
              {.name = "minima", .rows = minimum_rows, .doc = "distinct minima; row 0 is the start"},
              {.name = "transition_states", .rows = attempt_rows, .doc = "distinct transition states"},
              {.name = "attempts", .rows = attempt_rows, .doc = "every search, in order"},
          },
      .writes_structure = true,
      // ~2000 force calls per search at ~1 µs per atom, on at most the ~4500 atoms of a
      // local region (10 Å + buffer) unless local forces are off.
      .expected_seconds = [](const PlanInfo& info) {
        double atoms = double(atomic_system_atoms(info));
        if (info.params.text("local_forces") != "off") atoms = std::min(atoms, 4500.0);
        return 2e-3 * double(info.params.integer("max_attempts")) * atoms;
      },
      .atom_count = atomic_system_atoms,
      .periodic = atomic_system_periodic,
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
