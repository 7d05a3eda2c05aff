#pragma once
// `pelcamp run`: every rank calls run_campaign inside one MPI job. Rank 0 prepares the
// store and manages; ranks >= 1 work; with one rank the manager runs the units itself.
#include <optional>
#include <string>

#include "pelcamp/campaign/scale.hpp"

namespace pelcamp::runner {

struct RunOptions {
  std::string campaign_file;
  std::string store_path;
  std::optional<campaign::Scale> scale;
  double walltime_seconds = 0.0;  // 0: none
  bool retry_failed = false;      // rerun failed, skipped and quarantined units
  std::string command_line;       // recorded in the session table
};

// Returns the process exit code: 0 when the campaign completed or stopped gracefully.
// MPI must be initialized.
int run_campaign(const RunOptions& options);

}  // namespace pelcamp::runner
