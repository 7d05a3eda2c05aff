#pragma once
// LAMMPS `dump custom` text files: a writer with selectable columns and appendable frames,
// and a reader (for trajectories and for LAMMPS reference output in tests).
//
// Box bounds follow LAMMPS: an orthorhombic box is written as `ITEM: BOX BOUNDS pp pp pp`
// with `lo hi` lines; a triclinic one as `ITEM: BOX BOUNDS xy xz yz pp pp pp` with lines
// `xlo_bound xhi_bound xy`, `ylo_bound yhi_bound xz`, `zlo zhi yz`, where the bounds are
// those of the tilted cell's bounding box (xlo_bound = xlo + min(0, xy, xz, xy+xz), …).
// Boundary flags are `pp` for periodic dimensions and `ff` otherwise; a free cluster is
// written with the bounding box of its atoms.
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "pelcamp/core/units.hpp"
#include "pelcamp/io/frame.hpp"

namespace pelcamp {

// Columns to write, in this order when selected.
struct LammpsDumpOptions {
  bool ids = true;          // id
  bool types = true;        // type (1-based)
  bool elements = false;    // element: the species name, as `dump_modify element`
  bool positions = true;    // x y z as stored (not wrapped into the box)
  bool unwrapped = false;   // xu yu zu
  bool images = false;      // ix iy iz
  bool velocities = false;  // vx vy vz
  bool forces = false;      // fx fy fz (frame forces)
  bool energies = false;    // c_pe: per-atom energy, as `compute pe/atom`
  // c_stress[1] … c_stress[6]: as `compute stress/atom NULL virial`, i.e. −W_i·nktv2p in
  // pressure·volume units (metal: bar·Å³), order xx yy zz xy xz yz.
  bool stresses = false;
  UnitSystem units = UnitSystem::metal();  // supplies nktv2p for c_stress
};

class LammpsDumpWriter {
 public:
  // Creates (or, with append, extends) the dump file; throws pelcamp::Error on failure.
  LammpsDumpWriter(const std::string& path, const LammpsDumpOptions& options = {},
                   bool append = false);
  // Writes one frame and flushes it. Throws pelcamp::Error when a selected column needs data
  // the frame lacks (forces, per-atom energies or virials).
  void write(const Frame& frame, std::int64_t timestep);

 private:
  std::string path_;
  LammpsDumpOptions options_;
  std::ofstream file_;
};

// One frame of a dump: numeric columns by name, text columns (`element`) separately.
struct DumpFrame {
  std::int64_t timestep = 0;
  std::size_t atoms = 0;
  Box box;
  std::vector<std::string> columns;         // names from `ITEM: ATOMS`
  std::vector<std::vector<double>> values;  // values[c][atom]; empty for text columns
  std::vector<std::string> elements;        // the `element` column, when present

  bool has(std::string_view name) const;
  // Throws pelcamp::Error listing the available columns when there is no such numeric one.
  const std::vector<double>& column(std::string_view name) const;
  // Atoms from the columns type, id, x y z (or xu yu zu, or xs ys zs), ix iy iz and
  // vx vy vz; dump type t becomes species[t-1]. Throws pelcamp::Error when a needed
  // column is missing or a type has no species.
  Configuration to_configuration(const std::vector<Species>& species) const;
};

// All frames of a dump file. Throws pelcamp::InputError naming the file, line and problem.
std::vector<DumpFrame> read_lammps_dump(const std::string& path);

}  // namespace pelcamp
