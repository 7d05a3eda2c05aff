// pelcamp run CAMPAIGN --store STORE.h5 [--scale demo|full|N] [--walltime T] [--retry-failed]
#include <boost/mpi/environment.hpp>

#include <cmath>
#include <cstdlib>

#include "pelcamp/campaign/scale.hpp"
#include "pelcamp/cli/commands.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/runner/run_campaign.hpp"

namespace pelcamp::cli {

namespace {

// Seconds from "3600", "90m", "2h", "1d" or Slurm's "[D-]HH:MM:SS" / "MM:SS".
double parse_walltime(const std::string& text) {
  auto fail = [&]() -> double {
    throw Error("--walltime '" + text + "': expected seconds, a number with s/m/h/d, or [D-]HH:MM:SS");
  };
  if (text.find(':') != std::string::npos) {
    double days = 0;
    std::string rest = text;
    if (auto dash = rest.find('-'); dash != std::string::npos) {
      days = std::atof(rest.substr(0, dash).c_str());
      rest = rest.substr(dash + 1);
    }
    double total = 0;
    std::size_t start = 0;
    int parts = 0;
    while (start <= rest.size()) {
      const auto colon = rest.find(':', start);
      const std::string part = rest.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      char* end = nullptr;
      const double v = std::strtod(part.c_str(), &end);
      if (part.empty() || *end != '\0') return fail();
      total = total * 60 + v;
      ++parts;
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    if (parts == 2 && days == 0) return total;  // MM:SS
    return days * 86400 + total;
  }
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !std::isfinite(v) || v <= 0) return fail();
  const std::string unit(end);
  if (unit.empty() || unit == "s") return v;
  if (unit == "m") return v * 60;
  if (unit == "h") return v * 3600;
  if (unit == "d") return v * 86400;
  return fail();
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("run", "run (or resume) a campaign into a store, under mpirun or alone");
  auto options = std::make_shared<runner::RunOptions>();
  auto scale = std::make_shared<std::string>();
  auto walltime = std::make_shared<std::string>();
  cmd->add_option("campaign", options->campaign_file, "campaign YAML file")->required();
  cmd->add_option("--store", options->store_path, "the HDF5 store (created, or resumed when it exists)")->required();
  cmd->add_option("--scale", *scale, "demo | full | a positive factor F (full values, extensive × F) | demo*F (overrides the file's `scale`)");
  cmd->add_option("--walltime", *walltime,
                  "stop gracefully before this much time has passed (s, 90m, 2h, HH:MM:SS); "
                  "SLURM_JOB_END_TIME is honoured too");
  cmd->add_flag("--retry-failed", options->retry_failed, "run failed, skipped and quarantined units again");
  cmd->callback([options, scale, walltime] {
    if (!scale->empty()) {
      options->scale = campaign::Scale::parse(*scale);
      if (!options->scale) throw Error("--scale '" + *scale + "': allowed: " + campaign::Scale::kAllowed);
    }
    if (!walltime->empty()) options->walltime_seconds = parse_walltime(*walltime);
    options->command_line = "pelcamp run " + options->campaign_file + " --store " + options->store_path;
    if (!scale->empty()) options->command_line += " --scale " + *scale;
    if (!walltime->empty()) options->command_line += " --walltime " + *walltime;
    int code = 0;
    {
      boost::mpi::environment env(boost::mpi::threading::single, false);
      code = runner::run_campaign(*options);
    }  // MPI finalized
    if (code != 0) throw ExitCode{code};
  });
}

}  // namespace pelcamp::cli
