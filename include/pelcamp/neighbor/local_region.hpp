#pragma once
// The atoms around a set of centres, carved out of a (large) configuration so that forces
// on the atoms near the centres can be computed on a small system: the local-force mode of
// ART nouveau (physics.md §2–3), the intra-cage probes (§4).
//
// Which atoms: every atom within `radius` of a centre is "exact"; every atom within
// `radius + interaction_range` of a centre is carved. `interaction_range` is the distance
// over which the potential couples atoms for the forces: for a pair potential its cutoff
// rc (the force on i depends on atoms within rc of i); for EAM/Finnis–Sinclair 2 rc (the
// force on i involves the densities of its neighbours j within rc, which involve atoms
// within rc of j). With that range the forces and per-atom energies (EAM: F(ρ_i) + ½Σφ_ij,
// only rc is needed) of the exact atoms are those of the full system. The carved atoms
// beyond `radius` (the buffer) feel a truncated environment: their forces are wrong, so a
// caller that moves atoms keeps the buffer frozen. Energy differences between two carved
// configurations that differ only in exact atoms equal the full system's (the energy change
// is the line integral of the exact forces on the moved atoms).
//
// Where: the carved system is in free space, each atom placed at its image nearest the
// first centre, when that is unambiguous: every periodic perpendicular width w satisfies
// w > 2 (s + radius + interaction_range), with s the largest (minimum-image) distance from
// the first centre to another centre. Then every carved atom and every atom within the
// cutoff of one that matters lies within w/2 of the first centre, where an image is unique,
// so each interacting pair is placed at its true separation. Otherwise the carved system
// is the whole parent in its periodic box (exact atoms first), which is still exact but
// not smaller.
#include <span>
#include <vector>

#include "pelcamp/core/configuration.hpp"

namespace pelcamp {

struct LocalRegion {
  // Carved atoms: the exact ones first (in parent order), then the inner buffer (within
  // `radius + inner_range` of a centre), then the rest of the buffer (each in parent order);
  // positions unwrapped next to the centres, images zero; species, types, ids, velocities
  // copied. Free box unless the region needs the periodic box (see above).
  Configuration config;
  std::vector<std::size_t> parent;  // index in the parent configuration of each carved atom
  // The first `exact` carved atoms lie within `radius` of a centre; their forces (and
  // per-atom energies) on the carved system equal those on the full system.
  std::size_t exact = 0;
  // The first `reached` carved atoms (≥ exact) lie within radius + inner_range of a centre:
  // with inner_range = cutoff + margin they are every atom that comes within the cutoff of
  // an exact atom moved by at most the margin, the `reached` atoms of a ComputeScope
  // (potential.hpp) whose moving atoms are the exact ones.
  std::size_t reached = 0;
  // carved position = parent.positions[parent[k]] + offset[k] (a lattice vector, zero when
  // the region keeps the periodic box).
  std::vector<Vec3> offset;
  bool periodic = false;  // true when the region is the whole parent in its periodic box

  // Writes the positions of the first `count` carved atoms (e.g. `exact`) back into the
  // parent it was carved from, keeping the parent's image counts.
  void write_back(Configuration& parent_config, std::size_t count) const;
};

// `centres`: parent atom indices (at least one, in range); `radius` ≥ 0,
// `interaction_range` > 0 and 0 ≤ `inner_range` ≤ interaction_range in length units.
// Throws pelcamp::Error otherwise.
LocalRegion carve_region(const Configuration& parent, std::span<const std::size_t> centres,
                         double radius, double interaction_range, double inner_range = 0.0);

}  // namespace pelcamp
