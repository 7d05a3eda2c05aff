#include "pelcamp/saddle/hessian_operator.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

LinearOperator finite_difference_hessian(Objective& objective, const Eigen::VectorXd& x,
                                         double step) {
  if (!(step > 0.0)) throw Error(fmt::format("finite-difference step {} must be > 0", step));
  return [&objective, &x, step](ConstVectorRef v, VectorRef out) {
    const double norm = v.norm();
    if (norm == 0.0) {
      out.setZero();
      return;
    }
    Eigen::VectorXd probe = x + (step / norm) * v;
    Eigen::VectorXd backward(x.size());
    objective.evaluate(probe, out);
    probe = x - (step / norm) * v;
    objective.evaluate(probe, backward);
    out = (out - backward) * (norm / (2.0 * step));
  };
}

LinearOperator potential_hessian(Potential& potential, const Configuration& config) {
  return [&potential, &config](ConstVectorRef v, VectorRef out) {
    const std::size_t n = config.size();
    std::vector<Vec3> in(n), product;
    for (std::size_t i = 0; i < n; ++i) in[i] = v.segment<3>(3 * static_cast<Eigen::Index>(i));
    potential.hessian_vector(config, in, product);
    for (std::size_t i = 0; i < n; ++i) out.segment<3>(3 * static_cast<Eigen::Index>(i)) = product[i];
  };
}

}  // namespace pelcamp
