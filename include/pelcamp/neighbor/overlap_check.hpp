#pragma once
// Input check for overlapping atoms: no model gives meaningful results for atoms (nearly) on
// top of each other, and some give infinities, so structures are checked when read.
#include "pelcamp/core/configuration.hpp"

namespace pelcamp {

// Throws pelcamp::Error naming the closest pair of atoms (ids, distance) when any two atoms,
// periodic images included, are closer than `min_distance`. Linear in the atom count.
void check_overlaps(const Configuration& config, double min_distance);

}  // namespace pelcamp
