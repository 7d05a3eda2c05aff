#include "pelcamp/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "pelcamp/cli/commands.hpp"
#include "pelcamp/core/error.hpp"

namespace pelcamp::cli {

int run(int argc, char** argv) {
  CLI::App app{"pelcamp: campaigns of atomistic calculations on potential energy landscapes"};
  app.set_version_flag("--version", PELCAMP_VERSION);
  app.require_subcommand(1);
  for (auto add : {add_build_command, add_eval_command, add_minimize_command, add_md_command, add_art_command,
                   add_run_command, add_plan_command, add_status_command, add_report_command,
                   add_export_command})
    add(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const ExitCode& e) {
    return e.code;
  } catch (const Error& e) {
    std::cerr << "pelcamp: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace pelcamp::cli
