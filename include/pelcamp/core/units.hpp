#pragma once
// Unit systems, with the constants LAMMPS uses so that results compare digit for digit.
#include <string>

namespace pelcamp {

struct UnitSystem {
  std::string name;
  double boltzmann;  // energy / temperature (metal: eV/K)
  double mvv2e;      // mass * velocity^2 -> energy (metal: amu Å²/ps² -> eV)
  double nktv2p;     // energy / volume -> pressure (metal: eV/Å³ -> bar)
  double ftm2v() const { return 1.0 / mvv2e; }  // force / mass -> acceleration

  // Å, eV, ps, amu, K, bar (LAMMPS `units metal`).
  static UnitSystem metal() { return {"metal", 8.617343e-5, 1.0364269e-4, 1.6021765e6}; }
  // Reduced Lennard-Jones units (LAMMPS `units lj`).
  static UnitSystem lj() { return {"lj", 1.0, 1.0, 1.0}; }
  static UnitSystem by_name(const std::string& name);  // "metal" or "lj"; throws otherwise
};

}  // namespace pelcamp
