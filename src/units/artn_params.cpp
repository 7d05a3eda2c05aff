#include "pelcamp/units/artn_params.hpp"

namespace pelcamp::units {

namespace {

// Where the unit defaults differ from the engine's (ArtnConfig): the best of the sweeps of
// per-atom searches on CuZr glasses (README, "ART nouveau at campaign scale" and
// Benchmarks): longer steps along the mode with fewer perpendicular relaxation steps, two
// returns to the basin push, and a loose Lanczos tolerance during activation (half the
// force calls of 1e-4 for the same saddles).
constexpr double search_max_eigen_step = 0.3;
constexpr std::int64_t search_activation_relax_steps = 2;
constexpr std::int64_t search_max_returns = 2;
constexpr double search_lanczos_tolerance = 1e-2;

}  // namespace

std::vector<ParamSpec> artn_params() {
  const ArtnConfig d;  // otherwise the engine's defaults are the parameters' defaults
  return {
      {.name = "initial_displacement", .type = ParamType::Float, .unit = "length", .min = 1e-9, .max = 1e3,
       .default_value = d.basin.initial_displacement, .doc = "first push out of the basin"},
      {.name = "push_step", .type = ParamType::Float, .unit = "length", .min = 1e-9, .max = 1e3,
       .default_value = d.basin.push_step, .doc = "each further push"},
      {.name = "max_pushes", .type = ParamType::Int, .min = 1, .max = 1e6,
       .default_value = std::int64_t{d.basin.max_pushes}, .doc = "pushes before basin-not-left"},
      {.name = "basin_relax_steps", .type = ParamType::Int, .min = 0, .max = 1e6,
       .default_value = std::int64_t{d.basin.relax_steps}, .doc = "perpendicular relaxation steps per push"},
      {.name = "eigenvalue_threshold", .type = ParamType::Float, .unit = "energy/length²", .min = -1e6,
       .max = -1e-12, .default_value = d.basin.eigenvalue_threshold,
       .doc = "basin left when the lowest eigenvalue is below this"},
      {.name = "unchecked_pushes", .type = ParamType::Int, .min = 0, .max = 1e6,
       .default_value = std::int64_t{d.basin.unchecked_pushes},
       .doc = "pushes before the first Lanczos (pARTn ninit; the last of max_pushes is always checked)"},
      {.name = "basin_lanczos_tolerance", .type = ParamType::Float, .min = 1e-12, .max = 1,
       .default_value = d.basin.lanczos_tolerance,
       .doc = "Lanczos eigenvalue change that stops it while pushing, as a fraction of |eigenvalue_threshold|"},
      {.name = "basin_lanczos_min_krylov", .type = ParamType::Int, .min = 1, .max = 1e6,
       .default_value = std::int64_t{d.basin.lanczos_min_krylov},
       .doc = "Lanczos vectors while pushing before that tolerance may stop it (pARTn lanczos_min_size)"},
      {.name = "saddle_force_tolerance", .type = ParamType::Float, .unit = "energy/length", .min = 1e-12,
       .max = 1e6, .default_value = d.activation.force_tolerance, .doc = "saddle: largest atomic force below"},
      {.name = "max_eigen_step", .type = ParamType::Float, .unit = "length", .min = 1e-9, .max = 1e3,
       .default_value = search_max_eigen_step, .doc = "cap on each step along the lowest mode"},
      {.name = "activation_relax_steps", .type = ParamType::Int, .min = 0, .max = 1e6,
       .default_value = search_activation_relax_steps, .doc = "perpendicular relaxation steps per step"},
      {.name = "max_activation_steps", .type = ParamType::Int, .min = 1, .max = 1e6,
       .default_value = std::int64_t{d.activation.max_steps}, .doc = "activation steps before giving up"},
      {.name = "eigenvalue_lost", .type = ParamType::Float, .unit = "energy/length²", .min = -1e6, .max = 0,
       .default_value = d.activation.eigenvalue_lost, .doc = "activation fails when the eigenvalue rises above"},
      {.name = "lost_grace_steps", .type = ParamType::Int, .min = 0, .max = 1e6,
       .default_value = std::int64_t{d.activation.lost_grace_steps},
       .doc = "when the eigenvalue rises above eigenvalue_lost, steps (max_eigen_step each) uphill along the last "
              "negative-curvature mode before the loss counts (a return or eigenvalue-lost); 0: none"},
      {.name = "max_returns", .type = ParamType::Int, .min = 0, .max = 1000, .default_value = search_max_returns,
       .doc = "times a lost eigenvalue sends the search back to the basin push (pARTn nnewchance)"},
      {.name = "lanczos_krylov", .type = ParamType::Int, .min = 2, .max = 1000,
       .default_value = std::int64_t{d.lanczos.max_krylov}, .doc = "Lanczos vectors before a restart"},
      {.name = "lanczos_tolerance", .type = ParamType::Float, .min = 1e-12, .max = 1,
       .default_value = search_lanczos_tolerance,
       .doc = "relative eigenvalue change that stops Lanczos during activation (1e-2: half the force calls of "
              "1e-4 for the same saddles on CuZr glasses, README Benchmarks)"},
      {.name = "saddle_push", .type = ParamType::Float, .unit = "length", .min = 1e-9, .max = 1e3,
       .default_value = d.relax.saddle_push, .doc = "push off the saddle along ±mode before relaxing"},
      {.name = "relax_force_tolerance", .type = ParamType::Float, .unit = "energy/length", .min = 1e-12,
       .max = 1e6, .default_value = d.relax.force_tolerance, .doc = "relaxation to the adjacent minima"},
      {.name = "relax_max_iterations", .type = ParamType::Int, .min = 1, .max = 1e9,
       .default_value = std::int64_t{d.relax.max_iterations}, .doc = "iteration limit of those relaxations"},
      {.name = "same_minimum_distance", .type = ParamType::Float, .unit = "length", .min = 1e-12, .max = 1e3,
       .default_value = d.relax.same_minimum_distance, .doc = "a side is x₀ when no atom differs by more"},
      {.name = "fd_step", .type = ParamType::Float, .unit = "length", .min = 1e-12, .max = 1,
       .default_value = d.fd_step, .doc = "finite-difference step of Hessian-vector products"},
      {.name = "minimizer", .type = ParamType::Choice, .default_value = d.minimizer,
       .doc = "perpendicular and final relaxations", .choices = {"fire", "cg", "lbfgs"}},
  };
}

ArtnConfig artn_config(const Params& p) {
  ArtnConfig c;
  c.basin.initial_displacement = p.real("initial_displacement");
  c.basin.push_step = p.real("push_step");
  c.basin.max_pushes = static_cast<int>(p.integer("max_pushes"));
  c.basin.relax_steps = static_cast<int>(p.integer("basin_relax_steps"));
  c.basin.eigenvalue_threshold = p.real("eigenvalue_threshold");
  c.basin.unchecked_pushes = static_cast<int>(p.integer("unchecked_pushes"));
  c.basin.lanczos_tolerance = p.real("basin_lanczos_tolerance");
  c.basin.lanczos_min_krylov = static_cast<int>(p.integer("basin_lanczos_min_krylov"));
  c.activation.force_tolerance = p.real("saddle_force_tolerance");
  c.activation.max_eigen_step = p.real("max_eigen_step");
  c.activation.relax_steps = static_cast<int>(p.integer("activation_relax_steps"));
  c.activation.max_steps = static_cast<int>(p.integer("max_activation_steps"));
  c.activation.eigenvalue_lost = p.real("eigenvalue_lost");
  c.activation.lost_grace_steps = static_cast<int>(p.integer("lost_grace_steps"));
  c.activation.max_returns = static_cast<int>(p.integer("max_returns"));
  c.lanczos.max_krylov = static_cast<int>(p.integer("lanczos_krylov"));
  c.lanczos.relative_tolerance = p.real("lanczos_tolerance");
  c.relax.saddle_push = p.real("saddle_push");
  c.relax.force_tolerance = p.real("relax_force_tolerance");
  c.relax.max_iterations = p.integer("relax_max_iterations");
  c.relax.same_minimum_distance = p.real("same_minimum_distance");
  c.fd_step = p.real("fd_step");
  c.minimizer = p.text("minimizer");
  c.project_rigid_body = p.flag("free");
  c.validate();
  return c;
}

}  // namespace pelcamp::units
