#pragma once
// An ART walk: successive ART nouveau events chained from one minimum, recording the
// network of minima and transition states they visit (seed 002, Fig. 7: disconnectivity
// graphs from ~2900 successive activation events starting from one inherent structure).
//
// Each attempt picks a centre atom uniformly at random and runs one AtomSearcher search
// around it from the current minimum (atom_search.hpp: the centre and its neighbours within
// `perturbation_radius` pushed, then ArtnSearch). A successful search (a saddle connected to
// the current minimum and a different final minimum) adds its transition state and final
// minimum to the network; the
// walk then moves to the final minimum with the Metropolis probability min(1, exp(−ΔE/kT)),
// ΔE = E_final − E_current. Seed 002 does not state its acceptance rule; Metropolis at a
// fictitious temperature is the rule of ART walks since Barkema & Mousseau (PRL 77, 4358
// (1996)). kT = 0 accepts only downhill events; kT = ∞ accepts every event.
//
// Local forces (`local`, as in the art_search unit): with local.enabled each search moves
// only the atoms within local.active_radius of the centre, on a region carved with a frozen
// buffer, so its cost does not grow with the sample; without it every atom moves. The
// searcher refers to the walk's `config`, which always holds the minimum the walk stands in:
// when the walk moves, the positions change in place and the searcher recomputes the
// sample energy (AtomSearcher::sample_moved: one energy evaluation, no new carve or clone).
// A local search's final minimum is relaxed only inside the active region (the far field
// frozen at the previous minimum). Before it is compared with the known minima or stood in,
// it is relaxed on the full sample (every atom free, `artn.minimizer` to
// artn.relax.force_tolerance within artn.relax.max_iterations), from the local final state:
// it starts close, so this takes few iterations (83 force calls on average, 2.6 % of a walk's
// force calls, on the 4000-atom CuZr glass: README, ART walks; they are counted in the
// attempt: full_relax_force_calls). Minima energies and coordinates are then
// true minima of the sample in both modes (without local forces the search's final minimum
// is already one and this relaxation stops at once). A final state that does not relax within
// the limit gives no event (full_relax_converged false). The transition state's energy is the
// local search's: the saddle of the landscape with the far field frozen, slightly above the
// fully relaxed saddle (README, ART section: relaxing the far field at a local 10 Å saddle
// lowered it by 0.10 eV of 1.58 eV on a 500-atom glass; the same events searched local and
// full differed by 0.10–0.38 eV on the 4000-atom CuZr glass). Its barrier is taken from the
// current minimum's energy on the sample.
//
// Minima are the same when their energies differ by less than `energy_tolerance` and no
// atom differs in position by more than `distance_tolerance` (minimum image in periodic
// boxes, after removing the uniform translation relative to the start, which searches on
// a periodic sample with every atom free pick up; after optimal superposition for free
// clusters with rigid-body projection). Atom
// labels count: a permutational isomer is a different minimum, as for events in a glass.
// Transition states are the same when they join the same pair of minima with energies
// within `energy_tolerance` (their coordinates are not kept).
//
// Memory: a walk of thousands of events on a large sample cannot keep every minimum's
// coordinates (24 bytes per atom per minimum: 0.8 GB for 2900 minima of 10 976 atoms).
// The start is kept in full; every other minimum keeps only the atoms farther than
// `minimum_resolution` from their positions in the minimum it was found from (SparseMinima
// below), so a minimum costs memory in proportion to the atoms its event moved (periodic
// samples are compared in the start's frame, see above, so a uniform drift moves no atom). Revisits are matched
// against these stored minima: each position is within the minimum's residual (≤
// minimum_resolution, 1e-2 by default against distance_tolerance 0.1) of the found one, so
// a decision can differ from one on full coordinates only when the largest distance lies
// within that residual of distance_tolerance; such tests are counted (uncertain_matches;
// for free clusters the superposition can shift that margin a little more — clusters are
// small: minimum_resolution 0 keeps every atom that moved).
// Distinct minima differ by tenths on the atoms of an event, a minimum found twice by the
// minimizer's noise. The minimum the walk stands in is kept in full, and a walk moves on
// from a new minimum exactly as found.
//
// Units: the potential's (energies, lengths); kT in energy units.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include <optional>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/minimizer.hpp"
#include "pelcamp/potential/potential.hpp"
#include "pelcamp/saddle/artn.hpp"
#include "pelcamp/saddle/atom_search.hpp"

