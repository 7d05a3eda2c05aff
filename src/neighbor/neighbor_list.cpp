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

std::int64_t lattice_key(const Image& m) {
  constexpr std::int64_t bias = 1 << 20;
  return ((m[0] + bias) << 42) | ((m[1] + bias) << 21) | (m[2] + bias);
}

Image lattice_from_key(std::int64_t key) {
  constexpr std::int64_t bias = 1 << 20, mask = (std::int64_t{1} << 21) - 1;
  return {static_cast<int>(((key >> 42) & mask) - bias), static_cast<int>(((key >> 21) & mask) - bias),
          static_cast<int>((key & mask) - bias)};
}

int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

NeighborList::NeighborList(double cutoff, double skin, Kind kind)
    : NeighborList(std::vector<double>{cutoff}, 1, skin, kind) {}

NeighborList::NeighborList(const std::vector<double>& type_cutoffs, std::size_t num_types,
                           double skin, Kind kind)
    : cutoff_(0.0), skin_(skin), kind_(kind), num_types_(num_types), type_cutoffs_(type_cutoffs) {
  if (num_types == 0 || type_cutoffs.size() != num_types * num_types)
    throw Error(fmt::format("neighbour list: {} type cutoffs for {} types", type_cutoffs.size(),
                            num_types));
  for (std::size_t a = 0; a < num_types; ++a)
    for (std::size_t b = 0; b < num_types; ++b) {
      const double rc = type_cutoffs[a * num_types + b];
      if (!(rc > 0.0) || rc != type_cutoffs[b * num_types + a])
        throw Error(fmt::format("neighbour cutoff must be positive and symmetric, got {}", rc));
      cutoff_ = std::max(cutoff_, rc);
      cutoff_sq_.push_back(rc * rc);
    }
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
  if (typed() && config.types != types_) return true;
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
  const Mat3 h = box.unbounded() ? Mat3::Identity() : box.h();
  const Mat3 h_inv = box.unbounded() ? Mat3::Identity() : box.h_inv();
  const Vec3 lo = box.unbounded() ? Vec3::Zero() : box.lo();
  std::array<bool, 3> periodic = box.unbounded() ? std::array<bool, 3>{false, false, false}
                                                 : box.periodicity();

  // List radius² of each type pair (one entry without types).
  std::vector<double> rlist2(type_cutoffs_.size());
  for (std::size_t k = 0; k < rlist2.size(); ++k)
    rlist2[k] = (type_cutoffs_[k] + skin_) * (type_cutoffs_[k] + skin_);
  if (typed()) {
    for (int i = 0; i < n; ++i)
      if (config.types[i] < 0 || config.types[i] >= static_cast<int>(num_types_))
        throw Error(fmt::format("neighbour list: atom {} has type {}, the list knows {} types", i,
                                config.types[i], num_types_));
    types_ = config.types;
  } else {
    types_.clear();
  }

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

  // Where stencil coordinate t ∈ [−reach, nb + reach) lands along each dimension: the bin
  // (−1 outside a free dimension) and the lattice image crossed to get there. Tabulated
  // once, so the stencil walk has no integer divisions.
  std::array<std::vector<int>, 3> wrap_bin, wrap_image;
  for (int d = 0; d < 3; ++d) {
    for (int t = -reach[d]; t < nb[d] + reach[d]; ++t) {
      const int image = periodic[d] ? floor_div(t, nb[d]) : 0;
      const int bin = t - image * nb[d];
      wrap_bin[d].push_back(bin >= 0 && bin < nb[d] ? bin : -1);
      wrap_image[d].push_back(image);
    }
  }

  // Counting sort of atoms into bins; within a bin, atoms stay in ascending index order.
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
  std::vector<Vec3> wrapped(n);
  for (int i = 0; i < n; ++i)
    wrapped[i] = config.positions[i] + h * Vec3(w[i][0], w[i][1], w[i][2]);
  // Bin contents in bin order, with their wrapped positions and types next to each other:
  // the candidate loop reads memory sequentially.
  std::vector<int> bin_atoms(n), bin_types(n, 0), slot_of(n);
  std::vector<Vec3> bin_positions(n);
  {
    std::vector<int> fill(bin_start.begin(), bin_start.end() - 1);
    for (int i = 0; i < n; ++i) {
      const int slot = fill[bin_of[i]]++;
      slot_of[i] = slot;
      bin_atoms[slot] = i;
      bin_positions[slot] = wrapped[i];
      if (typed()) bin_types[slot] = types_[i];
    }
  }

  // Pass 1: every pair within its list radius, found once. Atom p looks at the half of the
  // stencil with positive offsets (ordered z, y, x) and at the atoms after it in its own bin;
  // the opposite offset would find the same pair from the other atom. Offsets and (bin,
  // image) correspond one to one, so this holds for boxes smaller than the stencil too, and
  // a periodic self-image (q = p) is found at exactly one of the offsets ±o.
  struct Found {
    int p, q;
    Image cell;  // stencil image n: d = x_q − x_p + h (n + w_q − w_p)
  };
  std::vector<Found> found;
  std::size_t count = 0;  // pairs kept so far
  // Tests the atoms in bin slots [k_begin, k_end) as partners q of p, seen through image n.
  auto scan = [&](int p, int k_begin, int k_end, const Image& cell) {
    if (found.size() < count + (k_end - k_begin)) found.resize(2 * (count + k_end - k_begin));
    const Vec3 x_from = wrapped[p] - h * Vec3(cell[0], cell[1], cell[2]);  // d = x_q − x_from
    const double* rlist2_p = rlist2.data() + (typed() ? types_[p] * num_types_ : 0);
    // Branch-free: every candidate is written, the count advances only for those kept (about
    // a third; a branch on it would mispredict often).
    for (int k = k_begin; k < k_end; ++k) {
      const double r2 = (bin_positions[k] - x_from).squaredNorm();
      found[count] = {p, bin_atoms[k], cell};
      count += r2 < rlist2_p[bin_types[k]];
    }
  };
  for (int p = 0; p < n; ++p) {
    const auto& bp = bin_coords[p];
    scan(p, slot_of[p] + 1, bin_start[bin_of[p] + 1], Image{0, 0, 0});
    for (int oz = 0; oz <= reach[2]; ++oz) {
      const int tz = wrap_bin[2][bp[2] + oz + reach[2]];
      if (tz < 0) continue;
      const int nz = wrap_image[2][bp[2] + oz + reach[2]];
      for (int oy = oz == 0 ? 0 : -reach[1]; oy <= reach[1]; ++oy) {
        const int ty = wrap_bin[1][bp[1] + oy + reach[1]];
        if (ty < 0) continue;
        const int ny = wrap_image[1][bp[1] + oy + reach[1]];
        const int* bins_of_row = bin_start.data() + (tz * nb[1] + ty) * nb[0];
        // The bins along x form stripes of consecutive bins with one lattice image (one
        // stripe, or two where the stencil wraps): their atoms are contiguous, so a stripe is
        // one flat loop instead of a loop per bin. Stencil index t = ox + reach[0].
        const int* xbin = wrap_bin[0].data() + bp[0];
        const int* ximage = wrap_image[0].data() + bp[0];
        for (int t = oz == 0 && oy == 0 ? reach[0] + 1 : 0; t <= 2 * reach[0];) {
          if (xbin[t] < 0) {
            ++t;
            continue;
          }
          const int nx = ximage[t];
          int t_end = t + 1;
          while (t_end <= 2 * reach[0] && xbin[t_end] >= 0 && ximage[t_end] == nx) ++t_end;
          scan(p, bins_of_row[xbin[t]], bins_of_row[xbin[t_end - 1] + 1], Image{nx, ny, nz});
          t = t_end;
        }
      }
    }
  }

  // Pass 2: each pair into its rows: (min, max) for a half list, both orders for a full
  // list, with the lattice shift m seen from the row's atom (d = x_j − x_i + h m).
  struct Entry {
    std::int64_t shift_key;
    int j;
  };
  const bool half = kind_ == Kind::half;
  offsets_.assign(n + 1, 0);
  for (std::size_t f = 0; f < count; ++f) {
    const Found& e = found[f];
    ++offsets_[(half ? std::min(e.p, e.q) : e.p) + 1];
    if (!half) ++offsets_[e.q + 1];
  }
  for (int i = 0; i < n; ++i) offsets_[i + 1] += offsets_[i];
  std::vector<Entry> entries(offsets_[n]);
  {
    std::vector<int> fill(offsets_.begin(), offsets_.end() - 1);
    for (std::size_t f = 0; f < count; ++f) {
      const Found& e = found[f];
      const Image m{e.cell[0] + w[e.q][0] - w[e.p][0], e.cell[1] + w[e.q][1] - w[e.p][1],
                    e.cell[2] + w[e.q][2] - w[e.p][2]};
      const Image minus_m{-m[0], -m[1], -m[2]};
      if (!half || e.p <= e.q) entries[fill[e.p]++] = {lattice_key(m), e.q};
      if (!half || e.p > e.q) entries[fill[e.q]++] = {lattice_key(minus_m), e.p};
    }
  }

  // Canonical order within each row (lattice shift, then neighbour index): the shift of a
  // pair follows from the unwrapped positions alone, so pair sums do not depend on when the
  // list was built, and a trajectory continued from a checkpoint (fresh list) reproduces an
  // uninterrupted one bit for bit. Grouping by shift makes the runs.
  shift_lattice_.clear();
  std::unordered_map<std::int64_t, std::uint16_t> shift_index;
  auto shift_id = [&](std::int64_t key) -> std::uint16_t {
    auto it = shift_index.find(key);
    if (it != shift_index.end()) return it->second;
    if (shift_lattice_.size() >= 65535)
      throw Error("neighbour list: too many distinct periodic shifts (box far smaller than cutoff)");
    const auto id = static_cast<std::uint16_t>(shift_lattice_.size());
    shift_lattice_.push_back(lattice_from_key(key));
    shift_index.emplace(key, id);
    return id;
  };
  neighbors_.resize(offsets_[n]);
  shift_ids_.resize(offsets_[n]);
  row_runs_.assign(n + 1, 0);
  runs_.clear();
  // A row has a handful of distinct shifts: sorting (rank of the shift, j) packed in one
  // integer is much cheaper than sorting (shift key, j) records.
  std::vector<std::int64_t> row_shifts;
  std::vector<std::uint64_t> packed;
  for (int i = 0; i < n; ++i) {
    const Entry* row = entries.data() + offsets_[i];
    const int size = offsets_[i + 1] - offsets_[i];
    row_shifts.clear();
    for (int k = 0; k < size; ++k)
      if (std::find(row_shifts.begin(), row_shifts.end(), row[k].shift_key) == row_shifts.end())
        row_shifts.push_back(row[k].shift_key);
    std::sort(row_shifts.begin(), row_shifts.end());
    packed.resize(size);
    for (int k = 0; k < size; ++k) {
      const auto rank = std::find(row_shifts.begin(), row_shifts.end(), row[k].shift_key) - row_shifts.begin();
      packed[k] = static_cast<std::uint64_t>(rank) << 32 | static_cast<std::uint32_t>(row[k].j);
    }
    std::sort(packed.begin(), packed.end());
    std::uint16_t id = 0;
    for (int k = 0; k < size; ++k) {
      const std::uint64_t rank = packed[k] >> 32;
      if (k == 0 || rank != packed[k - 1] >> 32) {
        if (k > 0) runs_.push_back({offsets_[i] + k, id});
        id = shift_id(row_shifts[rank]);
      }
      neighbors_[offsets_[i] + k] = static_cast<int>(packed[k] & 0xffffffffu);
      shift_ids_[offsets_[i] + k] = id;
    }
    if (size > 0) runs_.push_back({offsets_[i + 1], id});
    row_runs_[i + 1] = static_cast<int>(runs_.size());
  }

  built_positions_ = config.positions;
  built_box_ = box;
  refresh_shifts(box);
  ++builds_;
}

}  // namespace pelcamp
