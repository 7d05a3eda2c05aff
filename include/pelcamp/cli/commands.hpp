#pragma once
// Each subcommand lives in its own src/cli/<name>_command.cpp and adds itself to the app.
#include <CLI/CLI.hpp>

namespace pelcamp::cli {

void add_build_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_minimize_command(CLI::App& app);
void add_md_command(CLI::App& app);

}  // namespace pelcamp::cli
