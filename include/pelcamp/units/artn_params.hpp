#pragma once
// The ARTn search settings (saddle/artn.hpp) as unit parameters, shared by the kinds that run
// ART nouveau searches. Defaults are seed 002's, in metal units (Å, eV); LJ campaigns set
// them in σ and ε. Every field of ArtnConfig except the Lanczos settings is a parameter.
#include <vector>

#include "pelcamp/saddle/artn.hpp"
#include "pelcamp/units/param.hpp"

namespace pelcamp::units {

std::vector<ParamSpec> artn_params();
// ArtnConfig from a unit's parameters (project_rigid_body from `free`); validated.
ArtnConfig artn_config(const Params& params);

}  // namespace pelcamp::units
