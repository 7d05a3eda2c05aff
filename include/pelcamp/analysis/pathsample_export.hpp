#pragma once
// A walk's minima/transition-state network in the text files of PATHSAMPLE/OPTIM (Wales),
// readable by PATHSAMPLE, pele's OptimDBConverter and disconnectionDPS:
//   min.data  one line per minimum:          E  fvib  pgorder  I1  I2  I3
//   ts.data   one line per transition state:  E  fvib  pgorder  min1  min2  I1  I2  I3
// min1/min2 are 1-based line numbers of min.data; I1–I3 the principal moments of inertia.
// fvib (ln of the product of the squared normal-mode frequencies) needs the Hessian's
// eigenvalues, which a walk does not compute: written as 0 for every point (no entropic
// term in PATHSAMPLE rates). The point-group order is written as 1 (no symmetry detection).
// tools/art_network.py writes the same files from a store and draws disconnectivity graphs.
#include <string>

#include "pelcamp/saddle/art_walk.hpp"

namespace pelcamp {

// Creates `directory` if needed; throws pelcamp::Error when a file cannot be written.
void write_pathsample(const WalkNetwork& network, const std::string& directory);

}  // namespace pelcamp
