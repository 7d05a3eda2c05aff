#pragma once
// Hessian-vector products as LinearOperators for the Lanczos solver: central differences of
// an Objective's gradient (any objective, two gradient evaluations per product, as ART
// nouveau does with forces, Malek & Mousseau PRE 62, 7723 (2000)), or a potential's own
// hessian_vector (analytic where the potential provides it).
#include "pelcamp/core/configuration.hpp"
#include "pelcamp/potential/potential.hpp"
#include "pelcamp/saddle/lanczos.hpp"

namespace pelcamp {

// H v ≈ |v| (∇f(x + h v̂) − ∇f(x − h v̂)) / (2h), exact to O(h²). `step` h is in the
// objective's length units; `objective` and `x` must outlive the operator. The objective's
// last evaluated point after a product is x ± h v̂, not x.
LinearOperator finite_difference_hessian(Objective& objective, const Eigen::VectorXd& x,
                                         double step);

// H v from `potential.hessian_vector` at the configuration's current positions (the 3N
// variables laid out atom by atom). Both must outlive the operator.
LinearOperator potential_hessian(Potential& potential, const Configuration& config);

}  // namespace pelcamp
