#pragma once
// What every minimizer sees: a scalar function of n real variables and its gradient, never
// atoms (style.md §4). Atoms at fixed box (AtomsObjective), atoms plus cell strains
// (BoxRelaxObjective) and, later, the saddle-search objectives all implement it, so FIRE,
// CG and L-BFGS are written once.
//
// Points and gradients are passed as Eigen references, so a minimizer can iterate directly
// on storage the objective owns (AtomsObjective::variables() aliases the configuration's
// positions) and nothing is allocated or converted per evaluation.
#include <Eigen/Dense>

namespace pelcamp {

using VectorRef = Eigen::Ref<Eigen::VectorXd>;
using ConstVectorRef = Eigen::Ref<const Eigen::VectorXd>;

class Objective {
 public:
  virtual ~Objective() = default;

  virtual Eigen::Index dimension() const = 0;

  // Returns f(x) and writes ∇f(x) into `gradient` (size dimension()). A point outside the
  // objective's domain (e.g. a collapsed cell) returns +infinity; minimizers treat a
  // non-finite value as "step too long". The objective may keep state derived from the
  // last point it evaluated (positions, box, pressure): the queries below refer to it.
  virtual double evaluate(ConstVectorRef x, VectorRef gradient) = 0;

  // Size of a gradient for convergence tests and reports, in force units for atoms: the
  // largest per-atom force norm. Default: the largest |g_k|. `gradient` is the gradient at
  // the last evaluated point.
  virtual double gradient_measure(ConstVectorRef gradient) const;

  // True when the last evaluated point, whose gradient is `gradient`, satisfies the
  // objective's convergence conditions for force tolerance `fmax` (same units as
  // gradient_measure). Default: gradient_measure(gradient) < fmax. A box relaxation also
  // requires its pressure residual below its own tolerance.
  virtual bool converged(ConstVectorRef gradient, double fmax) const;

  // Size of a displacement of the variables, used to cap steps: for atoms the largest
  // per-atom displacement (length units). Default: the largest |s_k|.
  virtual double step_measure(ConstVectorRef step) const;
};

// Largest Euclidean norm over consecutive 3-blocks of v[begin, begin + 3 count), the
// per-atom norm of a 3N vector laid out atom by atom.
double max_block_norm(ConstVectorRef v, Eigen::Index begin, Eigen::Index count);

}  // namespace pelcamp
