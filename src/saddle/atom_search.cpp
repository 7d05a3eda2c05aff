#include "pelcamp/saddle/atom_search.hpp"

#include <fmt/format.h>

#include <array>

#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/neighbor/local_region.hpp"
#include "pelcamp/saddle/hessian_operator.hpp"
#include "pelcamp/saddle/perturbation.hpp"

namespace pelcamp {

namespace {

void require(bool ok, const char* field, double value, const char* allowed) {
  if (!ok) throw Error(fmt::format("art search {} = {}: must be {}", field, value, allowed));
}

Eigen::VectorXd flatten(const std::vector<Vec3>& positions) {
  Eigen::VectorXd x(3 * static_cast<Eigen::Index>(positions.size()));
  for (std::size_t i = 0; i < positions.size(); ++i) x.segment<3>(3 * Eigen::Index(i)) = positions[i];
  return x;
}

}  // namespace

void AtomSearchConfig::validate() const {
  artn.validate();
  require(perturbation_radius >= 0, "perturbation_radius", perturbation_radius, "≥ 0");
  require(moved_threshold > 0, "moved_threshold", moved_threshold, "> 0");
  require(local.active_radius > 0, "local.active_radius", local.active_radius, "> 0");
  require(local.active_radius >= perturbation_radius, "local.active_radius",
          local.active_radius, "≥ perturbation_radius (pushed atoms must be free to move)");
  require(local.interaction_range >= 0, "local.interaction_range", local.interaction_range,
          "≥ 0 (0: twice the potential cutoff)");
  require(local.margin >= 0, "local.margin", local.margin, "≥ 0");
}

AtomSearcher::AtomSearcher(const Configuration& sample, const Potential& potential,
                           AtomSearchConfig config)
    : sample_(sample), potential_(potential.clone()), config_(std::move(config)) {
  config_.validate();
  sample_energy_ = potential_->energy(sample_);
}

double local_buffer(const LocalForcesConfig& local, const Potential& potential) {
  return (local.interaction_range > 0 ? local.interaction_range : 2.0 * potential.cutoff()) +
         local.margin;
}

AtomEvent AtomSearcher::search(std::size_t centre, Rng& rng) {
  if (centre >= sample_.size())
    throw Error(fmt::format("art search: centre atom {} out of range (0..{})", centre,
                            sample_.size() - 1));
  // The system the search moves: the carved region (buffer frozen) or the whole sample.
  Configuration system;
  std::vector<bool> frozen;
  std::vector<std::size_t> to_sample;  // sample index of each atom of `system`
  std::size_t system_centre = centre;
  std::vector<Vec3> offset;  // carved position − sample position (local forces)
  std::size_t active = sample_.size();
  if (config_.local.enabled) {
    const std::array<std::size_t, 1> centres{centre};
    LocalRegion region = carve_region(sample_, centres, config_.local.active_radius,
                                      local_buffer(config_.local, *potential_));
    system = std::move(region.config);
    to_sample = std::move(region.parent);
    offset = std::move(region.offset);
    active = region.exact;
    frozen.assign(system.size(), false);
    for (std::size_t k = region.exact; k < system.size(); ++k) frozen[k] = true;
    for (std::size_t k = 0; k < region.exact; ++k)
      if (to_sample[k] == centre) system_centre = k;
  } else {
    system = sample_;
  }

  AtomsObjective objective(system, *potential_, frozen);
  const Eigen::VectorXd x0 = flatten(system.positions);
  // Atoms within the perturbation radius come in sample order in both modes, so the same
  // random stream gives the same push with and without local forces.
  const Eigen::VectorXd direction = local_random_direction(
      system, system_centre, config_.perturbation_radius, rng, frozen);
  ArtnConfig artn_config = config_.artn;
  // Every atom free in a periodic sample: uniform translations are zero modes.
  artn_config.project_translations = frozen.empty() && system.box.any_periodic();
  HessianAt hessian;
  if (config_.analytic_hessian) {
    const LinearOperator product = potential_hessian(*potential_, system);
    hessian = [&system, &frozen, product](const Eigen::VectorXd& x) -> LinearOperator {
      for (std::size_t k = 0; k < system.size(); ++k) system.positions[k] = x.segment<3>(3 * Eigen::Index(k));
      // Frozen atoms are fixed variables: their rows of H v vanish, as their gradient does.
      return [&frozen, product](ConstVectorRef v, VectorRef out) {
        product(v, out);
        for (std::size_t k = 0; k < frozen.size(); ++k)
          if (frozen[k]) out.segment<3>(3 * Eigen::Index(k)).setZero();
      };
    };
  }
  ArtnSearch artn(objective, artn_config, std::move(hessian));
  AtomEvent event;
  event.centre = centre;
  event.atoms_evaluated = system.size();
  event.artn = artn.run(x0, direction);

  // Energies of the full sample: the region's energy differs by a constant.
  const double energy_offset = sample_energy_ - event.artn.energy_initial;
  event.artn.energy_initial += energy_offset;
  event.artn.energy_saddle += energy_offset;
  if (event.artn.saddle_converged()) event.artn.energy_final += energy_offset;

  last_saddle_ = sample_;
  last_active_.assign(sample_.size(), false);
  for (std::size_t k = 0; k < active; ++k) {
    const std::size_t i = to_sample.empty() ? k : to_sample[k];
    last_saddle_.positions[i] = artn.saddle().segment<3>(3 * Eigen::Index(k)) - (offset.empty() ? Vec3::Zero() : offset[k]);
    last_active_[i] = true;
  }

  const Eigen::VectorXd& final_minimum = artn.final_minimum();
  last_final_ = sample_;
  if (final_minimum.size() == x0.size()) {
    for (std::size_t k = 0; k < active; ++k)
      last_final_.positions[to_sample.empty() ? k : to_sample[k]] =
          final_minimum.segment<3>(3 * Eigen::Index(k)) - (offset.empty() ? Vec3::Zero() : offset[k]);
    for (Eigen::Index k = 0; k < Eigen::Index(system.size()); ++k) {
      const double moved = (final_minimum.segment<3>(3 * k) - x0.segment<3>(3 * k)).norm();
      if (moved > config_.moved_threshold) ++event.atoms_moved;
      if (moved > event.largest_displacement) {
        event.largest_displacement = moved;
        event.most_displaced = to_sample.empty() ? std::size_t(k) : to_sample[std::size_t(k)];
      }
    }
  }
  return event;
}

}  // namespace pelcamp
