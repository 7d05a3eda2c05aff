#pragma once
// `diagnostic`: a runner self-test unit that needs no potential. It moves `walkers`
// independent 3-D Gaussian random walkers (unit step variance per axis) for `steps` steps
// from the origin, using the unit's own random stream, and reports each walker's final
// displacement, the mean squared displacement (expected value 3·steps) and a checksum of the
// final random state (a bit-exact fingerprint of the whole computation). Optional `seconds`
// of wall time emulate a long unit; `mode` induces a failure, a hang or a crash, so that
// failure handling, deadlines and quarantine can be exercised end to end; a nonzero
// `checkpoint_every` checkpoints the walk and continues it bit-identically after a stop.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& diagnostic_unit_kind();

}  // namespace pelcamp::units
