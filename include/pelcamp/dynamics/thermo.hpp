#pragma once
// Instantaneous thermodynamic quantities of an MD state, and the kinetic sums they are built
// from. Units are those of the potential's unit system (metal: eV, K, bar, Å³; lj: reduced).
#include <cstdint>
#include <limits>
#include <span>

#include "pelcamp/core/types.hpp"

namespace pelcamp {

struct Thermo {
  static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

  std::int64_t step = 0;
  double time = 0.0;                // step · dt (ps, τ)
  double potential_energy = 0.0;    // U (eV, ε)
  double kinetic_energy = 0.0;      // K = ½ Σ m v² · mvv2e (eV, ε)
  // 2K / (dof · k_B) with dof = 3N − 3, or 3N − 6 when angular momentum is removed
  // (see kinetic_degrees_of_freedom); K, or reduced.
  double temperature = 0.0;
  double degrees_of_freedom = 0.0;
  double target_temperature = kNone;  // the protocol's target this step (NaN without one)
  // K + U + the energy held by thermostat and barostat reservoirs (Nosé–Hoover chain and MTK
  // barostat terms as LAMMPS `ecouple`; the heat absorbed by a Langevin bath): constant up to
  // integration error.
  double conserved_energy = 0.0;
  // Only for fully periodic boxes (NaN otherwise): volume (Å³, σ³), the pressure tensor
  // P = (Σ m v⊗v · mvv2e + W) / V · nktv2p in LAMMPS order xx, yy, zz, xy, xz, yz with W the
  // potential's virial, and its trace / 3 (bar, reduced).
  double volume = kNone;
  double pressure = kNone;
  Sym6 pressure_tensor{kNone, kNone, kNone, kNone, kNone, kNone};
};

// Σ m v² · mvv2e, i.e. twice the kinetic energy (energy units).
double twice_kinetic_energy(std::span<const Vec3> velocities, std::span<const double> masses,
                            double mvv2e);
// Σ m v⊗v · mvv2e in LAMMPS order xx, yy, zz, xy, xz, yz (energy units).
Sym6 kinetic_tensor(std::span<const Vec3> velocities, std::span<const double> masses,
                    double mvv2e);
// (kinetic + W) / V · nktv2p in LAMMPS order.
Sym6 pressure_tensor(const Sym6& kinetic, const Mat3& virial, double volume, double nktv2p);

}  // namespace pelcamp
