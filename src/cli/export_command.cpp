// pelcamp export STORE --out DIR: every table as CSV (per-atom fields too) and the stored
// structures as extended XYZ, one file per unit kind with one frame per done unit.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/cli/commands.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/store/result_tables.hpp"
#include "pelcamp/store/store.hpp"

namespace pelcamp::cli {

namespace {

// Extended XYZ frame (ASE/OVITO readable): Lattice and pbc for periodic cells, unit id and
// parameters in the comment line.
void write_extxyz_frame(std::ostream& out, const Configuration& c, const std::string& unit_id,
                        const std::string& params) {
  out << c.size() << "\n";
  if (!c.box.unbounded()) {
    const Mat3& h = c.box.h();
    out << fmt::format("Lattice=\"{} {} {} {} {} {} {} {} {}\" pbc=\"{} {} {}\" ", h(0, 0), h(1, 0), h(2, 0),
                       h(0, 1), h(1, 1), h(2, 1), h(0, 2), h(1, 2), h(2, 2), c.box.periodic(0) ? "T" : "F",
                       c.box.periodic(1) ? "T" : "F", c.box.periodic(2) ? "T" : "F");
  } else {
    out << "pbc=\"F F F\" ";
  }
  out << fmt::format("Properties=species:S:1:pos:R:3:id:I:1 unit_id={} params=\"{}\"\n", unit_id, params);
  for (std::size_t i = 0; i < c.size(); ++i) {
    const Vec3& r = c.positions[i];
    out << fmt::format("{} {:.10f} {:.10f} {:.10f} {}\n", c.species[c.types[i]].name, r.x(), r.y(), r.z(),
                       c.ids.size() == c.size() ? c.ids[i] : std::int64_t(i + 1));
  }
}

}  // namespace

void add_export_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("export", "write a store's tables (CSV) and structures (extxyz) to a directory");
  struct Options {
    std::string store, out;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("store", o->store, "the HDF5 store")->required();
  cmd->add_option("--out", o->out, "output directory")->required();
  cmd->callback([o] {
    if (!std::filesystem::exists(o->store)) throw Error("no store at " + o->store);
    auto st = store::Store::open(o->store, false);
    for (const auto& path : store::write_result_tables(*st, o->out, true)) std::cout << path << "\n";
    const auto ledger = st->read_ledger();
    const auto states = st->read_states();
    const auto& layout = st->layout();
    for (std::size_t g = 0; g < layout.particle_groups.size(); ++g) {
      const std::string path = o->out + "/" + layout.particle_groups[g].name + ".extxyz";
      std::ofstream out(path);
      if (!out) throw Error("cannot write " + path);
      std::size_t frames = 0;
      for (std::uint32_t u = 0; u < layout.size(); ++u) {
        if (layout.particle_group[u] != static_cast<std::int32_t>(g) || states[u].status != store::UnitStatus::Done)
          continue;
        const auto output = st->read_output(u);
        write_extxyz_frame(out, *output->structure, campaign::id_hex(ledger[u].id), ledger[u].params);
        ++frames;
      }
      std::cout << fmt::format("{} ({} structures)\n", path, frames);
    }
  });
}

}  // namespace pelcamp::cli
