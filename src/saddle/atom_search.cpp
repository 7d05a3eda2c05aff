#include "pelcamp/saddle/atom_search.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/objective.hpp"
#include "pelcamp/neighbor/local_region.hpp"
#include "pelcamp/saddle/perturbation.hpp"

namespace pelcamp {

namespace {

void require(bool ok, const char* field, double value, const char* allowed) {
  if (!ok) throw Error(fmt::format("art search {} = {}: must be {}", field, value, allowed));
}

Eigen::VectorXd flatten(const std::vector<Vec3>& positions, std::size_t count) {
  Eigen::VectorXd x(3 * static_cast<Eigen::Index>(count));
  for (std::size_t i = 0; i < count; ++i) x.segment<3>(3 * Eigen::Index(i)) = positions[i];
  return x;
}

// The positions of the first `scope.moving` atoms of a system as the variables (the others
// stay where they are): value = energy of the scoped evaluation (the system's energy up to
// a constant), gradient = −forces on those atoms. The search's vectors then have only the
// moving atoms' 3 m entries, and every evaluation skips the work of the fixed atoms.
class MovingAtomsObjective final : public Objective {
 public:
  MovingAtomsObjective(Configuration& system, Potential& potential, ComputeScope scope)
      : system_(system), potential_(potential), moving_(std::min(scope.moving, system.size())) {
    request_.scope = scope;
  }

  Eigen::Index dimension() const override { return 3 * static_cast<Eigen::Index>(moving_); }
  double evaluate(ConstVectorRef x, VectorRef gradient) override {
    place(system_, x);
    potential_.compute(system_, request_, result_);
    for (std::size_t k = 0; k < moving_; ++k)
      gradient.segment<3>(3 * Eigen::Index(k)) = -result_.forces[k];
    return result_.energy;
  }
  double gradient_measure(ConstVectorRef gradient) const override {
    return max_block_norm(gradient, 0, Eigen::Index(moving_));
  }
  double step_measure(ConstVectorRef step) const override {
    return max_block_norm(step, 0, Eigen::Index(moving_));
  }

  // Writes the variables x into the moving atoms' positions.
  static void place(Configuration& system, ConstVectorRef x) {
    for (Eigen::Index k = 0; k < x.size() / 3; ++k)
      system.positions[std::size_t(k)] = x.segment<3>(3 * k);
  }

 private:
  Configuration& system_;
  Potential& potential_;
  std::size_t moving_;
  ComputeRequest request_;
  ComputeResult result_;
};

// The potential's scoped Hessian-vector product as Lanczos operators on the moving atoms'
// variables, with the per-atom buffers kept from one product to the next.
class MovingAtomsHessian {
 public:
  MovingAtomsHessian(Configuration& system, Potential& potential, ComputeScope scope)
      : system_(system), potential_(potential), scope_(scope),
        moving_(std::min(scope.moving, system.size())), in_(system.size(), Vec3::Zero()) {}

  HessianAt at() {
    return [this](const Eigen::VectorXd& x) -> LinearOperator {
      MovingAtomsObjective::place(system_, x);
      return [this](ConstVectorRef v, VectorRef out) {
        for (std::size_t k = 0; k < moving_; ++k) in_[k] = v.segment<3>(3 * Eigen::Index(k));
        potential_.scoped_hessian_vector(system_, scope_, in_, product_);
        for (std::size_t k = 0; k < moving_; ++k) out.segment<3>(3 * Eigen::Index(k)) = product_[k];
      };
    };
  }

