#pragma once
// Receiver of the full Hessian H = ∂²E/∂r∂r of a configuration, 3×3 block by block:
// H_ij is the block of atoms i and j, H_ij(α, β) = ∂²E/∂r_iα ∂r_jβ (coordinate 3i + α of
// the 3N-vector). Potential::add_hessian adds a potential's Hessian to one of these; the
// storage (dense or sparse) is the accumulator's business (potential/hessian.hpp).
#include "pelcamp/core/types.hpp"

namespace pelcamp {

class HessianAccumulator {
 public:
  virtual ~HessianAccumulator() = default;
  // H_ij += block (that block only; a caller adds the symmetric partner H_ji itself).
  virtual void add(int i, int j, const Mat3& block) = 0;
  // The Hessian of a term that depends on r_i and r_j only through d = r_j − r_i, with
  // Hessian `k` with respect to d: H_ii += k, H_jj += k, H_ij −= k, H_ji −= k.
  void add_pair(int i, int j, const Mat3& k) {
    add(i, i, k);
    add(j, j, k);
    add(i, j, -k);
    add(j, i, -k);
  }
};

}  // namespace pelcamp
