#pragma once
// `sample_prep`: a glass sample by the melt–quench protocol of seeds 002/003 (see
// ../shared/design/physics.md §2–3), on the input structure (a `packing`, a `crystal`, any
// stage with a structure) or a `structure` file:
//   0. a short fixed-box minimization (removes the close contacts of a random packing);
//   1. NPT (Nosé–Hoover chain + MTK barostat, LAMMPS fix npt semantics) at the liquid
//      temperature and the quench pressure for `equilibrate_time`;
//   2. NPT quench at `cooling_rate` to `final_temperature` at the same pressure (linear ramp
//      of the thermostat target), recording a block-averaged thermo trace and snapshots at
//      chosen temperatures;
//   3. the pressure released: NPT at `final_temperature` and `release_pressure` for
//      `relax_time` (a fresh barostat, as a new LAMMPS fix npt);
//   4. minimization to the inherent structure, with the cell relaxed to `release_pressure`
//      (iso) when `relax_box` is on.
// The unit's structure is the inherent structure (what `for_each` consumers analyse); its
// snapshots are the instantaneous configurations along the quench. Phases 1–3 checkpoint
// every `checkpoint_every` steps and continue bit-identically after a stop.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& sample_prep_unit_kind();

}  // namespace pelcamp::units
