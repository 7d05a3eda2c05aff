#include "pelcamp/build/random_packing.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numbers>
#include <optional>

#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"

namespace pelcamp {

namespace {

// Random sequential addition of equal spheres jams at packing fraction 0.3841 (Torquato,
// Uche & Stillinger, Phys. Rev. E 74, 061308 (2006)); beyond it no placement exists.
constexpr double kRsaJammingFraction = 0.3841;
// Voxels per minimum distance along each axis: finer voxels track the free volume better
// (higher packing fractions) at the cost of memory, 5 (k/d)³/ρ ≈ 170/φ bytes per atom.
constexpr double kVoxelsPerDistance = 4.0;
// Below this packing fraction plain uniform trials succeed often enough, and above
// kMaxVoxels the voxels would cost too much memory: no voxels then.
constexpr double kVoxelsFromFraction = 0.25;
constexpr double kMaxVoxels = 67108864.0;  // 2^26

// Atoms binned in a periodic grid of cubic cells no smaller than the minimum distance, so
// that a conflict can only come from the 27 cells around a trial point.
class CellGrid {
 public:
  CellGrid(double length, double min_distance, std::size_t capacity) : length_(length) {
    cells_per_side_ = min_distance > 0.0 ? static_cast<int>(std::floor(length / min_distance)) : 1;
    // With fewer than 3 cells per side the 27 neighbours would repeat: use one cell.
    if (cells_per_side_ < 3) cells_per_side_ = 1;
    cell_size_ = length / cells_per_side_;
    head_.assign(static_cast<std::size_t>(cells_per_side_) * cells_per_side_ * cells_per_side_, -1);
    next_.reserve(capacity);
    points_.reserve(capacity);
  }

  bool has_neighbour_within(const Vec3& r, double distance) const {
    if (!(distance > 0.0)) return false;
    const double d2 = distance * distance;
    bool found = false;
    for_each_nearby(r, [&](const Vec3& p) {
      found = minimum_image(p - r).squaredNorm() < d2;
      return found;
    });
    return found;
  }

  void insert(const Vec3& r) {
    const std::array<int, 3> c = cell_of(r);
    int& head =
        head_[(static_cast<std::size_t>(c[2]) * cells_per_side_ + c[1]) * cells_per_side_ + c[0]];
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
  // Calls stop = f(point) for the points in the cells around r until one returns true.
  template <class F>
  void for_each_nearby(const Vec3& r, F&& f) const {
    const std::array<int, 3> c = cell_of(r);
    const int reach = cells_per_side_ == 1 ? 0 : 1;
    std::array<std::array<int, 3>, 3> layers{};  // wrapped neighbouring cells along each axis
    for (int k = 0; k < 3; ++k)
      for (int o = -reach; o <= reach; ++o) layers[k][o + reach] = wrap(c[k] + o);
    const std::size_t n = static_cast<std::size_t>(cells_per_side_);
    for (int z = 0; z <= 2 * reach; ++z)
      for (int y = 0; y <= 2 * reach; ++y)
        for (int x = 0; x <= 2 * reach; ++x) {
          const std::size_t cell = (layers[2][z] * n + layers[1][y]) * n + layers[0][x];
          for (int j = head_[cell]; j >= 0; j = next_[j])
            if (f(points_[j])) return;
        }
  }

  // Both points lie in [0, L)³, so each component is within (−L, L).
  Vec3 minimum_image(Vec3 d) const {
    for (int k = 0; k < 3; ++k) {
      if (d(k) > 0.5 * length_)
        d(k) -= length_;
      else if (d(k) < -0.5 * length_)
        d(k) += length_;
    }
    return d;
  }

  int wrap(int i) const {
    if (i < 0) return i + cells_per_side_;
    if (i >= cells_per_side_) return i - cells_per_side_;
    return i;
  }

  double length_;
  int cells_per_side_;
  double cell_size_;
  std::vector<int> head_;  // first point in each cell, -1 when empty
  std::vector<int> next_;  // next point in the same cell
  std::vector<Vec3> points_;
};

// The part of the box where a new atom may still go, as a grid of cubic voxels of side at
// most d/kVoxelsPerDistance; a voxel is dropped once one placed atom's exclusion sphere
// covers it whole. Drawing a voxel uniformly from those left, then a point uniformly
// inside it, and rejecting conflicts is still exact random sequential addition (uniform
// over the free volume), but trials no longer land in covered space, so packings get close
// to saturation (the voxel scheme of Ebeida et al., ACM Trans. Graph. 30, 49 (2011)).
class FreeVoxels {
 public:
  FreeVoxels(double length, double min_distance) : length_(length) {
    per_side_ = static_cast<int>(std::ceil(kVoxelsPerDistance * length / min_distance));
    side_ = length / per_side_;
    const std::size_t total =
        static_cast<std::size_t>(per_side_) * per_side_ * static_cast<std::size_t>(per_side_);
    candidates_.resize(total);
    for (std::size_t v = 0; v < total; ++v) candidates_[v] = static_cast<std::uint32_t>(v);
    covered_.assign(total, 0);
  }

