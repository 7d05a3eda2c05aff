#pragma once
// What rank 0 does before any work starts, alone and without MPI-IO: lock the store against
// a second run, replay the journal, create the store (or migrate it when the campaign
// changed, carrying over every unit already done), apply the crash policy (count attempts
// that died with the job, quarantine repeat offenders) and rewrite the HDF5 ledger from the
// journal.
#include <memory>
#include <string>
#include <vector>

#include "pelcamp/campaign/campaign.hpp"
#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/store/journal.hpp"
#include "pelcamp/store/store.hpp"

namespace pelcamp::runner {

// Holds the store's lock file for as long as it lives.
class StoreLock {
 public:
  explicit StoreLock(const std::string& path);  // throws when another run holds it
  ~StoreLock();
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  // True when some process holds the lock on `path` (a run is active).
  static bool held(const std::string& path);

 private:
  int fd_ = -1;
};

struct Preparation {
  std::vector<store::UnitRecord> records;  // per plan unit, after the crash policy
  int session = 0;                         // index of this run
  bool created = false;
  bool migrated = false;
  std::size_t carried_over = 0;  // done units copied into a migrated store
  std::size_t dropped = 0;       // done units no longer in the campaign (kept in PREVIOUS)
  std::string previous_copy;     // the pre-migration store, kept when units were dropped
  std::vector<std::string> notes;  // quarantines etc., for the log
  std::size_t valid_journal_bytes = 0;
};

Preparation prepare_store(const store::StoreFiles& files, const campaign::Campaign& campaign,
                          const campaign::Plan& plan, const store::StoreLayout& layout,
                          bool retry_failed);

}  // namespace pelcamp::runner
