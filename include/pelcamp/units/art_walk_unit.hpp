#pragma once
// `art_walk`: an ART walk (saddle/art_walk.hpp) from the unit's structure, usually a
// for_each over minimized samples: successive ART nouveau events accepted by Metropolis at
// `temperature`, recognising revisited minima. Stores the network as three series: the
// minima, the transition states (indices into the minima, 0-based) and every attempt. The
// ART parameters default to seed 002's (metal units); the local-forces parameters are
// art_search's (units/local_forces_params.hpp: local_forces auto picks local forces when a
// region is smaller than the sample); the final structure is the minimum the walk ended in.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& art_walk_unit_kind();

}  // namespace pelcamp::units
