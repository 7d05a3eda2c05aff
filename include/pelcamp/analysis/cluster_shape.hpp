#pragma once
// Shape of a free cluster (Sun & Gong, seeds 000/001, physics.md §1): the gyration tensor
//   S = Σᵢ mᵢ (rᵢ − r_cm)(rᵢ − r_cm)ᵀ / Σᵢ mᵢ,
// its principal radii of gyration Rₖ = √λₖ (λₖ the eigenvalues of S), ΔR = R_max − R_min,
// and a cluster volume.
//
// Volume definition (the papers do not state theirs): the volume of the uniform solid
// ellipsoid with the same gyration tensor. A uniform ellipsoid with semi-axes aₖ has
// λₖ = aₖ²/5, so aₖ = √5 Rₖ and V = (4π/3) · 5^(3/2) R₁R₂R₃. For a sphere of radius a it is
// (4π/3)a³; it follows the cluster's size and shape smoothly (no cut-off or probe radius) and
// is exact for any uniform ellipsoid, which is what the tests check.
#include <array>
#include <span>

#include "pelcamp/core/types.hpp"

namespace pelcamp {

struct GyrationRadii {
  std::array<double, 3> radii{};  // R₁ ≤ R₂ ≤ R₃ (length)
  double delta() const { return radii[2] - radii[0]; }  // ΔR = R_max − R_min
  // Radius of gyration √(R₁² + R₂² + R₃²).
  double radius_of_gyration() const;
  // (4π/3) · 5^(3/2) R₁R₂R₃: the uniform ellipsoid with this gyration tensor (length³).
  double ellipsoid_volume() const;
};

// Mass-weighted gyration tensor about the centre of mass (length²). Positions unwrapped.
// Throws pelcamp::Error for no atoms or mismatched sizes.
Mat3 gyration_tensor(std::span<const Vec3> positions, std::span<const double> masses);
GyrationRadii principal_gyration_radii(std::span<const Vec3> positions, std::span<const double> masses);

}  // namespace pelcamp
