#include "pelcamp/units/art_search_unit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <memory>
#include <string>

#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/saddle/atom_search.hpp"
#include "pelcamp/saddle/event_filter.hpp"
#include "pelcamp/units/artn_params.hpp"
#include "pelcamp/units/atomic_system.hpp"
#include "pelcamp/units/local_forces_params.hpp"

namespace pelcamp::units {

std::vector<std::size_t> select_centre_atoms(const std::string& selection, std::size_t sample_atoms) {
  auto bad = [&] {
    return Error(fmt::format("art_search atoms = '{}': allowed: all, first:N, every:K (N, K ≥ 1)",
                             selection));
  };
  std::size_t limit = sample_atoms, stride = 1;
  if (selection != "all") {
    const auto colon = selection.find(':');
    if (colon == std::string::npos) throw bad();
    const std::string form = selection.substr(0, colon), number = selection.substr(colon + 1);
    std::size_t value = 0, used = 0;
    try {
      value = std::stoul(number, &used);
    } catch (const std::exception&) {
      throw bad();
    }
    if (used != number.size() || value == 0 || number[0] == '-') throw bad();
    if (form == "first")
      limit = std::min(value, sample_atoms);
    else if (form == "every")
      stride = value;
    else
      throw bad();
  }
  std::vector<std::size_t> atoms;
  for (std::size_t i = 0; i < limit; i += stride) atoms.push_back(i);
  return atoms;
}

namespace {

bool count_successes(const Params& p) { return p.text("count") == "successful"; }

std::size_t rows_per_centre(const Params& p) {
  return std::size_t(count_successes(p) ? p.integer("max_attempts") : p.integer("searches"));
}

// Plan time: reject a bad centre selection or a snapshot the input does not keep.
void check_plan(const PlanInfo& info) {
  select_centre_atoms(info.params.text("atoms"), 0);
  const std::int64_t snapshot = info.params.integer("snapshot");
  if (snapshot >= 0 && std::size_t(snapshot) >= info.input_snapshots)
    throw Error(fmt::format("art_search snapshot = {}: the input unit keeps {} snapshots (allowed: -1 for its "
                            "structure, 0..{} for a snapshot)", snapshot, info.input_snapshots,
                            std::int64_t(info.input_snapshots) - 1));
}

std::size_t event_rows(const PlanInfo& info) {
  check_plan(info);
  return std::size_t(info.params.integer("batch_size")) * rows_per_centre(info.params);
}

// Stored configurations: `configuration_atoms` rows per event row, none when off.
bool stores_configurations(const Params& p) { return p.text("store_configurations") != "none"; }

std::size_t configuration_rows(const PlanInfo& info) {
  if (!stores_configurations(info.params)) return 0;
  return event_rows(info) * std::size_t(info.params.integer("configuration_atoms"));
}

}  // namespace

EventFilterConfig art_filter_config(const Params& p) {
  EventFilterConfig c;
  c.identical_energy = p.real("filter_identical_energy");
  c.identical_distance = p.real("filter_identical_distance");
  c.duplicate_energy = p.real("filter_duplicate_energy");
  c.duplicate_distance = p.real("filter_duplicate_distance");
  c.redundant_distance = p.real("filter_redundant_distance");
  c.redundant_barrier = p.real("filter_redundant_barrier");
  c.redundant_final = p.real("filter_redundant_final");
  c.validate();
  return c;
}

namespace {

AtomSearchConfig search_config(const Params& p) {
  AtomSearchConfig c;
  c.artn = artn_config(p);
  c.perturbation_radius = p.real("perturbation_radius");
  c.moved_threshold = p.real("moved_threshold");
  c.local = local_forces_config(p);
  c.analytic_hessian = analytic_hessian(p);
  return c;
}

// The prepared sample of the last input this worker saw (units of one input are sent to
// the same worker): loaded, set up and minimized once.
struct PreparedSample {
  std::shared_ptr<const UnitOutput> input;  // held so the key pointer stays unique
  std::string key;
  AtomicSystem system;
  double sample_fmax = 0.0;  // largest force before preparation
  // Whether a local region of this reach (active radius + buffer) is smaller than the
  // sample, for the last reach asked.
  double reach = -1.0;
  bool carves_freely = false;

