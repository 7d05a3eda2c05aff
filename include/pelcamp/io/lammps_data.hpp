#pragma once
// LAMMPS data files, as `read_data` reads and `write_data` writes them.
//
// Read: the header counts `N atoms` and `N atom types`, the bounds `xlo xhi`, `ylo yhi`,
// `zlo zhi`, an optional `xy xz yz` tilt line, and the sections Masses, Atoms and
// Velocities. Atoms lines follow atom_style atomic (`id type x y z [ix iy iz]`); the
// charge (`id type q x y z …`) and full (`id mol type q x y z …`) layouts are accepted too,
// with charges and molecule ids discarded, so that files written for other models can be
// read for their positions. The style is taken from the `Atoms # style` comment, else from
// the column count. Topology counts and sections (Bonds, …, `… Coeffs`) are skipped.
// Atoms keep their ids and the order of the file, whatever the id order. A comment after a
// Masses line (`1 63.546 # Cu`) names the species; otherwise species are named "1", "2", …
// after their type. Positions are kept as written (not wrapped), with their image flags.
//
// Data files do not record periodicity; pelcamp writes it into the title line
// ("pelcamp data file (boundary p p f)") and reads it back from there. Every malformed
// input throws pelcamp::InputError naming the file, the line, and what was expected.
#include <array>
#include <optional>
#include <string>

#include "pelcamp/core/configuration.hpp"

namespace pelcamp {

struct LammpsDataReadOptions {
  // Periodicity of x, y, z. Unset: the `boundary` note of a pelcamp title line if there is
  // one, else periodic in all three dimensions (the LAMMPS default).
  std::optional<std::array<bool, 3>> periodic;
};

struct LammpsDataWriteOptions {
  bool velocities = true;   // write a Velocities section
  bool image_flags = true;  // write ix iy iz after each atom's coordinates
  // A free cluster has no box; it is written with the bounding box of its atoms widened by
  // this margin on each side (length units) and non-periodic boundaries.
  double free_margin = 1.0;
};

Configuration read_lammps_data(const std::string& path, const LammpsDataReadOptions& options = {});
// Writes atom_style atomic; species names go to `# name` comments in Masses. Throws
// pelcamp::Error for an inconsistent configuration or a species name with white space.
void write_lammps_data(const std::string& path, const Configuration& config,
                       const LammpsDataWriteOptions& options = {});

}  // namespace pelcamp
