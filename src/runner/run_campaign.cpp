#include "pelcamp/runner/run_campaign.hpp"

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "pelcamp/campaign/diagnostics.hpp"
#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/runner/manager.hpp"
#include "pelcamp/runner/store_preparation.hpp"
#include "pelcamp/runner/worker.hpp"

namespace pelcamp::runner {

namespace {

// Runs `step` on rank 0 and shares its outcome: every rank throws the same error if it failed.
template <class Step>
void on_rank0(boost::mpi::communicator& world, Step&& step) {
  std::string error;
  if (world.rank() == 0) {
    try {
      step();
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "unknown error";
    }
  }
  boost::mpi::broadcast(world, error, 0);
  if (!error.empty()) throw Error(error);
}

std::string hosts_of(boost::mpi::communicator& world) {
  std::vector<std::string> names;
  boost::mpi::gather(world, boost::mpi::environment::processor_name(), names, 0);
  std::set<std::string> unique(names.begin(), names.end());
  std::string joined;
  for (const auto& n : unique) joined += (joined.empty() ? "" : ",") + n;
  return joined;
}

}  // namespace

int run_campaign(const RunOptions& options) {
  boost::mpi::communicator world;
  const int rank = world.rank();
  StopControl stop;
  bool parallel_phase = false;
  try {
    std::string text;
    on_rank0(world, [&] {
      std::ifstream in(options.campaign_file);
      if (!in) throw InputError(options.campaign_file, 0, "cannot read the campaign file");
      std::stringstream buffer;
      buffer << in.rdbuf();
      text = buffer.str();
    });
    boost::mpi::broadcast(world, text, 0);
    const campaign::Campaign c = campaign::parse_campaign(text, options.campaign_file, options.scale);
    const campaign::Plan plan = campaign::make_plan(c);
    const store::StoreLayout layout = store::StoreLayout::from_plan(c, plan);
    const store::StoreFiles files(options.store_path);
    const std::string hosts = hosts_of(world);

    std::unique_ptr<StoreLock> lock;
    Preparation prep;
    std::shared_ptr<spdlog::logger> log;
    on_rank0(world, [&] {
      lock = std::make_unique<StoreLock>(files.lock);
      log = std::make_shared<spdlog::logger>(
          "pelcamp", std::make_shared<spdlog::sinks::basic_file_sink_mt>(files.log));
      log->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] %v");
      log->flush_on(spdlog::level::info);
      prep = prepare_store(files, c, plan, layout, options.retry_failed);
      log->info("session {}: {} rank(s) on {}; campaign {} ({} units, scale {}); store {}{}", prep.session,
                world.size(), hosts, options.campaign_file, plan.units.size(), c.scale.text(), files.h5,
                prep.created ? " (new)" : prep.migrated ? fmt::format(" (campaign changed: {} done units carried over)", prep.carried_over) : "");
      if (prep.dropped > 0)
        log->warn("{} done units are no longer in the campaign; the previous store is kept as {}",
                  prep.dropped, prep.previous_copy);
      for (const auto& note : prep.notes) log->warn("{}", note);
    });
    double deadline = StopControl::deadline_from(options.walltime_seconds, c.run.stop_margin);
    boost::mpi::broadcast(world, deadline, 0);
    stop.set_deadline(deadline);

    auto st = store::Store::open(files.h5, true, world, &layout);
    parallel_phase = true;  // from here an error on one rank can only end the whole job
    RunResult result;
    if (rank == 0) {
      store::SessionRow session{store::iso_time(store::unix_now()), "", world.size(), hosts,
                                options.command_line, "running", 0};
      st->write_session(prep.session, session);
      {
        store::JournalWriter journal(files.journal, prep.valid_journal_bytes);
        journal.session_start(prep.session, world.size(), hosts);
      }
      prep.valid_journal_bytes = std::filesystem::file_size(files.journal);
      Manager manager(c, plan, *st, files, prep, stop, *log);
      result = manager.run(world);
      if (result.lost_workers) {
        st->make_durable();
        log->error("aborting: a rank is stuck in a hung unit; rerun the same command to resume");
        std::cerr << "pelcamp: a rank is stuck in a hung unit (recorded failed); aborting the job\n";
        world.abort(3);
      }
      session.ended = store::iso_time(store::unix_now());
      session.status = result.status;
      session.done = static_cast<std::int64_t>(result.done_this_run);
      st->write_session(prep.session, session);
      st->make_durable();
    } else {
      UnitExecutor executor(plan, *st, stop, files.checkpoints, c.run.unit_deadline, rank);
      run_worker(world, executor, *st, stop, c.output.fsync);
    }
    st.reset();  // collective close
    parallel_phase = false;
    if (rank == 0) {
      {
        store::JournalWriter journal(files.journal, std::filesystem::file_size(files.journal));
        journal.session_end(prep.session, result.status, static_cast<std::int64_t>(result.done_this_run));
      }
      std::error_code ignored;
      std::filesystem::remove(files.checkpoints, ignored);  // only when no checkpoint is left
      const double per_unit = result.handled ? 1e6 * result.busy_seconds / double(result.handled) : 0.0;
      const std::string summary = fmt::format(
          "{}: {} done ({} this run), {} failed, {} not run; manager {:.1f} us per unit",
          result.status, result.done, result.done_this_run, result.failed, result.remaining, per_unit);
      log->info("{}", summary);
      std::cerr << "pelcamp: " << summary << "\n";
      if (result.failed > 0) std::cerr << "pelcamp: see `pelcamp status " << files.h5 << "` for the failures\n";
    }
    return 0;
  } catch (const campaign::CampaignError& e) {
    if (rank == 0) std::cerr << "pelcamp: error: " << e.what();
    return 2;
  } catch (const std::exception& e) {
    if (parallel_phase) {
      std::cerr << "pelcamp: error on rank " << rank << ": " << e.what() << "\n";
      world.abort(1);
    }
    if (rank == 0) std::cerr << "pelcamp: error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace pelcamp::runner
