#pragma once
// The local-forces settings of per-atom ART searches (saddle/atom_search.hpp) as unit
// parameters, shared by the kinds that run them (art_search, art_walk): local_forces
// (auto|on|off), active_radius, interaction_range, local_margin and hessian
// (analytic|finite-difference). Defaults as measured on the CuZr glasses (README, ART).
#include <functional>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/potential/potential.hpp"
#include "pelcamp/saddle/atom_search.hpp"
#include "pelcamp/units/param.hpp"

namespace pelcamp::units {

std::vector<ParamSpec> local_forces_params();

// The region settings of those parameters (`enabled` left as is: see local_forces_enabled).
LocalForcesConfig local_forces_config(const Params& params);
// Whether `hessian` asks for the potential's analytic Hessian-vector products.
bool analytic_hessian(const Params& params);

// Whether searches use local forces: local_forces = on, or auto and a region of
// active_radius + buffer (local_buffer) around one atom is smaller than the sample, as
// `carves_freely(reach)` says (region_smaller_than_sample, or a cached answer of it).
bool local_forces_enabled(const Params& params, const LocalForcesConfig& local, const Potential& potential,
                          const std::function<bool(double reach)>& carves_freely);
// Whether a region of this reach (length) carved around atom 0 leaves the periodic sample
// for free space, i.e. holds fewer atoms than the sample (neighbor/local_region.hpp).
bool region_smaller_than_sample(const Configuration& sample, double reach);

}  // namespace pelcamp::units
