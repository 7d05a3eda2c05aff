#include "pelcamp/build/random_packing.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numbers>

#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"

namespace pelcamp {

namespace {

// Random sequential addition of equal spheres jams at packing fraction 0.3841 (Torquato,
// Uche & Stillinger, Phys. Rev. E 74, 061308 (2006)); beyond it no placement exists.
constexpr double kRsaJammingFraction = 0.3841;

// Atoms binned in a periodic grid of cubic cells no smaller than the minimum distance, so
// that a conflict can only come from the 27 cells around a trial point.
class CellGrid {
 public:
  CellGrid(double length, double min_distance, std::size_t capacity) : length_(length) {
    cells_per_side_ =
        min_distance > 0.0 ? static_cast<int>(std::floor(length / min_distance)) : 1;
    // With fewer than 3 cells per side the 27 neighbours would repeat: use one cell.
    if (cells_per_side_ < 3) cells_per_side_ = 1;
    cell_size_ = length / cells_per_side_;
    head_.assign(static_cast<std::size_t>(cells_per_side_) * cells_per_side_ * cells_per_side_,
                 -1);
    next_.reserve(capacity);
    points_.reserve(capacity);
  }

  bool has_neighbour_within(const Vec3& r, double distance) const {
    if (!(distance > 0.0)) return false;
    const double d2 = distance * distance;
    const std::array<int, 3> c = cell_of(r);
    const int reach = cells_per_side_ == 1 ? 0 : 1;
    for (int dz = -reach; dz <= reach; ++dz)
      for (int dy = -reach; dy <= reach; ++dy)
        for (int dx = -reach; dx <= reach; ++dx) {
          int j = head_[index(c[0] + dx, c[1] + dy, c[2] + dz)];
          for (; j >= 0; j = next_[j]) {
            Vec3 d = points_[j] - r;
            for (int k = 0; k < 3; ++k) d(k) -= length_ * std::nearbyint(d(k) / length_);
            if (d.squaredNorm() < d2) return true;
          }
        }
    return false;
  }

  void insert(const Vec3& r) {
    const std::array<int, 3> c = cell_of(r);
    int& head = head_[index(c[0], c[1], c[2])];
    next_.push_back(head);
    head = static_cast<int>(points_.size());
    points_.push_back(r);
  }

 private:
  std::array<int, 3> cell_of(const Vec3& r) const {
    std::array<int, 3> c{};
    for (int k = 0; k < 3; ++k)
      c[k] = std::min(static_cast<int>(r(k) / cell_size_), cells_per_side_ - 1);
    return c;
  }
  std::size_t index(int x, int y, int z) const {
    const int n = cells_per_side_;
    x = (x % n + n) % n;
    y = (y % n + n) % n;
    z = (z % n + n) % n;
    return (static_cast<std::size_t>(z) * n + y) * n + x;
  }

  double length_;
  int cells_per_side_;
  double cell_size_;
  std::vector<int> head_;  // first point in each cell, -1 when empty
  std::vector<int> next_;  // next point in the same cell
  std::vector<Vec3> points_;
};

}  // namespace

std::vector<std::size_t> composition_counts(const std::vector<CompositionEntry>& composition,
                                            std::size_t atoms) {
  if (composition.empty()) throw Error("composition is empty; give at least one species");
  double total = 0.0;
  for (std::size_t k = 0; k < composition.size(); ++k) {
    const auto& entry = composition[k];
    if (!(entry.fraction > 0.0))
      throw Error(fmt::format("composition fraction of '{}' must be positive, got {}",
                              entry.species.name, entry.fraction));
    for (std::size_t j = 0; j < k; ++j)
      if (composition[j].species.name == entry.species.name)
        throw Error(fmt::format("species '{}' appears twice in the composition",
                                entry.species.name));
    total += entry.fraction;
  }
  if (std::abs(total - 1.0) > 1e-6)
    throw Error(fmt::format("composition fractions sum to {}, not 1", total));

  // Largest remainder: floor everything, then give the leftover atoms to the largest
  // fractional parts (ties to the earlier entry).
  std::vector<std::size_t> counts(composition.size());
  std::vector<double> remainders(composition.size());
  std::size_t assigned = 0;
  for (std::size_t k = 0; k < composition.size(); ++k) {
    const double exact = composition[k].fraction / total * static_cast<double>(atoms);
    counts[k] = static_cast<std::size_t>(std::floor(exact));
    remainders[k] = exact - static_cast<double>(counts[k]);
    assigned += counts[k];
  }
  std::vector<std::size_t> order(composition.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; assigned < atoms; ++k, ++assigned) ++counts[order[k % order.size()]];
  return counts;
}

Configuration build_random_packing(const RandomPackingSpec& spec) {
  if (spec.atoms == 0) throw Error("random packing needs at least one atom");
  if (!(spec.number_density > 0.0) || !std::isfinite(spec.number_density))
    throw Error(fmt::format("number density must be positive, got {}", spec.number_density));
  if (!(spec.min_distance >= 0.0) || !std::isfinite(spec.min_distance))
    throw Error(fmt::format("minimum distance must be zero or positive, got {}",
                            spec.min_distance));
  if (spec.max_trials_per_atom == 0) throw Error("max_trials_per_atom must be at least 1");
  for (const auto& entry : spec.composition)
    if (!(entry.species.mass > 0.0))
      throw Error(fmt::format("mass of species '{}' must be positive", entry.species.name));
  const std::vector<std::size_t> counts = composition_counts(spec.composition, spec.atoms);

  const double d = spec.min_distance;
  const double packing_fraction = spec.number_density * std::numbers::pi * d * d * d / 6.0;
  if (packing_fraction > kRsaJammingFraction)
    throw Error(fmt::format(
        "random packing of {} atoms at density {} with minimum distance {} would have packing "
        "fraction {:.3f} (ρπd³/6), above the random-sequential-addition limit {}: lower the "
        "minimum distance or the density",
        spec.atoms, spec.number_density, d, packing_fraction, kRsaJammingFraction));

  Rng rng(spec.seed);
  std::vector<int> types;
  types.reserve(spec.atoms);
  for (std::size_t k = 0; k < counts.size(); ++k) types.insert(types.end(), counts[k], k);
  for (std::size_t i = types.size(); i > 1; --i)  // Fisher–Yates
    std::swap(types[i - 1], types[rng.below(i)]);

  const double length = std::cbrt(static_cast<double>(spec.atoms) / spec.number_density);
  Configuration config;
  config.box = Box::orthorhombic(Vec3::Zero(), Vec3::Constant(length));
  for (const auto& entry : spec.composition) config.species.push_back(entry.species);
  CellGrid grid(length, d, spec.atoms);
  for (std::size_t i = 0; i < spec.atoms; ++i) {
    std::size_t trial = 0;
    Vec3 r;
    do {
      if (trial++ == spec.max_trials_per_atom)
        throw Error(fmt::format(
            "random packing: no place found for atom {} of {} in {} trials (density {}, "
            "minimum distance {}, packing fraction {:.3f}); lower the minimum distance or "
            "the density",
            i + 1, spec.atoms, spec.max_trials_per_atom, spec.number_density, d,
            packing_fraction));
      r = Vec3(rng.uniform(0.0, length), rng.uniform(0.0, length), rng.uniform(0.0, length));
    } while (grid.has_neighbour_within(r, d));
    grid.insert(r);
    config.add_atom(types[i], r);
  }
  return config;
}

}  // namespace pelcamp
