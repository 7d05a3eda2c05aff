#pragma once
// Each subcommand lives in its own src/cli/<name>_command.cpp and adds itself to the app.
#include <CLI/CLI.hpp>

namespace pelcamp::cli {

void add_build_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_minimize_command(CLI::App& app);
void add_md_command(CLI::App& app);
void add_art_command(CLI::App& app);
// Campaign commands (MPI, HDF5 store).
void add_run_command(CLI::App& app);
void add_plan_command(CLI::App& app);
void add_status_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_export_command(CLI::App& app);

// Thrown by a command that has already reported its outcome and only sets the exit code
// (e.g. 2: the campaign file is invalid).
struct ExitCode {
  int code;
};

}  // namespace pelcamp::cli
