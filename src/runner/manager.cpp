#include "pelcamp/runner/manager.hpp"

#include <boost/mpi/collectives.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>
#include <fmt/format.h>

#include <thread>

#include "pelcamp/runner/messages.hpp"

namespace pelcamp::runner {

using Clock = std::chrono::steady_clock;
using store::UnitStatus;

Manager::Manager(const campaign::Campaign& campaign, const campaign::Plan& plan, store::Store& store,
                 const store::StoreFiles& files, Preparation& prep, const StopControl& stop,
                 spdlog::logger& log)
    : campaign_(campaign), plan_(plan), store_(store), files_(files), prep_(prep), stop_(stop), log_(log) {}

std::vector<std::pair<std::uint32_t, std::int32_t>> Manager::assign(int worker) {
  std::vector<std::pair<std::uint32_t, std::int32_t>> batch;
  for (std::uint32_t u : scheduler_->next_batch(worker)) {
    const std::int32_t attempt = ++attempts_[u];
    journal_->assigned(plan_.units[u].id, attempt, worker, prep_.session);
    batch.emplace_back(u, attempt);
  }
  return batch;
}

void Manager::record_skipped(std::uint32_t unit, std::uint32_t because) {
  store::UnitRecord r;
  r.status = UnitStatus::Skipped;
  r.attempts = attempts_[unit];
  r.finished_at = store::unix_now();
  r.reason = "input " + campaign::id_hex(plan_.units[because].id) + " (" +
             plan_.stage_names[plan_.units[because].stage] + ") did not complete";
  journal_->finished('K', plan_.units[unit].id, r.attempts, 0, 0.0, r.reason);
  store_.write_state(unit, r);
  ++result_.failed;
}

void Manager::record(const UnitReport& report, int worker) {
  const auto& pu = plan_.units[report.unit];
  ++result_.handled;
  switch (report.outcome) {
    case 'D':
      journal_->finished('D', pu.id, report.attempt, worker, report.wall_seconds);
      scheduler_->completed(report.unit, worker);
      ++result_.done;
      ++result_.done_this_run;
      break;
    case 'I':
      journal_->finished('I', pu.id, report.attempt, worker, report.wall_seconds, report.reason);
      scheduler_->release(report.unit);
      break;
    default: {
      journal_->finished('F', pu.id, report.attempt, worker, report.wall_seconds, report.reason);
      log_.warn("unit {} [{}] {} failed on rank {}: {}", campaign::id_hex(pu.id), plan_.stage_names[pu.stage],
                pu.params.canonical(), worker, report.reason);
      ++result_.failed;
      for (std::uint32_t s : scheduler_->failed(report.unit)) record_skipped(s, report.unit);
    }
  }
}

bool Manager::stopping() {
  if (!stop_.stop_requested()) return false;
  if (!stop_logged_) {
    log_.info("stop requested ({}): no new units; waiting for running ones", stop_.reason());
    stop_logged_ = true;
  }
  return true;
}

void Manager::after_batch() {
  journal_->flush();  // outcomes now survive a killed process
  if (campaign_.output.fsync && Clock::now() - last_sync_ > std::chrono::milliseconds(200)) {
    journal_->sync();
    last_sync_ = Clock::now();
  }
  progress_->update(result_.done, result_.failed, scheduler_->running());
}

RunResult Manager::run(boost::mpi::communicator& world) {
  const std::size_t n = plan_.units.size();
  attempts_.resize(n);
  std::vector<Scheduler::State> initial(n, Scheduler::State::Waiting);
  std::vector<bool> suspects(n, false);
  for (std::size_t u = 0; u < n; ++u) {
    attempts_[u] = prep_.records[u].attempts;
    suspects[u] = prep_.records[u].crashes > 0;
    switch (prep_.records[u].status) {
      case UnitStatus::Done: initial[u] = Scheduler::State::Done; ++result_.done; break;
      case UnitStatus::Pending: break;
      default: initial[u] = Scheduler::State::Failed; ++result_.failed;
    }
  }
  SchedulerSettings settings{campaign_.run.batch_seconds, campaign_.run.max_batch,
                             std::max(world.size() - 1, 1)};
  scheduler_ = std::make_unique<Scheduler>(plan_, initial, settings, std::move(suspects));
  journal_ = std::make_unique<store::JournalWriter>(files_.journal, prep_.valid_journal_bytes);
  progress_ = std::make_unique<Progress>(n, result_.done, campaign_.output.progress_interval);
  last_sync_ = Clock::now();
  for (std::uint32_t u : scheduler_->skipped_at_start()) {
    std::uint32_t because = u;
    for (std::uint32_t d : plan_.units[u].deps)
      if (scheduler_->state(d) == Scheduler::State::Failed) because = d;
    record_skipped(u, because);
  }
  log_.info("{} units: {} done before, {} failed before, {} to run", n, result_.done,
            result_.failed - scheduler_->skipped_at_start().size(), scheduler_->unfinished());
  if (world.size() == 1) run_serial();
  else run_distributed(world);
  progress_->update(result_.done, result_.failed, 0, campaign_.output.progress_interval > 0);
  progress_->finish();
  journal_->flush();
  journal_->sync();
  result_.remaining = scheduler_->unfinished();
  result_.status = result_.remaining == 0 ? "complete" : "stopped";
  return result_;
}

void Manager::run_serial() {
  UnitExecutor executor(plan_, store_, stop_, files_.checkpoints, campaign_.run.unit_deadline, 0);
  while (scheduler_->unfinished() > 0 && !stopping()) {
    const auto batch = assign(0);
    if (batch.empty()) break;
    journal_->flush();
    std::vector<UnitReport> reports;
    for (const auto& [unit, attempt] : batch) {
      if (stop_.stop_requested()) reports.push_back({unit, attempt, 'I', 0.0, "not started: stopping"});
      else reports.push_back(executor.run(unit, attempt));
    }
    if (campaign_.output.fsync) store_.make_durable();  // data before the journal says done
    const auto busy_start = Clock::now();
    for (const auto& r : reports) record(r, 0);
    after_batch();
    result_.busy_seconds += std::chrono::duration<double>(Clock::now() - busy_start).count();
  }
}

void Manager::check_hung(std::vector<WorkerState>& states, std::vector<Batch>& batches) {
  const auto now = Clock::now();
  for (std::size_t w = 1; w < states.size(); ++w) {
    if (states[w] != WorkerState::Busy || now < batches[w].hard_deadline) continue;
    states[w] = WorkerState::Lost;
    result_.lost_workers = true;
    std::vector<std::uint32_t> running;
    for (std::uint32_t u : batches[w].units)
      if (scheduler_->state(u) == Scheduler::State::Running) running.push_back(u);
    if (running.size() == 1) {
      // Alone in its batch, the unit is known to be the one that hangs.
      record({running[0], attempts_[running[0]], 'F', 0.0,
              fmt::format("hung: no answer from rank {} within the unit deadline ({} s) plus run.hang_grace",
                          w, campaign_.run.unit_deadline)},
             static_cast<int>(w));
    } else {
      // Which unit of the batch hangs is unknown: the others run elsewhere; the journal keeps
      // them in flight, so the next run treats them as suspects (run alone, then blamed).
      for (std::uint32_t u : running) scheduler_->release(u);
    }
    log_.error("rank {} stopped answering (a unit hangs without checking its deadline); "
               "the job will abort when the other ranks are done; run again to continue", w);
  }
}

void Manager::run_distributed(boost::mpi::communicator& world) {
  const int workers = world.size() - 1;
  std::vector<WorkerState> states(world.size(), WorkerState::Idle);
  std::vector<Batch> batches(world.size());
  std::vector<bool> waiting(world.size(), false);  // asked for work and got no answer yet
  states[0] = WorkerState::Stopped;
  int active = workers;

  auto answer = [&](int w) {
    if (!stopping() && scheduler_->unfinished() > 0) {
      auto batch = assign(w);
      if (batch.empty()) {
        waiting[w] = true;
        states[w] = WorkerState::Idle;
        return;
      }
      Batch& b = batches[w];
      b.units.clear();
      for (const auto& [u, a] : batch) b.units.push_back(u);
      const double limit = double(batch.size()) * campaign_.run.unit_deadline + campaign_.run.hang_grace;
      b.hard_deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limit));
      journal_->flush();  // the A records precede any outcome
      world.send(w, kAssign, batch);
      states[w] = WorkerState::Busy;
      waiting[w] = false;
      return;
    }
    world.send(w, kStop);
    states[w] = WorkerState::Stopped;
    waiting[w] = false;
    --active;
  };

  std::vector<UnitReport> reports;
  int idle_polls = 0;
  while (active > 0) {
    if (auto status = world.iprobe(boost::mpi::any_source, kRequest)) {
      idle_polls = 0;
      const int w = status->source();
      world.recv(w, kRequest, reports);
      const auto busy_start = Clock::now();
      for (const auto& r : reports) record(r, w);
      answer(w);
      // New units may have become ready for workers that were told to wait.
      for (int v = 1; v <= workers; ++v)
        if (waiting[v] && (scheduler_->ready() > 0 || scheduler_->unfinished() == 0 || stopping()))
          answer(v);
      after_batch();
      result_.busy_seconds += std::chrono::duration<double>(Clock::now() - busy_start).count();
      continue;
    }
    // Nothing to receive: handle stops, deadlines and progress, then wait a little.
    for (int v = 1; v <= workers; ++v)
      if (waiting[v] && (stopping() || scheduler_->unfinished() == 0)) answer(v);
    if (++idle_polls % 1000 == 0) {
      check_hung(states, batches);
      active = 0;
      for (int v = 1; v <= workers; ++v)
        if (states[v] == WorkerState::Busy || states[v] == WorkerState::Idle) ++active;
      after_batch();
    }
    std::this_thread::sleep_for(std::chrono::microseconds(idle_polls < 100 ? 0 : 50));
  }
}

}  // namespace pelcamp::runner
