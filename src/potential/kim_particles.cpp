#include "kim_particles.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace pelcamp::kim {

void KimParticles::update(const Configuration& config) {
  if (verlet_.update(config)) rebuild(config);
  const auto& shifts = verlet_.shifts();
  coordinates_.resize(3 * owner_.size());
  for (std::size_t p = 0; p < owner_.size(); ++p) {
    Vec3 x = config.positions[owner_[p]];
    if (p >= num_atoms_) x += shifts[padding_shift_[p - num_atoms_]];
    for (int d = 0; d < 3; ++d) coordinates_[3 * p + d] = x(d);
  }
}

int KimParticles::get_neighbor_list(void* const data, int const number_of_lists,
                                    double const* const cutoffs, int const list,
                                    int const particle, int* const number_of_neighbors,
                                    int const** const neighbors) {
  (void)number_of_lists;
  (void)cutoffs;
  const auto& self = *static_cast<const KimParticles*>(data);
  if (list < 0 || list >= static_cast<int>(self.lists_.size())) return 1;
  const auto& l = self.lists_[list];
  // A padding particle's list when the model said it would not ask for one: refuse.
  if (particle < 0 || particle + 1 >= static_cast<int>(l.offsets.size())) return 1;
  *number_of_neighbors = l.offsets[particle + 1] - l.offsets[particle];
  *neighbors = l.neighbors.data() + l.offsets[particle];
  return 0;
}

void KimParticles::rebuild(const Configuration& config) {
  const auto& offsets = verlet_.offsets();
  const auto& neighbors = verlet_.neighbors();
  const auto& shift_ids = verlet_.shift_ids();
  const auto& shifts = verlet_.shifts();
  const auto& x = config.positions;

  // Integer lattice vector of each shift (the list stores h m; h is invertible).
  std::vector<Image> lattice(shifts.size(), Image{0, 0, 0});
  if (!config.box.unbounded())
    for (std::size_t s = 0; s < shifts.size(); ++s) {
      const Vec3 m = config.box.h_inv() * shifts[s];
      lattice[s] = {static_cast<int>(std::lround(m(0))), static_cast<int>(std::lround(m(1))),
                    static_cast<int>(std::lround(m(2)))};
    }

  num_atoms_ = config.size();
  owner_.resize(num_atoms_);
  for (std::size_t i = 0; i < num_atoms_; ++i) owner_[i] = static_cast<int>(i);
  padding_shift_.clear();
  padding_lattice_.clear();
  std::unordered_map<ImageKey, int, ImageKeyHash> padding_index;
  std::vector<int> entry_particle(neighbors.size());
  for (std::size_t i = 0; i < num_atoms_; ++i)
    for (int k = offsets[i]; k < offsets[i + 1]; ++k) {
      const int j = neighbors[k];
      const Image& m = lattice[shift_ids[k]];
      if (is_zero(m)) {
        entry_particle[k] = j;
        continue;
      }
      const auto [it, inserted] = padding_index.try_emplace(ImageKey{j, m}, count());
      if (inserted) {
        owner_.push_back(j);
        padding_shift_.push_back(shift_ids[k]);
        padding_lattice_.push_back(m);
      }
      entry_particle[k] = it->second;
    }

  for (std::size_t l = 0; l < cutoffs_.size(); ++l) {
    const double reach = cutoffs_[l] + skin_;
    const double reach2 = reach * reach;
    const bool with_padding = padding_not_needed_[l] == 0;
    auto& list = lists_[l];
    list.offsets.assign(1, 0);
    list.neighbors.clear();
    // Entries of atom a's Verlet list within reach, as f(entry index).
    auto for_each_within = [&](int a, auto&& f) {
      for (int k = offsets[a]; k < offsets[a + 1]; ++k)
        if ((x[neighbors[k]] + shifts[shift_ids[k]] - x[a]).squaredNorm() < reach2) f(k);
    };
    for (std::size_t i = 0; i < num_atoms_; ++i) {
      for_each_within(static_cast<int>(i), [&](int k) { list.neighbors.push_back(entry_particle[k]); });
      list.offsets.push_back(static_cast<int>(list.neighbors.size()));
    }
    if (!with_padding) continue;
    for (std::size_t g = 0; g < padding_lattice_.size(); ++g) {
      const int j = owner_[num_atoms_ + g];
      for_each_within(j, [&](int k) {
        const Image m = add(padding_lattice_[g], lattice[shift_ids[k]]);
        if (is_zero(m)) {
          list.neighbors.push_back(neighbors[k]);
        } else if (auto it = padding_index.find(ImageKey{neighbors[k], m}); it != padding_index.end()) {
          list.neighbors.push_back(it->second);
        }
      });
      list.offsets.push_back(static_cast<int>(list.neighbors.size()));
    }
  }
}

}  // namespace pelcamp::kim
