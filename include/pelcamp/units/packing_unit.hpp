#pragma once
// `packing`: a random packing of a composition at a number density with a minimum distance
// (build/random_packing.hpp), seeded from the unit's own stream: the starting samples of a
// glass study (e.g. Kob–Andersen A80B20 at ρ = 1.2).
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& packing_unit_kind();

}  // namespace pelcamp::units
