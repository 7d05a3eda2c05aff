#pragma once
// Internal to the OpenKIM adapter (src/potential/kim_*.cpp): the particles and neighbour
// lists a KIM model is given.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/neighbor/neighbor_list.hpp"

namespace pelcamp::kim {

// What the KIM API is given: the N configuration atoms (contributing particles) followed by
// the periodic images of atoms within the model's influence distance of some atom
// (non-contributing padding particles), and one full neighbour list per model cutoff.
//
// Built from pelcamp's full Verlet list (cutoff = influence distance): an entry (j, shift
// m) of atom i is atom j itself when m = 0 and otherwise the padding particle "image of j
// by lattice vector m", created once per distinct (j, m). This is correct for triclinic and
// small boxes (an atom may appear as several of its own images) and needs no wrapping.
// Lists hold every particle within cutoff + skin at build time (KIM allows neighbours
// beyond the cutoff), so they stay valid until the Verlet list's half-skin criterion
// rebuilds them; padding coordinates are refreshed at every call.
//
// A list whose "neighbours of padding particles not needed" hint is 0 also gets lists for
// padding particles: the images of the owner's neighbours that exist as particles (those
// near the padding boundary are incomplete, as in LAMMPS's ghost lists).
class KimParticles {
 public:
  KimParticles(double influence, std::vector<double> cutoffs, std::vector<int> padding_not_needed,
               double skin)
      : cutoffs_(std::move(cutoffs)),
        padding_not_needed_(std::move(padding_not_needed)),
        skin_(skin),
        verlet_(std::max(influence, *std::max_element(cutoffs_.begin(), cutoffs_.end())), skin,
                NeighborList::Kind::full),
        lists_(cutoffs_.size()) {}

  // Padding coordinates for `config`; particles and lists anew when the Verlet list is
  // rebuilt.
  void update(const Configuration& config);

  int count() const { return static_cast<int>(owner_.size()); }
  std::size_t num_atoms() const { return num_atoms_; }
  // Configuration atom of each particle (itself for the first num_atoms()).
  const std::vector<int>& owner() const { return owner_; }
  double* coordinates() { return coordinates_.data(); }
  const double* coordinates() const { return coordinates_.data(); }

  // KIM::GetNeighborListFunction; `data` is the KimParticles.
  static int get_neighbor_list(void* const data, int const number_of_lists,
                               double const* const cutoffs, int const list, int const particle,
                               int* const number_of_neighbors, int const** const neighbors);

 private:
  struct ImageKey {
    int atom;
    Image m;
    bool operator==(const ImageKey& o) const { return atom == o.atom && m == o.m; }
  };
  struct ImageKeyHash {
    std::size_t operator()(const ImageKey& k) const {
      std::size_t h = std::hash<int>()(k.atom);
      for (int c : k.m) h = h * 1000003u ^ std::hash<int>()(c);
      return h;
    }
  };
  struct CsrList {
    std::vector<int> offsets;
    std::vector<int> neighbors;
  };

  static bool is_zero(const Image& m) { return m[0] == 0 && m[1] == 0 && m[2] == 0; }
  static Image add(const Image& a, const Image& b) { return {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }

  // The particles and lists for the current Verlet list.
  void rebuild(const Configuration& config);

  std::vector<double> cutoffs_;
  std::vector<int> padding_not_needed_;
  double skin_;
  NeighborList verlet_;
  std::vector<CsrList> lists_;

  std::size_t num_atoms_ = 0;
  std::vector<int> owner_;
  std::vector<std::uint16_t> padding_shift_;  // Verlet shift id of each padding particle
  std::vector<Image> padding_lattice_;        // its lattice vector
  std::vector<double> coordinates_;
};

}  // namespace pelcamp::kim
