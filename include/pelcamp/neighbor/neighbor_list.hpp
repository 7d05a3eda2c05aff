#pragma once
// Verlet neighbour list built from a cell list, for orthorhombic and triclinic boxes of any
// size (small periodic boxes get as many periodic images as the cutoff needs) and for free
// or partly free systems.
//
// Each entry stores a neighbour index j and the id of an integer lattice shift m, so that
// the separation is d = x_j - x_i + h m. The shift absorbs the atoms' image offsets at build
// time, so positions need not be wrapped: the list stays valid while atoms move
// continuously, and rewrapping a position simply triggers a rebuild.
//
// Rebuild criterion (half skin, generalised to a deforming box): with A = h h_build⁻¹ the
// affine map since the build, rebuild when 2 max_i |x_i − A x_i,build| + ‖A − 1‖ r_list > skin,
// which bounds the change of every listed separation by the skin.
#include <cstdint>
#include <vector>

#include "pelcamp/core/configuration.hpp"

// Pair bodies must be inlined into the neighbour loops: left out of line (GCC's choice for a
// closure of some size) every pair reloads the list arrays through the closure, which
// measured 6.6 instead of 3.9 ms per force call on a 4000-atom Kob-Andersen liquid.
#if defined(__GNUC__)
#define PELCAMP_INLINE __attribute__((always_inline))
#else
#define PELCAMP_INLINE
#endif

namespace pelcamp {

class NeighborList {
 public:
  enum class Kind { half, full };

  // One cutoff (length units) for every pair of atoms.
  NeighborList(double cutoff, double skin, Kind kind = Kind::half);
  // A cutoff per pair of atom types: `type_cutoffs` is the row-major num_types × num_types
  // table (symmetric, positive, length units). A pair of types a, b is listed within
  // cutoff_ab + skin and visited within cutoff_ab, so short-ranged type pairs do not pay for
  // the longest range (Kob-Andersen: 184k instead of 220k listed pairs for 4000 atoms).
  // Configurations must have types below num_types.
  NeighborList(const std::vector<double>& type_cutoffs, std::size_t num_types, double skin,
               Kind kind = Kind::half);

  double cutoff() const { return cutoff_; }  // the largest cutoff
  double skin() const { return skin_; }
  Kind kind() const { return kind_; }
  // Squared cutoffs: cutoff_sq_row(a)[b] for types a, b (one type when built without types).
  bool typed() const { return num_types_ > 1; }
  const double* cutoff_sq_row(int type) const { return cutoff_sq_.data() + type * num_types_; }

  // Rebuilds when never built, when the atom count (or, with type cutoffs, a type) changed
  // or when the criterion above says so; otherwise only refreshes the shift vectors for the
  // current box. Returns true when it rebuilt.
  bool update(const Configuration& config);
  void build(const Configuration& config);
  std::size_t build_count() const { return builds_; }

  // The entries of row i are grouped by lattice shift: runs [row_runs[i], row_runs[i+1]),
  // run r covering the entries from the previous run's end (offsets[i] for the first) to
  // runs[r].end, all with shift runs[r].shift_id. The pair loops hoist the shift out of the
  // run (x_i − h m is computed once per run), so a pair costs no shift lookup.
  struct ShiftRun {
    int end;
    std::uint16_t shift_id;
  };

  std::size_t num_atoms() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  const std::vector<int>& offsets() const { return offsets_; }       // CSR, size N+1
  const std::vector<int>& neighbors() const { return neighbors_; }   // j of each entry
  const std::vector<std::uint16_t>& shift_ids() const { return shift_ids_; }
  const std::vector<int>& row_runs() const { return row_runs_; }     // size N+1
  const std::vector<ShiftRun>& runs() const { return runs_; }
  const std::vector<Vec3>& shifts() const { return shifts_; }        // h m, current box
  // The types the list was built with (empty without type cutoffs).
  const std::vector<int>& types() const { return types_; }

  // Calls f(i, j, d, r2) with d = r_j − r_i for every listed pair closer than its cutoff
  // (each unordered pair once for a half list, both orders for a full list), in the list's
  // order: rows i ascending; within a row by lattice shift, then j. That order depends only
  // on the current positions, not on when the list was built (restarts rely on it).
  template <class F>
  void for_each_pair(const std::vector<Vec3>& x, F&& f) const {
    for_each_row(x, [&](int i, auto&& row) PELCAMP_INLINE {
      row([&](int j, const Vec3& d, double r2) PELCAMP_INLINE { f(i, j, d, r2); });
    });
  }

  // The same pairs row by row: calls visit(i, row) for each atom i, where row(g) calls
  // g(j, d, r2) for the pairs (i, j) of the row. A visitor can then keep atom i's sums in
  // registers (a per-pair store to atom i cannot: j may be i itself, through an image).
  template <class Visit>
  void for_each_row(const std::vector<Vec3>& x, Visit&& visit) const {
    if (typed())
      visit_rows<true>(x, visit);
    else
      visit_rows<false>(x, visit);
  }

  // The pairs of row i alone: g(j, d, r2) as in for_each_row (with a full list, every
  // neighbour of atom i within its cutoff, each periodic image of it separately).
  template <class G>
  void for_each_neighbor(int i, const std::vector<Vec3>& x, G&& g) const {
    if (typed())
      visit_row<true>(i, x.data(), g);
    else
      visit_row<false>(i, x.data(), g);
  }

 private:
  template <bool kTyped, class Visit>
  void visit_rows(const std::vector<Vec3>& x, Visit& visit) const {
    const int n = static_cast<int>(num_atoms());
    for (int i = 0; i < n; ++i)
      visit(i, [&](auto&& g) PELCAMP_INLINE { visit_row<kTyped>(i, x.data(), g); });
  }

  template <bool kTyped, class G>
  PELCAMP_INLINE void visit_row(int i, const Vec3* x, G& g) const {
    const Vec3* shift = shifts_.data();
    const int* type = types_.data();
    const int* neighbor = neighbors_.data();
    const double* cutsq = cutoff_sq_row(kTyped ? type[i] : 0);
    // One cutoff: held in a register (a load through cutsq would repeat after every store
    // of the pair body, which may alias it).
    const double cutsq_all = cutsq[0];
    int k = offsets_[i];
    for (int r = row_runs_[i]; r < row_runs_[i + 1]; ++r) {
      const Vec3 xi = x[i] - shift[runs_[r].shift_id];  // d = x_j − (x_i − h m)
      for (const int end = runs_[r].end; k < end; ++k) {
        const int j = neighbor[k];
        const Vec3 d = x[j] - xi;
        const double r2 = d.squaredNorm();
        if (r2 < (kTyped ? cutsq[type[j]] : cutsq_all)) g(j, d, r2);
      }
    }
  }

  void refresh_shifts(const Box& box);
  bool needs_rebuild(const Configuration& config) const;

  double cutoff_;
  double skin_;
  Kind kind_;
  std::size_t num_types_ = 1;
  std::vector<double> type_cutoffs_;  // num_types² (one entry without types)
  std::vector<double> cutoff_sq_;     // their squares
  std::size_t builds_ = 0;

  std::vector<int> offsets_;
  std::vector<int> neighbors_;
  std::vector<std::uint16_t> shift_ids_;
  std::vector<int> row_runs_;
  std::vector<ShiftRun> runs_;
  std::vector<Image> shift_lattice_;  // integer m for each shift id
  std::vector<Vec3> shifts_;          // h m for the current box
  std::vector<int> types_;

  std::vector<Vec3> built_positions_;
  Box built_box_;
};

}  // namespace pelcamp
