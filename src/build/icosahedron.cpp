#include "pelcamp/build/icosahedron.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>
#include <vector>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

// The 12 vertices (0, ±1, ±φ) and cyclic permutations, on the unit sphere; their edges (the
// 30 pairs at the shortest distance) and faces (the 20 mutually adjacent triples).
struct UnitIcosahedron {
  std::vector<Vec3> vertices;
  std::vector<std::array<int, 2>> edges;
  std::vector<std::array<int, 3>> faces;

  UnitIcosahedron() {
    const double phi = 0.5 * (1.0 + std::sqrt(5.0));
    for (double s1 : {-1.0, 1.0})
      for (double s2 : {-1.0, 1.0}) {
        vertices.emplace_back(0.0, s1, s2 * phi);
        vertices.emplace_back(s1, s2 * phi, 0.0);
        vertices.emplace_back(s2 * phi, 0.0, s1);
      }
    for (Vec3& v : vertices) v.normalize();
    const double edge = 2.0 / std::sqrt(1.0 + phi * phi);
    auto adjacent = [&](int a, int b) {
      return std::abs((vertices[a] - vertices[b]).norm() - edge) < 1e-9;
    };
    const int n = static_cast<int>(vertices.size());
    for (int a = 0; a < n; ++a)
      for (int b = a + 1; b < n; ++b) {
        if (!adjacent(a, b)) continue;
        edges.push_back({a, b});
        for (int c = b + 1; c < n; ++c)
          if (adjacent(a, c) && adjacent(b, c)) faces.push_back({a, b, c});
      }
  }
};

}  // namespace

std::size_t mackay_icosahedron_size(int shells) {
  std::size_t n = 1;
  for (std::size_t k = 1; k <= static_cast<std::size_t>(std::max(shells, 0)); ++k)
    n += 10 * k * k + 2;
  return n;
}

Configuration build_mackay_icosahedron(const IcosahedronSpec& spec) {
  if (spec.shells < 1)
    throw Error(fmt::format("a Mackay icosahedron needs at least 1 shell, got {}", spec.shells));
  if (!(spec.nn_distance > 0.0) || !std::isfinite(spec.nn_distance))
    throw Error(fmt::format("icosahedron nearest-neighbour distance must be positive, got {}",
                            spec.nn_distance));
  if (!(spec.species.mass > 0.0))
    throw Error(fmt::format("mass of species '{}' must be positive", spec.species.name));

  static const UnitIcosahedron ico;
  Configuration config;
  config.species = {spec.species};
  config.add_atom(0, Vec3::Zero());
  const double d = spec.nn_distance;
  for (int k = 1; k <= spec.shells; ++k) {
    // Shell k: the points d·Σ w_v v̂ whose positive integer weights w_v sum to k over the
    // corners v of one vertex, edge or face, so that each lattice point of the shell's
    // triangulated surface is generated exactly once.
    for (const Vec3& v : ico.vertices) config.add_atom(0, k * d * v);
    for (const auto& [a, b] : ico.edges)
      for (int m = 1; m < k; ++m)
        config.add_atom(0, d * ((k - m) * ico.vertices[a] + m * ico.vertices[b]));
    for (const auto& [a, b, c] : ico.faces)
      for (int i = 1; i < k; ++i)
        for (int j = 1; i + j < k; ++j)
          config.add_atom(
              0, d * ((k - i - j) * ico.vertices[a] + i * ico.vertices[b] + j * ico.vertices[c]));
  }
  return config;
}

}  // namespace pelcamp
