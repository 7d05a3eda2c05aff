#include "pelcamp/units/local_forces_params.hpp"

#include <array>
#include <string>

#include "pelcamp/neighbor/local_region.hpp"

namespace pelcamp::units {

std::vector<ParamSpec> local_forces_params() {
  const LocalForcesConfig d;  // the engine's defaults are the parameters' defaults
  auto real = [](const char* name, double value, const char* doc) {
    return ParamSpec{.name = name, .type = ParamType::Float, .unit = "length", .min = 0, .max = 1e3,
                     .default_value = value, .doc = doc};
  };
  ParamSpec active = real("active_radius", d.active_radius, "local forces: atoms within this of the centre move");
  active.min = 1e-3;
  return {
      {.name = "local_forces", .type = ParamType::Choice, .default_value = std::string("auto"),
       .doc = "search on a carved region (active_radius + buffer, buffer frozen): on, off, or auto (on when the region is smaller than the sample)",
       .choices = {"auto", "on", "off"}},
      active,
      real("interaction_range", d.interaction_range,
           "local forces: coupling range of the potential (pair: rc; EAM: 2 rc); 0: 2 × cutoff"),
      real("local_margin", d.margin, "local forces: extra buffer for the motion of the active atoms"),
      {.name = "hessian", .type = ParamType::Choice, .default_value = std::string("analytic"),
       .doc = "Lanczos Hessian-vector products: analytic (the potential's own product, restricted to the moving atoms; finite differences inside it when the potential has no analytic form; about 0.35 force calls per EAM product at one point) or finite-difference (two force calls per product). Same statistics on CuZr glasses, 2-3x less CPU per kept event with analytic (README Benchmarks)",
       .choices = {"analytic", "finite-difference"}},
  };
}

LocalForcesConfig local_forces_config(const Params& p) {
  LocalForcesConfig c;
  c.active_radius = p.real("active_radius");
  c.interaction_range = p.real("interaction_range");
  c.margin = p.real("local_margin");
  return c;
}

bool analytic_hessian(const Params& p) { return p.text("hessian") == "analytic"; }

bool local_forces_enabled(const Params& p, const LocalForcesConfig& local, const Potential& potential,
                          const std::function<bool(double reach)>& carves_freely) {
  const std::string& choice = p.text("local_forces");
  return choice == "on" || (choice == "auto" && carves_freely(local.active_radius + local_buffer(local, potential)));
}

bool region_smaller_than_sample(const Configuration& sample, double reach) {
  const std::array<std::size_t, 1> probe{0};
  return !carve_region(sample, probe, reach, 1e-9).periodic;
}

}  // namespace pelcamp::units
