#pragma once
// Rank 0: hands out units, records every outcome in the journal, releases dependent units,
// watches deadlines and stop requests, prints progress. With one rank it also runs the
// units itself.
#include <boost/mpi/communicator.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <spdlog/logger.h>

#include "pelcamp/campaign/campaign.hpp"
#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/runner/progress.hpp"
#include "pelcamp/runner/scheduler.hpp"
#include "pelcamp/runner/stop_control.hpp"
#include "pelcamp/runner/store_preparation.hpp"
#include "pelcamp/runner/unit_executor.hpp"
#include "pelcamp/store/journal.hpp"
#include "pelcamp/store/store.hpp"

namespace pelcamp::runner {

struct RunResult {
  std::string status;  // complete | stopped
  std::size_t done = 0, failed = 0, remaining = 0, done_this_run = 0;
  bool lost_workers = false;  // a worker stopped answering (hung unit): the job must abort
  double busy_seconds = 0.0;  // manager time spent on scheduling and bookkeeping
  std::size_t handled = 0;    // unit outcomes the manager processed
};

class Manager {
 public:
  Manager(const campaign::Campaign& campaign, const campaign::Plan& plan, store::Store& store,
          const store::StoreFiles& files, Preparation& prep, const StopControl& stop,
          spdlog::logger& log);
  RunResult run(boost::mpi::communicator& world);

 private:
  struct Batch {
    std::vector<std::uint32_t> units;
    std::chrono::steady_clock::time_point hard_deadline;
  };
  enum class WorkerState { Busy, Idle, Stopped, Lost };

  void run_serial();
  void run_distributed(boost::mpi::communicator& world);
  std::vector<std::pair<std::uint32_t, std::int32_t>> assign(int worker);
  void record(const UnitReport& report, int worker);
  void record_skipped(std::uint32_t unit, std::uint32_t because);
  void after_batch();
  bool stopping();  // stop requested (logged once)
  void check_hung(std::vector<WorkerState>& states, std::vector<Batch>& batches);

  const campaign::Campaign& campaign_;
  const campaign::Plan& plan_;
  store::Store& store_;
  const store::StoreFiles& files_;
  Preparation& prep_;
  const StopControl& stop_;
  spdlog::logger& log_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<store::JournalWriter> journal_;
  std::unique_ptr<Progress> progress_;
  std::vector<std::int32_t> attempts_;
  RunResult result_;
  std::chrono::steady_clock::time_point last_sync_;
  bool stop_logged_ = false;
};

}  // namespace pelcamp::runner
