#pragma once
// The modified Johnson pair potential for α-Fe (style `johnson/fe`, units metal, one type Fe),
// exactly as implemented by the OpenKIM model Pair_Johnson_Fe__MO_857282754307_002
// (R. S. Elliott, E. B. Tadmor, S.-Y. Kim; file Pair_Johnson_Fe.F03, module
// iron_pair_potential), which takes its form from
//   J. R. Morris, R. S. Aga, V. Levashov & T. Egami, PRB 77, 174201 (2008),
// built on D. J. Srolovitz, K. Maeda, V. Vitek & T. Egami, Philos. Mag. A 44, 847 (1981) and
// R. A. Johnson, Phys. Rev. 134, A1329 (1964). This is the "modified Johnson model" of seed
// 004 (its refs. [34, 35]).
//
//   r < 1.9 Å          φ = A0 exp(−B r)                          (Morris et al. core)
//   1.9 ≤ r < 2.4      φ = Σ_{k=0..4} a_k (r − 2.4)^k            (Srolovitz et al.)
//   2.4 ≤ r < 3.0      φ = b2 (r − 3.115829)³ + b1 r + b0        (Johnson 1964, unchanged)
//   3.0 ≤ r < 3.44     φ = Σ_{k=0..5} c_k (r − 3.0)^k            (Srolovitz et al.)
//   r ≥ 3.44           φ = 0
//
// Johnson's original cubics had a discontinuous φ″ at 2.4 and 3.44 Å; Srolovitz et al.
// replaced the outer pieces so that φ, φ′ and φ″ are continuous there, and A0, B make φ and
// φ′ continuous at 1.9 Å (φ″ is not). The published 7-digit coefficients leave steps of up
// to 4e-7 eV in φ and 2e-6 eV/Å in φ′ at the knots (φ(3.44⁻) = 1.4e-7 eV); this implementation
// keeps the coefficients exactly as published rather than re-fitting them, so it evaluates
// the same function as the KIM model (and as tools/reference/py_johnson_fe.py in LAMMPS).
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "pelcamp/potential/pair_potential.hpp"

namespace pelcamp {

struct JohnsonFeValue {
  double phi;    // φ(r), eV
  double dphi;   // φ′(r), eV/Å
  double d2phi;  // φ″(r), eV/Å²
};

namespace johnson_fe {
inline constexpr double cutoff = 3.44;  // Å
inline constexpr double core_end = 1.9, inner_end = 2.4, middle_end = 3.0;
inline constexpr double A0 = 8752.934, B = 4.572488;  // eV, 1/Å
inline constexpr double a0 = -0.2002108, a1 = -0.5047747, a2 = 1.372738, a3 = -15.09618,
                        a4 = -12.90021;
inline constexpr double b0 = -1.581570, b1 = 0.477871, b2 = -0.639230, b_center = 3.115829;
inline constexpr double c0 = -0.1469636, c1 = 0.4521426, c2 = 0.2221241, c3 = 1.725326,
                        c4 = -12.91063, c5 = 14.67111;
}  // namespace johnson_fe

// φ and its first two derivatives at distance r (Å).
inline JohnsonFeValue johnson_fe_pair(double r) {
  using namespace johnson_fe;
  if (r < core_end) {
    const double phi = A0 * std::exp(-B * r);
    return {phi, -B * phi, B * B * phi};
  }
  if (r < inner_end) {
    const double x = r - inner_end;
    return {a0 + x * (a1 + x * (a2 + x * (a3 + x * a4))),
            a1 + x * (2.0 * a2 + x * (3.0 * a3 + x * 4.0 * a4)),
            2.0 * a2 + x * (6.0 * a3 + x * 12.0 * a4)};
  }
  if (r < middle_end) {
    const double z = r - b_center;
    return {b2 * z * z * z + b1 * r + b0, 3.0 * b2 * z * z + b1, 6.0 * b2 * z};
  }
  if (r < cutoff) {
    const double y = r - middle_end;
    return {c0 + y * (c1 + y * (c2 + y * (c3 + y * (c4 + y * c5)))),
            c1 + y * (2.0 * c2 + y * (3.0 * c3 + y * (4.0 * c4 + y * 5.0 * c5))),
            2.0 * c2 + y * (6.0 * c3 + y * (12.0 * c4 + y * 20.0 * c5))};
  }
  return {0.0, 0.0, 0.0};
}

struct JohnsonFeEvaluator {
  double cutoff(int, int) const { return johnson_fe::cutoff; }
  PairTerms terms(int, int, double r2) const {
    const double r = std::sqrt(r2);
    const JohnsonFeValue v = johnson_fe_pair(r);
    return {v.phi, -v.dphi / r};
  }
  PairCurvature curvature(int, int, double r2) const {
    const double r = std::sqrt(r2);
    const JohnsonFeValue v = johnson_fe_pair(r);
    return {-v.dphi / r, v.d2phi};
  }
};

using JohnsonFePotential = PairPotential<JohnsonFeEvaluator>;

// Registry factory for `johnson/fe` (takes no arguments).
std::unique_ptr<Potential> make_johnson_fe(const std::vector<std::string>& args);

}  // namespace pelcamp
