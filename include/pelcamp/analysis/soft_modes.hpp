#pragma once
// The soft-mode parameter of Tong & Xu (Phys. Rev. E 90, 010401 (2014)), used by seed 003
// (Study 3) as a structural indicator of a glass:
//
//   Ψ_i = Σ_j |e_j,i|² / λ_j        over the dN − d non-zero modes j (normal_modes.hpp),
//   Ψ   = Σ_i Ψ_i                    (the sample sum; Ψ / N is the per-atom mean),
//
// with e_j,i the three components of atom i in the unit eigenvector of mode j and λ_j = ω_j²
// of the dynamical matrix D (mass-weighted, the paper's definition; Ψ_i in length² mass /
// energy, Å² amu/eV) or the curvature of the Hessian H (Ψ_i in length²/energy). By
// equipartition the classical mean square vibration of atom i is ⟨|u_i|²⟩ = k_B T Ψ_i / m_i
// (D) or k_B T Ψ_i (H).
//
// Variant over the lowest modes: Ψ_i^(N_m) = Σ_{j ≤ N_m} |e_j,i|² / λ_j over the N_m lowest
// non-zero modes only (the soft-spot flavour of the same quantity).
//
// Since Σ_j e_j e_jᵀ / λ_j is the pseudo-inverse A⁺ of A = D or H, Ψ_i = Σ_α (A⁺)_{iα,iα}:
// soft_mode_parameter_direct computes it that way, without eigenvectors, as
// A⁺ = (A + c Z Zᵀ)⁻¹ − Z Zᵀ / c (Z the orthonormal zero-mode basis, c > 0 any scale), the
// diagonal of the inverse from a dense Cholesky factor L as the squared column norms of
// L⁻¹: about (2/3)(3N)³ flops instead of the eigensolver's ≈ 9 (3N)³.
#include <Eigen/Dense>
#include <vector>

#include "pelcamp/analysis/normal_modes.hpp"

namespace pelcamp {

// Ψ_i from the modes; lowest = 0 takes every mode, otherwise the `lowest` smallest ones.
// Throws pelcamp::Error when a used eigenvalue is not positive (not a minimum).
std::vector<double> soft_mode_parameter(const NormalModes& modes, int lowest = 0);

// Ψ_i over all non-zero modes from the matrix (H or D) and its zero-mode basis; `matrix` is
// consumed (factorized in place). Throws pelcamp::Error when the matrix is not positive
// definite on the complement of the zero modes.
std::vector<double> soft_mode_parameter_direct(Eigen::MatrixXd matrix,
                                               const Eigen::MatrixXd& zero_basis);

}  // namespace pelcamp
