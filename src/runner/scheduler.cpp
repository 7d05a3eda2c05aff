#include "pelcamp/runner/scheduler.hpp"

#include <algorithm>

namespace pelcamp::runner {

Scheduler::Scheduler(const campaign::Plan& plan, const std::vector<State>& initial,
                     SchedulerSettings settings, std::vector<bool> suspects)
    : plan_(plan), settings_(settings), state_(initial), unmet_(plan.units.size(), 0),
      dependents_(plan.units.size()), held_(static_cast<std::size_t>(std::max(settings.workers, 1)) + 1),
      suspect_(std::move(suspects)) {
  suspect_.resize(plan.units.size(), false);
  for (std::uint32_t u = 0; u < plan.units.size(); ++u)
    for (std::uint32_t d : plan.units[u].deps) dependents_[d].push_back(u);
  // Plan order is topological: every input comes before the units that use it.
  for (std::uint32_t u = 0; u < plan.units.size(); ++u) {
    if (state_[u] == State::Done || state_[u] == State::Failed) continue;
    bool input_failed = false;
    for (std::uint32_t d : plan.units[u].deps) {
      if (state_[d] == State::Failed) input_failed = true;
      else if (state_[d] != State::Done) ++unmet_[u];
    }
    if (input_failed) {
      state_[u] = State::Failed;
      skipped_at_start_.push_back(u);
      continue;
    }
    ++unfinished_;
    state_[u] = State::Waiting;
    if (unmet_[u] == 0) make_ready(u);
  }
}

void Scheduler::make_ready(std::uint32_t unit) {
  state_[unit] = State::Ready;
  ++ready_count_;
  if (suspect_[unit]) {
    ready_suspects_.push_back(unit);
    return;
  }
  const Entry entry{plan_.units[unit].expected_seconds, -static_cast<std::int64_t>(unit)};
  ready_.push(entry);
  if (const std::uint64_t key = plan_.units[unit].affinity) ready_by_input_[key].push(entry);
}

void Scheduler::hold(int worker, std::uint64_t key) {
  auto& held = held_[static_cast<std::size_t>(worker)];
  auto it = std::find(held.begin(), held.end(), key);
  if (it != held.end()) held.erase(it);
  held.push_front(key);
  if (held.size() > settings_.held_inputs) held.pop_back();
}

std::int64_t Scheduler::pop_affine(int worker) {
  for (std::uint64_t key : held_[static_cast<std::size_t>(worker)]) {
    auto it = ready_by_input_.find(key);
    if (it == ready_by_input_.end()) continue;
    auto& queue = it->second;
    while (!queue.empty()) {
      const auto unit = static_cast<std::uint32_t>(-queue.top().second);
      queue.pop();
      if (state_[unit] == State::Ready) return unit;
    }
    ready_by_input_.erase(it);
  }
  return -1;
}

std::int64_t Scheduler::pop_global() {
  // Entries of units taken through the affinity queues are dropped lazily here.
  while (!ready_.empty()) {
    const auto unit = static_cast<std::uint32_t>(-ready_.top().second);
    ready_.pop();
    if (state_[unit] == State::Ready) return unit;
  }
  return -1;
}

bool Scheduler::take(std::uint32_t unit, int worker, std::vector<std::uint32_t>& batch, double& work) {
  state_[unit] = State::Running;
  --ready_count_;
  ++running_count_;
  batch.push_back(unit);
  work += plan_.units[unit].expected_seconds;
  if (const std::uint64_t key = plan_.units[unit].affinity) hold(worker, key);
  return true;
}

std::vector<std::uint32_t> Scheduler::next_batch(int worker) {
  std::vector<std::uint32_t> batch;
  double work = 0.0;
  if (!suspect_running_ && !ready_suspects_.empty()) {
    const std::uint32_t unit = ready_suspects_.front();
    ready_suspects_.pop_front();
    suspect_running_ = true;
    take(unit, worker, batch, work);
    return batch;
  }
  std::int64_t first = pop_affine(worker);
  if (first < 0) first = pop_global();
  if (first < 0) return batch;
  take(static_cast<std::uint32_t>(first), worker, batch, work);
  if (work >= settings_.batch_seconds) return batch;
  // Tiny units: fill a batch, leaving every other worker a share of what is ready.
  const std::size_t share = std::max<std::size_t>(1, (ready_count_ + 1) / static_cast<std::size_t>(std::max(settings_.workers, 1)));
  const std::size_t cap = std::min<std::size_t>(static_cast<std::size_t>(settings_.max_batch), share);
  while (batch.size() < cap && work < settings_.batch_seconds) {
    std::int64_t next = pop_affine(worker);
    if (next < 0) next = pop_global();
    if (next < 0) break;
    take(static_cast<std::uint32_t>(next), worker, batch, work);
  }
  return batch;
}

void Scheduler::finish_running(std::uint32_t unit) {
  --running_count_;
  if (suspect_[unit]) suspect_running_ = false;
}

void Scheduler::completed(std::uint32_t unit, int worker) {
  if (state_[unit] != State::Running) return;
  state_[unit] = State::Done;
  finish_running(unit);
  --unfinished_;
  hold(worker, plan_.units[unit].id);  // its output is cached where it ran
  for (std::uint32_t d : dependents_[unit])
    if (state_[d] == State::Waiting && --unmet_[d] == 0) make_ready(d);
}

std::vector<std::uint32_t> Scheduler::fail_downstream(std::uint32_t unit) {
  std::vector<std::uint32_t> skipped;
  std::vector<std::uint32_t> stack{unit};
  while (!stack.empty()) {
    const std::uint32_t u = stack.back();
    stack.pop_back();
    for (std::uint32_t d : dependents_[u]) {
      if (state_[d] != State::Waiting) continue;  // inputs of Ready/Running units are all done
      state_[d] = State::Failed;
      --unfinished_;
      skipped.push_back(d);
      stack.push_back(d);
    }
  }
  return skipped;
}

std::vector<std::uint32_t> Scheduler::failed(std::uint32_t unit) {
  if (state_[unit] != State::Running) return {};
  state_[unit] = State::Failed;
  finish_running(unit);
  --unfinished_;
  return fail_downstream(unit);
}

void Scheduler::release(std::uint32_t unit) {
  if (state_[unit] != State::Running) return;
  finish_running(unit);
  make_ready(unit);
}

}  // namespace pelcamp::runner
