#include "pelcamp/campaign/campaign_schema.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/units/unit_registry.hpp"

namespace pelcamp::campaign {

using units::ParamSpec;
using units::ParamType;

const std::vector<SectionDoc>& campaign_sections() {
  static const std::vector<SectionDoc> sections = {
      {"campaign", "name, description and base seed of the study"},
      {"scale", "demo | full | a positive factor on extensive parameters"},
      {"run", "scheduling, deadlines and fault handling"},
      {"output", "what the store keeps and how durably"},
      {"potentials", "map NAME: SPEC, SPEC as for --potential (STYLE:FILE:ELEMENTS, kim:MODEL, preset)"},
      {"structures", "map NAME: FILE or NAME: {file: FILE, free: BOOL} (LAMMPS data or extxyz)"},
      {"stages", "list of stages; each expands a parameter grid into units of one kind"},
  };
  return sections;
}

const std::vector<ParamSpec>& campaign_settings() {
  static const std::vector<ParamSpec> settings = {
      {.name = "campaign.name", .type = ParamType::String, .doc = "name of the study"},
      {.name = "campaign.description", .type = ParamType::String,
       .default_value = std::string(), .doc = "free text"},
      {.name = "campaign.seed", .type = ParamType::Int, .min = 0, .max = 9007199254740992.0,
       .default_value = std::int64_t{1},
       .doc = "base seed; every unit's random streams derive from (seed, unit id)"},
      {.name = "scale", .type = ParamType::String, .default_value = std::string("full"),
       .doc = "demo | full | positive factor on extensive parameters (--scale overrides)"},
      {.name = "run.unit_deadline", .type = ParamType::Float, .unit = "s", .min = 1e-3,
       .max = 1e9, .default_value = 86400.0,
       .doc = "a unit running longer is stopped and recorded failed"},
      {.name = "run.max_crash_attempts", .type = ParamType::Int, .min = 1, .max = 100,
       .default_value = std::int64_t{3},
       .doc = "a unit in flight when the job died this many times is quarantined"},
      {.name = "run.batch_seconds", .type = ParamType::Float, .unit = "s", .min = 0, .max = 3600,
       .default_value = 0.05,
       .doc = "units expected to take less are sent to workers in batches of about this much work"},
      {.name = "run.max_batch", .type = ParamType::Int, .min = 1, .max = 100000,
       .default_value = std::int64_t{256}, .doc = "most units in one batch"},
      {.name = "run.stop_margin", .type = ParamType::Float, .unit = "s", .min = 0, .max = 1e6,
       .default_value = 60.0,
       .doc = "stop handing out work this long before the walltime (--walltime, SLURM_JOB_END_TIME)"},
      {.name = "run.hang_grace", .type = ParamType::Float, .unit = "s", .min = 0.1, .max = 1e6,
       .default_value = 60.0,
       .doc = "a rank silent this long past its units' deadlines is declared hung (a unit stuck where it "
              "cannot check its deadline); the job then aborts and the next run isolates the unit"},
      {.name = "output.durability", .type = ParamType::Choice,
       .default_value = std::string("fsync"),
       .doc = "fsync: a unit is recorded done after its data reached the disk; process: after "
              "it reached the OS (survives a killed job, not a power loss)",
       .choices = {"fsync", "process"}},
      {.name = "output.particles", .type = ParamType::Bool, .default_value = true,
       .doc = "store each unit's final structure as H5MD particle data"},
      {.name = "output.progress_interval", .type = ParamType::Float, .unit = "s", .min = 0,
       .max = 86400, .default_value = 2.0, .doc = "seconds between progress lines (0: none)"},
  };
  return settings;
}

const std::vector<ParamSpec>& stage_settings() {
  static const std::vector<ParamSpec> settings = {
      {.name = "name", .type = ParamType::String, .doc = "unique stage name"},
      {.name = "kind", .type = ParamType::Choice, .doc = "unit kind",
       .choices = units::unit_kind_names()},
      {.name = "params", .type = ParamType::String, .default_value = std::string(),
       .doc = "map of the kind's parameters; each value is a scalar, a list, "
              "{range: [start, stop, step]}, {linspace: [a, b, n]}, {logspace: [a, b, n]} "
              "or {demo: …, full: …}"},
      {.name = "grid", .type = ParamType::Choice, .default_value = std::string("product"),
       .doc = "product: every combination of the lists; zip: lists taken element by element",
       .choices = {"product", "zip"}},
      {.name = "replicas", .type = ParamType::Int, .min = 1, .max = 1e7,
       .default_value = std::int64_t{1},
       .doc = "independent copies of each grid point (parameter `replica`, own random streams)"},
      {.name = "after", .type = ParamType::String, .default_value = std::string(),
       .doc = "list of stages whose units must all be finished first"},
      {.name = "for_each", .type = ParamType::String, .default_value = std::string(),
       .doc = "stage whose every unit gets its own copy of this stage's grid, taking that "
              "unit's output as input"},
  };
  return settings;
}

const std::vector<ParamSpec>& structure_settings() {
  static const std::vector<ParamSpec> settings = {
      {.name = "file", .type = ParamType::String,
       .doc = "LAMMPS data or extxyz file, relative to the campaign file"},
      {.name = "free", .type = ParamType::Bool, .default_value = false,
       .doc = "treat as a free cluster (no periodic boundaries)"},
  };
  return settings;
}

const ParamSpec& campaign_setting(const std::string& path) {
  for (const auto& s : campaign_settings())
    if (path == s.name) return s;
  throw Error("internal: no campaign setting '" + path + "'");
}

namespace {

std::string describe(const ParamSpec& p) {
  std::string line = fmt::format("  {:<28} {}", p.name, units::param_type_name(p.type));
  if (*p.unit) line += fmt::format(" [{}]", p.unit);
  if (p.type == ParamType::Int || p.type == ParamType::Float) {
    if (p.min > -1e299) line += fmt::format(", >= {}", p.min);
    if (p.max < 1e299) line += fmt::format(", <= {}", p.max);
  }
  if (!p.choices.empty()) {
    line += ", one of:";
    for (const auto& c : p.choices) line += " " + c;
  }
  line += p.default_value ? ", default " + units::format_value(*p.default_value) : ", required";
  if (p.extensive) line += ", scaled by a numeric scale";
  return line + "\n      " + p.doc + "\n";
}

}  // namespace

std::string schema_text() {
  std::string out = "Campaign file sections:\n";
  for (const auto& s : campaign_sections()) out += fmt::format("  {:<12} {}\n", s.name, s.doc);
  out += "\nSettings:\n";
  for (const auto& p : campaign_settings()) out += describe(p);
  out += "\nStage entries (stages: - name: …):\n";
  for (const auto& p : stage_settings()) out += describe(p);
  out += "\nStructure entries (structures: NAME: …):\n";
  for (const auto& p : structure_settings()) out += describe(p);
  for (const units::UnitKind* kind : units::unit_kinds()) {
    out += fmt::format("\nUnit kind `{}`: {}\n  parameters:\n", kind->name, kind->summary);
    for (const auto& p : kind->params) out += "  " + describe(p);
    out += "  outputs:\n";
    for (const auto& f : kind->outputs)
      out += fmt::format("    {:<26} {}{}{}{} — {}\n", f.name,
                         f.type == units::FieldType::Int64 ? "int64" : "float64",
                         f.width > 1 ? fmt::format("[{}]", f.width) : "",
                         f.per_atom ? " per atom" : f.series ? fmt::format(" per row of {}", f.series) : "",
                         *f.unit ? fmt::format(" [{}]", f.unit) : "", f.doc);
    for (const auto& series : kind->series) out += fmt::format("  series {}: {}\n", series.name, series.doc);
    if (kind->snapshots) out += "  snapshots: structures kept along the way (particle group STAGE-K.snapshots)\n";
  }
  return out;
}

}  // namespace pelcamp::campaign