  bool carves_freely_at(double region_reach) {
    if (region_reach != reach) {
      carves_freely = region_smaller_than_sample(system.config, region_reach);
      reach = region_reach;
    }
    return carves_freely;
  }
};

// The input's structure (or `structure` file), or snapshot `snapshot` of the input unit.
AtomicSystem load_sample(const UnitContext& ctx) {
  const std::int64_t snapshot = ctx.params.integer("snapshot");
  if (snapshot < 0) return load_atomic_system(ctx);
  if (!ctx.params.text("structure").empty())
    throw Error("art_search: give either `structure` or `snapshot` (a snapshot of the input unit), not both");
  const std::size_t kept = ctx.inputs.empty() ? 0 : ctx.inputs[0]->snapshots.size();
  if (std::size_t(snapshot) >= kept)
    throw Error(fmt::format("art_search snapshot = {}: the input unit kept {} snapshots", snapshot, kept));
  SystemSetup setup;
  setup.potential = ctx.params.text("potential");
  setup.free = ctx.params.flag("free");
  return set_up_system(ctx.inputs[0]->snapshots[std::size_t(snapshot)], setup,
                       fmt::format("snapshot {} of the input unit", snapshot));
}

PreparedSample& prepared_sample(const UnitContext& ctx) {
  thread_local PreparedSample cache;
  const Params& p = ctx.params;
  const std::string key = fmt::format(
      "{}|{}|{}|{}|{}|{}", static_cast<const void*>(ctx.inputs.empty() ? nullptr : ctx.inputs[0].get()),
      p.text("structure"), p.text("potential"), p.flag("free"), p.real("sample_fmax"), p.integer("snapshot"));
  if (cache.key == key && cache.system.potential) return cache;
  cache = PreparedSample{};
  cache.input = ctx.inputs.empty() ? nullptr : ctx.inputs[0];
  cache.system = load_sample(ctx);
  AtomsObjective objective(cache.system.config, *cache.system.potential);
  Eigen::VectorXd gradient(objective.dimension());
  objective.evaluate(objective.variables(), gradient);
  cache.sample_fmax = objective.gradient_measure(gradient);
  if (cache.sample_fmax > p.real("sample_fmax")) {
    StoppingCriteria stop;
    stop.fmax = p.real("sample_fmax");
    stop.max_iterations = 100000;
    const MinimizeResult r = make_minimizer("lbfgs")->minimize(objective, objective.variables(), stop);
    if (!r.converged())
      throw Error(fmt::format("art_search: the sample did not minimize to sample_fmax = {} ({} after {} "
                              "iterations, {})", stop.fmax, r.fmax, r.iterations, to_string(r.reason)));
  }
  cache.key = key;
  return cache;
}

// Output columns of the kind by name (the kind's field order is the contract).
std::vector<double>& column(UnitOutput& out, const char* name) {
  return out.fields[std::size_t(art_search_unit_kind().field_index(name))];
}

// The `configuration_atoms` most displaced atoms of one search (by |r_final − r_initial|,
// or |r_saddle − r_initial| when the saddle did not converge; unmoved atoms never), with
// their saddle and final positions, into the event's block of the `configurations` series.
void put_configuration(UnitOutput& out, std::size_t event_row, std::size_t atoms_per_event,
                       const Configuration& initial, const AtomSearcher& searcher, bool has_final) {
  const Configuration& ranked = has_final ? searcher.last_final() : searcher.last_saddle();
  std::vector<std::pair<double, std::size_t>> moved;
  for (std::size_t i = 0; i < initial.size(); ++i) {
    const double d = (ranked.positions[i] - initial.positions[i]).norm();
    if (d > 0.0) moved.emplace_back(d, i);
  }
  const std::size_t n = std::min(atoms_per_event, moved.size());
  // Largest displacement first; ties by atom index (deterministic).
  std::partial_sort(moved.begin(), moved.begin() + std::ptrdiff_t(n), moved.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  std::vector<double>& event = column(out, "event");
  std::vector<double>& atom = column(out, "atom");
  std::vector<double>& saddle = column(out, "saddle_position");
  std::vector<double>& final = column(out, "final_position");
  for (std::size_t j = 0; j < n; ++j) {
    const std::size_t row = event_row * atoms_per_event + j, i = moved[j].second;
    event[row] = double(event_row);
    atom[row] = double(i);
    for (int d = 0; d < 3; ++d) {
      saddle[3 * row + d] = searcher.last_saddle().positions[i][d];
      if (has_final) final[3 * row + d] = searcher.last_final().positions[i][d];
    }
  }
}

// Blanks (NaN) the configuration rows of one event.
void clear_configuration(UnitOutput& out, std::size_t event_row, std::size_t atoms_per_event) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::pair<const char*, std::size_t> columns[] = {
      {"event", 1}, {"atom", 1}, {"saddle_position", 3}, {"final_position", 3}};
  for (const auto& [name, width] : columns) {
    std::vector<double>& values = column(out, name);
    std::fill_n(values.begin() + std::ptrdiff_t(event_row * atoms_per_event * width),
                atoms_per_event * width, nan);
  }
}

void run(UnitContext& ctx, UnitOutput& out) {
  const Params& p = ctx.params;
  AtomSearchConfig config = search_config(p);
  const EventFilterConfig filter = art_filter_config(p);
  if (count_successes(p) && p.integer("max_attempts") < p.integer("searches"))
    throw Error(fmt::format("art_search max_attempts = {} must be ≥ searches = {}", p.integer("max_attempts"),
                            p.integer("searches")));
  PreparedSample& sample = prepared_sample(ctx);
  config.local.enabled = local_forces_enabled(p, config.local, *sample.system.potential,
                                              [&](double reach) { return sample.carves_freely_at(reach); });
  AtomSearcher searcher(sample.system.config, *sample.system.potential, config);

  const std::vector<std::size_t> selected = select_centre_atoms(p.text("atoms"), sample.system.config.size());
  const std::size_t batch_size = std::size_t(p.integer("batch_size"));
  const std::size_t first = std::size_t(p.integer("batch")) * batch_size;
  const std::size_t per_centre = rows_per_centre(p);
  const std::size_t wanted = std::size_t(p.integer("searches"));
  const std::size_t rows = batch_size * per_centre;
  const bool configurations = stores_configurations(p);
  const std::size_t atoms_per_event = configurations ? std::size_t(p.integer("configuration_atoms")) : 0;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Every field NaN-filled at its contract size: per-unit fields one value, series their rows.
  const UnitKind& kind = art_search_unit_kind();
  out.fields.clear();
  for (const OutputField& f : kind.outputs) {
    const std::size_t n = !f.series ? 1 : std::string(f.series) == "events" ? rows : rows * atoms_per_event;
    out.fields.emplace_back(n * std::size_t(f.width), nan);
  }
  constexpr const char* kEventColumns[] = {
      "centre", "attempt", "outcome", "energy_initial", "energy_saddle", "energy_final",
      "saddle_displacement", "final_displacement", "atoms_moved", "most_displaced",
      "eigenvalue", "saddle_force", "force_calls", "atoms_evaluated"};
  constexpr std::size_t kEventColumnCount = std::size(kEventColumns);

  double centres = 0, attempts = 0, successes = 0;
  for (std::size_t b = 0; b < batch_size && first + b < selected.size(); ++b) {
    const std::size_t centre = selected[first + b];
    centres += 1;
    // One stream per centre atom: events do not depend on how atoms are batched.
    Rng rng(ctx.campaign_seed, 1 + centre);
    std::size_t done = 0;
    for (std::size_t attempt = 0; attempt < per_centre && done < wanted; ++attempt) {
      ctx.check_deadline();
      const AtomEvent e = searcher.search(centre, rng);
      const ArtnResult& r = e.artn;
      const bool success = r.outcome == ArtnOutcome::success;
      attempts += 1;
      successes += success;
      if (success || !count_successes(p)) ++done;
      const bool converged = r.saddle_converged();
      const double values[kEventColumnCount] = {
          double(centre), double(attempt), double(static_cast<int>(r.outcome)),
          r.energy_initial, r.energy_saddle, converged ? r.energy_final : nan,
          r.saddle_displacement, converged ? r.final_displacement : nan,
          converged ? double(e.atoms_moved) : nan, converged ? double(e.most_displaced) : nan,
          r.eigenvalue_saddle, r.saddle_force, double(r.force_calls), double(e.atoms_evaluated)};
      const std::size_t row = b * per_centre + attempt;
      for (std::size_t f = 0; f < kEventColumnCount; ++f) column(out, kEventColumns[f])[row] = values[f];
      if (configurations) put_configuration(out, row, atoms_per_event, sample.system.config, searcher, converged);
    }
  }
  // Seed 003's screening within this unit's events (redundant pairs and duplicates across
  // units need all events of the sample: saddle/event_filter.hpp on the whole table).
  std::vector<ArtEventRecord> records;
  std::vector<std::size_t> record_rows;
  auto col = [&](const char* name) -> std::vector<double>& { return column(out, name); };
  for (std::size_t row = 0; row < rows; ++row) {
    if (std::isnan(col("outcome")[row])) continue;
    record_rows.push_back(row);
    const double most_displaced = col("most_displaced")[row];
    records.push_back({.success = col("outcome")[row] == 0.0, .energy_initial = col("energy_initial")[row],
                       .energy_saddle = col("energy_saddle")[row], .energy_final = col("energy_final")[row],
                       .final_displacement = col("final_displacement")[row],
                       .most_displaced = std::isnan(most_displaced) ? -1 : std::int64_t(most_displaced)});
  }
  const std::vector<EventVerdict> verdicts = filter_events(records, filter);
  for (std::size_t k = 0; k < records.size(); ++k) {
    col("verdict")[record_rows[k]] = double(static_cast<int>(verdicts[k]));
    if (configurations && p.text("store_configurations") == "kept" && verdicts[k] != EventVerdict::kept)
      clear_configuration(out, record_rows[k], atoms_per_event);
  }

  col("centres")[0] = centres;
  col("attempts")[0] = attempts;
  col("successes")[0] = successes;
  col("local_forces")[0] = config.local.enabled ? 1.0 : 0.0;
  col("sample_fmax")[0] = sample.sample_fmax;
}

ParamSpec real(const char* name, const char* unit, double min, double max, double value, const char* doc) {
  return {.name = name, .type = ParamType::Float, .unit = unit, .min = min, .max = max, .default_value = value, .doc = doc};
}
ParamSpec integer(const char* name, double min, double max, std::int64_t value, const char* doc, bool extensive = false) {
  return {.name = name, .type = ParamType::Int, .min = min, .max = max, .default_value = value, .doc = doc,
          .extensive = extensive};
}

}  // namespace

const UnitKind& art_search_unit_kind() {
  static const UnitKind kind{
      .name = "art_search",
      .summary = "ART nouveau saddle searches around a batch of centre atoms of a minimized sample",
      .params = concat(
          concat(concat(atomic_system_params(), artn_params()), local_forces_params()),
          {
              {.name = "atoms", .type = ParamType::String, .default_value = std::string("all"),
               .doc = "centre atoms: all, first:N or every:K (sample order)"},
              integer("batch_size", 1, 1e7, 100, "centre atoms per unit"),
              integer("batch", 0, 1e9, 0, "batch number: centres [batch·batch_size, (batch+1)·batch_size) of the selection; a batch past the end has no events"),
              integer("searches", 1, 1e6, 10, "searches per centre atom (seed 003: 10 attempted; seed 002: 20 successful)"),
              {.name = "count", .type = ParamType::Choice, .default_value = std::string("attempted"),
               .doc = "what `searches` counts: attempted searches, or successful ones (within max_attempts)",
               .choices = {"attempted", "successful"}},
              integer("max_attempts", 1, 1e6, 40, "attempts per centre when counting successes"),
              real("perturbation_radius", "Å", 0, 1e3, 3.95, "the centre and its neighbours within this are pushed (seed 002)"),
              real("moved_threshold", "Å", 1e-9, 1e3, 0.1, "atoms_moved counts atoms displaced more than this (final − initial)"),
              real("sample_fmax", "eV/Å", 1e-12, 1e3, 1e-3, "the sample is minimized (L-BFGS) to this force first if it is not below"),
              integer("snapshot", -1, 1e9, -1, "-1: search the input unit's structure; k ≥ 0: its snapshot k (e.g. inherent structure k of an inherent_structures unit)"),
              // Seed 003's screening thresholds (saddle/event_filter.hpp), defaults as in the seed.
              real("filter_identical_energy", "eV", 1e-9, 1e3, 0.02, "identical-to-start: E_fin − E_ini below this (signed) …"),
              real("filter_identical_distance", "Å", 1e-9, 1e3, 1.0, "… and Δ = |r_fin − r_ini| below this"),
              real("filter_duplicate_energy", "eV", 1e-9, 1e3, 1e-3, "duplicate: same most-displaced atom and E_sad−ini, E_fin−ini within this of a kept event …"),
              real("filter_duplicate_distance", "Å", 1e-9, 1e3, 0.01, "… and Δ within this"),
              real("filter_redundant_barrier", "eV", 1e-9, 1e3, 0.01, "redundant pair: E_sad−ini within this of a kept event …"),
              real("filter_redundant_final", "eV", 1e-9, 1e3, 0.005, "… and E_fin−ini within this …"),
              real("filter_redundant_distance", "Å", 1e-9, 1e3, 0.1, "… and Δ within this"),
              {.name = "store_configurations", .type = ParamType::Choice, .default_value = std::string("none"),
               .doc = "store saddle and final positions of the configuration_atoms most displaced atoms of each event (series configurations): none, kept (verdict kept) or all searches",
               .choices = {"none", "kept", "all"}},
              integer("configuration_atoms", 1, 1e6, 64, "atoms stored per event: those displaced most between initial and final minimum (saddle when not converged)"),
          }),
      .outputs =
          {
              {.name = "centres", .type = FieldType::Int64, .doc = "centre atoms searched by this unit"},
              {.name = "attempts", .type = FieldType::Int64, .doc = "searches run"},
              {.name = "successes", .type = FieldType::Int64, .doc = "searches with outcome success"},
              {.name = "local_forces", .type = FieldType::Int64, .doc = "1 when the searches used local forces"},
              {.name = "sample_fmax", .unit = "eV/Å", .doc = "largest force of the input sample before preparation"},
              {.name = "centre", .type = FieldType::Int64, .doc = "centre atom (0-based index in the sample)", .series = "events"},
              {.name = "attempt", .type = FieldType::Int64, .doc = "attempt number at this centre", .series = "events"},
              {.name = "outcome", .type = FieldType::Int64,
               .doc = "0 success, 1 basin-not-left, 2 eigenvalue-lost, 3 max-activation-steps, 4 not-connected, 5 final-is-initial",
               .series = "events"},
              {.name = "energy_initial", .unit = "eV", .doc = "energy of the sample", .series = "events"},
              {.name = "energy_saddle", .unit = "eV", .doc = "saddle energy (last activation point if not converged)", .series = "events"},
              {.name = "energy_final", .unit = "eV", .doc = "final minimum energy (NaN unless the saddle converged)", .series = "events"},
              {.name = "saddle_displacement", .unit = "Å", .doc = "|r_saddle − r_initial| over all atoms", .series = "events"},
              {.name = "final_displacement", .unit = "Å", .doc = "Δ = |r_final − r_initial| over all atoms", .series = "events"},
              {.name = "atoms_moved", .type = FieldType::Int64, .doc = "atoms with |r_final − r_initial| > moved_threshold", .series = "events"},
              {.name = "most_displaced", .type = FieldType::Int64, .doc = "atom that moved most (sample index)", .series = "events"},
              {.name = "eigenvalue", .unit = "eV/Å²", .doc = "lowest Hessian eigenvalue at the saddle", .series = "events"},
              {.name = "saddle_force", .unit = "eV/Å", .doc = "largest atomic force at the saddle", .series = "events"},
              {.name = "force_calls", .type = FieldType::Int64, .doc = "force evaluations of the search (Lanczos included)", .series = "events"},
              {.name = "atoms_evaluated", .type = FieldType::Int64, .doc = "atoms whose energy terms each force call evaluates (with local forces: the atoms within reach of the moving ones)", .series = "events"},
              {.name = "verdict", .type = FieldType::Int64,
               .doc = "seed 003 screening within the unit: 0 kept, 1 failed, 2 identical-to-start, 3 duplicate, 4 redundant",
               .series = "events"},
              {.name = "event", .type = FieldType::Int64,
               .doc = "the event: its row among this unit's events rows (events/row_offset of the unit + event)",
               .series = "configurations"},
              {.name = "atom", .type = FieldType::Int64, .doc = "sample atom (0-based index)", .series = "configurations"},
              {.name = "saddle_position", .width = 3, .unit = "Å",
               .doc = "its position at the saddle (last activation point if not converged); the other atoms as in the sample",
               .series = "configurations"},
              {.name = "final_position", .width = 3, .unit = "Å",
               .doc = "its position in the final minimum (NaN unless the saddle converged)", .series = "configurations"},
          },
      .series = {{.name = "events", .rows = event_rows,
                  .doc = "one row per search: batch_size × (searches, or max_attempts when counting successes)"},
                 {.name = "configurations", .rows = configuration_rows,
                  .doc = "configuration_atoms rows per events row when store_configurations is not none (else none): the most displaced atoms first, unused rows NaN"}},
      .expected_seconds = [](const PlanInfo& info) {
        check_plan(info);  // `pelcamp plan` reports bad selections before any store exists
        // Measured on CuZr EAM (README, ART section): ~2000 force calls per search at
        // ~1.2 µs per atom, on at most the ~4500 atoms of a local region (10 Å + buffer).
        const double atoms = std::min(4500.0, double(atomic_system_atoms(info)));
        const double searches = double(info.params.integer("batch_size") * info.params.integer("searches"));
        return searches * 2000.0 * 1.2e-6 * atoms;
      },
      .atom_count = atomic_system_atoms,
      .periodic = atomic_system_periodic,
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
