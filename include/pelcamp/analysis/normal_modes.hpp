#pragma once
// Harmonic vibrations of a minimized configuration: eigen-decomposition of the Hessian H or
// of the dynamical matrix D = M^(−1/2) H M^(−1/2), with the rigid-body zero modes identified
// and excluded, and the soft-mode parameter Ψ built on them.
//
// Zero modes. The candidates are the rigid-body directions: the d = 3 translations of any
// system and, for a free cluster (no periodic dimension), the 3 rotations about the centre of
// mass (mass-weighted: √m_i times the displacement). A set (translations, rotations) counts
// as zero modes when the matrix annihilates it, ‖A R‖_F ≤ zero_tolerance · max_k |A_kk|: true
// for translations of any translation-invariant potential, and for rotations at a stationary
// point (‖A R_rot‖ is of the order of the residual forces). A system pinned to sites (an
// Einstein crystal) has none. The remaining 3N − d modes are found exactly in the orthogonal
// complement of the zero modes (A projected with d Householder reflections, then Eigen's
// dense SelfAdjointEigenSolver): no threshold on eigenvalues decides which modes are kept.
//
// Cost: dense, 8 (3N)² bytes per matrix and O((3N)³) time (about 9 (3N)³ flops with
// eigenvectors): seconds for 500 atoms, of the order of an hour for 4000.
#include <Eigen/Dense>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

struct ModeSettings {
  // Diagonalize D (eigenvalues ω², energy/(length² mass)) rather than H (curvatures,
  // energy/length²).
  bool mass_weighted = true;
  double zero_tolerance = 1e-6;  // see the file comment (dimensionless)
  void validate() const;         // throws pelcamp::Error naming the bad setting
};

// H, or D when settings.mass_weighted, of `config` (dense).
Eigen::MatrixXd mode_matrix(Potential& potential, const Configuration& config,
                            const ModeSettings& settings);

// Orthonormal basis (3N × d columns) of the zero modes of `matrix` (H or D of `config`, as
// settings.mass_weighted says) among the rigid-body directions; d = 0, 3 or 6 (fewer
// rotations for a linear or single-atom cluster).
Eigen::MatrixXd zero_mode_basis(const Eigen::MatrixXd& matrix, const Configuration& config,
                                const ModeSettings& settings);

struct NormalModes {
  Eigen::VectorXd eigenvalues;  // the 3N − d non-zero modes, ascending
  Eigen::MatrixXd vectors;      // 3N × (3N − d), orthonormal columns, coordinate 3i + α
  int zero_modes = 0;           // d, the excluded rigid-body modes
};

NormalModes normal_modes(const Eigen::MatrixXd& matrix, const Configuration& config,
                         const ModeSettings& settings);
NormalModes normal_modes(Potential& potential, const Configuration& config,
                         const ModeSettings& settings);

}  // namespace pelcamp
