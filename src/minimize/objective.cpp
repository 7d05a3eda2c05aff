#include "pelcamp/minimize/objective.hpp"

#include <algorithm>
#include <cmath>

namespace pelcamp {

double Objective::gradient_measure(ConstVectorRef gradient) const {
  return gradient.size() == 0 ? 0.0 : gradient.cwiseAbs().maxCoeff();
}

bool Objective::converged(ConstVectorRef gradient, double fmax) const {
  return gradient_measure(gradient) < fmax;
}

double Objective::step_measure(ConstVectorRef step) const {
  return step.size() == 0 ? 0.0 : step.cwiseAbs().maxCoeff();
}

double max_block_norm(ConstVectorRef v, Eigen::Index begin, Eigen::Index count) {
  double max2 = 0.0;
  for (Eigen::Index i = 0; i < count; ++i)
    max2 = std::max(max2, v.segment<3>(begin + 3 * i).squaredNorm());
  return std::sqrt(max2);
}

}  // namespace pelcamp
