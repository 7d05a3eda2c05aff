#include "pelcamp/runner/store_preparation.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"

namespace pelcamp::runner {

namespace fs = std::filesystem;
using store::UnitRecord;
using store::UnitStatus;

StoreLock::StoreLock(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT, 0644);
  if (fd_ < 0) throw Error("cannot create lock file " + path + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    fd_ = -1;
    throw Error("the store is in use by another pelcamp run (lock " + path + " is held)");
  }
}

StoreLock::~StoreLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

bool StoreLock::held(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  const bool busy = ::flock(fd, LOCK_SH | LOCK_NB) != 0;
  ::close(fd);
  return busy;
}

namespace {

std::string new_uuid() {
  std::uint64_t seed = static_cast<std::uint64_t>(store::unix_now() * 1e6) ^
                       (static_cast<std::uint64_t>(::getpid()) << 32);
  return fmt::format("{:016x}{:016x}", splitmix64(seed), splitmix64(seed));
}

// Copies every done unit of `old_path` that is still in the plan into a new store laid out
// for the plan, then replaces the old file atomically.
void migrate(const store::StoreFiles& files, const campaign::Campaign& c, const campaign::Plan& plan,
             const store::StoreLayout& layout, const store::JournalState& journal, Preparation& prep) {
  const std::string tmp = files.h5 + ".migrating";
  auto old = store::Store::open(files.h5, false);
  const std::string uuid = old->uuid();
  store::Store::create(tmp, c, plan, layout, uuid);
  {
    auto fresh = store::Store::open(tmp, true);
    for (std::uint32_t u = 0; u < plan.units.size(); ++u) {
      auto it = journal.units.find(plan.units[u].id);
      if (it == journal.units.end() || it->second.status != UnitStatus::Done) continue;
      const std::int64_t old_index = old->find(plan.units[u].id);
      if (old_index < 0) continue;
      fresh->write_output(u, *old->read_output(static_cast<std::uint32_t>(old_index)));
      ++prep.carried_over;
    }
    fresh->write_sessions_from(*old);
    fresh->make_durable();
  }
  for (const auto& [id, record] : journal.units)
    if (record.status == UnitStatus::Done && !plan.index.count(id) && old->find(id) >= 0) ++prep.dropped;
  old.reset();
  if (prep.dropped > 0) {
    prep.previous_copy = fmt::format("{}.before-session-{}", files.h5, journal.sessions.size());
    fs::remove(prep.previous_copy);
    fs::create_hard_link(files.h5, prep.previous_copy);
  }
  fs::rename(tmp, files.h5);  // atomic: a crash leaves either the old or the new store
  prep.migrated = true;
}

}  // namespace

Preparation prepare_store(const store::StoreFiles& files, const campaign::Campaign& c,
                          const campaign::Plan& plan, const store::StoreLayout& layout,
                          bool retry_failed) {
  Preparation prep;
  fs::remove(files.h5 + ".creating");
  fs::remove(files.h5 + ".migrating");
  store::JournalState journal = store::replay_journal(files.journal);
  const bool have_store = fs::exists(files.h5);
  if (!have_store && journal.valid_bytes > 0) {
    // A journal without its store describes data that no longer exists: set it aside.
    const std::string aside = fmt::format("{}.orphaned-{:.0f}", files.journal, store::unix_now());
    fs::rename(files.journal, aside);
    prep.notes.push_back("the store file was missing; its old journal was moved to " + aside);
    journal = store::JournalState{};
  }
  std::unique_ptr<store::JournalWriter> writer;
  if (!have_store) {
    const std::string tmp = files.h5 + ".creating";
    const std::string uuid = new_uuid();
    store::Store::create(tmp, c, plan, layout, uuid);
    fs::rename(tmp, files.h5);
    writer = std::make_unique<store::JournalWriter>(files.journal, 0);
    writer->header(uuid);
    journal.store_uuid = uuid;
    prep.created = true;
  } else {
    auto existing = store::Store::open(files.h5, false);
    const std::string uuid = existing->uuid();
    if (journal.valid_bytes == 0) {
      // Journal lost: rebuild it from the ledger rows, which are written only after the
      // unit's data (so a row marked done has its data).
      writer = std::make_unique<store::JournalWriter>(files.journal, 0);
      writer->header(uuid);
      const auto states = existing->read_states();
      for (std::size_t u = 0; u < states.size(); ++u) {
        const auto& s = states[u];
        const char code = s.status == UnitStatus::Done ? 'D' : s.status == UnitStatus::Failed ? 'F'
                        : s.status == UnitStatus::Skipped ? 'K' : s.status == UnitStatus::Quarantined ? 'Q' : 0;
        if (!code) continue;
        writer->finished(code, existing->layout().ids[u], s.attempts, s.worker, s.wall_seconds, s.reason);
      }
      writer->flush();
      prep.notes.push_back("the journal was missing; rebuilt it from the store's ledger");
      journal = store::replay_journal(files.journal);
    } else if (journal.store_uuid != uuid) {
      throw Error("journal " + files.journal + " belongs to another store (uuid " + journal.store_uuid +
                  ", store has " + uuid + ")");
    }
    const bool same_layout = existing->fingerprint() == layout.fingerprint;
    existing.reset();
    if (!same_layout) migrate(files, c, plan, layout, journal, prep);
  }
  if (!writer) writer = std::make_unique<store::JournalWriter>(files.journal, journal.valid_bytes);

  // Crash policy: the units still open in the journal were running when the job died. A unit
  // that was already suspected (crashed before) runs alone (see Scheduler), so when one is
  // among them the crash is blamed on it only; otherwise on every unit that was running.
  bool suspect_running = false;
  for (const auto& [id, record] : journal.units) suspect_running |= record.in_flight && record.crashes > 0;
  for (auto& [id, record] : journal.units) {
    if (!record.in_flight) continue;
    const bool blamed = !suspect_running || record.crashes > 0;
    writer->crashed(id, blamed);
    record.in_flight = false;
    record.crashes += blamed ? 1 : 0;
  }
  prep.session = static_cast<int>(journal.sessions.size());
  prep.records.resize(plan.units.size());
  for (std::uint32_t u = 0; u < plan.units.size(); ++u) {
    const std::uint64_t id = plan.units[u].id;
    auto it = journal.units.find(id);
    UnitRecord record = it == journal.units.end() ? UnitRecord{} : it->second;
    const bool final = record.status != UnitStatus::Pending;
    if (retry_failed && final && record.status != UnitStatus::Done) {
      writer->reset(id);
      record = UnitRecord{};
    } else if (!final && record.crashes >= c.run.max_crash_attempts) {
      record.status = UnitStatus::Quarantined;
      record.reason = fmt::format("quarantined: the job died {} times while this unit was running",
                                  record.crashes);
      record.finished_at = store::unix_now();
      writer->finished('Q', id, record.attempts, record.worker, 0.0, record.reason);
      prep.notes.push_back(fmt::format("unit {} ({}) {}", campaign::id_hex(id),
                                       plan.units[u].params.canonical(), record.reason));
    }
    prep.records[u] = std::move(record);
  }
  writer->flush();
  writer->sync();
  {
    auto st = store::Store::open(files.h5, true, MPI_COMM_NULL, &layout);
    st->write_states(prep.records);
    st->make_durable();
  }
  prep.valid_journal_bytes = fs::file_size(files.journal);
  fs::create_directories(files.checkpoints);
  return prep;
}

}  // namespace pelcamp::runner