  // A point drawn uniformly from the voxels not covered; empty when all are (saturation).
  // Covered voxels leave the candidate list lazily, when drawn, so that marking them
  // (cover) is a cache-friendly sweep and the list is only touched where it is sampled.
  std::optional<Vec3> sample(Rng& rng) {
    while (!candidates_.empty()) {
      const std::size_t at = rng.below(candidates_.size());
      const std::uint32_t v = candidates_[at];
      if (covered_[v]) {
        candidates_[at] = candidates_.back();
        candidates_.pop_back();
        continue;
      }
      const std::uint32_t n = static_cast<std::uint32_t>(per_side_);
      const Vec3 corner(v % n, (v / n) % n, v / (n * n));
      const Vec3 r = side_ * (corner + Vec3(rng.uniform(), rng.uniform(), rng.uniform()));
      return r.cwiseMin(std::nextafter(length_, 0.0));
    }
    return std::nullopt;
  }

  // Marks the voxels lying entirely within `radius` of `centre` (periodic images included):
  // those whose farthest corner is closer than `radius`.
  void cover(const Vec3& centre, double radius) {
    for (int k = 0; k < 3; ++k) {
      axes_[k].clear();
      const int first = static_cast<int>(std::floor((centre(k) - radius) / side_));
      const int last = static_cast<int>(std::floor((centre(k) + radius) / side_));
      for (int i = first; i <= last; ++i) {
        const double extent =
            std::max(std::abs(i * side_ - centre(k)), std::abs((i + 1) * side_ - centre(k)));
        if (extent < radius)
          axes_[k].push_back({(i % per_side_ + per_side_) % per_side_, extent * extent});
      }
    }
    const double r2 = radius * radius;
    const std::size_t n = static_cast<std::size_t>(per_side_);
    for (const auto& [iz, z2] : axes_[2])
      for (const auto& [iy, y2] : axes_[1]) {
        const double remaining = r2 - z2 - y2;
        if (remaining <= 0.0) continue;
        const std::size_t row =
            (static_cast<std::size_t>(iz) * n + static_cast<std::size_t>(iy)) * n;
        for (const auto& [ix, x2] : axes_[0])
          if (x2 < remaining) covered_[row + static_cast<std::size_t>(ix)] = 1;
      }
  }

 private:
  struct AxisVoxel {
    int index;       // wrapped voxel index along the axis
    double extent2;  // squared farthest distance from the centre along the axis
  };

  double length_;
  int per_side_;
  double side_;
  std::vector<std::uint32_t> candidates_;       // voxels not known to be covered
  std::vector<std::uint8_t> covered_;           // per voxel: inside some exclusion sphere
  std::array<std::vector<AxisVoxel>, 3> axes_;  // scratch for cover()
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
        throw Error(
            fmt::format("species '{}' appears twice in the composition", entry.species.name));
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
    throw Error(
        fmt::format("minimum distance must be zero or positive, got {}", spec.min_distance));
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
  std::optional<FreeVoxels> voxels;
  if (packing_fraction >= kVoxelsFromFraction &&
      std::pow(std::ceil(kVoxelsPerDistance * length / d), 3) <= kMaxVoxels)
    voxels.emplace(length, d);
  auto fail = [&](std::size_t atom, const std::string& why) {
    return Error(fmt::format(
        "random packing: {} for atom {} of {} (density {}, minimum distance {}, packing "
        "fraction {:.3f}); lower the minimum distance or the density",
        why, atom, spec.atoms, spec.number_density, d, packing_fraction));
  };
  for (std::size_t i = 0; i < spec.atoms; ++i) {
    std::size_t trial = 0;
    Vec3 r;
    do {
      if (trial == spec.max_trials_per_atom)
        throw fail(i + 1, fmt::format("no place found in {} trials", spec.max_trials_per_atom));
      ++trial;
      if (voxels) {
        const std::optional<Vec3> free_point = voxels->sample(rng);
        if (!free_point) throw fail(i + 1, "the packing is saturated, no free space is left");
        r = *free_point;
      } else {
        r = Vec3(rng.uniform(0.0, length), rng.uniform(0.0, length), rng.uniform(0.0, length));
      }
    } while (grid.has_neighbour_within(r, d));
    grid.insert(r);
    if (voxels) voxels->cover(r, d);
    config.add_atom(types[i], r);
  }
  return config;
}

}  // namespace pelcamp
