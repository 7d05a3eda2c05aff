#include "pelcamp/potential/single_atom_move.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/eam_potential.hpp"

namespace pelcamp {

// The default of the Potential interface (declared in potential.hpp): no local update.
std::unique_ptr<SingleAtomMove> Potential::single_atom_move(const Configuration&, double) const {
  return nullptr;
}

namespace {

// Displacements are built as length × unit vector, whose norm may exceed the length by a
// few ulps: they are accepted, and the neighbours listed, up to this much more.
constexpr double kRoundOffSlack = 1e-9;

double reach(double max_displacement) {
  if (!(max_displacement >= 0.0) || !std::isfinite(max_displacement))
    throw Error(fmt::format("single-atom move: max displacement must be >= 0, got {}", max_displacement));
  return max_displacement * (1.0 + kRoundOffSlack);
}

}  // namespace

SingleAtomMove::SingleAtomMove(const Configuration& config, double cutoff, double max_displacement)
    : config_(config),
      cutoff_(cutoff),
      list_(cutoff + reach(max_displacement), 0.0, NeighborList::Kind::full),
      max_displacement_(max_displacement) {
  list_.build(config_);
}

void SingleAtomMove::select(std::size_t atom) {
  if (atom >= config_.size())
    throw Error(fmt::format("single-atom move: atom {} out of range ({} atoms)", atom, config_.size()));
  atom_ = atom;
  atom_type_ = config_.types[atom];
  selected_ = true;
  neighbours_.clear();
  const int i = static_cast<int>(atom);
  list_.for_each_neighbor(i, config_.positions, [&](int j, const Vec3& d, double) {
    if (j != i) neighbours_.push_back({d, j, config_.types[j]});
  });
  // The list orders a row by lattice shift, then j: bring the images of each atom together.
  std::stable_sort(neighbours_.begin(), neighbours_.end(),
                   [](const Neighbour& a, const Neighbour& b) { return a.j < b.j; });
  prepare_selected();
}

MoveDelta SingleAtomMove::delta(const Vec3& displacement) const {
  if (!selected_) throw Error("single-atom move: delta() before select()");
  if (!(displacement.norm() <= reach(max_displacement_)))
    throw Error(fmt::format("single-atom move: displacement {} exceeds the prepared maximum {}",
                            displacement.norm(), max_displacement_));
  return evaluate(displacement);
}

EamSingleAtomMove::EamSingleAtomMove(const Configuration& config, const EamPotential& potential,
                                     double max_displacement)
    : SingleAtomMove(config, potential.cutoff(), max_displacement), potential_(potential) {
  // Every atom's density (its own periodic images included) and embedding energy at rest.
  const std::size_t n = config_.size();
  const double cutoff_sq = cutoff_ * cutoff_;
  rho_.assign(n, 0.0);
  embedding_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const int a = config_.types[i];
    list_.for_each_neighbor(static_cast<int>(i), config_.positions, [&](int j, const Vec3&, double r2) {
      if (r2 < cutoff_sq) rho_[i] += potential_.pair_values(a, config_.types[j], std::sqrt(r2)).rho_at_i;
    });
    embedding_[i] = potential_.embedding_energy(a, rho_[i]);
  }
}

EamSingleAtomMove::Terms EamSingleAtomMove::terms(int type_j, const Vec3& d) const {
  const double r2 = d.squaredNorm();
  if (!(r2 < cutoff_ * cutoff_)) return {};
  const EamPotential::PairValues v = potential_.pair_values(atom_type_, type_j, std::sqrt(r2));
  return {v.phi, v.rho_at_i, v.rho_at_j};
}

void EamSingleAtomMove::prepare_selected() {
  at_rest_.clear();
  atom_end_.clear();
  for (std::size_t k = 0; k < neighbours_.size(); ++k) {
    at_rest_.push_back(terms(neighbours_[k].type, neighbours_[k].d));
    if (k + 1 == neighbours_.size() || neighbours_[k + 1].j != neighbours_[k].j) atom_end_.push_back(k + 1);
  }
}

MoveDelta EamSingleAtomMove::evaluate(const Vec3& u) const {
  double dphi = 0.0, drho_i = 0.0, dembedding_neighbours = 0.0;
  std::size_t k = 0;
  for (const std::size_t end : atom_end_) {
    const int j = neighbours_[k].j;
    double drho_j = 0.0;
    for (; k < end; ++k) {
      const Terms moved = terms(neighbours_[k].type, neighbours_[k].d - u);
      dphi += moved.phi - at_rest_[k].phi;
      drho_i += moved.rho_at_i - at_rest_[k].rho_at_i;
      drho_j += moved.rho_at_j - at_rest_[k].rho_at_j;
    }
    // An atom that stays out of range keeps its embedding energy exactly.
    if (drho_j != 0.0)
      dembedding_neighbours += potential_.embedding_energy(config_.types[j], rho_[j] + drho_j) - embedding_[j];
  }
  const double dembedding_i =
      potential_.embedding_energy(atom_type_, rho_[atom_] + drho_i) - embedding_[atom_];
  return {dphi + dembedding_i + dembedding_neighbours, dembedding_i + 0.5 * dphi};
}

}  // namespace pelcamp
