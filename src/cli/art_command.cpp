// pelcamp art: ART nouveau searches around atoms of one structure, outside a campaign — the
// `art_search` unit kind run in-process on one batch, its events screened by seed 003's
// rules, with a cost summary (force calls per converged saddle, seconds per kept event).
// Used by tools/bench/art.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <ctime>
#include <cmath>
#include <fstream>
#include <map>

#include "pelcamp/cli/commands.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/saddle/artn.hpp"
#include "pelcamp/saddle/event_filter.hpp"
#include "pelcamp/units/art_search_unit.hpp"

namespace pelcamp::cli {

namespace {

struct ArtOptions {
  std::string structure;
  std::string potential;
  std::vector<std::string> settings;  // name=value, art_search parameters
  std::uint64_t seed = 1;
  std::string csv;
};

units::Value parse_value(const units::ParamSpec& spec, const std::string& text) {
  try {
    switch (spec.type) {
      case units::ParamType::Int: return std::int64_t(std::stoll(text));
      case units::ParamType::Float: return std::stod(text);
      case units::ParamType::Bool:
        if (text == "true" || text == "false") return text == "true";
        break;
      default: return text;
    }
  } catch (const std::exception&) {
  }
  throw Error(fmt::format("--set {}={}: not a valid {}", spec.name, text, units::param_type_name(spec.type)));
}

void run_art(const ArtOptions& options) {
  const units::UnitKind& kind = units::art_search_unit_kind();
  units::Params params;
  for (const units::ParamSpec& spec : kind.params)
    if (spec.default_value) params.set(spec.name, *spec.default_value);
  params.set("structure", options.structure);
  params.set("potential", options.potential);
  for (const std::string& setting : options.settings) {
    const auto eq = setting.find('=');
    const units::ParamSpec* spec = eq == std::string::npos ? nullptr : kind.find_param(setting.substr(0, eq));
    if (spec == nullptr || spec->name == std::string("structure") || spec->name == std::string("potential"))
      throw Error(fmt::format("--set '{}': expected NAME=VALUE with NAME an art_search parameter "
                              "(pelcamp plan --schema lists them)", setting));
    const units::Value value = parse_value(*spec, setting.substr(eq + 1));
    if (const double* d = std::get_if<double>(&value); d && (*d < spec->min || *d > spec->max))
      throw Error(fmt::format("--set {}: {} is outside [{}, {}]", spec->name, *d, spec->min, spec->max));
    if (const std::int64_t* i = std::get_if<std::int64_t>(&value); i && (*i < spec->min || *i > spec->max))
      throw Error(fmt::format("--set {}: {} is outside [{}, {}]", spec->name, *i, spec->min, spec->max));
    params.set(spec->name, value);
  }

  units::UnitContext ctx{
      .params = params, .campaign_seed = options.seed, .unit_id = 0, .inputs = {}, .checkpoint_file = {}};
  units::UnitOutput out;
  // Core-seconds: the process's CPU time (the run is serial), not wall time, which a busy
  // machine inflates.
  const std::clock_t start = std::clock();
  kind.run(ctx, out);
  const double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;

  auto column = [&](const char* name) -> const std::vector<double>& { return out.fields[kind.field_index(name)]; };
  const auto& outcome = column("outcome");
  std::vector<ArtEventRecord> events;
  std::map<int, long> outcomes;
  double converged = 0, calls = 0, atoms_evaluated = 0;
  for (std::size_t r = 0; r < outcome.size(); ++r) {
    if (std::isnan(outcome[r])) continue;
    const auto code = static_cast<ArtnOutcome>(int(outcome[r]));
    ++outcomes[int(outcome[r])];
    calls += column("force_calls")[r];
    atoms_evaluated += column("atoms_evaluated")[r];
    ArtnResult probe;
    probe.outcome = code;
    if (probe.saddle_converged()) ++converged;
    events.push_back({.success = code == ArtnOutcome::success,
                      .energy_initial = column("energy_initial")[r],
                      .energy_saddle = column("energy_saddle")[r],
                      .energy_final = column("energy_final")[r],
                      .final_displacement = column("final_displacement")[r],
                      .most_displaced = std::isnan(column("most_displaced")[r]) ? -1 : std::int64_t(column("most_displaced")[r])});
  }
  const std::vector<EventVerdict> verdicts = filter_events(events, units::art_filter_config(params));
  std::map<std::string, long> verdict_counts;
  double barrier_sum = 0;
  for (std::size_t k = 0; k < events.size(); ++k) {
    ++verdict_counts[to_string(verdicts[k])];
    if (verdicts[k] == EventVerdict::kept) barrier_sum += events[k].energy_saddle - events[k].energy_initial;
  }
  const long kept = verdict_counts["kept"];
  const double searches = double(events.size());
  fmt::print("searches             {}\n", events.size());
  for (const auto& [code, n] : outcomes) fmt::print("  {:<19}{}\n", to_string(static_cast<ArtnOutcome>(code)), n);
  fmt::print("local forces         {}\n", out.fields[kind.field_index("local_forces")][0] == 1.0 ? "on" : "off");
  fmt::print("atoms evaluated      {:.0f} per force call (mean)\n", searches > 0 ? atoms_evaluated / searches : 0.0);
  fmt::print("force calls          {:.0f} ({:.0f} per search, {:.0f} per converged saddle)\n", calls,
             searches > 0 ? calls / searches : 0.0, converged > 0 ? calls / converged : NAN);
  fmt::print("success rate         {:.3f}\n", searches > 0 ? double(outcomes[0]) / searches : 0.0);
  for (const auto& [verdict, n] : verdict_counts) fmt::print("  {:<19}{}\n", verdict, n);
  fmt::print("kept events          {} (mean barrier {:.4f} eV)\n", kept, kept > 0 ? barrier_sum / kept : NAN);
  fmt::print("core-seconds         {:.2f} ({:.2f} per search, {:.2f} per kept event)\n", seconds,
             searches > 0 ? seconds / searches : 0.0, kept > 0 ? seconds / kept : NAN);

  if (!options.csv.empty()) {
    std::ofstream csv(options.csv);
    std::vector<int> series_fields;
    for (std::size_t f = 0; f < kind.outputs.size(); ++f)
      if (kind.outputs[f].series && std::string(kind.outputs[f].series) == "events") series_fields.push_back(int(f));
    for (std::size_t k = 0; k < series_fields.size(); ++k)
      fmt::print(csv, "{}{}", k ? "," : "", kind.outputs[series_fields[k]].name);
    fmt::print(csv, ",verdict\n");
    std::size_t event = 0;
    for (std::size_t r = 0; r < outcome.size(); ++r) {
      if (std::isnan(outcome[r])) continue;
      for (std::size_t k = 0; k < series_fields.size(); ++k)
        fmt::print(csv, "{}{}", k ? "," : "", out.fields[series_fields[k]][r]);
      fmt::print(csv, ",{}\n", to_string(verdicts[event++]));
    }
    if (!csv) throw Error("cannot write " + options.csv);
  }
}

}  // namespace

void add_art_command(CLI::App& app) {
  auto options = std::make_shared<ArtOptions>();
  CLI::App* cmd = app.add_subcommand(
      "art", "ART nouveau searches around atoms of one structure (the art_search unit, one batch)");
  cmd->add_option("structure", options->structure, "minimized structure (LAMMPS data or extxyz)")->required();
  cmd->add_option("--potential", options->potential, "potential spec, e.g. eam/fs:FILE:Cu,Zr")->required();
  cmd->add_option("--set", options->settings,
                  "art_search parameter NAME=VALUE (repeatable), e.g. --set atoms=first:20 --set batch_size=20");
  cmd->add_option("--seed", options->seed, "seed of the push directions")->capture_default_str();
  cmd->add_option("--csv", options->csv, "write the events (one row per search, with the filter verdict)");
  cmd->callback([options] { run_art(*options); });
}

}  // namespace pelcamp::cli
