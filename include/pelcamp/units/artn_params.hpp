#pragma once
// The ARTn search settings (saddle/artn.hpp) as unit parameters, shared by the kinds that run
// ART nouveau searches (art_search, art_walk). Defaults are seed 002's push and criteria, in
// metal units (Å, eV), with the activation settings measured best on CuZr glasses; LJ
// campaigns set them in σ and ε. Every field of ArtnConfig is a parameter except the
// activation Lanczos solver's restarts, minimum Krylov size and absolute tolerance.
#include <vector>

#include "pelcamp/saddle/artn.hpp"
#include "pelcamp/units/param.hpp"

namespace pelcamp::units {

std::vector<ParamSpec> artn_params();
// ArtnConfig from a unit's parameters (project_rigid_body from `free`); validated.
ArtnConfig artn_config(const Params& params);

}  // namespace pelcamp::units
