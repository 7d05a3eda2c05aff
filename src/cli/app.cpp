#include "pelcamp/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "pelcamp/cli/command.hpp"
#include "pelcamp/core/error.hpp"

namespace pelcamp::cli {

namespace {
// One line per subcommand.
const AddCommand kCommands[] = {
    add_run_command,
    add_plan_command,
    add_status_command,
    add_report_command,
    add_export_command,
};
}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"pelcamp: campaigns of atomistic calculations on potential energy landscapes"};
  app.set_version_flag("--version", PELCAMP_VERSION);
  app.require_subcommand(0, 1);
  int exit_code = 0;
  for (AddCommand add : kCommands) add(app, exit_code);
  try {
    app.parse(argc, argv);
    if (app.get_subcommands().empty()) std::cout << app.help();
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const Error& e) {
    std::cerr << "pelcamp: error: " << e.what() << "\n";
    return 1;
  }
  return exit_code;
}

}  // namespace pelcamp::cli
