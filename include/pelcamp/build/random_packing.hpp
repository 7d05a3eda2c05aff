#pragma once
// Random packings: atoms of a given composition placed uniformly at random in a periodic
// cube at a given number density, no two closer than a minimum distance d (random
// sequential addition). A cell grid makes each trial check only nearby atoms, and at
// packing fractions φ = ρπd³/6 ≥ 0.25 trials are drawn only from the voxels not yet covered
// by an exclusion sphere, which reaches φ ≈ 0.35 (10 000 atoms: 0.04 s at φ = 0.28, 0.12 s
// at φ = 0.35); the jamming limit of random sequential addition is 0.384.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "pelcamp/core/configuration.hpp"

namespace pelcamp {

struct CompositionEntry {
  Species species;
  double fraction = 0.0;  // fraction of the atoms, > 0; fractions sum to 1
};

struct RandomPackingSpec {
  std::vector<CompositionEntry> composition;  // e.g. {Cu, 0.5}, {Zr, 0.5}
  std::size_t atoms = 0;
  double number_density = 0.0;  // atoms per length³ (metal: Å⁻³)
  double min_distance = 0.0;    // smallest allowed pair distance (length)
  std::uint64_t seed = 0;       // the packing is a pure function of the spec
  std::size_t max_trials_per_atom = 10000;
};

// Atom counts per composition entry: the largest-remainder rounding of fraction·atoms, so
// they sum to atoms. Throws pelcamp::Error for an empty composition, a non-positive
// fraction, fractions not summing to 1 (±1e-6) or repeated species names.
std::vector<std::size_t> composition_counts(const std::vector<CompositionEntry>& composition,
                                            std::size_t atoms);

// Species in composition order, types shuffled over the atoms, ids 1..N, periodic cube
// [0, L)³ with L = (N/ρ)^(1/3). Throws pelcamp::Error when the minimum distance cannot be
// met: at once when φ exceeds the jamming limit, otherwise when an atom finds no place in
// max_trials_per_atom trials.
Configuration build_random_packing(const RandomPackingSpec& spec);

}  // namespace pelcamp
