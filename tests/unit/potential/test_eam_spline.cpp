// The LAMMPS-style EAM spline against polynomials it must reproduce exactly: the knot slopes
// are five-point central differences inside (exact up to quartics), three-point next to the
// ends (exact up to quadratics) and one-sided at the ends (exact for straight lines), and a
// Hermite cubic with exact end slopes is exact for cubics.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/eam_spline.hpp"

namespace pelcamp {
namespace {

struct Polynomial {
  std::function<double(double)> f, df;
};

double value_at(const EamSplineKnot& k, double t) {
  return ((k.value[0] * t + k.value[1]) * t + k.value[2]) * t + k.value[3];
}
double slope_at(const EamSplineKnot& k, double t) {
  return (k.slope[0] * t + k.slope[1]) * t + k.slope[2];
}

// Checks value and slope on intervals [first, last) at several fractions.
void expect_reproduces(const Polynomial& p, double x0, double delta, int n, int first, int last) {
  std::vector<double> f(n);
  for (int k = 0; k < n; ++k) f[k] = p.f(x0 + k * delta);
  const auto knots = eam_spline(f, delta);
  ASSERT_EQ(knots.size(), static_cast<std::size_t>(n));
  for (int k = first; k < last; ++k)
    for (double t : {0.0, 0.25, 0.5, 0.8, 1.0}) {
      const double x = x0 + (k + t) * delta;
      EXPECT_NEAR(value_at(knots[k], t), p.f(x), 1e-12 * (1.0 + std::abs(p.f(x)))) << "knot " << k << " t " << t;
      EXPECT_NEAR(slope_at(knots[k], t), p.df(x), 1e-10 * (1.0 + std::abs(p.df(x)))) << "knot " << k << " t " << t;
    }
}

TEST(EamSpline, KnotValuesAreTheTabulatedValues) {
  const std::vector<double> f = {0.3, -1.2, 4.5, 2.25, 0.0, 7.125, -3.5};
  const auto knots = eam_spline(f, 0.1);
  for (std::size_t k = 0; k < f.size(); ++k) EXPECT_EQ(knots[k].value[3], f[k]);
  // The pieces join with continuous value and slope.
  for (std::size_t k = 0; k + 2 < f.size(); ++k) {
    EXPECT_NEAR(value_at(knots[k], 1.0), f[k + 1], 1e-13);
    EXPECT_NEAR(slope_at(knots[k], 1.0), slope_at(knots[k + 1], 0.0), 1e-12);
  }
}

TEST(EamSpline, StraightLineIsExactEverywhere) {
  const Polynomial line{[](double x) { return 2.0 - 3.5 * x; }, [](double) { return -3.5; }};
  expect_reproduces(line, 1.0, 0.05, 9, 0, 8);
}

TEST(EamSpline, QuadraticIsExactAwayFromTheEndKnots) {
  const Polynomial quad{[](double x) { return 1.0 + 0.5 * x - 2.0 * x * x; },
                        [](double x) { return 0.5 - 4.0 * x; }};
  expect_reproduces(quad, -0.3, 0.1, 10, 1, 8);
  // ... and not at the end knots, whose slopes are one-sided differences.
  std::vector<double> f(10);
  for (int k = 0; k < 10; ++k) f[k] = quad.f(-0.3 + 0.1 * k);
  const auto knots = eam_spline(f, 0.1);
  EXPECT_GT(std::abs(slope_at(knots[0], 0.0) - quad.df(-0.3)), 1e-3);
}

TEST(EamSpline, CubicIsExactOnIntervalsBetweenFivePointKnots) {
  const Polynomial cubic{[](double x) { return 0.7 - x + 0.3 * x * x + 1.1 * x * x * x; },
                         [](double x) { return -1.0 + 0.6 * x + 3.3 * x * x; }};
  // Knots 2 .. n-3 have five-point slopes, so intervals 2 .. n-4 are exact.
  expect_reproduces(cubic, 0.5, 0.02, 12, 2, 8);
}

TEST(EamSpline, RejectsTooFewKnotsAndBadSpacing) {
  EXPECT_THROW(eam_spline(std::vector<double>{1, 2, 3, 4}, 0.1), Error);
  EXPECT_THROW(eam_spline(std::vector<double>{1, 2, 3, 4, 5}, 0.0), Error);
}

}  // namespace
}  // namespace pelcamp
