#pragma once
// One ART nouveau search started around one atom of a minimized sample (physics.md §2–3):
// the centre atom and its neighbours within `perturbation_radius` get a random push
// (perturbation.hpp), then ArtnSearch runs to the saddle and the final minimum.
//
// Local forces (on by default): the search works on the atoms within
// `local.active_radius` of the centre, carved out of the sample with a buffer of
// `interaction_range + margin` (local_region.hpp); the active atoms move, the buffer is
// frozen. Forces on the active atoms are then exactly the full sample's with the atoms
// beyond the active radius held at their initial positions, so energy differences are
// exact for that constrained landscape and the cost of a search does not grow with the
// sample size. Each force call is restricted to what can change (ComputeScope,
// potential.hpp): forces on the active atoms only, from the pairs of the active atoms and
// the EAM densities of the atoms within cutoff + margin of them (the "reached" atoms,
// ~1300 of a ~4300-atom carve at the defaults); the search's variables are the active
// atoms' positions alone. What the constraint leaves out is the elastic relaxation of the far field,
// which lowers saddle energies slightly; the default radius keeps that below the seeds'
// energy resolution (checked against full evaluation in tests/unit/saddle/test_atom_search.cpp).
// When the sample is too small for a free carve the region is the whole periodic sample,
// still frozen beyond the active radius. With local forces off every atom of the sample
// moves.
#include <memory>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/potential/potential.hpp"
#include "pelcamp/saddle/artn.hpp"

namespace pelcamp {

struct LocalForcesConfig {
  bool enabled = true;
  double active_radius = 10.0;     // atoms within this of the centre move (length)
  // Range over which the potential couples atoms for forces (length): 0 means 2 × the
  // potential's cutoff, exact for pair and EAM potentials alike (see local_region.hpp).
  double interaction_range = 0.0;
  double margin = 1.0;             // added to the buffer: room for the active atoms to move
};

struct AtomSearchConfig {
  ArtnConfig artn;
  double perturbation_radius = 3.95;  // centre's neighbours pushed with it (length; seed 002)
  double moved_threshold = 0.1;       // an atom "moved" when |r_fin − r_ini| exceeds this
  LocalForcesConfig local;
  // Lanczos on the potential's scoped_hessian_vector (analytic for pair and EAM potentials)
  // instead of central differences of forces (two force calls per product). On by default:
  // on 24 searches of the 4000-atom 1e13 K/s CuZr glass (local forces) both give the same
  // success rate (0.42), kept events (10) and mean barrier (to 0.5 meV), 23 of 24 searches
  // end the same way, and analytic products take 3.1× less CPU per kept event (an EAM
  // product at the point of the last one costs ~0.35 of a force call; README, Benchmarks).
  // The paths differ from finite differences at O(fd_step²) and can part near eigenvalue
  // crossings, so individual searches may end on other saddles.
  bool analytic_hessian = true;

  void validate() const;  // throws pelcamp::Error naming the bad field
};

struct AtomEvent {
  std::size_t centre = 0;
  // Energies are the full sample's: energy_initial is its energy, the others add the
  // energy differences of the search. Displacements are norms over all moving atoms.
  ArtnResult artn;
  std::size_t atoms_moved = 0;        // atoms with |r_fin − r_ini| > moved_threshold
  std::size_t most_displaced = 0;     // sample index of the atom that moved most (final)
  double largest_displacement = 0.0;  // its |r_fin − r_ini| (length)
  // Atoms whose energy terms each force call evaluates: with local forces the reached atoms
  // of the search's ComputeScope (potential.hpp; the cost of a force call goes with them),
  // else the whole sample.
  std::size_t atoms_evaluated = 0;
};

// Width of the frozen buffer around the active atoms: the interaction range (or twice the
// potential's cutoff) plus the margin (length).
double local_buffer(const LocalForcesConfig& local, const Potential& potential);

class AtomSearcher {
 public:
  // `sample` (a minimum of `potential`) must outlive the searcher; the potential is cloned.
  AtomSearcher(const Configuration& sample, const Potential& potential, AtomSearchConfig config);

  // One search around sample atom `centre`, the push direction drawn from `rng`.
  AtomEvent search(std::size_t centre, Rng& rng);

  // The sample with the last search's saddle (or last activation point) in place, and which
  // sample atoms that search moved (the active atoms; all of them without local forces).
  const Configuration& last_saddle() const { return last_saddle_; }
  const std::vector<bool>& last_active() const { return last_active_; }

  const AtomSearchConfig& config() const { return config_; }
  double sample_energy() const { return sample_energy_; }
  // The sample's positions were changed in place (an ART walk moved to another minimum):
  // recomputes its energy, the reference of the search energies. Nothing else about the
  // sample is kept between searches.
  void sample_moved();
  // The sample with the last search's final minimum in place (equal to the sample when the
  // saddle did not converge).
  const Configuration& last_final() const { return last_final_; }

 private:
  const Configuration& sample_;
  std::unique_ptr<Potential> potential_;
  AtomSearchConfig config_;
  double sample_energy_ = 0.0;
  Configuration last_saddle_;
  std::vector<bool> last_active_;
  Configuration last_final_;  // see last_final()
};

}  // namespace pelcamp
