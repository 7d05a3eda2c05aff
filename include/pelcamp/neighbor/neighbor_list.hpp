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

namespace pelcamp {

class NeighborList {
 public:
  enum class Kind { half, full };

  NeighborList(double cutoff, double skin, Kind kind = Kind::half);

  double cutoff() const { return cutoff_; }
  double skin() const { return skin_; }
  Kind kind() const { return kind_; }

  // Rebuilds when never built, when the atom count changed or when the criterion above
  // says so; otherwise only refreshes the shift vectors for the current box.
  // Returns true when it rebuilt.
  bool update(const Configuration& config);
  void build(const Configuration& config);
  std::size_t build_count() const { return builds_; }

  std::size_t num_atoms() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  const std::vector<int>& offsets() const { return offsets_; }       // CSR, size N+1
  const std::vector<int>& neighbors() const { return neighbors_; }   // j of each entry
  const std::vector<std::uint16_t>& shift_ids() const { return shift_ids_; }
  const std::vector<Vec3>& shifts() const { return shifts_; }        // h m, current box

  // Calls f(i, j, d, r2) with d = r_j − r_i for every listed pair closer than the cutoff
  // (each unordered pair once for a half list, both orders for a full list).
  template <class F>
  void for_each_pair(const std::vector<Vec3>& x, F&& f) const {
    const double cutsq = cutoff_ * cutoff_;
    const int n = static_cast<int>(num_atoms());
    const Vec3* shift = shifts_.data();
    for (int i = 0; i < n; ++i) {
      const Vec3 xi = x[i];
      for (int k = offsets_[i]; k < offsets_[i + 1]; ++k) {
        const int j = neighbors_[k];
        const Vec3 d = x[j] - xi + shift[shift_ids_[k]];
        const double r2 = d.squaredNorm();
        if (r2 < cutsq) f(i, j, d, r2);
      }
    }
  }

 private:
  void refresh_shifts(const Box& box);
  bool needs_rebuild(const Configuration& config) const;

  double cutoff_;
  double skin_;
  Kind kind_;
  std::size_t builds_ = 0;

  std::vector<int> offsets_;
  std::vector<int> neighbors_;
  std::vector<std::uint16_t> shift_ids_;
  std::vector<Image> shift_lattice_;  // integer m for each shift id
  std::vector<Vec3> shifts_;          // h m for the current box

  std::vector<Vec3> built_positions_;
  Box built_box_;
};

}  // namespace pelcamp
