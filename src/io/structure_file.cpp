#include "pelcamp/io/structure_file.hpp"

#include <filesystem>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/io/extxyz.hpp"
#include "pelcamp/io/lammps_data.hpp"
#include "pelcamp/io/lammps_dump.hpp"

namespace pelcamp {

StructureFormat structure_format_for(const std::string& path, bool for_writing) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".data" || ext == ".lmp") return StructureFormat::lammps_data;
  if (ext == ".xyz" || ext == ".extxyz") return StructureFormat::extxyz;
  if (for_writing && (ext == ".dump" || ext == ".lammpstrj")) return StructureFormat::lammps_dump;
  throw Error(fmt::format("'{}': unknown structure file extension '{}' (allowed for {}: {})", path,
                          ext, for_writing ? "writing" : "reading",
                          for_writing ? ".data, .lmp (LAMMPS data), .xyz, .extxyz (extended "
                                        "XYZ), .dump, .lammpstrj (LAMMPS dump)"
                                      : ".data, .lmp (LAMMPS data), .xyz, .extxyz (extended "
                                        "XYZ)"));
}

Configuration read_structure(const std::string& path) {
  if (structure_format_for(path, false) == StructureFormat::lammps_data)
    return read_lammps_data(path);
  std::vector<Frame> frames = read_extxyz(path);
  return std::move(frames.back().config);
}

void write_structure(const std::string& path, const Frame& frame) {
  switch (structure_format_for(path, true)) {
    case StructureFormat::lammps_data:
      write_lammps_data(path, frame.config);
      return;
    case StructureFormat::extxyz:
      write_extxyz(path, frame);
      return;
    case StructureFormat::lammps_dump: {
      LammpsDumpOptions options;
      options.forces = !frame.forces.empty();
      options.energies = !frame.energies.empty();
      LammpsDumpWriter(path, options).write(frame, 0);
      return;
    }
  }
}

}  // namespace pelcamp
