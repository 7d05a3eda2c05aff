#pragma once
// Where every unit's data lives in the store. The layout is a function of the plan, so every
// rank computes the same one; it can also be read back from a store file alone (readers).
//
// File layout (see docs in cluster/README.md and `h5dump -n STORE.h5`):
//   /provenance/          campaign text, resolved campaign, version, build, potentials (sha256),
//                         sessions (one row per run: times, ranks, hosts, command, status)
//   /units/               the ledger, one row per unit: id, stage, kind, kind_row, params,
//                         inherited, depends_on, expected_seconds, atoms, and `state`
//                         (status, attempts, worker, wall_seconds, finished_at, reason)
//   /results/KIND/        unit_id[kind_row], one dataset per output field ([units] or
//                         [units, width]; per-atom fields [atoms, width] with atom_offset)
//   /results/KIND/SERIES/ the columns of each series of the kind ([rows, width]) and
//                         row_offset (units + 1 prefix sums: a unit's rows)
//   /particles/GROUP/     H5MD particle data of each unit's final structure: one group per
//                         stage (frame k = k-th unit of the stage) when all its units have the
//                         same atom count and boundary, else one group per unit (STAGE-K);
//                         /units/particle_group and /units/particle_frame say where each is;
//                         a unit's snapshots are the frames of its own group STAGE-K.snapshots
//                         (/units/snapshot_group)
#include <cstdint>
#include <string>
#include <vector>

#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::store {

struct KindLayout {
  std::string name;
  const units::UnitKind* kind = nullptr;
  std::vector<std::uint32_t> units;       // unit indices, in kind_row order
  std::vector<std::uint64_t> atom_offset;  // units.size() + 1 prefix sums of atom counts
  // Per series of the kind (in kind->series order): units.size() + 1 prefix sums of rows.
  std::vector<std::vector<std::uint64_t>> series_offset;
  std::uint64_t atoms(std::size_t row) const { return atom_offset[row + 1] - atom_offset[row]; }

  // Where field `spec` of the unit in kind_row `row` lives: its first row and row count,
  // and the dataset path under the store's root.
  struct Rows {
    std::uint64_t first = 0, count = 0;
  };
  Rows rows_of(const units::OutputField& spec, std::size_t row) const;
  std::string path_of(const units::OutputField& spec) const;
};

// One H5MD group under /particles.
struct ParticleGroup {
  std::string name;
  std::uint64_t frames = 0;
  std::uint64_t atoms = 0;
  bool periodic = true;
};

struct StoreLayout {
  std::vector<KindLayout> kinds;
  std::vector<std::uint64_t> ids;       // per unit
  std::vector<std::int32_t> kind_of;    // per unit
  std::vector<std::uint64_t> kind_row;  // per unit
  std::vector<ParticleGroup> particle_groups;
  std::vector<std::int32_t> particle_group;   // per unit: index into particle_groups, -1: none
  std::vector<std::uint64_t> particle_frame;  // per unit: frame within its group
  std::vector<std::int32_t> snapshot_group;   // per unit: group of its snapshots, -1: none
  std::uint64_t fingerprint = 0;        // changes whenever the layout or campaign changes

  std::size_t size() const { return ids.size(); }
  static StoreLayout from_plan(const campaign::Campaign& campaign, const campaign::Plan& plan);
};

// Fixed sizes of the ledger's text columns.
constexpr std::size_t kReasonSize = 240;
constexpr std::size_t kSpeciesNameSize = 16;
constexpr std::size_t kMaxSpecies = 8;
constexpr std::size_t kSessionCapacity = 512;

}  // namespace pelcamp::store
