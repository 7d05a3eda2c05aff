#pragma once
// The options shared by the engine subcommands (eval, minimize, md): an input structure, a
// potential (with optional PEL flattening) and neighbour settings, turned into a ready
// configuration + potential pair with species bound to the potential's elements.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/io/frame.hpp"
#include "pelcamp/potential/system_setup.hpp"

namespace pelcamp::cli {

struct SystemOptions {
  std::string input;  // LAMMPS data file or extxyz
  SystemSetup setup;
};

void add_system_options(CLI::App& command, SystemOptions& options);

// Reads the structure and sets the system up; errors name the input file.
AtomicSystem load_system(const SystemOptions& options);

// A frame of the configuration with the quantities of `result` that were computed.
Frame make_frame(const Configuration& config, const ComputeResult& result);


}  // namespace pelcamp::cli
