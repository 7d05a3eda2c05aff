#pragma once
// Cubic crystal lattices in a periodic orthorhombic box: the conventional cubic cell of
// edge a replicated nx × ny × nz times, as LAMMPS `lattice` + `create_atoms` builds them.
#include <array>
#include <string>
#include <vector>

#include "pelcamp/core/configuration.hpp"

namespace pelcamp {

// sc: simple cubic; bcc; fcc; b2: CsCl structure (bcc with two species).
enum class LatticeKind { sc, bcc, fcc, b2 };

// "sc", "bcc", "fcc" or "b2"; throws pelcamp::Error listing these for any other name.
LatticeKind lattice_kind_from_name(const std::string& name);
std::string lattice_kind_name(LatticeKind kind);

struct LatticeSpec {
  LatticeKind kind = LatticeKind::fcc;
  double a = 0.0;                        // lattice constant, cubic cell edge (length)
  std::array<int, 3> cells = {1, 1, 1};  // replications along x, y, z
  // sc, bcc, fcc: one species. b2: two, the first on cube corners, the second on centres.
  std::vector<Species> species;
};

// Atoms ordered cell by cell (x fastest, then y, then z), basis atoms within a cell, ids
// 1..N; box [0, nx a) × [0, ny a) × [0, nz a), periodic. Throws pelcamp::Error for a
// non-positive lattice constant or cell count or the wrong number of species.
Configuration build_lattice(const LatticeSpec& spec);

}  // namespace pelcamp
