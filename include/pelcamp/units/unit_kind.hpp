#pragma once
// The contract of a work unit kind: its parameters (inputs), its output fields, its expected
// cost, and the function that computes it. A unit never sees MPI, the store, or which rank
// runs it; its result is a pure function of (campaign seed, unit id, parameters, inputs).
//
// Adding a kind = one file src/units/<kind>_unit.cpp defining a `UnitKind` + one line in
// src/units/unit_registry.cpp.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/units/param.hpp"

namespace pelcamp::units {

enum class FieldType { Float64, Int64 };

// Facts about a unit known at plan time, before anything runs.
struct PlanInfo {
  const Params& params;
  std::size_t input_atoms = 0;      // atoms in the structure of the first input (0: no input)
  std::size_t input_snapshots = 0;  // snapshots the first input keeps (0: none)
};

// A table of a kind with a number of rows per unit that is fixed at plan time by the unit's
// parameters: a time series, a list of events, a quench trace. Its columns are the output
// fields naming it in `OutputField::series`; stored as /results/KIND/SERIES/FIELD with
// /results/KIND/SERIES/row_offset, and written as KIND.SERIES.csv by report and export.
struct SeriesSpec {
  const char* name;
  std::size_t (*rows)(const PlanInfo&);
  const char* doc = "";
};

// One output of a kind: `width` values per row; one row per unit, or one row per atom of
// the unit's structure when `per_atom` (e.g. forces: width 3, per_atom), or the rows of the
// kind's series named by `series`. A value a unit does not have is NaN (Int64 fields store
// NaN as INT64_MIN, the fill value of unwritten rows).
struct OutputField {
  const char* name;
  FieldType type = FieldType::Float64;
  int width = 1;
  bool per_atom = false;
  const char* unit = "";
  const char* doc = "";
  const char* series = nullptr;
};

// What a unit produced: one flat row-major vector per output field, in the kind's field
// order (Int64 fields hold exact integers), the final structure for kinds that write
// particle data, and the structures kept along the way by kinds with `snapshots`.
struct UnitOutput {
  std::vector<std::vector<double>> fields;
  std::optional<Configuration> structure;
  std::vector<Configuration> snapshots;
};

// Thrown by a unit that stopped on request after saving its checkpoint: it is not a failure;
// the unit runs again on resume and continues from the checkpoint.
class UnitInterrupted : public Error {
 public:
  using Error::Error;
};

// Everything a unit may use while it runs.
struct UnitContext {
  const Params& params;
  std::uint64_t campaign_seed = 0;
  std::uint64_t unit_id = 0;
  // Outputs of the units this one depends on, in the order of its dependencies.
  std::vector<std::shared_ptr<const UnitOutput>> inputs;
  // A file the unit may use to checkpoint a long computation ("" when checkpointing is off).
  std::string checkpoint_file;
  // Graceful stop or walltime: long units should checkpoint and throw UnitInterrupted.
  std::function<bool()> stop_requested = [] { return false; };
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();

  // Independent random stream `stream` of this unit, seeded from (campaign seed, unit id).
  Rng rng(std::uint64_t stream = 0) const;
  bool deadline_passed() const { return std::chrono::steady_clock::now() > deadline; }
  // Throws pelcamp::Error when the per-unit deadline has passed (long loops call this).
  void check_deadline() const;
};

struct UnitKind {
  const char* name;
  const char* summary;
  std::vector<ParamSpec> params;
  std::vector<OutputField> outputs;
  std::vector<SeriesSpec> series = {};
  bool writes_structure = false;  // final structure stored as H5MD particle data
  // Structures a unit keeps along the way (e.g. a quench at chosen temperatures), each with
  // the atom count of its final structure; nullptr: none. A unit's snapshots are the frames
  // of its own H5MD particle group STAGE-K.snapshots (K: the unit's place in its stage).
  std::size_t (*snapshots)(const PlanInfo&) = nullptr;
  // Rough expected wall time of one unit, seconds (longest-first scheduling, batching).
  double (*expected_seconds)(const PlanInfo&) = nullptr;
  // Atoms in the unit's structure: rows of per-atom fields and of particle data.
  std::size_t (*atom_count)(const PlanInfo&) = nullptr;
  // Whether the unit's structure is periodic (H5MD box boundary); nullptr: periodic.
  bool (*periodic)(const PlanInfo&) = nullptr;
  void (*run)(UnitContext&, UnitOutput&) = nullptr;

  const ParamSpec* find_param(const std::string& name) const;
  int field_index(const std::string& name) const;  // -1 when absent
  const SeriesSpec* find_series(const std::string& name) const;
};

}  // namespace pelcamp::units
