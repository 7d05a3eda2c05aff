#include "pelcamp/analysis/voronoi_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

void require_nonempty(std::span<const VoronoiIndex> indices, const char* what) {
  if (indices.empty()) throw Error(std::string(what) + ": the index population is empty");
}

}  // namespace

std::vector<IndexPopulation> index_populations(std::span<const VoronoiIndex> indices) {
  std::map<VoronoiIndex, int> counts;
  for (const VoronoiIndex& index : indices) ++counts[index];
  std::vector<IndexPopulation> out;
  out.reserve(counts.size());
  for (const auto& [index, count] : counts) out.push_back({index, count});
  // stable_sort keeps the map's lexicographic order among equal counts.
  std::stable_sort(out.begin(), out.end(), [](const IndexPopulation& a, const IndexPopulation& b) {
    return a.count > b.count;
  });
  return out;
}

double icosahedral_fraction(std::span<const VoronoiIndex> indices) {
  require_nonempty(indices, "icosahedral_fraction");
  const VoronoiIndex icosahedron{0, 0, 12, 0};
  const auto n = std::count(indices.begin(), indices.end(), icosahedron);
  return static_cast<double>(n) / indices.size();
}

double structural_entropy(std::span<const VoronoiIndex> indices) {
  require_nonempty(indices, "structural_entropy");
  double s = 0.0;
  for (const IndexPopulation& pop : index_populations(indices)) {
    const double p = static_cast<double>(pop.count) / indices.size();
    s -= p * std::log(p);
  }
  return s;
}

}  // namespace pelcamp
