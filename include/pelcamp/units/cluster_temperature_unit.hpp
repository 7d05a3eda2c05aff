#pragma once
// `cluster_temperature_point`: one temperature T for one flattening ε of a free cluster
// (Sun & Gong, physics.md §1). Canonical MD (Nosé–Hoover chain or Langevin) on the
// flattened potential φ* = φ + ε (φ − φ₀)^m (φ₀ = phi0_per_atom · N), with centre-of-mass and
// angular momentum held at zero; after `equilibration_steps`, every `sample_every` steps a
// sample of φ*, the kinetic energy and the cluster's shape, and a frame with the rigid
// motion removed (analysis/cluster_motion.hpp) for the MSD and the short-time averages.
//
// Per unit: means and standard deviations of E = K + φ* and φ*, C_v = var(E)/(k_B T²), the
// principal radii of gyration, ΔR and the ellipsoid volume (analysis/cluster_shape.hpp), the
// diffusion coefficient (MSD slope/6 over the upper three quarters of the lag range), the
// sampled range of the unflattened φ and φ_s of eq. (3) with a flag when they come within
// N k_B T of each other. Series: `msd_curve` (the MSD), `trace` (E_c, R_c per window Δt),
// `samples` (φ*, K and shape every `record_every` steps, from which every mean, fluctuation,
// C_v and E_c can be recomputed). Checkpoints every `checkpoint_every` steps.
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& cluster_temperature_unit_kind();

}  // namespace pelcamp::units
