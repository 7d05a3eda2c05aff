// pelcamp report STORE --out DIR: CSV tables of every study in the store, and PNG figures
// rendered by tools/plot_store.py with the system python (matplotlib, h5py).
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "pelcamp/cli/commands.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/store/result_tables.hpp"
#include "pelcamp/store/store.hpp"

namespace pelcamp::cli {

namespace {

// tools/plot_store.py: $PELCAMP_TOOLS_DIR, else the source tree this binary was built from.
std::string plot_script() {
  for (const char* dir : {static_cast<const char*>(std::getenv("PELCAMP_TOOLS_DIR")), PELCAMP_SOURCE_DIR "/tools"}) {
    if (!dir) continue;
    const std::string path = std::string(dir) + "/plot_store.py";
    if (std::filesystem::exists(path)) return path;
  }
  return "";
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("report", "tables (CSV) and figures (PNG) of every study in a store");
  struct Options {
    std::string store, out;
    bool no_figures = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("store", o->store, "the HDF5 store")->required();
  cmd->add_option("--out", o->out, "output directory")->required();
  cmd->add_flag("--no-figures", o->no_figures, "tables only");
  cmd->callback([o] {
    if (!std::filesystem::exists(o->store)) throw Error("no store at " + o->store);
    {
      auto st = store::Store::open(o->store, false);
      for (const auto& path : store::write_result_tables(*st, o->out, false)) std::cout << path << "\n";
    }
    if (o->no_figures) return;
    const std::string script = plot_script();
    if (script.empty()) throw Error("cannot find tools/plot_store.py (set PELCAMP_TOOLS_DIR)");
    const std::string python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const std::string command = python + " " + shell_quote(script) + " " + shell_quote(o->store) + " " + shell_quote(o->out);
    if (std::system(command.c_str()) != 0)
      throw Error("figure script failed: " + command + " (needs python3-matplotlib and python3-h5py)");
  });
}

}  // namespace pelcamp::cli
