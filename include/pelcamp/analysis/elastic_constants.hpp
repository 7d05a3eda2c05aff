#pragma once
// Elastic constants of a minimized periodic configuration at zero temperature, with the
// non-affine relaxation of the atoms (Lutsko, J. Appl. Phys. 65, 2991 (1989); Lemaître &
// Maloney, J. Stat. Phys. 123, 415 (2006)), by two independent routes:
//
//  (a) Hessian route: C = C_Born − (1/V₀) Ξᵀ H⁺ Ξ. C_Born = ∂S/∂e at fixed fractional
//      coordinates (affine), Ξ_β = ∂²U/∂r∂e_β = −∂f/∂e_β (affine), both by central
//      differences of the analytic stress and forces over ±affine_step (C_Born symmetrized,
//      as a second derivative must be); H⁺Ξ solved with a Cholesky factorization of the
//      analytic Hessian (dense up to 5000 atoms, sparse LDLᵀ beyond) with one atom pinned (the
//      translations are H's only zero modes in a periodic solid and Ξ is orthogonal to them,
//      so Ξᵀ x does not depend on the pinned atom). No minimization.
//  (b) Finite-strain route: C(:, β) = [S(+e_β) − S(−e_β)] / (2 strain) with the atoms
//      minimized at fixed cell at each strain (LAMMPS's finite-strain recipe). No Hessian.
//
// Conventions. Voigt order 1..6 = xx, yy, zz, yz, xz, xy (the standard order, not the
// LAMMPS Sym6 order of core/types.hpp) with engineering shear strains e_4 = 2η_yz etc. A
// strain e deforms the cell and (affinely) the atoms by the symmetric F = I + ε(e)
// (ε_yz = e_4/2, ...), then rotates the frame back to the LAMMPS upper-triangular cell (a
// rotation changes no energy). S is the second Piola–Kirchhoff stress
// S = −F⁻¹ W F⁻ᵀ / V₀ in the unrotated frame (W the virial Σ r⊗f, tension positive), so
// C_αβ = ∂S_α/∂e_β = (1/V₀) ∂²U/∂η_α∂η_β, the elastic constants of the relaxed energy
// U(η) at the reference cell. At zero stress they equal the stress–strain slopes LAMMPS
// reports; under a residual stress σ₀ the two differ by terms of order σ₀. Units:
// energy/volume (eV/Å³; × nktv2p · 1e-4 for GPa).
#include <Eigen/Dense>
#include <string>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/minimize/minimizer.hpp"
#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

using Voigt6 = Eigen::Matrix<double, 6, 1>;
using VoigtMatrix = Eigen::Matrix<double, 6, 6>;

struct ElasticSettings {
  double affine_step = 1e-5;  // route (a): strain step of the affine central differences
  // Route (a): dense Cholesky of H up to this many atoms (8 (3N)² bytes, 1.2 GB at 4000),
  // sparse LDLᵀ above.
  long dense_atoms = 5000;
  // Route (b): applied ± strain (engineering). Small: a glass's relaxed response is already
  // nonlinear at 1e-4 (3 % in G for a 100-atom CuZr glass), and 1e-6 is still far above the
  // stress noise of relaxations to fmax 1e-10.
  double strain = 1e-6;
  std::string minimizer = "cg";  // route (b): minimizer at each strain (minimize/registry)
  StoppingCriteria relax{1e-10, 0.0, 100000, 1000000};  // route (b): fmax 1e-10
  // Route (b) fails unless every relaxation reaches fmax below this (force units).
  double accept_fmax = 1e-8;
  void validate() const;  // throws pelcamp::Error naming the bad setting
};

// The configuration deformed by F = I + ε(e), rotated back to the LAMMPS cell form.
// `rotation` Q takes the returned frame to the unrotated deformed one (r_unrotated = Q r).
struct StrainedConfiguration {
  Configuration config;
  Mat3 deformation;  // F
  Mat3 rotation;     // Q
};
StrainedConfiguration apply_strain(const Configuration& config, const Voigt6& strain);

// S (Voigt, energy/volume) of a strained configuration from its virial W (returned frame).
Voigt6 second_piola_kirchhoff_stress(const StrainedConfiguration& strained, const Mat3& virial,
                                     double reference_volume);

struct HessianElasticConstants {
  VoigtMatrix born;        // affine part
  VoigtMatrix relaxation;  // (1/V₀) Ξᵀ H⁺ Ξ, positive semi-definite
  VoigtMatrix c() const { return born - relaxation; }
};

// Route (a). `config` must be periodic in all three dimensions and at a minimum.
HessianElasticConstants elastic_constants_from_hessian(Potential& potential,
                                                       const Configuration& config,
                                                       const ElasticSettings& settings = {});
// Route (b). Throws pelcamp::Error when a relaxation does not reach settings.accept_fmax.
VoigtMatrix elastic_constants_from_strains(Potential& potential, const Configuration& config,
                                           const ElasticSettings& settings = {});

// Isotropic (Voigt-average) shear modulus
//   G = [(C11 + C22 + C33) − (C12 + C13 + C23) + 3 (C44 + C55 + C66)] / 15,
// the shear modulus of an isotropic glass from all of its constants (for a cubic crystal:
// (C11 − C12 + 3 C44) / 5).
double isotropic_shear_modulus(const VoigtMatrix& c);
// Voigt-average bulk modulus (C11 + C22 + C33 + 2 (C12 + C13 + C23)) / 9.
double isotropic_bulk_modulus(const VoigtMatrix& c);

}  // namespace pelcamp
