#include "pelcamp/minimize/line_search.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

void LineSearchConfig::validate() const {
  if (!(sufficient_decrease > 0.0 && sufficient_decrease < curvature && curvature < 1.0))
    throw Error(fmt::format("line search: need 0 < sufficient_decrease < curvature < 1, got {} and {}",
                            sufficient_decrease, curvature));
  if (max_evaluations < 2)
    throw Error(fmt::format("line search: max_evaluations must be >= 2, got {}", max_evaluations));
  if (!(energy_resolution >= 0.0 && energy_resolution < 1e-3))
    throw Error(fmt::format("line search: energy_resolution must be in [0, 1e-3), got {}",
                            energy_resolution));
}

namespace {

// A point on the line: step length, value and directional derivative.
struct LinePoint {
  double alpha = 0.0;
  double value = 0.0;
  double slope = 0.0;
  bool finite() const { return std::isfinite(value) && std::isfinite(slope); }
};

// Minimizer of the cubic through (lo, hi) with their slopes and the value change
// `rise` = φ(hi) − φ(lo) (Nocedal & Wright eq. 3.59), kept at least a tenth of the interval
// away from either end; bisection when the cubic has no minimizer or hi is not finite. When
// `rise` is the trapezoid integral of the slopes the cubic reduces to the secant step on φ'.
double interpolate(const LinePoint& lo, const LinePoint& hi, double rise) {
  const double width = hi.alpha - lo.alpha;
  const double mid = lo.alpha + 0.5 * width;
  if (!hi.finite()) return mid;
  const double d1 = lo.slope + hi.slope - 3.0 * rise / width;
  const double disc = d1 * d1 - lo.slope * hi.slope;
  if (!(disc >= 0.0)) return mid;
  const double d2 = std::copysign(std::sqrt(disc), width);
  const double denom = hi.slope - lo.slope + 2.0 * d2;
  if (denom == 0.0) return mid;
  const double a = hi.alpha - width * (hi.slope + d2 - d1) / denom;
  if (!std::isfinite(a)) return mid;
  const double a_min = std::min(lo.alpha + 0.1 * width, hi.alpha - 0.1 * width);
  const double a_max = std::max(lo.alpha + 0.1 * width, hi.alpha - 0.1 * width);
  return std::clamp(a, a_min, a_max);
}

// Next trial beyond p while still descending: the secant root of φ' through (previous, p)
// when the slope increased, kept in [1.1 α, 10 α]; otherwise 4 α.
double extrapolate(const LinePoint& previous, const LinePoint& p) {
  if (p.slope > previous.slope) {
    const double root = p.alpha - p.slope * (p.alpha - previous.alpha) / (p.slope - previous.slope);
    if (std::isfinite(root)) return std::clamp(root, 1.1 * p.alpha, 10.0 * p.alpha);
  }
  return 4.0 * p.alpha;
}

}  // namespace

LineSearchResult line_search(MinimizationTracker& tracker, ConstVectorRef x0, double f0,
                             ConstVectorRef g0, ConstVectorRef d, double alpha_init,
                             double alpha_max, VectorRef x, VectorRef gradient,
                             const LineSearchConfig& config) {
  const double slope0 = g0.dot(d);
  const double c1 = config.sufficient_decrease;
  const double c2 = config.curvature;
  int evaluations = 0;
  double last_alpha = 0.0;

  auto evaluate = [&](double alpha) {
    ++evaluations;
    last_alpha = alpha;
    x = x0 + alpha * d;
    LinePoint p{alpha, tracker.evaluate(x, gradient), 0.0};
    p.slope = gradient.dot(d);
    if (!p.finite()) p.value = std::numeric_limits<double>::infinity();
    return p;
  };
  const double resolution = config.energy_resolution * std::abs(f0);
  // φ(b) − φ(a): measured, or from the derivatives when below the energy resolution.
  auto change = [&](const LinePoint& a, const LinePoint& b) {
    const double measured = b.value - a.value;
    if (std::abs(measured) > resolution || !b.finite()) return measured;
    return 0.5 * (b.alpha - a.alpha) * (a.slope + b.slope);
  };
  const LinePoint start{0.0, f0, slope0};
  auto sufficient_decrease = [&](const LinePoint& p) {
    return change(start, p) <= c1 * p.alpha * slope0;
  };
  auto curvature_holds = [&](const LinePoint& p) { return std::abs(p.slope) <= -c2 * slope0; };
  auto accept = [](const LinePoint& p) { return LineSearchResult{true, p.alpha, p.value}; };
  // Budget exhausted or interval collapsed: keep the best sufficient-decrease point, if any.
  auto give_up = [&](const LinePoint& best) {
    if (best.alpha > 0.0) {
      if (last_alpha != best.alpha) {
        const LinePoint again = evaluate(best.alpha);
        if (sufficient_decrease(again)) return accept(again);
      } else {
        return accept(best);
      }
    }
    x = x0;
    gradient = g0;
    return LineSearchResult{false, 0.0, f0};
  };

  if (!(slope0 < 0.0) || !(alpha_max > 0.0)) return give_up(LinePoint{});

  // Zoom on a bracket [lo, hi] known to contain acceptable points; lo always satisfies
  // sufficient decrease and has the lowest value seen.
  auto zoom = [&](LinePoint lo, LinePoint hi) {
    while (evaluations < config.max_evaluations) {
      const double a = interpolate(lo, hi, change(lo, hi));
      if (std::abs(hi.alpha - lo.alpha) <= 1e-14 * std::max(lo.alpha, hi.alpha) || a == lo.alpha ||
          a == hi.alpha)
        break;
      const LinePoint p = evaluate(a);
      if (!sufficient_decrease(p) || change(lo, p) >= 0.0) {
        hi = p;
      } else {
        if (curvature_holds(p)) return accept(p);
        if (p.slope * (hi.alpha - lo.alpha) >= 0.0) hi = lo;
        lo = p;
      }
    }
    return give_up(lo);
  };

  LinePoint previous = start;
  double alpha = std::clamp(alpha_init, 0.0, alpha_max);
  if (!(alpha > 0.0)) alpha = alpha_max;
  for (;;) {
    const LinePoint p = evaluate(alpha);
    if (!sufficient_decrease(p) || (previous.alpha > 0.0 && change(previous, p) >= 0.0))
      return zoom(previous, p);
    if (curvature_holds(p)) return accept(p);
    if (p.slope >= 0.0) return zoom(p, previous);
    if (alpha >= alpha_max) return accept(p);  // capped step, still descending
    if (evaluations >= config.max_evaluations) return give_up(p);
    alpha = std::min(extrapolate(previous, p), alpha_max);
    previous = p;
  }
}

}  // namespace pelcamp
