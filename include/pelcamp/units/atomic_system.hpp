#pragma once
// What the engine unit kinds (eval, minimize, md) share: the parameters naming their
// structure and potential, and loading them. A unit works on the final structure of its
// input (a `for_each` stage) or on the file named by its `structure` parameter.
#include <memory>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/potential/system_setup.hpp"
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

// structure, potential, free: to be appended to a kind's own parameters.
std::vector<ParamSpec> atomic_system_params();

// Appends `extra` to `base` (a kind's parameter table).
std::vector<ParamSpec> concat(std::vector<ParamSpec> base, const std::vector<ParamSpec>& extra);

// The structure and potential of a unit, set up by pelcamp::set_up_system. Throws
// pelcamp::Error when there is neither an input structure nor a `structure` file.
// `min_distance` < 0 keeps set_up_system's default overlap threshold.
AtomicSystem load_atomic_system(const UnitContext& ctx, double min_distance = -1.0);

// Plan time: atoms of the input's structure, else of the `structure` file (read once per
// file and remembered).
std::size_t atomic_system_atoms(const PlanInfo& info);
bool atomic_system_periodic(const PlanInfo& info);


}  // namespace pelcamp::units
