#pragma once
// Single-atom perturbation probe (Li, Xiao, Egami & Fan 2024, seed 004 §2.3 and §4.2–4.3):
// with every other atom fixed, atom i is displaced by dr along directions (θ, ϕ) and the
// changes of its own energy dE_atom (for EAM its pair half plus its embedding term) and of
// the system's energy dE_sys are recorded. For a pair potential dE_sys = 2 dE_atom exactly;
// with many-body terms dE_atom < 0 may occur while dE_sys > 0.
//
// Directions: a uniform grid in (θ, ϕ), θ the polar angle from +z, ϕ the azimuth from +x,
// with cell centres θ_k = (k + ½) π/n_θ and ϕ_l = (l + ½) 2π/n_ϕ; each direction stands for
// its grid cell, of solid angle Δϕ [cos(θ_k − ½Δθ) − cos(θ_k + ½Δθ)] (the integral of
// sin θ dθ dϕ in the paper's Ω, §4.3); the cells tile the sphere, their solid angles sum to 4π.
//
// Locality: only atoms within the interaction range of atom i (at any of its displaced
// positions) change their energy. With a potential that has local updates
// (Potential::single_atom_move: the pair and EAM families) each direction costs one pass
// over atom i's neighbours (potential/single_atom_move.hpp), with no evaluation of the
// system. Otherwise the probe evaluates a subsystem per direction: a configuration whose
// first `exact` atoms carry exact per-atom energies and include every atom within
// cutoff + max dr of the probed atom (neighbor/local_region.hpp carves it); dE_sys is then
// the sum of the per-atom energy changes of those exact atoms, each difference taken before
// summing (round-off of the differences, not of the total energy).
#include <cstddef>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/potential/potential.hpp"
#include "pelcamp/potential/single_atom_move.hpp"

namespace pelcamp {

class DirectionGrid {
 public:
  // Throws pelcamp::Error unless n_theta ≥ 1 and n_phi ≥ 1.
  DirectionGrid(int n_theta, int n_phi);
  std::size_t size() const { return static_cast<std::size_t>(n_theta_) * n_phi_; }
  int n_theta() const { return n_theta_; }
  int n_phi() const { return n_phi_; }
  // Direction k = t n_ϕ + p (θ index t, ϕ index p).
  double theta(std::size_t k) const;  // polar angle, radians in (0, π)
  double phi(std::size_t k) const;    // azimuth, radians in (0, 2π)
  double solid_angle(std::size_t k) const;  // steradians
  Vec3 unit_vector(std::size_t k) const;

 private:
  int n_theta_, n_phi_;
};

// dE_atom and dE_sys of one probed atom, indexed [dr index × grid size + direction].
struct AtomProbe {
  std::vector<double> de_atom, de_sys;  // energy units

  // Ω(dE_atom < 0)/4π at dr index d: the solid-angle fraction of negative dE_atom.
  double negative_fraction(const DirectionGrid& grid, std::size_t d) const;
  // Index (dr index × grid size + direction) of the smallest dE_atom over the whole grid.
  std::size_t minimum() const;
};

// Probes atom `atom` of `config` (positions restored on return), whose first `exact` atoms
// have exact per-atom energies and include every atom the displacements can reach (see
// above). `dr` are displacement lengths (length units, > 0). Throws pelcamp::Error for an
// atom outside the exact atoms, or dr not positive.
AtomProbe probe_atom(Configuration& config, std::size_t exact, std::size_t atom,
                     Potential& potential, const std::vector<double>& dr,
                     const DirectionGrid& grid);

// The same from local updates prepared for the configuration (for every atom of a sample:
// prepared once): probes atom `atom` of `moves`. Throws pelcamp::Error for an atom out of
// range, dr not positive or beyond moves.max_displacement().
AtomProbe probe_atom(SingleAtomMove& moves, std::size_t atom, const std::vector<double>& dr,
                     const DirectionGrid& grid);

}  // namespace pelcamp
