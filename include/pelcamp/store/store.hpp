#pragma once
// The campaign store: one HDF5 file laid out completely when it is created (every dataset
// allocated, no later metadata changes), plus its journal. During a run every rank opens it
// through MPI-IO and writes raw data only: unit results, particle frames and ledger rows, at
// places fixed by the layout. A process killed mid-run can therefore not corrupt the file's
// structure; what is complete is decided by the journal (journal.hpp).
#include <mpi.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "pelcamp/campaign/campaign.hpp"
#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/store/hdf5_handle.hpp"
#include "pelcamp/store/journal.hpp"
#include "pelcamp/store/store_layout.hpp"

namespace pelcamp::store {

// The files that make up a store called PATH (PATH.journal, PATH.lock, PATH.log, PATH.ckpt/).
struct StoreFiles {
  explicit StoreFiles(const std::string& h5_path);
  std::string h5, journal, lock, log, checkpoints;
};

struct SessionRow {
  std::string started;  // ISO 8601 local time
  std::string ended;    // "" while running or after a crash
  int ranks = 0;
  std::string hosts;
  std::string command;
  std::string status;  // "running", "complete", "stopped", "crashed"
  std::int64_t done = 0;
};

// Static description of a unit read back from the ledger.
struct LedgerEntry {
  std::uint64_t id = 0;
  std::string stage, kind, params, inherited, depends_on;
  std::uint64_t kind_row = 0;
  double expected_seconds = 0;
  std::uint64_t atoms = 0;
};

std::string iso_time(double unix_time);

class Store {
 public:
  // Writes a complete new store file for `plan` at `path` (one process, no MPI-IO).
  static void create(const std::string& path, const campaign::Campaign& campaign,
                     const campaign::Plan& plan, const StoreLayout& layout, const std::string& uuid);
  // Opens an existing store: through MPI-IO on `comm` (collective), or by one process when
  // comm is MPI_COMM_NULL. The layout is read from the file when none is given.
  static std::unique_ptr<Store> open(const std::string& path, bool writable,
                                     MPI_Comm comm = MPI_COMM_NULL,
                                     const StoreLayout* layout = nullptr);
  ~Store();

  const StoreLayout& layout() const { return layout_; }
  std::string uuid() const;
  std::uint64_t fingerprint() const;
  // Index of a unit by id (-1 when absent).
  std::int64_t find(std::uint64_t id) const;

  // Raw writes into this unit's preallocated places; throws when the output does not match
  // the kind's contract.
  void write_output(std::uint32_t unit, const units::UnitOutput& output);
  std::shared_ptr<units::UnitOutput> read_output(std::uint32_t unit);
  void write_state(std::uint32_t unit, const UnitRecord& record);
  void write_states(const std::vector<UnitRecord>& records);  // every row
  std::vector<UnitRecord> read_states();
  void write_session(int index, const SessionRow& row);
  std::vector<SessionRow> read_sessions();
  // Copies the session table of another store (migrations keep the run history).
  void write_sessions_from(Store& other);
  std::vector<LedgerEntry> read_ledger();
  std::string campaign_text();
  std::string resolved_campaign();
  // Waits until everything written so far is on disk.
  void make_durable();
  hid_t file() const { return file_; }

 private:
  Store() = default;
  hid_t dataset(const std::string& path);
  void write_frame(const ParticleGroup& group, std::uint64_t frame, const Configuration& config);
  Configuration read_frame(const ParticleGroup& group, std::uint64_t frame);

  H5Id file_;
  StoreLayout layout_;
  std::unordered_map<std::string, H5Id> datasets_;
  std::unordered_map<std::uint64_t, std::uint32_t> index_;
  int sync_fd_ = -1;
  std::string path_;
};

}  // namespace pelcamp::store
