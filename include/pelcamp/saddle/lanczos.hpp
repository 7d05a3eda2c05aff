#pragma once
// Lowest eigenpair of a symmetric operator known only through matrix-vector products: the
// Lanczos method (Lanczos 1950) with full reorthogonalisation of a small Krylov basis, as
// used by ART nouveau to follow the softest Hessian mode (Malek & Mousseau, PRE 62, 7723
// (2000)). The Krylov space is grown one vector at a time until the lowest Ritz value
// changes by less than the tolerance between iterations (the eigenvalue-change criterion
// of Cancès et al., J. Chem. Phys. 130, 114711 (2009)); if the space reaches `max_krylov`
// first, the method restarts from the current Ritz vector. Starting from the previous
// lowest eigenvector (ARTn restarts each call from the last one) makes later calls converge
// in a few iterations.
//
// Units: eigenvalues are in the operator's units (for a Hessian, energy/length²).
#include <functional>
#include <vector>

#include "pelcamp/minimize/objective.hpp"

namespace pelcamp {

// out = A v for a symmetric A of the dimension of v.
using LinearOperator = std::function<void(ConstVectorRef v, VectorRef out)>;

struct LanczosConfig {
  int max_krylov = 16;              // Krylov vectors before a restart (≤ 16: Malek & Mousseau)
  // Krylov vectors before the eigenvalue-change test may stop the iteration (pARTn's
  // lanczos_min_size): with a loose tolerance and a start vector far from a newly appeared
  // soft mode, the Ritz value can change little between the first vectors while still far
  // above the lowest eigenvalue. An invariant space stops earlier.
  int min_krylov = 2;
  int max_restarts = 4;             // restarts from the Ritz vector after a full space
  double relative_tolerance = 1e-4; // converged when |Δθ| ≤ rel·|θ| + abs between iterations
  double absolute_tolerance = 1e-8; // operator units (eV/Å² for a Hessian)

  void validate() const;  // throws pelcamp::Error
};

struct LanczosResult {
  double eigenvalue = 0.0;       // lowest Ritz value
  Eigen::VectorXd eigenvector;   // its unit Ritz vector (zero on inactive variables)
  int products = 0;              // operator applications
  bool converged = false;
};

// Lowest eigenpair of `op` restricted to the active variables, starting the Krylov space
// from `start` (e.g. the previous eigenvector). `inactive` is empty or one flag per
// variable; flagged variables are projected out of every Krylov vector, so the result is
// the lowest eigenpair of the active block. `excluded` holds orthonormal columns (zero on
// inactive variables) also projected out, e.g. the rigid-body modes of a free cluster.
// Throws pelcamp::Error when `start` has no active component or a flag vector or excluded
// basis of the wrong size is given.
LanczosResult lowest_eigenpair(const LinearOperator& op, ConstVectorRef start,
                               const LanczosConfig& config,
                               const std::vector<bool>& inactive = {},
                               const Eigen::MatrixXd& excluded = {});

}  // namespace pelcamp
