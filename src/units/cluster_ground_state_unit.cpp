#include "pelcamp/units/cluster_ground_state_unit.hpp"

#include <cmath>
#include <numbers>

#include "pelcamp/core/units.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/potential/system_setup.hpp"
#include "pelcamp/units/atomic_system.hpp"
#include "pelcamp/units/unit_minimizer.hpp"

namespace pelcamp::units {

namespace {

// Atoms uniform in a sphere of the given number density (length⁻³), no two closer than
// 0.7 times the mean spacing density^(−1/3) (units-agnostic: metal or lj); free space.
Configuration random_sphere(std::size_t atoms, const std::string& element, double density, Rng& rng) {
  const double min_distance = 0.7 / std::cbrt(density);
  const double radius = std::cbrt(3.0 * static_cast<double>(atoms) / (4.0 * std::numbers::pi * density));
  Configuration config;
  const int type = config.species_index(element, 1.0);
  const std::size_t max_trials = 100000 * atoms;
  for (std::size_t trial = 0; config.size() < atoms; ++trial) {
    if (trial == max_trials)
      throw Error("cluster_ground_state: cannot place " + std::to_string(atoms) +
                  " atoms in a sphere at this density; lower the density");
    const Vec3 p(rng.uniform(-radius, radius), rng.uniform(-radius, radius), rng.uniform(-radius, radius));
    if (p.norm() > radius) continue;
    bool clear = true;
    for (const Vec3& q : config.positions) clear = clear && (p - q).norm() >= min_distance;
    if (clear) config.add_atom(type, p);
  }
  return config;
}

double largest_distance_from_centre(const Configuration& config) {
  Vec3 centre = Vec3::Zero();
  for (const Vec3& p : config.positions) centre += p;
  centre /= static_cast<double>(config.size());
  double largest = 0.0;
  for (const Vec3& p : config.positions) largest = std::max(largest, (p - centre).norm());
  return largest;
}

// The surface move of cluster basin hopping (cf. the "surface" and "angular" moves of GMIN
// and of Rondina & Da Silva, J. Chem. Inf. Model. 53, 2282 (2013)): the atom with the highest
// per-atom energy (the least bound) is placed just outside the cluster, at the largest
// distance of any atom from the centre plus a little, in a random direction.
void move_weakest_atom_to_surface(Configuration& config, Potential& potential, Rng& rng) {
  ComputeRequest request;
  request.per_atom_energy = true;
  ComputeResult result;
  potential.compute(config, request, result);
  std::size_t weakest = 0;
  for (std::size_t i = 1; i < config.size(); ++i)
    if (result.per_atom_energy[i] > result.per_atom_energy[weakest]) weakest = i;
  Vec3 centre = Vec3::Zero();
  for (const Vec3& p : config.positions) centre += p;
  centre /= static_cast<double>(config.size());
  Vec3 direction;
  do direction = Vec3(rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1));
  while (direction.squaredNorm() > 1.0 || direction.squaredNorm() < 1e-6);
  config.positions[weakest] = centre + direction.normalized() * (0.9 * largest_distance_from_centre(config) + 0.5);
}

void run_walker(UnitContext& ctx, UnitOutput& out) {
  const auto atoms = static_cast<std::size_t>(ctx.params.integer("atoms"));
  const double density = ctx.params.real("density");
  Rng rng = ctx.rng(0);
  SystemSetup setup;
  setup.potential = ctx.params.text("potential");
  setup.free = true;
  AtomicSystem s = set_up_system(random_sphere(atoms, ctx.params.text("element"), density, rng), setup,
                                 "the random start of cluster_ground_state");
  const UnitSystem units = UnitSystem::by_name(s.potential->units());
  const double kt = units.boltzmann * ctx.params.real("temperature");
  const double step_size = ctx.params.real("step_size");
  const double surface_moves = ctx.params.real("surface_moves");
  // Evaporation: an atom farther from the centre than twice the radius of the start sphere.
  const double evaporated = 2.0 * std::cbrt(3.0 * static_cast<double>(atoms) / (4.0 * std::numbers::pi * density));
  StoppingCriteria stop;
  stop.fmax = ctx.params.real("fmax");
  stop.max_iterations = 20000;
  auto minimizer = deadline_checked_minimizer(ctx, ctx.params.text("minimizer"));
  AtomsObjective objective(s.config, *s.potential);
  auto quench = [&] { return minimizer->minimize(objective, objective.variables(), stop); };

  MinimizeResult current_result = quench();
  if (!std::isfinite(current_result.energy)) throw Error("cluster_ground_state: the first minimum is not finite");
  Configuration current = s.config, lowest = s.config;
  double current_energy = current_result.energy, lowest_energy = current_energy, lowest_fmax = current_result.fmax;
  std::int64_t found_at = 0, accepted = 0;
  const std::int64_t steps = ctx.params.integer("steps");
  for (std::int64_t step = 1; step <= steps; ++step) {
    s.config.positions = current.positions;
    if (rng.uniform() < surface_moves)
      move_weakest_atom_to_surface(s.config, *s.potential, rng);
    else
      for (Vec3& p : s.config.positions) {
        const double dx = rng.uniform(-step_size, step_size), dy = rng.uniform(-step_size, step_size);
        p += Vec3(dx, dy, rng.uniform(-step_size, step_size));
      }
    const MinimizeResult r = quench();
    if (!std::isfinite(r.energy) || largest_distance_from_centre(s.config) > evaporated) continue;
    const double change = r.energy - current_energy;
    if (change > 0 && rng.uniform() >= std::exp(-change / kt)) continue;
    ++accepted;
    current.positions = s.config.positions;
    current_energy = r.energy;
    if (r.energy < lowest_energy - 1e-9 * std::abs(lowest_energy)) {
      lowest = s.config;
      lowest_energy = r.energy;
      lowest_fmax = r.fmax;
      found_at = step;
    }
  }
  out.fields = {{lowest_energy},
                {lowest_energy / static_cast<double>(atoms)},
                {lowest_fmax},
                {static_cast<double>(found_at)},
                {steps > 0 ? static_cast<double>(accepted) / static_cast<double>(steps) : 0.0}};
  out.structure = std::move(lowest);
}

void run_lowest(UnitContext& ctx, UnitOutput& out) {
  if (ctx.inputs.empty()) throw Error("cluster_lowest: no inputs; give its stage `after:` the walkers' stage");
  SystemSetup setup;
  setup.potential = ctx.params.text("potential");
  setup.free = true;
  double lowest = std::numeric_limits<double>::infinity();
  std::vector<double> energies;
  std::size_t chosen = 0;
  for (std::size_t i = 0; i < ctx.inputs.size(); ++i) {
    if (!ctx.inputs[i]->structure) throw Error("cluster_lowest: input " + std::to_string(i) + " has no structure");
    AtomicSystem s = set_up_system(*ctx.inputs[i]->structure, setup, "input " + std::to_string(i));
    ComputeResult result;
    s.potential->compute(s.config, ComputeRequest{}, result);
    energies.push_back(result.energy);
    if (result.energy < lowest) {
      lowest = result.energy;
      chosen = i;
    }
  }
  // Walkers that reached the lowest minimum (within 1 meV): how well the search converged.
  std::int64_t reached = 0;
  for (double e : energies) reached += e - lowest < 1e-3;
  const double atoms = static_cast<double>(ctx.inputs[chosen]->structure->size());
  out.fields = {{lowest}, {lowest / atoms}, {static_cast<double>(chosen)}, {static_cast<double>(energies.size())},
                {static_cast<double>(reached)}};
  out.structure = *ctx.inputs[chosen]->structure;
}

}  // namespace

