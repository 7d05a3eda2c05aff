#include "pelcamp/analysis/voronoi.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <voro++/voro++.hh>

#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"

namespace pelcamp {

namespace {

// voro++ sorts particles into blocks; about five atoms per block is its documented optimum.
constexpr double kAtomsPerBlock = 5.0;

int blocks_along(double length, double block_edge) {
  return std::max(1, static_cast<int>(std::lround(length / block_edge)));
}

void check_options(const Configuration& config, const VoronoiOptions& options) {
  if (options.radical) {
    if (options.species_radii.size() != config.num_species())
      throw Error(
          fmt::format("voronoi: radical tessellation needs one radius per species ({}), got {}",
                      config.num_species(), options.species_radii.size()));
    for (double r : options.species_radii)
      if (!(r >= 0.0)) throw Error(fmt::format("voronoi: species radii must be >= 0, got {}", r));
  }
  if (!(options.min_face_area_fraction >= 0.0 && options.min_face_area_fraction < 1.0))
    throw Error(fmt::format("voronoi: min_face_area_fraction must be in [0, 1), got {}",
                            options.min_face_area_fraction));
  const Box& box = config.box;
  const bool all_periodic = box.periodic(0) && box.periodic(1) && box.periodic(2);
  if (!all_periodic && !box.unbounded() && box.is_triclinic())
    throw Error("voronoi: a triclinic box must be periodic in all three dimensions");
  if (!all_periodic && !(options.open_boundary_padding > 0.0))
    throw Error(
        fmt::format("voronoi: open_boundary_padding must be > 0 for a box with free "
                    "dimensions, got {}",
                    options.open_boundary_padding));
  if (config.size() == 0) throw Error("voronoi: the configuration has no atoms");
  if (options.jitter_retries < 0)
    throw Error(fmt::format("voronoi: jitter_retries must be >= 0, got {}", options.jitter_retries));
  if (!(options.retry_jitter > 0.0))
    throw Error(fmt::format("voronoi: retry_jitter must be > 0, got {}", options.retry_jitter));
}

// voro++ produced no cell (or a duplicate) for some atom: round-off at a degenerate vertex.
struct LostCells : Error {
  using Error::Error;
};

// Reads one computed cell into the tessellation at atom `id`.
void record_cell(voro::voronoicell& cell, int id, double min_area_fraction,
                 VoronoiTessellation& out) {
  std::vector<int> orders;
  std::vector<double> areas, vertices;
  cell.face_orders(orders);
  cell.face_areas(areas);
  cell.vertices(vertices);  // relative to the atom

  double total_area = 0.0;
  for (double a : areas) total_area += a;
  VoronoiIndex index{0, 0, 0, 0};
  int kept = 0;
  for (std::size_t f = 0; f < orders.size(); ++f) {
    if (areas[f] < min_area_fraction * total_area) continue;
    ++kept;
    if (orders[f] >= 3 && orders[f] <= 6) ++index[orders[f] - 3];
  }
  Vec3 centroid = Vec3::Zero();
  const std::size_t nv = vertices.size() / 3;
  for (std::size_t v = 0; v < nv; ++v)
    centroid += Vec3(vertices[3 * v], vertices[3 * v + 1], vertices[3 * v + 2]);
  centroid /= static_cast<double>(nv);

  out.volumes[id] = cell.volume();
  out.indices[id] = index;
  out.face_counts[id] = kept;
  out.centroid_offsets[id] = centroid.norm();
}

// Computes every cell of a filled container; throws unless each atom got exactly one.
template <class Container, class Loop>
void collect_cells(Container& container, Loop& loop, double min_area_fraction,
                   VoronoiTessellation& out) {
  const std::size_t n = out.volumes.size();
  std::vector<char> seen(n, 0);
  voro::voronoicell cell;
  std::size_t done = 0;
  if (loop.start()) do {
      if (!container.compute_cell(cell, loop)) continue;
      const int id = loop.pid();
      if (seen[id]) continue;
      seen[id] = 1;
      ++done;
      record_cell(cell, id, min_area_fraction, out);
    } while (loop.inc());
  if (done != n)
    throw LostCells(fmt::format("voronoi: voro++ produced cells for {} of {} atoms", done, n));
}

// Fills any voro++ container: radical (radius_poly) containers take each atom's radius.
template <class Container>
void put_atoms(Container& container, const Configuration& config, const VoronoiOptions& options,
               const Vec3& origin) {
  for (std::size_t i = 0; i < config.size(); ++i) {
    const Vec3 x = config.positions[i] - origin;
    if constexpr (std::is_base_of_v<voro::radius_poly, Container>)
      container.put(static_cast<int>(i), x.x(), x.y(), x.z(),
                    options.species_radii[config.types[i]]);
    else
      container.put(static_cast<int>(i), x.x(), x.y(), x.z());
  }
}

template <class Container>
void tessellate_periodic(const Configuration& config, const VoronoiOptions& options,
                         VoronoiTessellation& out) {
  const Box& box = config.box;
  const double edge = std::cbrt(kAtomsPerBlock * box.volume() / config.size());
  Container container(box.lx(), box.xy(), box.ly(), box.xz(), box.yz(), box.lz(),
                      blocks_along(box.lx(), edge), blocks_along(box.ly(), edge),
                      blocks_along(box.lz(), edge), 8);
  // Positions are relative to the box origin; voro++ remaps them into its primary cell.
  put_atoms(container, config, options, box.lo());
  voro::c_loop_all_periodic loop(container);
  collect_cells(container, loop, options.min_face_area_fraction, out);
}

template <class Container>
void tessellate_walled(const Configuration& config, const VoronoiOptions& options,
                       VoronoiTessellation& out) {
  const Box& box = config.box;
  Vec3 lo, hi;
  std::array<bool, 3> periodic{};
  for (int d = 0; d < 3; ++d) {
    periodic[d] = !box.unbounded() && box.periodic(d);
    if (periodic[d]) {
      lo[d] = box.lo()[d];
      hi[d] = box.hi()[d];
      continue;
    }
    double mn = config.positions[0][d], mx = mn;
    for (const Vec3& x : config.positions) {
      mn = std::min(mn, x[d]);
      mx = std::max(mx, x[d]);
    }
    lo[d] = mn - options.open_boundary_padding;
    hi[d] = mx + options.open_boundary_padding;
  }
  const Vec3 size = hi - lo;
  const double edge = std::cbrt(kAtomsPerBlock * size.prod() / config.size());
  Container container(lo.x(), hi.x(), lo.y(), hi.y(), lo.z(), hi.z(), blocks_along(size.x(), edge),
                      blocks_along(size.y(), edge), blocks_along(size.z(), edge), periodic[0],
                      periodic[1], periodic[2], 8);
  put_atoms(container, config, options, Vec3::Zero());
  voro::c_loop_all loop(container);
  collect_cells(container, loop, options.min_face_area_fraction, out);
}

// One tessellation of `config` as it is.
VoronoiTessellation tessellate(const Configuration& config, const VoronoiOptions& options) {
  const std::size_t n = config.size();
  VoronoiTessellation out;
  out.volumes.assign(n, 0.0);
  out.indices.assign(n, VoronoiIndex{0, 0, 0, 0});
  out.face_counts.assign(n, 0);
  out.centroid_offsets.assign(n, 0.0);

  const Box& box = config.box;
  const bool all_periodic =
      !box.unbounded() && box.periodic(0) && box.periodic(1) && box.periodic(2);
  if (all_periodic) {
    if (options.radical)
      tessellate_periodic<voro::container_periodic_poly>(config, options, out);
    else
      tessellate_periodic<voro::container_periodic>(config, options, out);
  } else {
    if (options.radical)
      tessellate_walled<voro::container_poly>(config, options, out);
    else
      tessellate_walled<voro::container>(config, options, out);
  }
  return out;
}

}  // namespace

VoronoiTessellation compute_voronoi(const Configuration& config, const VoronoiOptions& options) {
  check_options(config, options);
  try {
    return tessellate(config, options);
  } catch (const LostCells&) {
    if (options.jitter_retries == 0) throw;
  }
  double jitter = options.retry_jitter;
  for (int retry = 1;; ++retry, jitter *= 10.0) {
    // A fixed stream per retry: the result does not depend on anything but the input.
    Rng rng(0x766f726f6e6f6931ULL, std::uint64_t(retry));
    Configuration jittered = config;
    for (Vec3& x : jittered.positions) x += jitter * Vec3(rng.normal(), rng.normal(), rng.normal());
    try {
      VoronoiTessellation out = tessellate(jittered, options);
      out.jitter = jitter;
      return out;
    } catch (const LostCells& e) {
      if (retry == options.jitter_retries)
        throw Error(fmt::format("{} (also after {} retries with up to {:g} jitter)", e.what(), retry, jitter));
    }
  }
}

}  // namespace pelcamp
