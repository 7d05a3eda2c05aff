#include "pelcamp/potential/pair_potential.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "pelcamp/core/error.hpp"

namespace pelcamp {
namespace {

NeighborSettings default_settings(const std::string& units) {
  NeighborSettings settings;
  if (units == "lj") settings.skin = 0.3;
  return settings;
}

double checked_max_cutoff(const PairModelInfo& info, const std::vector<double>& cutoffs) {
  const std::size_t n = info.elements.size();
  if (n == 0) throw Error(fmt::format("pair potential {}: no types", info.name));
  if (cutoffs.size() != n * n)
    throw Error(fmt::format("pair potential {}: cutoff table has {} entries, expected {}",
                            info.name, cutoffs.size(), n * n));
  if (!info.masses.empty() && info.masses.size() != n)
    throw Error(
        fmt::format("pair potential {}: {} masses for {} types", info.name, info.masses.size(), n));
  double max_cutoff = 0.0;
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      const double rc = cutoffs[a * n + b];
      if (!(std::isfinite(rc) && rc > 0.0) || rc != cutoffs[b * n + a])
        throw Error(
            fmt::format("pair potential {}: cutoff of {}-{} must be finite, positive and "
                        "symmetric, got {}",
                        info.name, info.elements[a], info.elements[b], rc));
      max_cutoff = std::max(max_cutoff, rc);
    }
  return max_cutoff;
}

}  // namespace

PairPotentialBase::PairPotentialBase(PairModelInfo info, const std::vector<double>& cutoffs)
    : info_(std::move(info)),
      cutoffs_(cutoffs),
      max_cutoff_(checked_max_cutoff(info_, cutoffs)),
      pairs_(cutoffs, info_.elements.size(), default_settings(info_.units)) {}

void PairPotentialBase::set_neighbor_settings(const NeighborSettings& settings) {
  pairs_ = PairSource(cutoffs_, num_types(), settings);
}

void PairPotentialBase::prepare(const Configuration& config) {
  check_types(config);
  pairs_.update(config);
}

}  // namespace pelcamp
