#include "pelcamp/neighbor/neighbor_list.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <unordered_map>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

// Bins are at least half the list radius wide, so the stencil reaches two bins each way:
// that visits about 15.6 ρ r³ candidates per atom instead of 27 ρ r³ with full-width bins.
constexpr double kBinFraction = 0.5;

bool lexicographically_positive(const Image& n) {
  if (n[0] != 0) return n[0] > 0;
  if (n[1] != 0) return n[1] > 0;
  return n[2] > 0;
}

std::int64_t lattice_key(const Image& m) {
  constexpr std::int64_t bias = 1 << 20;
  return ((m[0] + bias) << 42) | ((m[1] + bias) << 21) | (m[2] + bias);
}

int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

NeighborList::NeighborList(double cutoff, double skin, Kind kind)
    : cutoff_(cutoff), skin_(skin), kind_(kind) {
  if (!(cutoff > 0.0)) throw Error(fmt::format("neighbour cutoff must be positive, got {}", cutoff));
  if (!(skin >= 0.0)) throw Error(fmt::format("neighbour skin must be >= 0, got {}", skin));
}

bool NeighborList::update(const Configuration& config) {
  if (needs_rebuild(config)) {
    build(config);
    return true;
  }
  refresh_shifts(config.box);
  return false;
}

bool NeighborList::needs_rebuild(const Configuration& config) const {
  const std::size_t n = config.size();
  if (offsets_.empty() || n != num_atoms()) return true;
  const Box& box = config.box;
  if (box.unbounded() != built_box_.unbounded() || box.periodicity() != built_box_.periodicity())
    return true;
  const double rlist = cutoff_ + skin_;
  double affine_term = 0.0;
  Mat3 a = Mat3::Identity();
  Vec3 lo_now = Vec3::Zero(), lo_built = Vec3::Zero();
  const bool deformed = !box.unbounded() && (box.h() != built_box_.h() || box.lo() != built_box_.lo());
  if (deformed) {
    a = box.h() * built_box_.h_inv();
    affine_term = (a - Mat3::Identity()).norm() * rlist;  // Frobenius ≥ spectral norm
    lo_now = box.lo();
    lo_built = built_box_.lo();
  }
  const double limit = 0.5 * (skin_ - affine_term);
  if (limit <= 0.0) return true;
  const double limit2 = limit * limit;
  for (std::size_t i = 0; i < n; ++i) {
    const Vec3 reference =
        deformed ? Vec3(lo_now + a * (built_positions_[i] - lo_built)) : built_positions_[i];
    if ((config.positions[i] - reference).squaredNorm() > limit2) return true;
  }
  return false;
}

void NeighborList::refresh_shifts(const Box& box) {
  shifts_.resize(shift_lattice_.size());
  const Mat3 h = box.unbounded() ? Mat3::Identity() : box.h();
  for (std::size_t k = 0; k < shift_lattice_.size(); ++k) {
    const Image& m = shift_lattice_[k];
    shifts_[k] = h * Vec3(m[0], m[1], m[2]);
  }
}

