#pragma once
// Lennard-Jones pair potentials with per-type-pair ε, σ and cutoff and an optional energy
// shift, with the semantics of LAMMPS `pair_style lj/cut` + `pair_modify shift yes`:
//
//   φ_ab(r) = 4 ε_ab [(σ_ab/r)¹² − (σ_ab/r)⁶] − (shift ? that same expression at rc_ab : 0),
//   r < rc_ab, and 0 beyond.
//
// Styles (one registry line each):
//   lj/ka       Kob–Andersen 80:20 binary mixture, W. Kob & H. C. Andersen, PRL 73, 1376
//               (1994): ε_AA 1, ε_AB 1.5, ε_BB 0.5, σ_AA 1, σ_AB 0.8, σ_BB 0.88, cutoffs
//               2.5 σ_ab, shifted. Types A, B; units lj; masses 1.
//   lj/50-50    the 50:50 binary LJ mixture of seed 004 (Li, Xiao, Egami & Fan), whose ref. [33]
//               is U. R. Pedersen, T. B. Schrøder & J. C. Dyre, "Phase diagram of
//               Kob-Andersen-type binary Lennard-Jones mixtures", PRL 120, 165501 (2018).
//               Those "KA-type" mixtures keep the Kob–Andersen ε and σ and change only the
//               composition x_B (up to 50 % B): the "different parameters" of seed 004 are the
//               composition. Neither the seed nor the PRL abstract gives other cutoffs, so the
//               KA cutoffs (2.5 σ_ab, shifted) are kept and this preset has the same pair table
//               as lj/ka; the 50:50 composition is a property of the structure (builder), not
//               of the potential. A separate name keeps campaigns and stores explicit about
//               which model they ran.
//   lj/cut:FILE a user parameter file (format below).
//
// Parameter file (one keyword per line, '#' starts a comment, blank lines ignored):
//
//   units lj                     lj or metal (ε in energy units, σ and cutoff in length units)
//   types A B                    type names, in configuration type order
//   shift yes                    yes: subtract φ(rc) per pair (pair_modify shift yes); no: plain
//   pair A A 1.0 1.0 2.5         pair NAME NAME epsilon sigma cutoff, once per unordered pair
//   pair A B 1.5 0.8 2.0
//   pair B B 0.5 0.88 2.2
//   mass A 1.0                   optional, all types or none
//
// Every unordered type pair must be given exactly once (there are no mixing rules); ε ≥ 0,
// σ > 0, cutoff > 0. Errors name the file, the line and what is allowed.
#include <memory>
#include <string>
#include <vector>

#include "pelcamp/potential/pair_potential.hpp"

namespace pelcamp {

struct LennardJonesPair {
  double epsilon = 0.0;  // well depth (energy units)
  double sigma = 1.0;    // zero crossing of the unshifted potential (length units)
  double cutoff = 2.5;   // interaction range (length units)
};

struct LennardJonesParameters {
  std::string units = "lj";
  std::vector<std::string> types;
  std::vector<double> masses;           // per type, or empty
  std::vector<LennardJonesPair> pairs;  // row-major types × types, symmetric
  bool shift = true;

  LennardJonesPair& pair(std::size_t a, std::size_t b) { return pairs[a * types.size() + b]; }
  const LennardJonesPair& pair(std::size_t a, std::size_t b) const {
    return pairs[a * types.size() + b];
  }
};

// The Kob–Andersen parameter table (shared by lj/ka and lj/50-50, see above).
LennardJonesParameters kob_andersen_parameters();
// Reads the parameter file described above; throws InputError on any problem.
LennardJonesParameters read_lennard_jones_file(const std::string& path);

class LennardJonesEvaluator {
 public:
  explicit LennardJonesEvaluator(const LennardJonesParameters& parameters);

  double cutoff(int a, int b) const { return coeff_[index(a, b)].cutoff; }

  PELCAMP_INLINE PairTerms terms(int a, int b, double r2) const {
    const Coeff& c = coeff_[index(a, b)];
    const double r2inv = 1.0 / r2;
    const double r6inv = r2inv * r2inv * r2inv;
    return {r6inv * (c.c12 * r6inv - c.c6) - c.offset,
            r6inv * (12.0 * c.c12 * r6inv - 6.0 * c.c6) * r2inv};
  }

  PELCAMP_INLINE PairCurvature curvature(int a, int b, double r2) const {
    const Coeff& c = coeff_[index(a, b)];
    const double r2inv = 1.0 / r2;
    const double r6inv = r2inv * r2inv * r2inv;
    return {r6inv * (12.0 * c.c12 * r6inv - 6.0 * c.c6) * r2inv,
            r6inv * (156.0 * c.c12 * r6inv - 42.0 * c.c6) * r2inv};
  }

 private:
  struct Coeff {
    double c12;     // 4 ε σ¹²
    double c6;      // 4 ε σ⁶
    double offset;  // φ(rc) when shifted, else 0
    double cutoff;
  };
  std::size_t index(int a, int b) const { return std::size_t(a) * ntypes_ + std::size_t(b); }

  std::size_t ntypes_;
  std::vector<Coeff> coeff_;
};

using LennardJonesPotential = PairPotential<LennardJonesEvaluator>;

std::unique_ptr<Potential> make_lennard_jones(const std::string& name,
                                              const LennardJonesParameters& parameters);

// Registry factories (args are the ':'-separated fields after the style name).
std::unique_ptr<Potential> make_lj_ka(const std::vector<std::string>& args);
std::unique_ptr<Potential> make_lj_50_50(const std::vector<std::string>& args);
std::unique_ptr<Potential> make_lj_cut_file(const std::vector<std::string>& args);

}  // namespace pelcamp