namespace pelcamp {

struct ArtWalkConfig {
  ArtnConfig artn;
  int accepted_events = 100;        // stop after this many accepted events …
  int max_attempts = 1000;          // … or this many searches
  double kT = 0.0;                  // Metropolis temperature (energy); +inf accepts all
  double perturbation_radius = 3.95;  // neighbours perturbed with the centre atom (length)
  double energy_tolerance = 1e-4;   // same minimum / saddle: |ΔE| below (energy)
  double distance_tolerance = 0.1;  // same minimum: largest per-atom distance below (length)
  // Stored minima keep only atoms farther than this from the start (length; < distance_tolerance).
  double minimum_resolution = 1e-2;
  // Local forces of the searches (see the header comment); off: every atom moves.
  LocalForcesConfig local{.enabled = false};
  // Lanczos on the potential's analytic Hessian-vector products (AtomSearchConfig).
  bool analytic_hessian = true;

  void validate() const;  // throws pelcamp::Error naming the bad field
};

struct WalkMinimum {
  double energy = 0.0;
  Vec3 moments = Vec3::Zero();  // principal moments of inertia, ascending (mass·length²)
  int visits = 0;               // times the walk stood here (the start counts once)
  int first_attempt = -1;       // attempt that found it (−1: the initial minimum)
};

struct WalkTransitionState {
  double energy = 0.0;
  double eigenvalue = 0.0;      // lowest Hessian eigenvalue there (energy/length²)
  Vec3 moments = Vec3::Zero();
  int minimum_from = 0;         // the minimum the search started from
  int minimum_to = 0;           // the other minimum it connects
  int times_found = 0;
};

struct WalkAttempt {
  std::size_t centre = 0;
  ArtnOutcome outcome = ArtnOutcome::basin_not_left;
  int minimum_from = 0;
  int minimum_to = -1;          // −1 unless successful
  int transition_state = -1;    // −1 unless successful
  double barrier = 0.0;         // E_saddle − E_from (last activation point if it failed)
  double energy_change = 0.0;   // E_final − E_from (NaN unless successful)
  bool accepted = false;
  bool revisit = false;         // the final minimum was already known
  long force_calls = 0;          // the search's and the full relaxation's
  // The full-sample relaxation of a successful search's final state (see the header):
  // its force calls (included in force_calls) and whether it converged.
  long full_relax_force_calls = 0;
  bool full_relax_converged = false;
};

struct WalkNetwork {
  std::vector<WalkMinimum> minima;  // minima[0]: the starting minimum
  std::vector<WalkTransitionState> transition_states;
  std::vector<WalkAttempt> attempts;
  int accepted_events = 0;
  int current = 0;                  // where the walk ended
  // Same-minimum tests whose largest distance fell within a stored minimum's residual of
  // distance_tolerance: only these could differ from tests on full coordinates.
  int uncertain_matches = 0;
};

// Principal moments of inertia about the centre of mass, ascending. `positions` are
// unwrapped coordinates, 3N atom by atom; masses per atom.
Vec3 principal_moments(Eigen::Ref<const Eigen::VectorXd> positions, const std::vector<double>& masses);

// Minima as sparse differences: minimum 0 is a reference structure (the walk's start) in
// full; every other minimum has a parent (the minimum the walk found it from) and keeps
// only the atoms farther than `resolution` from their positions in the parent as stored,
// with their exact positions. Its other atoms are taken from the parent, off by at most
// `resolution` (the largest such residual is kept per minimum). Differences against the
// parent as stored do not accumulate along a chain, and a minimum costs memory for the
// atoms of its own event, however long the walk.
class SparseMinima {
 public:
  explicit SparseMinima(double resolution = 0.0) : resolution_(resolution) {}
  // Clears the store and sets the reference (3N positions); it is minimum 0.
  void reset(const Eigen::VectorXd& reference);
  // Appends a minimum found from minimum `parent`; returns its index.
  std::size_t add(const Eigen::VectorXd& positions, std::size_t parent);
  std::size_t size() const { return minima_.size() + 1; }
  // Positions of minimum m (3N): the reference with the chain of stored atoms in place.
  Eigen::VectorXd positions(std::size_t m) const;
  // Atoms stored for minimum m (0 for the reference), and the largest distance between
  // one of its atoms not stored and its position taken from the parent (length).
  std::size_t stored_atoms(std::size_t m) const;
  double residual(std::size_t m) const;
  // Bytes held for minimum m beyond the reference (atom indices, positions, parent).
  std::size_t bytes(std::size_t m) const;
  double resolution() const { return resolution_; }
  const Eigen::VectorXd& reference() const { return reference_; }

