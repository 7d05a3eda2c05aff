#pragma once
// The append-only journal next to the HDF5 store (STORE.h5.journal): the source of truth for
// what happened to every unit. One text line per event, written only after the event's data
// is in the HDF5 file; a line torn by a crash is dropped on replay. The HDF5 ledger
// (/units/state) is rebuilt from the journal at every start, so a job killed at any moment
// resumes losing at most the units that were in flight.
//
//   H pelcamp-journal 1 STORE_UUID               header
//   S SESSION UNIX_TIME RANKS HOSTS              a run starts
//   A ID ATTEMPT WORKER SESSION                  unit handed to a worker
//   D ID ATTEMPT WORKER WALL_S UNIX_TIME         done (data durable in the store)
//   F ID ATTEMPT WORKER WALL_S UNIX_TIME REASON  failed (the unit's own error)
//   K ID ATTEMPT WORKER WALL_S UNIX_TIME REASON  skipped (an input failed)
//   Q ID ATTEMPT WORKER WALL_S UNIX_TIME REASON  quarantined (the job died with it in flight too often)
//   I ID ATTEMPT WORKER WALL_S UNIX_TIME         interrupted by a graceful stop (reruns, no penalty)
//   C ID BLAMED                                  the job died while ID ran; BLAMED 1 counts it
//                                                as a crash of ID (see runner/store_preparation)
//   R ID                                         reset to pending (run --retry-failed)
//   E SESSION UNIX_TIME STATUS DONE              a run ended cleanly
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace pelcamp::store {

enum class UnitStatus : std::int8_t { Pending = 0, Done = 1, Failed = 2, Skipped = 3, Quarantined = 4 };
const char* status_name(UnitStatus status);

struct UnitRecord {
  UnitStatus status = UnitStatus::Pending;
  std::int32_t attempts = 0;  // times handed to a worker
  std::int32_t crashes = 0;   // times the job died with this unit running, blamed on it
  std::int32_t worker = -1;
  double wall_seconds = 0.0;
  double finished_at = 0.0;  // unix time
  std::string reason;
  bool in_flight = false;  // handed out and not reported (running now, or lost in a crash)
  std::int32_t in_flight_session = -1;
};

struct SessionInfo {
  double started = 0.0;
  double ended = 0.0;  // 0: no clean end recorded
  int ranks = 0;
  std::string hosts;
  std::string status;
  std::int64_t done = 0;
};

struct JournalState {
  std::string store_uuid;
  std::unordered_map<std::uint64_t, UnitRecord> units;
  std::vector<SessionInfo> sessions;
  std::vector<double> done_times;  // unix times of D records of the last session (rates)
  std::size_t valid_bytes = 0;     // length up to the last complete line
};

// Reads a journal; a missing file gives an empty state.
JournalState replay_journal(const std::string& path);

// Appends records. flush() hands them to the OS (survives a killed process); sync() also
// waits for the disk.
class JournalWriter {
 public:
  // Opens for appending after cutting a torn last line (valid_bytes from replay).
  JournalWriter(const std::string& path, std::size_t valid_bytes);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  void header(const std::string& store_uuid);
  void session_start(int session, int ranks, const std::string& hosts);
  void assigned(std::uint64_t id, int attempt, int worker, int session);
  // 'D', 'F', 'K', 'Q' or 'I'; the reason is kept on one line.
  void finished(char code, std::uint64_t id, int attempt, int worker, double wall_seconds,
                const std::string& reason = "");
  void reset(std::uint64_t id);
  void crashed(std::uint64_t id, bool blamed);
  void session_end(int session, const std::string& status, std::int64_t done);

  void flush();
  void sync();
  bool has_unsynced() const { return unsynced_; }

 private:
  int fd_ = -1;
  std::string buffer_;
  bool unsynced_ = false;
  std::string path_;
};

double unix_now();

}  // namespace pelcamp::store
