#pragma once
// Intra-cage cyclic loading (Li, Xiao, Egami & Fan, Mater. Today Phys. 2024, seed 004 §2.1):
// from a relaxed state, an affine simple shear γ of the box (xy tilt), relaxation at fixed
// box, the affine inverse shear back to the original box, relaxation again. What changed
// between the initial and the final state tells whether the bottom of the sub-basin is
// smooth (reversible loading) or not:
//   - per-atom (Egami) stress σ^i before and after (atomic_stress.hpp, Voronoi volumes of
//     each state), and δ = RMS(Δσ^i_xy)/RMS(σ^i_xy,initial) for the shear component along
//     the loading;
//   - per-atom displacements, and the cage-breaking flag Θ = 1 when any of the most
//     displaced atoms (a fraction of all atoms, 0.01 % in the paper, at least one atom)
//     changed its Voronoi index ⟨n₃,n₄,n₅,n₆⟩.
// All three relaxations (the initial state is relaxed again with the same criteria, so the
// comparison is between two states converged alike) use one minimizer and stopping rule.
#include <string>
#include <vector>

#include "pelcamp/analysis/voronoi.hpp"
#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/units.hpp"
#include "pelcamp/minimize/minimizer.hpp"
#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

// Affine simple shear x → x + γ (y − y_lo) of the positions and the cell (h → F h with
// F = 1 + γ e_x e_yᵀ), so the xy tilt grows by γ l_y. Image counts stay valid.
void apply_simple_shear(Configuration& config, double gamma);

struct CyclicShearSettings {
  double strain = 0.0;                 // γ, engineering shear strain (dimensionless)
  std::string minimizer = "fire";      // minimize/registry.hpp name
  StoppingCriteria relax;              // for each of the three relaxations
  double displaced_fraction = 1e-4;    // of the atoms, in (0, 1]: the cage-breaking window
  VoronoiOptions voronoi;              // index and volumes of the periodic sample
  IterationObserver observer;          // called by the relaxations (e.g. deadline checks)
};

struct RelaxationRecord {
  double energy = 0.0;  // after the relaxation (energy units)
  double fmax = 0.0;    // largest force left (energy/length)
  long iterations = 0;
  bool converged = false;
};

struct CyclicShearResult {
  RelaxationRecord initial, loaded, final;
  std::vector<Sym6> stress_initial, stress_final;  // pressure units of the potential
  std::vector<Vec3> displacement;                  // final − initial unwrapped position
  std::vector<std::size_t> most_displaced;         // the cage-breaking window, largest first
  std::vector<bool> index_changed;                 // per atom: Voronoi index differs
  bool cage_broken = false;                        // Θ(γ)
  double rms_stress_change = 0.0;                  // RMS(Δσ^i_xy)
  double rms_initial_stress = 0.0;                 // RMS(σ^i_xy) of the initial state
  double delta() const { return rms_stress_change / rms_initial_stress; }
};

// Runs the protocol on `config` (left in the final state) with `potential`. Throws
// pelcamp::Error for a box that is not periodic in x and y, a strain that is not finite, or
// a fraction outside (0, 1].
CyclicShearResult cyclic_shear(Configuration& config, Potential& potential,
                               const CyclicShearSettings& settings, const UnitSystem& units);

}  // namespace pelcamp