const UnitKind& cluster_ground_state_unit_kind() {
  static const UnitKind kind{
      .name = "cluster_ground_state",
      .summary = "one basin-hopping walker from a random start: the lowest minimum of a free cluster",
      .params =
          {
              {.name = "potential", .type = ParamType::Potential, .doc = "a `potentials:` name"},
              {.name = "atoms", .type = ParamType::Int, .min = 2, .max = 100000, .doc = "cluster size"},
              {.name = "element", .type = ParamType::String, .doc = "element of the atoms (a potential element)"},
              {.name = "density", .type = ParamType::Float, .unit = "1/Å³ (metal) or 1/σ³ (lj)", .min = 1e-6,
               .max = 10, .default_value = 0.05, .doc = "number density of the random start sphere"},
              {.name = "steps", .type = ParamType::Int, .min = 0, .max = 1e9, .default_value = std::int64_t{500},
               .doc = "basin-hopping steps", .extensive = true},
              {.name = "temperature", .type = ParamType::Float, .unit = "K (metal) or ε/k_B (lj)", .min = 1e-9,
               .max = 1e6, .default_value = 800.0, .doc = "Metropolis temperature of the hops between minima"},
              {.name = "step_size", .type = ParamType::Float, .unit = "Å (metal) or σ (lj)", .min = 1e-6, .max = 100,
               .default_value = 1.0, .doc = "half-edge of the uniform random displacement of every atom"},
              {.name = "surface_moves", .type = ParamType::Float, .min = 0, .max = 1, .default_value = 0.8,
               .doc = "fraction of hops that move the least-bound atom to the surface instead of displacing all"},
              {.name = "minimizer", .type = ParamType::Choice, .default_value = std::string("lbfgs"),
               .doc = "local minimizer", .choices = {"fire", "cg", "lbfgs"}},
              {.name = "fmax", .type = ParamType::Float, .unit = "eV/Å (metal) or ε/σ (lj)", .min = 1e-12, .max = 10,
               .default_value = 1e-4, .doc = "force convergence of each minimization"},
          },
      .outputs =
          {
              {.name = "energy", .unit = "energy", .doc = "lowest minimum found"},
              {.name = "energy_per_atom", .unit = "energy"},
              {.name = "fmax", .unit = "force", .doc = "largest atomic force at that minimum"},
              {.name = "found_at_step", .type = FieldType::Int64, .doc = "basin-hopping step that found it"},
              {.name = "acceptance", .doc = "fraction of accepted hops"},
          },
      .writes_structure = true,
      .expected_seconds = [](const PlanInfo& info) {
        const double n = info.params.real("atoms");
        return 1e-6 * n * n * (info.params.real("steps") + 1.0);  // ~3 ms per hop for 55 EAM atoms
      },
      .atom_count = [](const PlanInfo& info) { return static_cast<std::size_t>(info.params.integer("atoms")); },
      .periodic = [](const PlanInfo&) { return false; },
      .run = run_walker,
  };
  return kind;
}

const UnitKind& cluster_lowest_unit_kind() {
  static const UnitKind kind{
      .name = "cluster_lowest",
      .summary = "the lowest-energy structure among its inputs (a stage `after:` ground-state walkers)",
      .params = {{.name = "potential", .type = ParamType::Potential, .doc = "a `potentials:` name"}},
      .outputs =
          {
              {.name = "energy", .unit = "energy", .doc = "energy of the lowest input structure"},
              {.name = "energy_per_atom", .unit = "energy"},
              {.name = "chosen", .type = FieldType::Int64, .doc = "index of the chosen input"},
              {.name = "candidates", .type = FieldType::Int64, .doc = "number of inputs"},
              {.name = "reached", .type = FieldType::Int64, .doc = "inputs within 1 meV of the lowest"},
          },
      .writes_structure = true,
      .expected_seconds = [](const PlanInfo&) { return 0.01; },
      .atom_count = [](const PlanInfo& info) {
        if (info.input_atoms == 0)
          throw Error("cluster_lowest needs inputs: give its stage `after:` the ground-state stage");
        return info.input_atoms;
      },
      .periodic = [](const PlanInfo&) { return false; },
      .run = run_lowest,
  };
  return kind;
}

}  // namespace pelcamp::units
