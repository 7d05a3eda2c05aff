#pragma once
// A configuration together with the results that structure files carry alongside it
// (extxyz comment keys and columns, LAMMPS dump columns).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/types.hpp"

namespace pelcamp {

struct Frame {
  Configuration config;
  std::optional<double> energy;  // total potential energy (energy units)
  // Global virial W = Σ r⊗f in energy units, LAMMPS sign (positive under compression).
  std::optional<Mat3> virial;
  // Per-atom arrays: each is either empty (absent) or has one entry per atom.
  std::vector<Vec3> forces;      // energy / length
  std::vector<double> energies;  // per-atom potential energy
  std::vector<Sym6> virials;     // per-atom virial W_i (energy units), order xx yy zz xy xz yz
  // Further extxyz comment-line keys, kept verbatim (value unquoted) and in order.
  std::vector<std::pair<std::string, std::string>> info;

  // Throws pelcamp::Error when a per-atom array is neither empty nor one entry per atom.
  void validate() const;
};

}  // namespace pelcamp
