// pelcamp build: crystal lattices, Mackay icosahedra and random packings.
#include <fmt/format.h>

#include "pelcamp/build/icosahedron.hpp"
#include "pelcamp/build/lattice.hpp"
#include "pelcamp/build/random_packing.hpp"
#include "pelcamp/cli/commands.hpp"
#include "pelcamp/core/elements.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/io/structure_file.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp::cli {

namespace {

// Species from names and optional masses; an element's standard mass is the default, and a
// name that is not an element (an LJ type "A") needs its mass given (reduced units: 1).
std::vector<Species> make_species(const std::string& names, const std::vector<double>& masses) {
  std::vector<Species> species;
  const auto list = split_list(names);
  if (!masses.empty() && masses.size() != list.size())
    throw Error(fmt::format("--masses gives {} values for {} species", masses.size(), list.size()));
  for (std::size_t k = 0; k < list.size(); ++k) {
    Species s{list[k], 1.0};
    if (!masses.empty()) s.mass = masses[k];
    else if (auto m = standard_atomic_mass(list[k])) s.mass = *m;
    species.push_back(s);
  }
  return species;
}

void write_built(const Configuration& config, const std::string& out) {
  Frame frame;
  frame.config = config;
  write_structure(out, frame);
  fmt::print("wrote {} atoms to {}\n", config.size(), out);
}

void add_lattice(CLI::App& build, const std::string& kind, const std::string& description) {
  struct Options {
    std::string elements;
    std::vector<double> masses;
    double a = 0.0;
    std::vector<int> cells{1, 1, 1};
    std::string out;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = build.add_subcommand(kind, description);
  cmd->add_option("--elements", options->elements,
                  kind == "b2" ? "two species: corner,centre (e.g. Cu,Zr)" : "the species (e.g. Cu)")
      ->required();
  cmd->add_option("--masses", options->masses, "masses per species (default: standard atomic masses, else 1)")
      ->delimiter(',');
  cmd->add_option("--a", options->a, "cubic lattice constant (length)")->required();
  cmd->add_option("--cells", options->cells, "replications along x y z")->expected(3)->capture_default_str();
  cmd->add_option("--out", options->out, "output file (.data, .extxyz, .dump)")->required();
  cmd->callback([options, kind] {
    LatticeSpec spec;
    spec.kind = lattice_kind_from_name(kind);
    spec.a = options->a;
    spec.cells = {options->cells[0], options->cells[1], options->cells[2]};
    spec.species = make_species(options->elements, options->masses);
    write_built(build_lattice(spec), options->out);
  });
}

void add_icosahedron(CLI::App& build) {
  struct Options {
    int shells = 2;
    std::string element;
    std::vector<double> mass;
    double distance = 0.0;
    std::string out;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = build.add_subcommand("icosahedron", "Mackay icosahedron (13, 55, 147, 309, … atoms), free cluster");
  cmd->add_option("--shells", options->shells, "number of shells around the centre atom")->capture_default_str();
  cmd->add_option("--element", options->element, "species (e.g. Al)")->required();
  cmd->add_option("--mass", options->mass, "mass (default: standard atomic mass, else 1)");
  cmd->add_option("--distance", options->distance, "centre to first-shell distance (length)")->required();
  cmd->add_option("--out", options->out, "output file (.data, .extxyz, .dump)")->required();
  cmd->callback([options] {
    IcosahedronSpec spec;
    spec.shells = options->shells;
    spec.nn_distance = options->distance;
    spec.species = make_species(options->element, options->mass).front();
    write_built(build_mackay_icosahedron(spec), options->out);
  });
}

void add_random(CLI::App& build) {
  struct Options {
    std::string composition;
    std::vector<double> masses;
    std::size_t atoms = 0;
    double density = 0.0;
    double min_distance = 0.0;
    std::uint64_t seed = 1;
    std::string out;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = build.add_subcommand("random", "random packing of a composition in a periodic cube");
  cmd->add_option("--composition", options->composition, "species:fraction,… (e.g. Cu:0.5,Zr:0.5)")->required();
  cmd->add_option("--masses", options->masses, "masses per species (default: standard atomic masses, else 1)")
      ->delimiter(',');
  cmd->add_option("--atoms", options->atoms, "number of atoms")->required();
  cmd->add_option("--density", options->density, "number density (atoms per length³)")->required();
  cmd->add_option("--min-distance", options->min_distance, "smallest allowed pair distance (length)")->required();
  cmd->add_option("--seed", options->seed, "random seed")->capture_default_str();
  cmd->add_option("--out", options->out, "output file (.data, .extxyz, .dump)")->required();
  cmd->callback([options] {
    RandomPackingSpec spec;
    std::string names;
    std::vector<double> fractions;
    for (const auto& entry : split_list(options->composition)) {
      const auto parts = split_list(entry, ':');
      if (parts.size() != 2)
        throw Error("--composition entry '" + entry + "' is not species:fraction (e.g. Cu:0.5)");
      names += (names.empty() ? "" : ",") + parts[0];
      try {
        fractions.push_back(std::stod(parts[1]));
      } catch (const std::exception&) {
        throw Error("--composition fraction '" + parts[1] + "' is not a number");
      }
    }
    const auto species = make_species(names, options->masses);
    for (std::size_t k = 0; k < species.size(); ++k) spec.composition.push_back({species[k], fractions[k]});
    spec.atoms = options->atoms;
    spec.number_density = options->density;
    spec.min_distance = options->min_distance;
    spec.seed = options->seed;
    write_built(build_random_packing(spec), options->out);
  });
}

}  // namespace

void add_build_command(CLI::App& app) {
  CLI::App* build = app.add_subcommand("build", "Build a structure: lattice, icosahedron or random packing");
  build->require_subcommand(1);
  add_lattice(*build, "fcc", "face-centred cubic crystal");
  add_lattice(*build, "bcc", "body-centred cubic crystal");
  add_lattice(*build, "sc", "simple cubic crystal");
  add_lattice(*build, "b2", "B2 (CsCl) crystal of two species");
  add_icosahedron(*build);
  add_random(*build);
}

}  // namespace pelcamp::cli
