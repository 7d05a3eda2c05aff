#include "pelcamp/analysis/glass_transition.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

struct Point {
  double t, y;
};

// Least-squares hinge fit at a fixed breakpoint: basis 1, min(T − T_g, 0), max(T − T_g, 0).
struct HingeSolution {
  Eigen::Vector3d coefficients;
  double rss = std::numeric_limits<double>::infinity();
};

HingeSolution solve_hinge(const std::vector<Point>& points, double tg) {
  Eigen::Matrix3d normal = Eigen::Matrix3d::Zero();
  Eigen::Vector3d rhs = Eigen::Vector3d::Zero();
  for (const auto& p : points) {
    const Eigen::Vector3d basis(1.0, std::min(p.t - tg, 0.0), std::max(p.t - tg, 0.0));
    normal += basis * basis.transpose();
    rhs += basis * p.y;
  }
  HingeSolution s;
  s.coefficients = normal.ldlt().solve(rhs);
  s.rss = 0.0;
  for (const auto& p : points) {
    const double model = s.coefficients[0] + s.coefficients[1] * std::min(p.t - tg, 0.0) +
                         s.coefficients[2] * std::max(p.t - tg, 0.0);
    s.rss += (p.y - model) * (p.y - model);
  }
  return s;
}

}  // namespace

KinkFit fit_kink(std::span<const double> t, std::span<const double> y, const KinkFitOptions& options) {
  if (t.size() != y.size())
    throw Error(fmt::format("fit_kink: {} temperatures but {} values", t.size(), y.size()));
  if (options.min_points_per_branch < 2 || options.grid < 2)
    throw Error("fit_kink: min_points_per_branch and grid must be at least 2");
  std::vector<Point> points;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (std::isfinite(t[i]) && std::isfinite(y[i]) && t[i] >= options.t_min && t[i] <= options.t_max)
      points.push_back({t[i], y[i]});
  std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.t < b.t; });
  const std::size_t m = options.min_points_per_branch;
  if (points.size() < 2 * m || points[m - 1].t >= points[points.size() - m].t)
    throw Error(fmt::format("fit_kink: {} usable points; need at least {} with distinct temperatures",
                            points.size(), 2 * m));
  // Trial breakpoints between the m-th lowest and the m-th highest temperature.
  const double lo = points[m - 1].t, hi = points[points.size() - m].t;
  const double step = (hi - lo) / options.grid;
  double best_tg = lo, best_rss = std::numeric_limits<double>::infinity();
  for (int k = 0; k <= options.grid; ++k) {
    const double tg = lo + step * k;
    const double rss = solve_hinge(points, tg).rss;
    if (rss < best_rss) best_rss = rss, best_tg = tg;
  }
  // Golden-section refinement within one trial step on either side.
  double a = std::max(lo, best_tg - step), b = std::min(hi, best_tg + step);
  const double g = (std::sqrt(5.0) - 1.0) / 2.0;
  double c = b - g * (b - a), d = a + g * (b - a);
  double fc = solve_hinge(points, c).rss, fd = solve_hinge(points, d).rss;
  for (int it = 0; it < 60 && b - a > 1e-12 * std::max(1.0, std::abs(best_tg)); ++it) {
    if (fc < fd) {
      b = d, d = c, fd = fc, c = b - g * (b - a), fc = solve_hinge(points, c).rss;
    } else {
      a = c, c = d, fc = fd, d = a + g * (b - a), fd = solve_hinge(points, d).rss;
    }
  }
  const double refined = 0.5 * (a + b);
  const double tg = solve_hinge(points, refined).rss <= best_rss ? refined : best_tg;
  const HingeSolution s = solve_hinge(points, tg);
  KinkFit fit;
  fit.tg = tg;
  fit.value_at_tg = s.coefficients[0];
  fit.slope_glass = s.coefficients[1];
  fit.slope_liquid = s.coefficients[2];
  fit.rms_residual = std::sqrt(s.rss / double(points.size()));
  fit.points = points.size();
  return fit;
}

std::vector<double> local_slope(std::span<const double> t, std::span<const double> y, std::size_t half_window) {
  if (t.size() != y.size())
    throw Error(fmt::format("local_slope: {} temperatures but {} values", t.size(), y.size()));
  std::vector<double> slope(t.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t k = 0; k < t.size(); ++k) {
    const std::size_t first = k >= half_window ? k - half_window : 0;
    const std::size_t last = std::min(t.size() - 1, k + half_window);
    double n = 0, st = 0, sy = 0, stt = 0, sty = 0;
    for (std::size_t i = first; i <= last; ++i) {
      if (!std::isfinite(t[i]) || !std::isfinite(y[i])) continue;
      n += 1, st += t[i], sy += y[i], stt += t[i] * t[i], sty += t[i] * y[i];
    }
    const double denominator = n * stt - st * st;
    if (n >= 3 && denominator > 0) slope[k] = (n * sty - st * sy) / denominator;
  }
  return slope;
}

double heat_capacity_tg(std::span<const double> t, std::span<const double> cp, const KinkFit& enthalpy_fit) {
  if (t.size() != cp.size())
    throw Error(fmt::format("heat_capacity_tg: {} temperatures but {} values", t.size(), cp.size()));
  std::vector<Point> points;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (std::isfinite(t[i]) && std::isfinite(cp[i])) points.push_back({t[i], cp[i]});
  std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.t < b.t; });
  const double level = 0.5 * (enthalpy_fit.slope_glass + enthalpy_fit.slope_liquid);
  const bool rising = enthalpy_fit.slope_liquid > enthalpy_fit.slope_glass;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const double below = points[i - 1].y - level, above = points[i].y - level;
    if ((rising && below < 0 && above >= 0) || (!rising && below > 0 && above <= 0))
      return points[i - 1].t + (points[i].t - points[i - 1].t) * below / (below - above);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace pelcamp
