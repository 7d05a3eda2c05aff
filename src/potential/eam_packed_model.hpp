#pragma once
// Internal to src/potential (not public API): the packed spline tables of EamPotential and
// the small lookup helpers its evaluation kernels share (eam_compute.cpp, eam_hessian.cpp,
// eam_pair_passes.hpp). The helpers are inline here so that every kernel that uses them
// sees their definitions in its own translation unit.
#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <type_traits>
#include <vector>

#include "pelcamp/potential/eam_file.hpp"
#include "pelcamp/potential/eam_potential.hpp"

namespace pelcamp {

namespace eam {

using Cubic = std::array<double, 4>;      // ((c0 t + c1) t + c2) t + c3
using Quadratic = std::array<double, 3>;  // (c0 t + c1) t + c2

inline double eval(const Cubic& c, double t) { return ((c[0] * t + c[1]) * t + c[2]) * t + c[3]; }
inline double eval(const Quadratic& c, double t) { return (c[0] * t + c[1]) * t + c[2]; }
// d/dt of a quadratic.
inline double eval_rate(const Quadratic& c, double t) { return 2.0 * c[0] * t + c[1]; }

// The knot records are laid out for the two passes: everything pass 1 needs for one pair
// sits in one cache line, everything pass 2 needs in two adjacent ones.
//
// Pair of atoms i (element a) and j (element b), looked up in the table of (a, b):
struct alignas(64) DensityKnot {
  Cubic at_i;  // density at i due to j: ρ_{b→a}
  Cubic at_j;  // density at j due to i: ρ_{a→b}
};
struct alignas(64) ForceKnot {
  Quadratic at_i_slope;  // dρ_{b→a}/dr
  Quadratic at_j_slope;  // dρ_{a→b}/dr
  Quadratic pair_slope;  // d(r φ_ab)/dr
  Cubic pair_value;      // r φ_ab
};
struct alignas(64) EmbeddingKnot {
  Cubic value;      // F
  Quadratic slope;  // dF/dρ
};

// Position on a uniform grid, found as LAMMPS finds it: p = x/δ + 1, m = ⌊p⌋ limited to the
// last interval, t = p − m limited to 1 (the last value continues flat beyond the table).
// The lookups' second derivatives take dt/dx = 1/δ for t < 1 and 0 from the table's end on,
// as the limited t does not move there.
struct GridPoint {
  int knot;  // 0-based knot starting the interval
  double t;  // fraction within the interval
};

// Pairs are prefetched this many pairs ahead of their use.
constexpr int kPrefetchDistance = 8;
inline void prefetch(const void* address) { __builtin_prefetch(address, 0, 3); }

// Calls f(std::true_type) or f(std::false_type): turns a run-time flag into a template one.
template <class F>
void with_flag(bool flag, F&& f) {
  if (flag)
    f(std::true_type{});
  else
    f(std::false_type{});
}

}  // namespace eam

struct EamPotential::Model {
  int nr = 0, nrho = 0;
  double rdr = 0.0, rdrho = 0.0;  // 1/dr, 1/drho
  double rhomax = 0.0;
  double cutoff = 0.0;
  // Element a: knots [a nrho, (a+1) nrho). Ordered element pair (a, b), for atom i of
  // element a and j of element b: knots [(a n + b) nr, (a n + b + 1) nr).
  std::vector<eam::EmbeddingKnot> embedding;
  std::vector<eam::DensityKnot> density;
  std::vector<eam::ForceKnot> force;

  eam::GridPoint locate_r(double r) const {
    const double p = r * rdr + 1.0;
    const int m = std::min(static_cast<int>(p), nr - 1);  // 1-based knot, as LAMMPS
    return {m - 1, std::min(p - m, 1.0)};
  }
  eam::GridPoint locate_rho(double rho) const {
    const double p = rho * rdrho + 1.0;
    // m = ⌊p⌋ within [1, nrho − 1]; limiting p first keeps the conversion defined.
    const int m = static_cast<int>(std::max(1.0, std::min(p, static_cast<double>(nrho - 1))));
    return {m - 1, std::min(p - m, 1.0)};
  }
  // F and F′ of element a at ρ. Beyond the table F continues linearly, so that close
  // approaches conserve energy.
  struct Embedding {
    double value, slope;
  };
  Embedding embed(int a, double rho) const {
    const eam::GridPoint g = locate_rho(rho);
    const eam::EmbeddingKnot& knot = embedding[a * nrho + g.knot];
    const double slope = eam::eval(knot.slope, g.t);
    const double value = eam::eval(knot.value, g.t);
    return {rho > rhomax ? value + slope * (rho - rhomax) : value, slope};
  }
};

// The tables of `t` splined as LAMMPS pair_eam splines them (eam_spline.hpp) and packed
// into the knot records above.
std::shared_ptr<const EamPotential::Model> pack_eam_model(const EamTables& t);

}  // namespace pelcamp
