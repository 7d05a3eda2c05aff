// pelcamp status STORE: per stage done/running/failed/pending, rate, ETA and the failures.
// Read-only and safe while a run writes the store: it reads the journal and the ledger's
// static columns, never the data being written.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>

#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/cli/commands.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/runner/store_preparation.hpp"
#include "pelcamp/store/journal.hpp"
#include "pelcamp/store/store.hpp"

namespace pelcamp::cli {

namespace {

struct StageCounts {
  std::string kind;
  std::size_t total = 0, done = 0, running = 0, failed = 0, skipped = 0, quarantined = 0, pending = 0;
};

void print_status(const std::string& path, std::size_t max_failures) {
  if (!std::filesystem::exists(path)) throw Error("no store at " + path);
  const store::StoreFiles files(path);
  auto st = store::Store::open(files.h5, false);
  const auto ledger = st->read_ledger();
  const bool active = runner::StoreLock::held(files.lock);
  const store::JournalState journal = store::replay_journal(files.journal);
  const bool have_journal = journal.valid_bytes > 0;
  const auto ledger_states = have_journal ? std::vector<store::UnitRecord>{} : st->read_states();

  std::vector<std::string> stage_order;
  std::map<std::string, StageCounts> stages;
  std::vector<std::pair<std::size_t, const store::UnitRecord*>> failures;
  std::size_t done = 0, left = 0;
  static const store::UnitRecord pending_record;
  for (std::size_t u = 0; u < ledger.size(); ++u) {
    const store::UnitRecord* r = &pending_record;
    if (have_journal) {
      auto it = journal.units.find(ledger[u].id);
      if (it != journal.units.end()) r = &it->second;
    } else {
      r = &ledger_states[u];
    }
    if (!stages.count(ledger[u].stage)) stage_order.push_back(ledger[u].stage);
    StageCounts& c = stages[ledger[u].stage];
    c.kind = ledger[u].kind;
    ++c.total;
    switch (r->status) {
      case store::UnitStatus::Done: ++c.done, ++done; break;
      case store::UnitStatus::Failed: ++c.failed; failures.emplace_back(u, r); break;
      case store::UnitStatus::Skipped: ++c.skipped; failures.emplace_back(u, r); break;
      case store::UnitStatus::Quarantined: ++c.quarantined; failures.emplace_back(u, r); break;
      case store::UnitStatus::Pending:
        ++left;
        if (r->in_flight && active) ++c.running;
        else ++c.pending;
    }
  }

  std::cout << fmt::format("store {}: campaign '{}', {} units, {} done\n", path,
                           store::read_string_attribute(st->file(), "campaign_name"), ledger.size(), done);
  if (!journal.sessions.empty()) {
    const auto& s = journal.sessions.back();
    const std::string state = active ? "running" : s.ended > 0 ? "ended (" + s.status + ")" : "ended abnormally (killed)";
    std::cout << fmt::format("run {}: started {} on {} rank(s) ({}), {}\n", journal.sessions.size() - 1,
                             store::iso_time(s.started), s.ranks, s.hosts, state);
    const auto& times = journal.done_times;
    if (times.size() >= 2) {
      const double span = times.back() - times.front();
      const double rate = span > 0 ? double(times.size() - 1) / span : 0.0;
      std::cout << fmt::format("rate {:.2f} units/s over that run", rate);
      if (active && rate > 0 && left > 0) std::cout << fmt::format(", ETA {:.0f} s", double(left) / rate);
      std::cout << "\n";
    }
  } else if (!have_journal) {
    std::cout << "(no journal next to the store: states from the store's ledger)\n";
  }
  std::cout << fmt::format("\n{:<20} {:<12} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n", "stage", "kind", "total",
                           "done", "running", "pending", "failed", "skipped", "quarant.");
  for (const auto& name : stage_order) {
    const auto& c = stages[name];
    std::cout << fmt::format("{:<20} {:<12} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n", name, c.kind, c.total,
                             c.done, c.running, c.pending, c.failed, c.skipped, c.quarantined);
  }
  if (!failures.empty()) {
    std::cout << fmt::format("\n{} unit(s) did not complete:\n", failures.size());
    for (std::size_t i = 0; i < failures.size() && i < max_failures; ++i) {
      const auto& [u, r] = failures[i];
      std::cout << fmt::format("  {} {} {} [{}]: {}\n", campaign::id_hex(ledger[u].id), ledger[u].stage,
                               store::status_name(r->status), ledger[u].params, r->reason);
    }
    if (failures.size() > max_failures) std::cout << fmt::format("  ... and {} more\n", failures.size() - max_failures);
  }
}

}  // namespace

void add_status_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("status", "progress of a store: per stage done, running, failed with reasons, rate, ETA");
  auto path = std::make_shared<std::string>();
  auto max_failures = std::make_shared<std::size_t>(20);
  cmd->add_option("store", *path, "the HDF5 store")->required();
  cmd->add_option("--failures", *max_failures, "how many failures to list (default 20)");
  cmd->callback([path, max_failures] {
    print_status(*path, *max_failures);
  });
}

}  // namespace pelcamp::cli
