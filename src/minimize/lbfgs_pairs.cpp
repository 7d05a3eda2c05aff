#include "pelcamp/minimize/lbfgs_pairs.hpp"

#include <algorithm>

namespace pelcamp {

LbfgsPairs::LbfgsPairs(Eigen::Index n, int memory) : s_(n, memory), y_(n, memory), rho_(memory), a_(memory) {}

bool LbfgsPairs::push(ConstVectorRef x, ConstVectorRef x_old, ConstVectorRef g, ConstVectorRef g_old) {
  // The pair is built in place in the next free slot.
  const int next = (newest_ + 1) % capacity();
  s_.col(next) = x - x_old;
  y_.col(next) = g - g_old;
  const double sy = s_.col(next).dot(y_.col(next));
  if (!(sy > 1e-12 * s_.col(next).norm() * y_.col(next).norm())) {
    // The slot held the oldest pair when the store was full: that pair is gone.
    count_ = std::min(count_, capacity() - 1);
    return false;
  }
  newest_ = next;
  rho_(next) = 1.0 / sy;
  count_ = std::min(count_ + 1, capacity());
  return true;
}

void LbfgsPairs::direction(ConstVectorRef g, VectorRef d) {
  d = g;
  for (int k = 0; k < count_; ++k) {  // newest to oldest
    const int j = slot(k);
    a_(j) = rho_(j) * s_.col(j).dot(d);
    d -= a_(j) * y_.col(j);
  }
  d *= s_.col(newest_).dot(y_.col(newest_)) / y_.col(newest_).squaredNorm();
  for (int k = count_ - 1; k >= 0; --k) {  // oldest to newest
    const int j = slot(k);
    const double b = rho_(j) * y_.col(j).dot(d);
    d += (a_(j) - b) * s_.col(j);
  }
  d = -d;
}

}  // namespace pelcamp
