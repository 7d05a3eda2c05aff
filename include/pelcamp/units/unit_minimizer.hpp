#pragma once
// What the unit kinds that relax structures share: the minimizer they run, bound to the
// unit's deadline, and the stopping criteria of their `fmax` and `max_iterations`
// parameters.
#include <memory>
#include <string>

#include "pelcamp/minimize/minimizer.hpp"
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

// The minimizer `name` (fire, cg, lbfgs: minimize/registry.hpp), checking the unit's
// deadline at every iteration. It refers to `ctx`, so it must not outlive it.
std::unique_ptr<Minimizer> deadline_checked_minimizer(const UnitContext& ctx, const std::string& name);

// fmax (force units) and max_iterations from the kind's parameters of those names, the other
// criteria at their defaults; validated (StoppingCriteria::validate).
StoppingCriteria relaxation_criteria(const Params& params);

}  // namespace pelcamp::units
