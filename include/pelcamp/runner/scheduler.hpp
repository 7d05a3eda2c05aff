#pragma once
// The manager's scheduling state, independent of MPI: which units are ready (all inputs
// done), which run where, and what to hand a worker that asks for work.
//
// Policy: pull-based; longest expected first; a worker is preferably given units that use
// an input it already holds (affinity: it computed it or ran a sibling); units expected to
// be shorter than `batch_seconds` go out in batches of about that much work, capped so that
// every worker still gets a share. A failed unit skips everything downstream of it.
// Suspects (units that were running when an earlier job died) run alone, one at a time, so
// that a crash can be blamed on the right unit.
#include <cstdint>
#include <deque>
#include <queue>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pelcamp/campaign/plan.hpp"

namespace pelcamp::runner {

struct SchedulerSettings {
  double batch_seconds = 0.05;
  int max_batch = 256;
  int workers = 1;
  std::size_t held_inputs = 4;  // inputs a worker is assumed to keep cached
};

class Scheduler {
 public:
  enum class State : std::uint8_t { Waiting, Ready, Running, Done, Failed };

  // `finished[u]` marks units already final (done: true outcome in `done`); the others are
  // scheduled. Units whose inputs failed are reported by skipped_at_start().
  Scheduler(const campaign::Plan& plan, const std::vector<State>& initial, SchedulerSettings settings,
            std::vector<bool> suspects = {});

  // Units to hand to `worker` now (empty when none is ready).
  std::vector<std::uint32_t> next_batch(int worker);
  // Outcome of a running unit. failed() returns the units skipped because of it.
  void completed(std::uint32_t unit, int worker);
  std::vector<std::uint32_t> failed(std::uint32_t unit);
  // A running unit that will run again later (interrupted by a stop).
  void release(std::uint32_t unit);

  State state(std::uint32_t unit) const { return state_[unit]; }
  std::size_t ready() const { return ready_count_; }
  std::size_t running() const { return running_count_; }
  std::size_t unfinished() const { return unfinished_; }  // waiting + ready + running
  const std::vector<std::uint32_t>& skipped_at_start() const { return skipped_at_start_; }

 private:
  using Entry = std::pair<double, std::int64_t>;  // (expected seconds, -unit): longest, then first
  void make_ready(std::uint32_t unit);
  bool take(std::uint32_t unit, int worker, std::vector<std::uint32_t>& batch, double& work);
  std::int64_t pop_affine(int worker);
  std::int64_t pop_global();
  void hold(int worker, std::uint64_t key);
  std::vector<std::uint32_t> fail_downstream(std::uint32_t unit);
  void finish_running(std::uint32_t unit);

  const campaign::Plan& plan_;
  SchedulerSettings settings_;
  std::vector<State> state_;
  std::vector<std::uint32_t> unmet_;
  std::vector<std::vector<std::uint32_t>> dependents_;
  std::priority_queue<Entry> ready_;
  std::unordered_map<std::uint64_t, std::priority_queue<Entry>> ready_by_input_;
  std::vector<std::deque<std::uint64_t>> held_;  // per worker, most recent first
  std::vector<std::uint32_t> skipped_at_start_;
  std::vector<bool> suspect_;
  std::deque<std::uint32_t> ready_suspects_;
  bool suspect_running_ = false;
  std::size_t ready_count_ = 0, running_count_ = 0, unfinished_ = 0;
};

}  // namespace pelcamp::runner
