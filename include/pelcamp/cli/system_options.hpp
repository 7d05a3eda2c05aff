#pragma once
// The options shared by the engine subcommands (eval, minimize, md): an input structure, a
// potential (with optional PEL flattening) and neighbour settings, turned into a ready
// configuration + potential pair with species bound to the potential's elements.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/io/frame.hpp"
#include "pelcamp/potential/potential.hpp"

namespace pelcamp::cli {

struct SystemOptions {
  std::string input;       // LAMMPS data file or extxyz
  std::string potential;   // registry spec, e.g. eam/fs:FILE:Cu,Zr
  std::string flatten;     // "eps=…,phi0=…,m=…" or empty
  double skin = -1.0;      // Verlet skin (length); negative: the potential's default
  bool free = false;       // treat the system as a free cluster (no box)
  // Atoms closer than this are rejected as overlapping (length); negative: 0.5 Å in metal
  // units, 0.3 σ in lj units — far below any physical contact distance of either.
  double min_distance = -1.0;
};

void add_system_options(CLI::App& command, SystemOptions& options);

struct System {
  Configuration config;
  std::unique_ptr<Potential> potential;
};

// Reads the structure, builds the potential, binds species; throws pelcamp::Error.
System load_system(const SystemOptions& options);

// A frame of the configuration with the quantities of `result` that were computed.
Frame make_frame(const Configuration& config, const ComputeResult& result);

// Virial part of the pressure, tr(W)/(3V), in the potential's pressure units (bar for
// metal); 0 for a free cluster, which has no volume.
double virial_pressure(const Configuration& config, const Mat3& virial, const std::string& units);

}  // namespace pelcamp::cli
