#pragma once
// The lowest non-zero normal modes of a periodic sample too large for the dense
// eigensolver (normal_modes.hpp), from its sparse Hessian: Lanczos (Spectra's
// SymEigsSolver) on the pseudo-inverse A⁺ = P G P of A = H or D, whose largest eigenvalues
// 1/λ are A's smallest non-zero ones. G is the inverse of A with atom 0's three coordinates
// removed, applied through a Cholesky factorization (exact: a generalized inverse of A, A's
// only null space being the translations), and P projects off the translations. The factor
// is dense up to `dense_atoms` atoms (the EAM Hessian reaches twice the cutoff: at a few
// thousand atoms a blocked dense factor is much faster than a sparse one) and sparse LDLᵀ
// above, where memory and time follow its fill-in instead of (3N)².
#include "pelcamp/analysis/normal_modes.hpp"

namespace pelcamp {

// The `count` lowest non-zero modes (ascending), zero_modes = 3. The configuration must be
// periodic in x, y and z and at a minimum (throws pelcamp::Error otherwise, or when the
// Lanczos iteration does not converge).
NormalModes lowest_normal_modes(Potential& potential, const Configuration& config,
                                const ModeSettings& settings, int count,
                                long dense_atoms = 5000);

}  // namespace pelcamp
