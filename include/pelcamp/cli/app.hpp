#pragma once
// The pelcamp command line: builds the CLI11 application and dispatches subcommands.

namespace pelcamp::cli {

int run(int argc, char** argv);

}  // namespace pelcamp::cli
