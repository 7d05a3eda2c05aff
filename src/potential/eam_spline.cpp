#include "pelcamp/potential/eam_spline.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

std::vector<EamSplineKnot> eam_spline(std::span<const double> f, double delta) {
  const std::size_t n = f.size();
  if (n < 5) throw Error(fmt::format("EAM spline needs at least 5 knots, got {}", n));
  if (!(delta > 0.0)) throw Error(fmt::format("EAM spline needs a positive spacing, got {}", delta));

  // Knot slopes in units of f per grid step (the arithmetic order matches LAMMPS so the
  // tables agree to the last bit).
  std::vector<double> s(n);
  s[0] = f[1] - f[0];
  s[1] = 0.5 * (f[2] - f[0]);
  s[n - 2] = 0.5 * (f[n - 1] - f[n - 3]);
  s[n - 1] = f[n - 1] - f[n - 2];
  for (std::size_t k = 2; k + 2 < n; ++k)
    s[k] = ((f[k - 2] - f[k + 2]) + 8.0 * (f[k + 1] - f[k - 1])) / 12.0;

  std::vector<EamSplineKnot> knots(n);
  for (std::size_t k = 0; k < n; ++k) {
    double cubic = 0.0, quadratic = 0.0;
    if (k + 1 < n) {
      // Hermite cubic on [k, k+1] in the fraction t: f_k + s_k t + quadratic t² + cubic t³.
      const double rise = f[k + 1] - f[k];
      quadratic = 3.0 * rise - 2.0 * s[k] - s[k + 1];
      cubic = s[k] + s[k + 1] - 2.0 * rise;
    }
    knots[k].value = {cubic, quadratic, s[k], f[k]};
    knots[k].slope = {3.0 * cubic / delta, 2.0 * quadratic / delta, s[k] / delta};
  }
  return knots;
}

}  // namespace pelcamp
