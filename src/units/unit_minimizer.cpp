#include "pelcamp/units/unit_minimizer.hpp"

#include "pelcamp/minimize/registry.hpp"

namespace pelcamp::units {

std::unique_ptr<Minimizer> deadline_checked_minimizer(const UnitContext& ctx, const std::string& name) {
  auto minimizer = make_minimizer(name);
  minimizer->set_observer([&ctx](const IterationRecord&) { ctx.check_deadline(); });
  return minimizer;
}

StoppingCriteria relaxation_criteria(const Params& params) {
  StoppingCriteria stop;
  stop.fmax = params.real("fmax");
  stop.max_iterations = params.integer("max_iterations");
  stop.validate();
  return stop;
}

}  // namespace pelcamp::units
