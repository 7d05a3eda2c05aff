#pragma once
// The thermodynamic glass transition temperature T_g of a quench, from the kink of a
// property y(T) (volume, potential energy or enthalpy per atom) and from the step of the
// heat capacity C_p = dH/dT.
//
// Fitting rule (kink): the continuous two-branch ("hinge") least-squares fit
//   y(T) = y_g + s_glass (T − T_g)                 for T ≤ T_g
//   y(T) = y_g + s_liquid (T − T_g)                for T > T_g,
// i.e. straight glass and liquid branches meeting at T_g — the intersection of the linear
// extrapolations of the low- and high-temperature branches, fitted jointly. For a trial T_g
// the model is linear in (y_g, s_glass, s_liquid) and is solved exactly; T_g minimizes the
// residual sum of squares over trial values with at least `min_points_per_branch` points on
// each side: a scan over `grid` equally spaced trials, then golden-section refinement in
// the best trial's neighbourhood. Points outside [t_min, t_max] and NaN points are ignored.
//
// Heat capacity: C_p(T_k) is the least-squares slope of H over the points within
// `half_window` rows of k (fewer at the ends). T_g(C_p) is the position of the step of C_p:
// the least-squares fit of a two-level step (C_p,glass below T_g, C_p,liquid above), found
// by the same scan and refinement as the kink — robust to the noise of a differentiated
// trace, where a first-crossing rule is not.
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace pelcamp {

struct KinkFitOptions {
  std::size_t min_points_per_branch = 5;
  int grid = 400;  // trial breakpoints of the scan
  double t_min = -std::numeric_limits<double>::infinity();
  double t_max = std::numeric_limits<double>::infinity();
};

struct KinkFit {
  double tg = 0.0;            // breakpoint (temperature units of t)
  double value_at_tg = 0.0;   // y_g
  double slope_glass = 0.0;   // dy/dT below T_g
  double slope_liquid = 0.0;  // dy/dT above T_g
  double rms_residual = 0.0;
  std::size_t points = 0;     // points used

  double operator()(double t) const {
    return value_at_tg + (t <= tg ? slope_glass : slope_liquid) * (t - tg);
  }
};

// Throws pelcamp::Error when t and y differ in length or fewer than 2·min_points_per_branch
// usable points with distinct temperatures remain.
KinkFit fit_kink(std::span<const double> t, std::span<const double> y, const KinkFitOptions& options = {});

// Local least-squares slope dy/dT at every point (NaN where fewer than 3 usable points).
std::vector<double> local_slope(std::span<const double> t, std::span<const double> y, std::size_t half_window);

struct StepFit {
  double tg = 0.0;
  double below = 0.0;  // mean level for T ≤ T_g
  double above = 0.0;  // mean level for T > T_g
  double rms_residual = 0.0;
  std::size_t points = 0;
};

// The two-level step fit (same options and errors as fit_kink).
StepFit fit_step(std::span<const double> t, std::span<const double> y, const KinkFitOptions& options = {});

}  // namespace pelcamp
