#pragma once
// Each subcommand lives in src/cli/<name>_command.cpp and adds itself to the application
// through one function; app.cpp lists them in one table. A command's callback stores its
// exit code in `exit_code` and reports bad input by throwing pelcamp::Error.
#include <CLI/CLI.hpp>

namespace pelcamp::cli {

using AddCommand = void (*)(CLI::App& app, int& exit_code);

void add_run_command(CLI::App& app, int& exit_code);
void add_plan_command(CLI::App& app, int& exit_code);
void add_status_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_export_command(CLI::App& app, int& exit_code);

}  // namespace pelcamp::cli
