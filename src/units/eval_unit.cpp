#include "pelcamp/units/eval_unit.hpp"

#include <cmath>

#include "pelcamp/core/units.hpp"
#include "pelcamp/units/atomic_system.hpp"

namespace pelcamp::units {

namespace {

void run(UnitContext& ctx, UnitOutput& out) {
  const double min_distance = ctx.params.real("min_distance");
  AtomicSystem s = load_atomic_system(ctx, min_distance > 0 ? min_distance : -1.0);
  ComputeRequest request;
  request.per_atom_energy = true;
  request.virial = true;
  ComputeResult r;
  s.potential->compute(s.config, request, r);
  if (!std::isfinite(r.energy)) throw Error("the potential energy is not finite (overlapping atoms?)");
  const double n = static_cast<double>(s.config.size());
  const double pressure = virial_pressure(s.config, r.virial, UnitSystem::by_name(s.potential->units()));
  std::vector<double> forces;
  forces.reserve(3 * r.forces.size());
  for (const auto& f : r.forces) forces.insert(forces.end(), {f.x(), f.y(), f.z()});
  out.fields = {{r.energy}, {r.energy / n}, {max_force_norm(r.forces)}, {pressure}, forces, r.per_atom_energy};
}

}  // namespace

const UnitKind& eval_unit_kind() {
  static const UnitKind kind{
      .name = "eval",
      .summary = "energy, forces, per-atom energies and virial pressure of a structure",
      .params = concat(atomic_system_params(),
                       {{.name = "min_distance", .type = ParamType::Float, .unit = "length", .min = 0,
                         .max = 1e3, .default_value = 0.0,
                         .doc = "fail when two atoms are closer than this (0: the default, 0.5 Å metal / 0.3 σ lj)"}}),
      .outputs =
          {
              {.name = "energy", .unit = "energy", .doc = "potential energy"},
              {.name = "energy_per_atom", .unit = "energy"},
              {.name = "fmax", .unit = "energy/length", .doc = "largest per-atom force"},
              {.name = "pressure", .unit = "pressure", .doc = "virial pressure (0 for a free cluster)"},
              {.name = "forces", .width = 3, .per_atom = true, .unit = "energy/length"},
              {.name = "per_atom_energy", .per_atom = true, .unit = "energy"},
          },
      .expected_seconds = [](const PlanInfo& info) { return 2e-6 * double(atomic_system_atoms(info)); },
      .atom_count = atomic_system_atoms,
      .periodic = atomic_system_periodic,
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
