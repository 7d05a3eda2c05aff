#pragma once
// Configurations for the pair-potential and decorator tests: jittered lattices in periodic
// (orthorhombic or triclinic, including boxes smaller than twice the cutoff) and free boxes.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/neighbor/pair_source.hpp"

namespace pelcamp::testing {

// Conventional cubic-cell bases (fractional coordinates).
inline std::vector<Vec3> fcc_basis() {
  return {Vec3(0, 0, 0), Vec3(0.5, 0.5, 0), Vec3(0.5, 0, 0.5), Vec3(0, 0.5, 0.5)};
}
inline std::vector<Vec3> bcc_basis() { return {Vec3(0, 0, 0), Vec3(0.5, 0.5, 0.5)}; }

struct LatticeSpec {
  std::vector<Vec3> basis = fcc_basis();
  double a = 1.6;                 // cubic lattice constant
  int cells = 3;                  // cells per edge
  double xy = 0, xz = 0, yz = 0;  // tilt of the periodic box (lattice sheared with it)
  double jitter = 0.1;            // uniform displacement amplitude per coordinate
  std::vector<std::string> species = {"A"};
  double mass = 1.0;
  double fraction_second = 0.0;  // fraction of sites given the second species
  std::uint64_t seed = 1;
};

// A jittered lattice filling a periodic box of cells³ conventional cells.
inline Configuration periodic_lattice(const LatticeSpec& s) {
  Configuration c;
  const double l = s.a * s.cells;
  c.box = Box::triclinic({0, 0, 0}, {l, l, l}, s.xy, s.xz, s.yz);
  for (const auto& name : s.species) c.species.push_back({name, s.mass});
  Rng rng(s.seed);
  for (int i = 0; i < s.cells; ++i)
    for (int j = 0; j < s.cells; ++j)
      for (int k = 0; k < s.cells; ++k)
        for (const Vec3& b : s.basis) {
          const Vec3 frac = (Vec3(i, j, k) + b) / double(s.cells);
          const Vec3 jitter(rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1));
          const int type = (c.species.size() > 1 && rng.uniform() < s.fraction_second) ? 1 : 0;
          c.add_atom(type, c.box.from_fractional(frac) + s.jitter * jitter);
        }
  return c;
}

// A jittered spherical piece of a lattice (all sites within `radius` of the origin) in free
// space: a cluster.
inline Configuration free_cluster(const LatticeSpec& s, double radius) {
  Configuration c;
  for (const auto& name : s.species) c.species.push_back({name, s.mass});
  Rng rng(s.seed);
  const int n = int(std::ceil(radius / s.a)) + 1;
  for (int i = -n; i <= n; ++i)
    for (int j = -n; j <= n; ++j)
      for (int k = -n; k <= n; ++k)
        for (const Vec3& b : s.basis) {
          const Vec3 x = s.a * (Vec3(i, j, k) + b);
          if (x.norm() > radius) continue;
          const Vec3 jitter(rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1));
          const int type = (c.species.size() > 1 && rng.uniform() < s.fraction_second) ? 1 : 0;
          c.add_atom(type, x + s.jitter * jitter);
        }
  return c;
}

// Finite differences are only meaningful for a pair function that is smooth over the step:
// the derivative fixture changes pair distances by at most ~1e-4 (step 1e-5 times |v_j − v_i|
// or r; Gaussian |v_j − v_i| beyond 10 is out of reach for a few hundred atoms),
// so a configuration is usable when no pair distance lies within kKnotMargin of a "knot" of
// the pair function (a cutoff where φ′ jumps, a junction of pieces). Tests select their
// configuration by this geometric condition only: the first seed that meets it.
inline constexpr double kKnotMargin = 1.5e-4;

// knots(a, b) lists the knot distances of the type pair (a, b); max_range bounds them all.
template <class Knots>
double distance_to_nearest_knot(const Configuration& c, double max_range, Knots knots) {
  PairSource pairs(max_range + 2 * kKnotMargin, NeighborSettings{0.5, 256});
  pairs.update(c);
  double nearest = 1e300;
  pairs.for_each_pair(c, [&](int i, int j, const Vec3&, double r2) {
    for (double knot : knots(c.types[i], c.types[j]))
      nearest = std::min(nearest, std::abs(std::sqrt(r2) - knot));
  });
  return nearest;
}

template <class Make, class Knots>
Configuration away_from_knots(Make make, double max_range, Knots knots) {
  for (std::uint64_t seed = 1; seed < 100; ++seed) {
    Configuration c = make(seed);
    if (distance_to_nearest_knot(c, max_range, knots) > kKnotMargin) return c;
  }
  ADD_FAILURE() << "no configuration without a pair distance near a knot";
  return make(1);
}

inline std::vector<Vec3> random_vectors(std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<Vec3> v(n);
  for (auto& x : v) x = Vec3(rng.normal(), rng.normal(), rng.normal());
  return v;
}

}  // namespace pelcamp::testing
