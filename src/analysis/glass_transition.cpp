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

// The two models, linear in their coefficients at a fixed breakpoint T_g.
enum class Model { hinge, step };

// hinge: 1, min(T − T_g, 0), max(T − T_g, 0); step: [T ≤ T_g], [T > T_g], 0.
Eigen::Vector3d basis(Model model, double t, double tg) {
  if (model == Model::hinge) return {1.0, std::min(t - tg, 0.0), std::max(t - tg, 0.0)};
  return {t <= tg ? 1.0 : 0.0, t > tg ? 1.0 : 0.0, 0.0};
}

struct Solution {
  Eigen::Vector3d coefficients;
  double rss = std::numeric_limits<double>::infinity();
};

// Least-squares coefficients at breakpoint tg (the step's unused third coefficient is 0).
Solution solve(Model model, const std::vector<Point>& points, double tg) {
  Eigen::Matrix3d normal = Eigen::Matrix3d::Zero();
  Eigen::Vector3d rhs = Eigen::Vector3d::Zero();
  for (const auto& p : points) {
    const Eigen::Vector3d b = basis(model, p.t, tg);
    normal += b * b.transpose();
    rhs += b * p.y;
  }
  if (model == Model::step) normal(2, 2) = 1.0;
  Solution s;
  s.coefficients = normal.ldlt().solve(rhs);
  s.rss = 0.0;
  for (const auto& p : points) {
    const double r = p.y - basis(model, p.t, tg).dot(s.coefficients);
    s.rss += r * r;
  }
  return s;
}

struct Breakpoint {
  double tg;
  Solution solution;
  std::size_t points;
};


// Scan and golden-section refinement of the breakpoint (see the header).
Breakpoint fit_breakpoint(Model model, std::span<const double> t, std::span<const double> y,
                          const KinkFitOptions& options, const char* what) {
  if (t.size() != y.size())
    throw Error(fmt::format("{}: {} temperatures but {} values", what, t.size(), y.size()));
  if (options.min_points_per_branch < 2 || options.grid < 2)
    throw Error(fmt::format("{}: min_points_per_branch and grid must be at least 2", what));
  std::vector<Point> points;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (std::isfinite(t[i]) && std::isfinite(y[i]) && t[i] >= options.t_min && t[i] <= options.t_max)
      points.push_back({t[i], y[i]});
  std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.t < b.t; });
  const std::size_t m = options.min_points_per_branch;
  if (points.size() < 2 * m || points[m - 1].t >= points[points.size() - m].t)
    throw Error(fmt::format("{}: {} usable points; need at least {} with distinct temperatures",
                            what, points.size(), 2 * m));
  // Trial breakpoints between the m-th lowest and the m-th highest temperature.
  const double lo = points[m - 1].t, hi = points[points.size() - m].t;
  const double step = (hi - lo) / options.grid;
  double best_tg = lo, best_rss = std::numeric_limits<double>::infinity();
  for (int k = 0; k <= options.grid; ++k) {
    const double tg = lo + step * k;
    const double rss = solve(model, points, tg).rss;
    if (rss < best_rss) best_rss = rss, best_tg = tg;
  }
  // Golden-section refinement within one trial step on either side.
  double a = std::max(lo, best_tg - step), b = std::min(hi, best_tg + step);
  const double g = (std::sqrt(5.0) - 1.0) / 2.0;
  double c = b - g * (b - a), d = a + g * (b - a);
  double fc = solve(model, points, c).rss, fd = solve(model, points, d).rss;
  for (int it = 0; it < 60 && b - a > 1e-12 * std::max(1.0, std::abs(best_tg)); ++it) {
    if (fc < fd) {
      b = d, d = c, fd = fc, c = b - g * (b - a), fc = solve(model, points, c).rss;
    } else {
      a = c, c = d, fc = fd, d = a + g * (b - a), fd = solve(model, points, d).rss;
    }
  }
  const double refined = 0.5 * (a + b);
  const double tg = solve(model, points, refined).rss <= best_rss ? refined : best_tg;
  return {tg, solve(model, points, tg), points.size()};
}

}  // namespace

KinkFit fit_kink(std::span<const double> t, std::span<const double> y, const KinkFitOptions& options) {
  const Breakpoint b = fit_breakpoint(Model::hinge, t, y, options, "fit_kink");
  KinkFit fit;
  fit.tg = b.tg;
  fit.value_at_tg = b.solution.coefficients[0];
  fit.slope_glass = b.solution.coefficients[1];
  fit.slope_liquid = b.solution.coefficients[2];
  fit.rms_residual = std::sqrt(b.solution.rss / double(b.points));
  fit.points = b.points;
  return fit;
}

StepFit fit_step(std::span<const double> t, std::span<const double> y, const KinkFitOptions& options) {
  const Breakpoint b = fit_breakpoint(Model::step, t, y, options, "fit_step");
  StepFit fit;
  fit.tg = b.tg;
  fit.below = b.solution.coefficients[0];
  fit.above = b.solution.coefficients[1];
  fit.rms_residual = std::sqrt(b.solution.rss / double(b.points));
  fit.points = b.points;
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

}  // namespace pelcamp