void NeighborList::build(const Configuration& config) {
  const int n = static_cast<int>(config.size());
  const Box& box = config.box;
  const double rlist = cutoff_ + skin_;
  const double rlist2 = rlist * rlist;
  const Mat3 h = box.unbounded() ? Mat3::Identity() : box.h();
  const Mat3 h_inv = box.unbounded() ? Mat3::Identity() : box.h_inv();
  const Vec3 lo = box.unbounded() ? Vec3::Zero() : box.lo();
  std::array<bool, 3> periodic = box.unbounded() ? std::array<bool, 3>{false, false, false}
                                                 : box.periodicity();

  // Fractional coordinates, wrapped along periodic dimensions: x + h w lies in the cell.
  std::vector<Vec3> s(n);
  std::vector<Image> w(n);
  Vec3 s_min = Vec3::Constant(0.0), s_span = Vec3::Constant(1.0);
  for (int i = 0; i < n; ++i) {
    s[i] = h_inv * (config.positions[i] - lo);
    w[i] = {0, 0, 0};
    for (int d = 0; d < 3; ++d) {
      if (!periodic[d]) continue;
      const double f = std::floor(s[i](d));
      s[i](d) -= f;
      w[i][d] = -static_cast<int>(f);
    }
  }
  for (int d = 0; d < 3; ++d) {
    if (periodic[d] || n == 0) continue;
    double mn = s[0](d), mx = s[0](d);
    for (int i = 1; i < n; ++i) {
      mn = std::min(mn, s[i](d));
      mx = std::max(mx, s[i](d));
    }
    s_min(d) = mn;
    s_span(d) = std::max(mx - mn, 1e-12);
  }

  // Bin counts along each lattice direction and the stencil reach in bins.
  std::array<int, 3> nb{}, reach{};
  long total_bins = 1;
  for (int d = 0; d < 3; ++d) {
    const double unit_width = 1.0 / h_inv.row(d).norm();  // perpendicular width of s_d ∈ [0,1)
    const double extent = s_span(d) * unit_width;
    const double max_bins = std::max(1.0, std::cbrt(8.0 * std::max(n, 1)) + 2.0);
    nb[d] = static_cast<int>(std::clamp(std::floor(extent / (kBinFraction * rlist)), 1.0, max_bins));
    // Bins reached along d; along a free dimension never more than the other bins (a flat
    // cluster has a near-zero extent there, and the ratio below would overflow an int).
    double bins_reached = std::ceil(rlist / (extent / nb[d]) - 1e-12);
    if (!periodic[d]) bins_reached = std::min(bins_reached, static_cast<double>(nb[d] - 1));
    reach[d] = static_cast<int>(bins_reached);
    total_bins *= nb[d];
  }

  // Counting sort of atoms into bins.
  std::vector<int> bin_of(n);
  std::vector<std::array<int, 3>> bin_coords(n);
  std::vector<int> bin_start(total_bins + 1, 0);
  for (int i = 0; i < n; ++i) {
    std::array<int, 3> b{};
    for (int d = 0; d < 3; ++d) {
      const double u = (s[i](d) - s_min(d)) / s_span(d);
      b[d] = std::clamp(static_cast<int>(std::floor(u * nb[d])), 0, nb[d] - 1);
    }
    bin_coords[i] = b;
    bin_of[i] = (b[2] * nb[1] + b[1]) * nb[0] + b[0];
    ++bin_start[bin_of[i] + 1];
  }
  for (long b = 0; b < total_bins; ++b) bin_start[b + 1] += bin_start[b];
  std::vector<int> bin_atoms(n);
  {
    std::vector<int> fill(bin_start.begin(), bin_start.end() - 1);
    for (int i = 0; i < n; ++i) bin_atoms[fill[bin_of[i]]++] = i;
  }

  std::vector<Vec3> wrapped(n);
  for (int i = 0; i < n; ++i)
    wrapped[i] = config.positions[i] + h * Vec3(w[i][0], w[i][1], w[i][2]);

  shift_lattice_.clear();
  std::unordered_map<std::int64_t, std::uint16_t> shift_index;
  // Consecutive entries nearly always share their shift: remember the last one before
  // asking the hash map.
  std::int64_t last_key = -1;
  std::uint16_t last_id = 0;
  auto shift_id = [&](const Image& m) -> std::uint16_t {
    const auto key = lattice_key(m);  // never negative
    if (key == last_key) return last_id;
    auto it = shift_index.find(key);
    if (it != shift_index.end()) {
      last_id = it->second;
    } else {
      if (shift_lattice_.size() >= 65535)
        throw Error("neighbour list: too many distinct periodic shifts (box far smaller than cutoff)");
      last_id = static_cast<std::uint16_t>(shift_lattice_.size());
      shift_lattice_.push_back(m);
      shift_index.emplace(key, last_id);
    }
    last_key = key;
    return last_id;
  };

  offsets_.assign(n + 1, 0);
  neighbors_.clear();
  shift_ids_.clear();
  const bool half = kind_ == Kind::half;
  struct Entry {
    int j;
    std::int64_t shift_key;
    std::uint16_t shift_id;
  };
  std::vector<Entry> segment;
  for (int i = 0; i < n; ++i) {
    const auto& bi = bin_coords[i];
    for (int oz = -reach[2]; oz <= reach[2]; ++oz) {
      int tz = bi[2] + oz, nz = 0;
      if (periodic[2]) {
        nz = floor_div(tz, nb[2]);
        tz -= nz * nb[2];
      } else if (tz < 0 || tz >= nb[2]) {
        continue;
      }
      for (int oy = -reach[1]; oy <= reach[1]; ++oy) {
        int ty = bi[1] + oy, ny = 0;
        if (periodic[1]) {
          ny = floor_div(ty, nb[1]);
          ty -= ny * nb[1];
        } else if (ty < 0 || ty >= nb[1]) {
          continue;
        }
        for (int ox = -reach[0]; ox <= reach[0]; ++ox) {
          int tx = bi[0] + ox, nx = 0;
          if (periodic[0]) {
            nx = floor_div(tx, nb[0]);
            tx -= nx * nb[0];
          } else if (tx < 0 || tx >= nb[0]) {
            continue;
          }
          const Image cell_shift{nx, ny, nz};
          const Vec3 cell_vec = h * Vec3(nx, ny, nz);
          const int bin = (tz * nb[1] + ty) * nb[0] + tx;
          for (int k = bin_start[bin]; k < bin_start[bin + 1]; ++k) {
            const int j = bin_atoms[k];
            if (j == i && nx == 0 && ny == 0 && nz == 0) continue;
            if (half && (j < i || (j == i && !lexicographically_positive(cell_shift)))) continue;
            const Vec3 d = wrapped[j] + cell_vec - wrapped[i];
            if (d.squaredNorm() >= rlist2) continue;
            const Image m{nx + w[j][0] - w[i][0], ny + w[j][1] - w[i][1], nz + w[j][2] - w[i][2]};
            neighbors_.push_back(j);
            shift_ids_.push_back(shift_id(m));
          }
        }
      }
    }
    // Canonical order within each atom's segment (neighbour index, then lattice shift): pair
    // sums then do not depend on when the list was built, so a trajectory continued from a
    // checkpoint (fresh list) reproduces an uninterrupted one bit for bit.
    const int begin = offsets_[i];
    const int end = static_cast<int>(neighbors_.size());
    segment.clear();
    for (int k = begin; k < end; ++k)
      segment.push_back({neighbors_[k], lattice_key(shift_lattice_[shift_ids_[k]]), shift_ids_[k]});
    std::sort(segment.begin(), segment.end(), [](const Entry& a, const Entry& b) {
      return a.j != b.j ? a.j < b.j : a.shift_key < b.shift_key;
    });
    for (int k = begin; k < end; ++k) {
      neighbors_[k] = segment[k - begin].j;
      shift_ids_[k] = segment[k - begin].shift_id;
    }
    offsets_[i + 1] = end;
  }

  built_positions_ = config.positions;
  built_box_ = box;
  refresh_shifts(box);
  ++builds_;
}

}  // namespace pelcamp
