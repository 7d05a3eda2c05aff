#pragma once
// The initial ART displacement direction: the centre atom and every atom within `radius` of
// it (minimum image) get independent standard-normal displacement components, all other
// atoms none (Malek & Mousseau, PRE 62, 7723 (2000): local events from a local
// perturbation; seed 002 uses a 3.95 Å radius around the centre atom).
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/minimize/objective.hpp"

namespace pelcamp {

// Unit 3N vector (atom by atom). `radius` in length units (≥ 0); `frozen` is empty or one
// flag per atom, frozen atoms are never displaced. Throws pelcamp::Error for a centre out
// of range, a frozen centre, a negative radius or a mask of the wrong size.
Eigen::VectorXd local_random_direction(const Configuration& config, std::size_t centre,
                                       double radius, Rng& rng,
                                       const std::vector<bool>& frozen = {});

}  // namespace pelcamp
