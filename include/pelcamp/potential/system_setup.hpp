#pragma once
// Turns a structure plus a potential specification into a ready system: the one place where
// the command line and the campaign unit kinds prepare what they simulate.
//   - optionally a free cluster (unwrapped positions, no box);
//   - the potential from the registry, optionally wrapped in PEL flattening, with a Verlet skin;
//   - species bound to the potential's elements (by name, else by type order), masses from
//     the potential when it defines them;
//   - checked: consistent arrays, finite coordinates, no overlapping atoms.
#include <memory>
#include <string>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

struct SystemSetup {
  std::string potential;     // registry spec, e.g. eam/fs:FILE:Cu,Zr
  std::string flatten;       // "eps=…,phi0=…,m=…", or empty for none
  double skin = -1.0;        // Verlet skin (length); negative: the potential's default
  bool free = false;         // treat the structure as a free cluster
  // Atoms closer than this are rejected as overlapping (length); negative: 0.5 Å in metal
  // units, 0.3 σ in lj units — far below any physical contact distance of either.
  double min_distance = -1.0;
};

struct AtomicSystem {
  Configuration config;
  std::unique_ptr<Potential> potential;
};

// Throws pelcamp::Error naming the problem; problems of the structure itself (species the
// potential lacks, bad coordinates, overlaps) are prefixed with `structure_name` (its file).
AtomicSystem set_up_system(Configuration config, const SystemSetup& setup,
                           const std::string& structure_name);

// Replaces the box by free space, keeping each atom's unwrapped position.
void make_free_cluster(Configuration& config);

}  // namespace pelcamp
