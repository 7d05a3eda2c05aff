#include "pelcamp/runner/unit_executor.hpp"

#include <chrono>

namespace pelcamp::runner {

UnitExecutor::UnitExecutor(const campaign::Plan& plan, store::Store& store, const StopControl& stop,
                           std::string checkpoint_dir, double unit_deadline, int rank)
    : plan_(plan), store_(store), stop_(stop), checkpoint_dir_(std::move(checkpoint_dir)),
      unit_deadline_(unit_deadline), rank_(rank) {}

std::shared_ptr<const units::UnitOutput> UnitExecutor::input(std::uint32_t unit) {
  for (auto it = cache_.begin(); it != cache_.end(); ++it)
    if (it->first == unit) {
      cache_.splice(cache_.begin(), cache_, it);
      return it->second;
    }
  std::shared_ptr<const units::UnitOutput> out = store_.read_output(unit);
  cache_.emplace_front(unit, out);
  if (cache_.size() > kCacheSize) cache_.pop_back();
  return out;
}

UnitReport UnitExecutor::run(std::uint32_t unit, std::int32_t attempt) {
  const auto& pu = plan_.units[unit];
  UnitReport report{unit, attempt, 'D', 0.0, ""};
  const auto start = std::chrono::steady_clock::now();
  auto output = std::make_shared<units::UnitOutput>();
  try {
    std::vector<std::shared_ptr<const units::UnitOutput>> inputs;
    for (std::uint32_t d : pu.deps) inputs.push_back(input(d));
    units::UnitContext ctx{
        .params = pu.params,
        .campaign_seed = plan_.seed,
        .unit_id = pu.id,
        .inputs = std::move(inputs),
        .checkpoint_file = checkpoint_dir_ + "/" + campaign::id_hex(pu.id) + ".ckpt",
        .stop_requested = [this] { return stop_.stop_requested(); },
        .deadline = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                std::chrono::duration<double>(unit_deadline_)),
    };
    pu.kind->run(ctx, *output);
    store_.write_output(unit, *output);
  } catch (const units::UnitInterrupted& e) {
    report.outcome = 'I';
    report.reason = e.what();
  } catch (const std::exception& e) {
    report.outcome = 'F';
    report.reason = e.what();
  }
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (report.outcome == 'I') return report;
  if (report.outcome == 'D') {
    cache_.emplace_front(unit, output);
    if (cache_.size() > kCacheSize) cache_.pop_back();
  }
  store::UnitRecord record;
  record.status = report.outcome == 'D' ? store::UnitStatus::Done : store::UnitStatus::Failed;
  record.attempts = attempt;
  record.worker = rank_;
  record.wall_seconds = report.wall_seconds;
  record.finished_at = store::unix_now();
  record.reason = report.reason;
  store_.write_state(unit, record);
  return report;
}

}  // namespace pelcamp::runner
