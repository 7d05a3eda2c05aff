#include "pelcamp/neighbor/pair_source.hpp"

namespace pelcamp {

PairSource::PairSource(double cutoff, NeighborSettings settings)
    : settings_(settings), list_(cutoff, settings.skin, NeighborList::Kind::half) {}

PairSource::PairSource(const std::vector<double>& type_cutoffs, std::size_t num_types,
                       NeighborSettings settings)
    : settings_(settings), list_(type_cutoffs, num_types, settings.skin, NeighborList::Kind::half) {}

void PairSource::update(const Configuration& config) {
  all_pairs_ = !config.box.any_periodic() && config.size() <= settings_.all_pairs_max_atoms;
  if (!all_pairs_) list_.update(config);
}

}  // namespace pelcamp
