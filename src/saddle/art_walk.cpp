#include "pelcamp/saddle/art_walk.hpp"

#include <fmt/format.h>

#include <cmath>

#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/saddle/perturbation.hpp"
#include "pelcamp/saddle/rigid_body_modes.hpp"

namespace pelcamp {

void ArtWalkConfig::validate() const {
  artn.validate();
  auto require = [](bool ok, const char* field, double value, const char* allowed) {
    if (!ok) throw Error(fmt::format("art walk {} = {}: must be {}", field, value, allowed));
  };
  require(accepted_events >= 1, "accepted_events", accepted_events, "≥ 1");
  require(max_attempts >= 1, "max_attempts", max_attempts, "≥ 1");
  require(kT >= 0, "kT", kT, "≥ 0 (+inf accepts every event)");
  require(perturbation_radius >= 0 && std::isfinite(perturbation_radius), "perturbation_radius",
          perturbation_radius, "finite and ≥ 0");
  require(energy_tolerance > 0, "energy_tolerance", energy_tolerance, "> 0");
  require(distance_tolerance > 0, "distance_tolerance", distance_tolerance, "> 0");
}

Vec3 principal_moments(Eigen::Ref<const Eigen::VectorXd> positions, const std::vector<double>& masses) {
  const Eigen::Index n = positions.size() / 3;
  Vec3 centre = Vec3::Zero();
  double total = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    centre += masses[i] * positions.segment<3>(3 * i);
    total += masses[i];
  }
  centre /= total;
  Mat3 inertia = Mat3::Zero();
  for (Eigen::Index i = 0; i < n; ++i) {
    const Vec3 r = positions.segment<3>(3 * i) - centre;
    inertia += masses[i] * (r.squaredNorm() * Mat3::Identity() - r * r.transpose());
  }
  return Eigen::SelfAdjointEigenSolver<Mat3>(inertia, Eigen::EigenvaluesOnly).eigenvalues();
}

ArtWalk::ArtWalk(Configuration& config, Potential& potential, ArtWalkConfig settings)
    : config_(config), potential_(potential), settings_(std::move(settings)) {
  settings_.validate();
  masses_.reserve(config_.size());
  for (int t : config_.types) masses_.push_back(config_.species[t].mass);
}

double ArtWalk::distance(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const {
  const Eigen::VectorXd moved = settings_.artn.project_rigid_body ? aligned_onto(b, a) : b;
  double largest = 0.0;
  for (std::size_t i = 0; i < config_.size(); ++i) {
    const Vec3 d = config_.box.minimum_image(moved.segment<3>(3 * i) - a.segment<3>(3 * i));
    largest = std::max(largest, d.norm());
  }
  return largest;
}

int ArtWalk::find_minimum(const std::vector<WalkMinimum>& minima, double energy,
                          const Eigen::VectorXd& x) const {
  for (std::size_t m = 0; m < minima.size(); ++m)
    if (std::abs(minima[m].energy - energy) < settings_.energy_tolerance &&
        distance(minima_positions_[m], x) < settings_.distance_tolerance)
      return static_cast<int>(m);
  return -1;
}

WalkNetwork ArtWalk::run(Rng& rng, const std::function<void()>& between_attempts) {
  AtomsObjective objective(config_, potential_);
  auto positions = objective.variables();
  StoppingCriteria stop;
  stop.fmax = settings_.artn.relax.force_tolerance;
  stop.max_iterations = settings_.artn.relax.max_iterations;
  const MinimizeResult start = make_minimizer(settings_.artn.minimizer)->minimize(objective, positions, stop);
  if (!start.converged())
    throw Error(fmt::format("art walk: the starting structure did not minimize ({} after {} iterations)",
                            to_string(start.reason), start.iterations));

  WalkNetwork network;
  minima_positions_.assign(1, Eigen::VectorXd(positions));
  network.minima.push_back({.energy = start.energy, .moments = principal_moments(positions, masses_),
                            .visits = 1, .first_attempt = -1});
  ArtnSearch search(objective, settings_.artn);
  Eigen::VectorXd current = positions;
  for (int attempt = 0; attempt < settings_.max_attempts && network.accepted_events < settings_.accepted_events;
       ++attempt) {
    between_attempts();
    positions = current;  // the perturbation's neighbourhood is that of the current minimum
    WalkAttempt record;
    record.centre = rng.below(config_.size());
    record.minimum_from = network.current;
    const Eigen::VectorXd direction =
        local_random_direction(config_, record.centre, settings_.perturbation_radius, rng);
    const ArtnResult r = search.run(current, direction);
    record.outcome = r.outcome;
    record.force_calls = r.force_calls;
    record.barrier = r.energy_saddle - r.energy_initial;
    record.energy_change = std::nan("");
    if (r.outcome == ArtnOutcome::success) {
      record.energy_change = r.energy_final - r.energy_initial;
      int to = find_minimum(network.minima, r.energy_final, search.final_minimum());
      record.revisit = to >= 0;
      if (to < 0) {
        to = static_cast<int>(network.minima.size());
        minima_positions_.push_back(search.final_minimum());
        network.minima.push_back({.energy = r.energy_final,
                                  .moments = principal_moments(search.final_minimum(), masses_),
                                  .visits = 0, .first_attempt = attempt});
      }
      record.minimum_to = to;
      const int from = network.current;
      if (to == from) {  // ArtnSearch's own same-minimum test is looser than ours: no event
        network.attempts.push_back(record);
        continue;
      }
      // One transition state per pair of minima and saddle energy.
      for (std::size_t t = 0; t < network.transition_states.size(); ++t) {
        const WalkTransitionState& ts = network.transition_states[t];
        const bool same_pair = (ts.minimum_from == from && ts.minimum_to == to) ||
                               (ts.minimum_from == to && ts.minimum_to == from);
        if (same_pair && std::abs(ts.energy - r.energy_saddle) < settings_.energy_tolerance)
          record.transition_state = static_cast<int>(t);
      }
      if (record.transition_state < 0) {
        record.transition_state = static_cast<int>(network.transition_states.size());
        network.transition_states.push_back({.energy = r.energy_saddle, .eigenvalue = r.eigenvalue_saddle,
                                             .moments = principal_moments(search.saddle(), masses_),
                                             .minimum_from = from, .minimum_to = to, .times_found = 0});
      }
      ++network.transition_states[record.transition_state].times_found;
      // Metropolis on the energy change (see the header).
      const double de = record.energy_change;
      record.accepted = de <= 0.0 || (settings_.kT > 0.0 && rng.uniform() < std::exp(-de / settings_.kT));
      if (record.accepted) {
        ++network.accepted_events;
        network.current = to;
        ++network.minima[to].visits;
        current = minima_positions_[to];  // the stored copy: no drift on revisits
      }
    }
    network.attempts.push_back(record);
  }
  positions = current;
  return network;
}

}  // namespace pelcamp
