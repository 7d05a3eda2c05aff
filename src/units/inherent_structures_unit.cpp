#include "pelcamp/units/inherent_structures_unit.hpp"

#include <cmath>
#include <limits>

#include "pelcamp/analysis/density.hpp"
#include "pelcamp/dynamics/momentum.hpp"
#include "pelcamp/dynamics/thermo.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/box_relax.hpp"
#include "pelcamp/potential/system_setup.hpp"
#include "pelcamp/units/unit_minimizer.hpp"

namespace pelcamp::units {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

enum Column { kTemperature, kEnergy, kVolume, kDensity, kPressure, kFmax, kConverged, kColumns };

// Kinetic temperature of the velocities a snapshot carries (3N − 3 degrees of freedom, as
// the MD that took it); NaN when it has none.
double snapshot_temperature(const Configuration& c, const UnitSystem& units) {
  if (c.velocities.size() != c.size() || c.size() < 2) return kNaN;
  std::vector<double> masses(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) masses[i] = c.mass(i);
  const double twice_k = twice_kinetic_energy(c.velocities, masses, units.mvv2e);
  if (twice_k == 0.0) return kNaN;
  return twice_k / (kinetic_degrees_of_freedom(c.size(), false) * units.boltzmann);
}

void run(UnitContext& ctx, UnitOutput& out) {
  if (ctx.inputs.empty())
    throw Error("inherent_structures: make its stage `for_each:` a stage with snapshots (e.g. sample_prep)");
  const auto& snapshots = ctx.inputs.front()->snapshots;
  if (snapshots.empty())
    throw Error("inherent_structures: the input unit kept no snapshots (make its stage `for_each:` e.g. sample_prep)");
  const std::size_t rows = snapshots.size();
  const StoppingCriteria stop = relaxation_criteria(ctx.params);
  std::vector<double> table(rows * kColumns);
  for (std::size_t k = 0; k < snapshots.size(); ++k) {
    SystemSetup setup;
    setup.potential = ctx.params.text("potential");
    AtomicSystem s = set_up_system(snapshots[k], setup, "snapshot " + std::to_string(k) + " of the input unit");
    const UnitSystem units = UnitSystem::by_name(s.potential->units());
    double* row = &table[k * kColumns];
    row[kTemperature] = snapshot_temperature(s.config, units);
    s.config.velocities.assign(s.config.size(), Vec3::Zero());
    auto minimizer = deadline_checked_minimizer(ctx, ctx.params.text("minimizer"));
    bool converged = false;
    double fmax = 0.0;
    if (ctx.params.flag("relax_box")) {
      const auto settings = BoxRelaxConfig::hydrostatic(ctx.params.real("pressure"), BoxCoupling::iso,
                                                        ctx.params.real("pressure_tolerance"));
      const BoxRelaxResult r = relax_box(s.config, *s.potential, *minimizer, stop, settings);
      converged = r.converged, fmax = r.minimize.fmax;
    } else {
      AtomsObjective objective(s.config, *s.potential);
      const MinimizeResult r = minimizer->minimize(objective, objective.variables(), stop);
      converged = r.converged(), fmax = r.fmax;
    }
    ComputeResult result;
    s.potential->compute(s.config, {.forces = true, .virial = true}, result);
    if (!std::isfinite(result.energy))
      throw Error("inherent_structures: non-finite energy of minimum " + std::to_string(k));
    const double n = static_cast<double>(s.config.size());
    row[kEnergy] = result.energy / n;
    row[kVolume] = s.config.box.volume() / n;
    row[kDensity] = sample_density(s.config, units).mass;
    row[kPressure] = virial_pressure(s.config, result.virial, units);
    row[kFmax] = fmax;
    row[kConverged] = converged ? 1.0 : 0.0;
    out.snapshots.push_back(std::move(s.config));
  }
  out.fields.clear();
  out.fields.push_back({static_cast<double>(snapshots.size())});
  for (int c = 0; c < kColumns; ++c) {
    std::vector<double> column(rows);
    for (std::size_t r = 0; r < rows; ++r) column[r] = table[r * kColumns + c];
    out.fields.push_back(std::move(column));
  }
  out.structure = out.snapshots.back();
}

std::size_t rows(const PlanInfo& info) { return info.input_snapshots; }

std::size_t atoms(const PlanInfo& info) {
  if (info.input_snapshots == 0)
    throw Error("inherent_structures: make its stage `for_each:` a stage whose units keep snapshots (e.g. sample_prep)");
  return info.input_atoms;
}

}  // namespace

const UnitKind& inherent_structures_unit_kind() {
  static const UnitKind kind{
      .name = "inherent_structures",
      .summary = "inherent structure (local minimum) of every snapshot of the input unit",
      .params =
          {
              {.name = "potential", .type = ParamType::Potential, .doc = "a `potentials:` name"},
              {.name = "minimizer", .type = ParamType::Choice, .default_value = std::string("cg"),
               .doc = "algorithm (seed 002: conjugate gradient)", .choices = {"fire", "cg", "lbfgs"}},
              {.name = "fmax", .type = ParamType::Float, .unit = "energy/length", .min = 0, .max = 1e6,
               .default_value = 1e-4, .doc = "force tolerance"},
              {.name = "max_iterations", .type = ParamType::Int, .min = 1, .max = 1e9,
               .default_value = std::int64_t{20000}, .doc = "iteration limit per snapshot"},
              {.name = "relax_box", .type = ParamType::Bool, .default_value = false,
               .doc = "relax the cell too (iso, to `pressure`); default: the snapshot's box"},
              {.name = "pressure", .type = ParamType::Float, .unit = "bar (metal) or ε/σ³ (lj)", .min = -1e7,
               .max = 1e8, .default_value = 0.0, .doc = "target of the box relaxation"},
              {.name = "pressure_tolerance", .type = ParamType::Float, .unit = "bar (metal) or ε/σ³ (lj)",
               .min = 1e-12, .max = 1e9, .default_value = 1.0, .doc = "pressure tolerance of the box relaxation"},
          },
      .outputs =
          {
              {.name = "minima", .type = FieldType::Int64, .doc = "snapshots minimized (rows used)"},
              {.name = "snapshot_temperature", .unit = "K",
               .doc = "kinetic temperature of the snapshot before minimization (3N − 3 dof)", .series = "minimum"},
              {.name = "is_energy", .unit = "energy/atom", .doc = "E_IS per atom", .series = "minimum"},
              {.name = "is_volume", .unit = "length^3/atom", .series = "minimum"},
              {.name = "mass_density", .unit = "g/cm^3 (metal)", .doc = "LAMMPS `density`", .series = "minimum"},
              {.name = "is_pressure", .unit = "pressure", .doc = "virial pressure of the minimum", .series = "minimum"},
              {.name = "fmax", .unit = "energy/length", .series = "minimum"},
              {.name = "converged", .doc = "1 when the minimization converged", .series = "minimum"},
          },
      .series = {{.name = "minimum", .rows = rows, .doc = "one row per input snapshot, in its order"}},
      .writes_structure = true,
      .snapshots = rows,
      .expected_seconds = [](const PlanInfo& info) { return 5e-4 * double(info.input_atoms) * double(rows(info)); },
      .atom_count = atoms,
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
