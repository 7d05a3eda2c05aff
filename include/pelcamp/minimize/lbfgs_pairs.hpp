#pragma once
// The memory of a limited-memory BFGS method: the newest correction pairs (s = Δx, y = Δg)
// in a circular store, and the two-loop recursion that applies the inverse-Hessian estimate
// they define, with the initial inverse Hessian γI, γ = s·y / y·y of the newest pair
// (Nocedal & Wright, Numerical Optimization, Algorithm 7.4 and eq. 7.20). Shared by the
// L-BFGS minimizer and the min-mode saddle activation (which applies it to an effective
// force that is not the gradient of any function).
#include "pelcamp/minimize/objective.hpp"

namespace pelcamp {

class LbfgsPairs {
 public:
  LbfgsPairs(Eigen::Index n, int memory);

  int size() const { return count_; }
  void clear() { count_ = 0; }

  // Stores s = x − x_old, y = g − g_old when the curvature s·y is positive (relative to
  // |s||y|, against round-off); returns whether it was stored.
  bool push(ConstVectorRef x, ConstVectorRef x_old, ConstVectorRef g, ConstVectorRef g_old);

  // d = −H g by the two-loop recursion (requires size() > 0).
  void direction(ConstVectorRef g, VectorRef d);

 private:
  int capacity() const { return static_cast<int>(rho_.size()); }
  int slot(int age) const { return (newest_ - age + capacity()) % capacity(); }

  Eigen::MatrixXd s_, y_;
  Eigen::VectorXd rho_, a_;
  int count_ = 0;
  int newest_ = -1;
};

}  // namespace pelcamp
