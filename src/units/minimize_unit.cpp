#include "pelcamp/units/minimize_unit.hpp"

#include <cmath>

#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/units/atomic_system.hpp"
#include "pelcamp/units/unit_minimizer.hpp"

namespace pelcamp::units {

namespace {

void run(UnitContext& ctx, UnitOutput& out) {
  AtomicSystem s = load_atomic_system(ctx);
  const StoppingCriteria stop = relaxation_criteria(ctx.params);
  auto minimizer = deadline_checked_minimizer(ctx, ctx.params.text("minimizer"));
  AtomsObjective objective(s.config, *s.potential);
  const MinimizeResult r = minimizer->minimize(objective, objective.variables(), stop);
  if (!std::isfinite(r.energy)) throw Error("the minimized energy is not finite");
  out.fields = {{r.energy},
                {r.energy / static_cast<double>(s.config.size())},
                {r.fmax},
                {static_cast<double>(r.iterations)},
                {static_cast<double>(r.evaluations)},
                {r.converged() ? 1.0 : 0.0}};
  out.structure = std::move(s.config);
}

}  // namespace

const UnitKind& minimize_unit_kind() {
  static const UnitKind kind{
      .name = "minimize",
      .summary = "local energy minimization at fixed box (inherent structure)",
      .params = concat(atomic_system_params(),
                       {
                           {.name = "minimizer", .type = ParamType::Choice,
                            .default_value = std::string("fire"), .doc = "algorithm",
                            .choices = {"fire", "cg", "lbfgs"}},
                           {.name = "fmax", .type = ParamType::Float, .unit = "energy/length",
                            .min = 0, .max = 1e6, .default_value = 1e-6,
                            .doc = "stop when the largest per-atom force is below this"},
                           {.name = "max_iterations", .type = ParamType::Int, .min = 1, .max = 1e9,
                            .default_value = std::int64_t{10000}, .doc = "iteration limit"},
                       }),
      .outputs =
          {
              {.name = "energy", .unit = "energy", .doc = "energy of the minimum"},
              {.name = "energy_per_atom", .unit = "energy"},
              {.name = "fmax", .unit = "energy/length", .doc = "largest per-atom force at the end"},
              {.name = "iterations", .type = FieldType::Int64},
              {.name = "evaluations", .type = FieldType::Int64, .doc = "force evaluations"},
              {.name = "converged", .type = FieldType::Int64, .doc = "1 when fmax was reached"},
          },
      .writes_structure = true,
      // Typically a few hundred force evaluations of ~1 µs per atom.
      .expected_seconds = [](const PlanInfo& info) { return 5e-4 * double(atomic_system_atoms(info)); },
      .atom_count = atomic_system_atoms,
      .periodic = atomic_system_periodic,
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