 private:
  Configuration& system_;
  Potential& potential_;
  ComputeScope scope_;
  std::size_t moving_;
  std::vector<Vec3> in_, product_;  // zero beyond the moving atoms
};

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

void AtomSearcher::sample_moved() { sample_energy_ = potential_->energy(sample_); }

double local_buffer(const LocalForcesConfig& local, const Potential& potential) {
  return (local.interaction_range > 0 ? local.interaction_range : 2.0 * potential.cutoff()) +
         local.margin;
}

AtomEvent AtomSearcher::search(std::size_t centre, Rng& rng) {
  if (centre >= sample_.size())
    throw Error(fmt::format("art search: centre atom {} out of range (0..{})", centre,
                            sample_.size() - 1));
  // The system the search works on: the carved region (the active atoms first, moving; the
  // buffer fixed) or the whole sample (every atom moving).
  Configuration system;
  std::vector<std::size_t> to_sample;  // sample index of each atom of `system`
  std::size_t system_centre = centre;
  std::vector<Vec3> offset;  // carved position − sample position (local forces)
  ComputeScope scope;
  if (config_.local.enabled) {
    const std::array<std::size_t, 1> centres{centre};
    // Reached atoms: within the cutoff of an active atom that moved by up to the margin.
    const double reach = std::min(potential_->cutoff() + config_.local.margin,
                                  local_buffer(config_.local, *potential_));
    LocalRegion region = carve_region(sample_, centres, config_.local.active_radius,
                                      local_buffer(config_.local, *potential_), reach);
    system = std::move(region.config);
    to_sample = std::move(region.parent);
    offset = std::move(region.offset);
    scope.moving = region.exact;
    scope.reached = region.reached;
    for (std::size_t k = 0; k < region.exact; ++k)
      if (to_sample[k] == centre) system_centre = k;
  } else {
    system = sample_;
  }
  const std::size_t moving = std::min(scope.moving, system.size());

  MovingAtomsObjective objective(system, *potential_, scope);
  const Eigen::VectorXd x0 = flatten(system.positions, moving);
  // Atoms within the perturbation radius come in sample order in both modes, so the same
  // random stream gives the same push with and without local forces. (The carved system's
  // moving atoms come first: the push has no entries on the others.)
  std::vector<bool> fixed;
  if (scope.restricts(system.size())) {
    fixed.assign(system.size(), true);
    std::fill(fixed.begin(), fixed.begin() + std::ptrdiff_t(moving), false);
  }
  const Eigen::VectorXd direction =
      local_random_direction(system, system_centre, config_.perturbation_radius, rng, fixed)
          .head(3 * Eigen::Index(moving));
  ArtnConfig artn_config = config_.artn;
  // Every atom free in a periodic sample: uniform translations are zero modes.
  artn_config.project_translations = !scope.restricts(system.size()) && system.box.any_periodic();
  MovingAtomsHessian analytic(system, *potential_, scope);
  ArtnSearch artn(objective, artn_config, config_.analytic_hessian ? analytic.at() : HessianAt{});
  AtomEvent event;
  event.centre = centre;
  event.atoms_evaluated = std::min(scope.reached, system.size());
  event.artn = artn.run(x0, direction);

  // Energies of the full sample: the scoped energy differs by a constant.
  const double energy_offset = sample_energy_ - event.artn.energy_initial;
  event.artn.energy_initial += energy_offset;
  event.artn.energy_saddle += energy_offset;
  if (event.artn.saddle_converged()) event.artn.energy_final += energy_offset;

  // System atom k is sample atom sample_index(k); its variables minus the carve's offset
  // are the sample position.
  auto sample_index = [&](std::size_t k) { return to_sample.empty() ? k : to_sample[k]; };
  auto into_sample = [&](const Eigen::VectorXd& x, Configuration& target) {
    target = sample_;
    for (std::size_t k = 0; k < moving; ++k)
      target.positions[sample_index(k)] =
          x.segment<3>(3 * Eigen::Index(k)) - (offset.empty() ? Vec3::Zero() : offset[k]);
  };
  into_sample(artn.saddle(), last_saddle_);
  last_active_.assign(sample_.size(), false);
  for (std::size_t k = 0; k < moving; ++k) last_active_[sample_index(k)] = true;

  const Eigen::VectorXd& final_minimum = artn.final_minimum();
  last_final_ = sample_;
  if (final_minimum.size() == x0.size()) {
    into_sample(final_minimum, last_final_);
    for (std::size_t k = 0; k < moving; ++k) {
      const Eigen::Index row = 3 * Eigen::Index(k);
      const double moved = (final_minimum.segment<3>(row) - x0.segment<3>(row)).norm();
      if (moved > config_.moved_threshold) ++event.atoms_moved;
      if (moved > event.largest_displacement) {
        event.largest_displacement = moved;
        event.most_displaced = sample_index(k);
      }
    }
  }
  return event;
}

}  // namespace pelcamp
