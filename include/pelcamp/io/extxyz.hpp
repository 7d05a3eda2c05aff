#pragma once
// Extended XYZ files, compatible with ASE's reader and writer (ase.io.extxyz).
//
// Each frame is an atom count, a comment line of key=value pairs, and one line per atom
// whose columns the `Properties` key declares as name:type:columns (types S string,
// R real, I integer, L logical). pelcamp reads and writes:
//   comment keys  Lattice="ax ay az bx by bz cx cy cz" (cell vectors a, b, c), pbc="T T F",
//                 Origin="x y z" (the box corner, written when not zero; OVITO's key),
//                 energy= (total potential energy), virial="9 values" (global virial
//                 W = Σ r⊗f in energy units, LAMMPS sign, as libAtoms/GAP write it), and
//                 stress="9 values" (ASE's convention, σ = −W/V in energy/length³, written
//                 for boxes periodic in all three directions; read only when virial is
//                 absent). Other keys are kept verbatim in Frame::info.
//   columns       species:S:1 (or Z:I:1), pos:R:3, id:I:1, masses:R:1, velo:R:3 (in the
//                 configuration's units, metal: Å/ps), forces:R:3, energies:R:1 (per-atom
//                 energy), virials:R:6 (per-atom virial W_i in energy units, LAMMPS order
//                 xx yy zz xy xz yz, i.e. −(LAMMPS compute stress/atom)/nktv2p; 9 columns,
//                 row-major, are accepted on reading) and image:I:3 (periodic image
//                 counts, written when some are non-zero). Other columns are skipped.
//
// A frame without a periodic direction is written with pbc="F F F" and no Lattice, and a
// frame without Lattice reads as a free cluster (Box::free_space()). A Lattice that is
// not in the LAMMPS orientation (a along x, b in the xy plane) is rotated into it, together
// with positions, velocities, forces and virials. Species are read by name; their mass is
// the masses column, else the element's standard atomic mass, else 1 (reduced units).
#include <string>
#include <vector>

#include "pelcamp/io/frame.hpp"

namespace pelcamp {

struct ExtxyzWriteOptions {
  bool ids = true;         // id:I:1 column
  bool masses = true;      // masses:R:1 column (species that are not elements need it)
  bool velocities = true;  // velo:R:3 column, when some velocity is non-zero
};

// All frames of a file. Throws pelcamp::InputError naming the file, line and problem.
std::vector<Frame> read_extxyz(const std::string& path);

// Writes frames, replacing the file or appending to it. Per-atom columns and energy/virial
// keys are written for the arrays and values a frame has.
void write_extxyz(const std::string& path, const std::vector<Frame>& frames,
                  const ExtxyzWriteOptions& options = {}, bool append = false);
void write_extxyz(const std::string& path, const Frame& frame,
                  const ExtxyzWriteOptions& options = {}, bool append = false);

}  // namespace pelcamp
