// pelcamp export STORE --out DIR [--format extxyz|data|dump]: every table as CSV (per-atom
// fields too) and every stored structure as a file OUT/STAGE/UNIT_ID.EXT written by the io
// layer (extxyz for ASE/OVITO, LAMMPS data, LAMMPS dump).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>

#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/cli/commands.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/io/structure_file.hpp"
#include "pelcamp/store/result_tables.hpp"
#include "pelcamp/store/store.hpp"

namespace pelcamp::cli {

void add_export_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("export", "write a store's tables (CSV) and structures (extxyz, LAMMPS data or dump)");
  struct Options {
    std::string store, out, format = "extxyz";
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("store", o->store, "the HDF5 store")->required();
  cmd->add_option("--out", o->out, "output directory")->required();
  cmd->add_option("--format", o->format, "structure files: extxyz, data (LAMMPS data) or dump (LAMMPS dump)")
      ->check(CLI::IsMember({"extxyz", "data", "dump"}))
      ->capture_default_str();
  cmd->callback([o] {
    if (!std::filesystem::exists(o->store)) throw Error("no store at " + o->store);
    auto st = store::Store::open(o->store, false);
    for (const auto& path : store::write_result_tables(*st, o->out, true)) std::cout << path << "\n";
    const auto ledger = st->read_ledger();
    const auto states = st->read_states();
    const auto& layout = st->layout();
    std::map<std::string, std::size_t> written;  // per stage
    for (std::uint32_t u = 0; u < layout.size(); ++u) {
      if (layout.particle_group[u] < 0 || states[u].status != store::UnitStatus::Done) continue;
      const std::string dir = o->out + "/" + ledger[u].stage;
      std::filesystem::create_directories(dir);
      Frame frame;
      frame.config = *st->read_output(u)->structure;
      frame.info = {{"unit_id", campaign::id_hex(ledger[u].id)}};
      write_structure(dir + "/" + campaign::id_hex(ledger[u].id) + "." + o->format, frame);
      ++written[ledger[u].stage];
    }
    for (const auto& [stage, count] : written)
      std::cout << fmt::format("{}/{}/ ({} structures)\n", o->out, stage, count);
  });
}

}  // namespace pelcamp::cli
