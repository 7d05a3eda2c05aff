#pragma once
// Total linear and angular momentum: measuring it, removing it, and the number of kinetic
// degrees of freedom left once it is held at zero.
#include <cstddef>
#include <cstdint>
#include <span>

#include "pelcamp/core/types.hpp"

namespace pelcamp {

// Which total momenta the dynamics holds at zero, and how often accumulated drift is removed.
// The centre-of-mass momentum is always held at zero (LAMMPS's default `compute temp` counts
// 3N − 3 degrees of freedom); NVE, Nosé–Hoover and MTK dynamics conserve it and the Langevin
// noise is projected so that it does too, so removal only clears round-off drift.
struct MomentumConfig {
  // Also hold the angular momentum about the centre of mass at zero (3N − 6 degrees of
  // freedom). Only for free clusters: a box with a periodic dimension conserves no angular
  // momentum, so asking for it there is an error.
  bool angular = false;
  // Remove the drift every this many steps, at the end of the step (0 = never).
  std::int64_t every = 0;
};

// Kinetic degrees of freedom of n atoms with the centre-of-mass momentum removed: 3n − 3;
// with the angular momentum removed too: 3n − 6 (3n − 5 for two atoms, whose inertia about
// their axis vanishes; 0 for one). Collinear arrangements of more atoms are not special-cased:
// they are not stable configurations of the systems pelcamp integrates.
double kinetic_degrees_of_freedom(std::size_t n, bool angular);

Vec3 linear_momentum(std::span<const Vec3> velocities, std::span<const double> masses);
Vec3 centre_of_mass(std::span<const Vec3> positions, std::span<const double> masses);
// Angular momentum Σ m (r − r_cm) × v about the centre of mass (positions must be unwrapped).
Vec3 angular_momentum(std::span<const Vec3> positions, std::span<const Vec3> velocities,
                      std::span<const double> masses);

// Subtracts the centre-of-mass velocity Σ m v / Σ m from every velocity (the orthogonal
// projection, in the mass-weighted metric, onto zero total momentum).
void remove_linear_momentum(std::span<Vec3> velocities, std::span<const double> masses);
// Subtracts the rigid rotation ω × (r − r_cm) with ω = I⁻¹ L (I the inertia tensor about the
// centre of mass, pseudo-inverted when singular), the orthogonal projection in the
// mass-weighted metric onto zero angular momentum; the total linear momentum is unchanged.
void remove_angular_momentum(std::span<const Vec3> positions, std::span<Vec3> velocities,
                             std::span<const double> masses);

}  // namespace pelcamp
