#pragma once
// Cubic interpolation of a function tabulated at uniform knots, built the way LAMMPS's
// pair_eam builds its spline tables, so that pelcamp and LAMMPS evaluate the same
// piecewise polynomials:
//   - the slope at each knot, in units of f per grid step, is a finite difference of the
//     knot values: five-point central (exact for quartics) at interior knots, three-point
//     central at the second and second-to-last knots, one-sided at the two end knots;
//   - on each interval the cubic is the Hermite polynomial through the values and slopes of
//     its two knots.
// Lookups (also LAMMPS's): for x on the grid of spacing δ, p = x/δ + 1, m = ⌊p⌋ clamped to
// the last interval, fraction p − m clamped to at most 1 (the table's last value beyond its
// end); m is the 1-based knot index, knot m − 1 of the 0-based tables below.
#include <array>
#include <span>
#include <vector>

namespace pelcamp {

struct EamSplineKnot {
  // f(x) = ((value[0] t + value[1]) t + value[2]) t + value[3]  with t ∈ [0, 1] the fraction
  // of the way from this knot to the next (value[3] is the knot's tabulated value).
  std::array<double, 4> value;
  // f'(x) = (slope[0] t + slope[1]) t + slope[2], in units of f per unit of x.
  std::array<double, 3> slope;
};

// Spline of the values f at knots x_k = k δ (δ > 0, at least 5 knots). The last knot has a
// constant polynomial (LAMMPS sets its cubic terms to zero).
std::vector<EamSplineKnot> eam_spline(std::span<const double> f, double delta);

}  // namespace pelcamp
