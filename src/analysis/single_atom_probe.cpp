#include "pelcamp/analysis/single_atom_probe.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

DirectionGrid::DirectionGrid(int n_theta, int n_phi) : n_theta_(n_theta), n_phi_(n_phi) {
  if (n_theta < 1 || n_phi < 1)
    throw Error(fmt::format("direction grid: need n_theta >= 1 and n_phi >= 1, got {} x {}",
                            n_theta, n_phi));
}

double DirectionGrid::theta(std::size_t k) const {
  return (static_cast<double>(k / n_phi_) + 0.5) * std::numbers::pi / n_theta_;
}

double DirectionGrid::phi(std::size_t k) const {
  return (static_cast<double>(k % n_phi_) + 0.5) * 2.0 * std::numbers::pi / n_phi_;
}

double DirectionGrid::solid_angle(std::size_t k) const {
  const double half = 0.5 * std::numbers::pi / n_theta_;
  const double t = theta(k);
  return 2.0 * std::numbers::pi / n_phi_ * (std::cos(t - half) - std::cos(t + half));
}

Vec3 DirectionGrid::unit_vector(std::size_t k) const {
  const double t = theta(k), p = phi(k);
  return {std::sin(t) * std::cos(p), std::sin(t) * std::sin(p), std::cos(t)};
}

double AtomProbe::negative_fraction(const DirectionGrid& grid, std::size_t d) const {
  double omega = 0.0;
  for (std::size_t k = 0; k < grid.size(); ++k)
    if (de_atom[d * grid.size() + k] < 0.0) omega += grid.solid_angle(k);
  return omega / (4.0 * std::numbers::pi);
}

std::size_t AtomProbe::minimum() const {
  return static_cast<std::size_t>(std::min_element(de_atom.begin(), de_atom.end()) - de_atom.begin());
}

namespace {

void check_displacements(const std::vector<double>& dr) {
  for (double d : dr)
    if (!(d > 0.0) || !std::isfinite(d))
      throw Error(fmt::format("single-atom probe: displacements must be > 0, got {}", d));
}

// Fills a probe from f(u) = {dE_sys, dE_atom} for each displacement u.
template <class Delta>
AtomProbe probe_directions(const std::vector<double>& dr, const DirectionGrid& grid, Delta&& delta) {
  AtomProbe probe;
  probe.de_atom.resize(dr.size() * grid.size());
  probe.de_sys.resize(dr.size() * grid.size());
  for (std::size_t d = 0; d < dr.size(); ++d) {
    for (std::size_t k = 0; k < grid.size(); ++k) {
      const MoveDelta e = delta(dr[d] * grid.unit_vector(k));
      probe.de_atom[d * grid.size() + k] = e.atom;
      probe.de_sys[d * grid.size() + k] = e.system;
    }
  }
  return probe;
}

}  // namespace

AtomProbe probe_atom(Configuration& config, std::size_t exact, std::size_t atom,
                     Potential& potential, const std::vector<double>& dr,
                     const DirectionGrid& grid) {
  if (exact > config.size() || atom >= exact)
    throw Error(fmt::format("single-atom probe: atom {} is not among the {} exact atoms of {}",
                            atom, exact, config.size()));
  check_displacements(dr);
  if (dr.empty()) return {};
  if (auto moves = potential.single_atom_move(config, *std::max_element(dr.begin(), dr.end())))
    return probe_atom(*moves, atom, dr, grid);

  const ComputeRequest energies{.forces = false, .per_atom_energy = true};
  ComputeResult result;
  potential.compute(config, energies, result);
  const std::vector<double> reference(result.per_atom_energy.begin(),
                                      result.per_atom_energy.begin() + static_cast<std::ptrdiff_t>(exact));
  const Vec3 origin = config.positions[atom];
  AtomProbe probe = probe_directions(dr, grid, [&](const Vec3& u) {
    config.positions[atom] = origin + u;
    potential.compute(config, energies, result);
    double sum = 0.0;
    for (std::size_t j = 0; j < exact; ++j) sum += result.per_atom_energy[j] - reference[j];
    return MoveDelta{sum, result.per_atom_energy[atom] - reference[atom]};
  });
  config.positions[atom] = origin;
  return probe;
}

AtomProbe probe_atom(SingleAtomMove& moves, std::size_t atom, const std::vector<double>& dr,
                     const DirectionGrid& grid) {
  check_displacements(dr);
  moves.select(atom);
  return probe_directions(dr, grid, [&](const Vec3& u) { return moves.delta(u); });
}

}  // namespace pelcamp
