#pragma once
// Structure files chosen by extension: .data/.lmp (LAMMPS data), .xyz/.extxyz (extended
// XYZ) and, for writing only, .dump/.lammpstrj (LAMMPS dump custom).
#include <string>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/io/frame.hpp"

namespace pelcamp {

enum class StructureFormat { lammps_data, extxyz, lammps_dump };

// Throws pelcamp::Error naming the extensions allowed for reading (or writing).
StructureFormat structure_format_for(const std::string& path, bool for_writing);

// Reads a LAMMPS data file, or the last frame of an extxyz file (as ASE's read() does),
// with each format's default options.
Configuration read_structure(const std::string& path);

// Writes one frame (a new file) with each format's default options; a dump gets the
// columns id type x y z plus the forces and per-atom energies the frame has (stress columns
// depend on the unit system: use LammpsDumpWriter for them).
void write_structure(const std::string& path, const Frame& frame);

}  // namespace pelcamp
