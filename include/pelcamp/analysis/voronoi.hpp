#pragma once
// Voronoi tessellation of a configuration with voro++ (Rycroft, Chaos 19, 041111 (2009)):
// per-atom cell volume, Voronoi index ⟨n₃,n₄,n₅,n₆⟩ and the cell-centroid offset |u|.
//
// Boxes: fully periodic boxes of any tilt use voro++'s container_periodic; orthorhombic
// boxes with some free dimensions use a container with per-dimension periodic flags whose
// walls along the free dimensions sit `open_boundary_padding` beyond the outermost atoms
// (also for free clusters, Box::free_space()). Surface cells are then closed by those walls,
// so their volumes depend on the padding; interior cells do not. Triclinic boxes that are
// not periodic in all three dimensions are rejected.
//
// Radical (Laguerre) tessellation: with `radical` on, each atom carries its species' radius
// and the dividing planes are the radical planes (LAMMPS `compute voronoi/atom radius`).
//
// Index convention: n_k counts the cell's faces with k edges, k = 3…6 (faces with more
// edges are not in the index but are in `face_counts`); with min_face_area_fraction > 0,
// faces smaller than that fraction of the cell's total surface area are left out of the
// index and of face_counts (a common cure for the spurious tiny faces of distorted cells;
// volumes always use every face). The centroid offset is |u| = |c − r_i| with c the mean
// of the cell's vertices as voro++ lists them.
//
// Round-off: voro++ can lose a cell where a vertex is (nearly) degenerate, i.e. where more
// than four cells nearly meet (a polished CuZr inherent structure lost 1 cell of 4000; an
// fcc crystal with 1e-12 Å noise loses some). compute_voronoi then tessellates again with
// every atom moved by a fixed pseudo-random Gaussian displacement of `retry_jitter` per
// coordinate, ten times larger at each further retry, up to `jitter_retries` retries. That
// only picks one of the equally valid topologies at the degenerate vertex and changes
// volumes and |u| by the order of the jitter; the jitter used is reported.
#include <array>
#include <vector>

#include "pelcamp/core/configuration.hpp"

namespace pelcamp {

using VoronoiIndex = std::array<int, 4>;  // ⟨n₃, n₄, n₅, n₆⟩

struct VoronoiOptions {
  bool radical = false;
  std::vector<double> species_radii;     // one per species when radical (length)
  double min_face_area_fraction = 0.0;   // in [0, 1)
  double open_boundary_padding = 0.0;    // wall distance along free dimensions (length), > 0
                                         // required when any dimension is free
  int jitter_retries = 2;                // retries after a lost cell (≥ 0)
  double retry_jitter = 1e-10;           // jitter of the first retry (length), > 0
};

struct VoronoiTessellation {
  std::vector<double> volumes;           // per atom (length³)
  std::vector<VoronoiIndex> indices;     // per atom
  std::vector<int> face_counts;          // faces kept per atom (coordination number)
  std::vector<double> centroid_offsets;  // |u| per atom (length)
  double jitter = 0.0;                   // jitter of the retry that succeeded (0: none)
};

// Throws pelcamp::Error for invalid options (radii count or sign, fraction out of range,
// padding missing for free dimensions, retries < 0 or jitter ≤ 0), a triclinic box with
// free dimensions, or atoms voro++ could not place in any of the attempts.
VoronoiTessellation compute_voronoi(const Configuration& config, const VoronoiOptions& options);

}  // namespace pelcamp