 private:
  friend class ArtWalk;  // checkpoints
  struct Minimum {
    std::size_t parent = 0;
    std::vector<std::uint32_t> atoms;
    std::vector<double> positions;  // 3 per stored atom
    double residual = 0.0;
  };
  double resolution_;
  Eigen::VectorXd reference_;
  std::vector<Minimum> minima_;  // minima 1, 2, …
};

class ArtWalk {
 public:
  // `config` holds the starting structure (need not be exactly minimal: start() minimizes
  // it to artn.relax.force_tolerance); `config` and `potential` must outlive the walk. After
  // every step `config` holds the minimum the walk stands in (the searches' sample).
  ArtWalk(Configuration& config, Potential& potential, ArtWalkConfig settings);

  // Minimizes the starting structure: the network holds only the start. Throws
  // pelcamp::Error when the minimization does not converge.
  void start();
  // One search from the current minimum (start() or restore() first).
  void step(Rng& rng);
  // accepted_events reached or max_attempts searches made.
  bool finished() const;
  // start(), then step() until finished(); `between_attempts` is called before every search
  // (deadline checks).
  const WalkNetwork& run(Rng& rng, const std::function<void()>& between_attempts = [] {});

  const WalkNetwork& network() const { return network_; }
  // The minima, in network order (positions(m): 3N coordinates of minimum m).
  const SparseMinima& minima() const { return minima_; }

  // Everything needed to continue bit-identically (network, minima positions, random
  // state), as bytes for a checkpoint file of the same build; restore() continues from it.
  std::vector<std::uint8_t> checkpoint(const Rng& rng) const;
  // Throws pelcamp::Error for bytes that are not a checkpoint of a walk of this system
  // with the same local-forces setting, or that an older format wrote (named in the message).
  void restore(std::span<const std::uint8_t> bytes, Rng& rng);

 private:
  // Largest per-atom distance between two points (see the header comment).
  double distance(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const;
  // x translated so that its mean displacement from the start is zero (periodic samples:
  // every atom free, uniform translations cost nothing and searches drift), or x itself
  // for free clusters (distance() superposes them).
  Eigen::VectorXd in_start_frame(const Eigen::VectorXd& x) const;
  // Index of the known minimum matching (energy, x in the start frame), or −1; `uncertain`
  // when a comparison fell within a stored minimum's residual of distance_tolerance.
  int find_minimum(double energy, const Eigen::VectorXd& x, bool& uncertain) const;
  // Index of the transition state joining `from` and `to` at `energy`, added if new.
  int record_transition_state(int from, int to, const ArtnResult& r, const Eigen::VectorXd& saddle);
  // Minimizes the sample (config_) in place from its current positions on the full sample.
  MinimizeResult relax_fully();
  // Puts the minimum the walk stands in (current_) into config_ and the searcher.
  void stand_in_current();

  Configuration& config_;
  Potential& potential_;
  ArtWalkConfig settings_;
  std::vector<double> masses_;
  AtomsObjective objective_;  // the full sample: start and full relaxations
  AtomSearcher searcher_;     // on config_, the current minimum
  WalkNetwork network_;
  SparseMinima minima_;
  Eigen::VectorXd current_;  // the minimum the walk stands in, in full
};

}  // namespace pelcamp
