#pragma once
// PEL flattening (physics.md §1; Sun & Gong, seeds 000/001): a transform of the TOTAL
// potential energy φ of the whole system,
//
//   φ* = φ + ε (φ − φ₀)^m   for φ ≤ φ₀,      φ* = φ   for φ > φ₀      (m even, m ≥ 2),
//
// applied as a decorator to any potential. Every derivative picks up one common factor
// s(φ) = dφ*/dφ = 1 + ε m (φ − φ₀)^(m−1): forces and virials scale by s, and the Hessian is
// H* = s H + ε m (m−1) (φ − φ₀)^(m−2) g gᵀ with g = ∇φ. Stationary points of φ stay stationary;
// extra ones appear where s(φ_s) = 0, which has a solution in the φ ≤ φ₀ branch only for ε > 0:
// φ_s = φ₀ − (ε m)^(−1/(m−1)). Below φ_s the factor s is negative (forces point uphill), so a
// run must stay well above φ_s: see FlatteningTransform::comes_near.
//
// Per-atom energy under φ*: the extra energy ε (φ − φ₀)^m is a property of the whole system
// with no natural local decomposition; it is shared equally among the N atoms,
// e*_i = e_i + ε (φ − φ₀)^m / N. The per-atom energies still sum to φ*, differences between
// atoms are those of the inner potential, and the split is defined for any sign of φ.
#include <memory>
#include <optional>
#include <string>

#include "pelcamp/potential/potential_decorator.hpp"

namespace pelcamp {

struct FlatteningTransform {
  double epsilon = 0.0;  // ε, (energy units)^(1−m)
  double phi0 = 0.0;     // φ₀, energy units (total energy of the system, not per atom)
  int m = 2;             // even exponent ≥ 2

  // Throws pelcamp::Error unless m is even and ≥ 2 and ε, φ₀ are finite.
  void validate() const;

  double value(double phi) const;   // φ*(φ)
  double factor(double phi) const;  // s = dφ*/dφ
  double curvature(double phi) const;  // d²φ*/dφ² = ε m (m−1) (φ − φ₀)^(m−2) below φ₀, else 0

  // φ_s, the energy of the extra stationary points (s = 0 in the φ ≤ φ₀ branch), when they
  // exist (ε > 0).
  std::optional<double> extra_stationary_energy() const;
  // Distance (energy units) from the sampled energy range [lo, hi] to φ_s: 0 when φ_s lies
  // inside, nullopt when there is no φ_s.
  std::optional<double> distance_to_extra_stationary(double lo, double hi) const;
  // True when φ_s exists and lies within `margin` (energy units) of [lo, hi]; the caller
  // chooses the margin (e.g. a few k_B T times the number of atoms, or the energy spread of
  // the run) and warns.
  bool comes_near(double lo, double hi, double margin) const;

  // "eps=…,phi0=…,m=…" as given to --flatten.
  std::string spec() const;
};

// Parses the --flatten value "eps=E,phi0=P,m=M" (keys in any order, each exactly once).
// Throws pelcamp::Error naming the offending key or value and what is allowed.
FlatteningTransform parse_flattening(const std::string& text);

class FlattenedPotential final : public PotentialDecorator {
 public:
  FlattenedPotential(std::unique_ptr<Potential> inner, const FlatteningTransform& transform);

  const FlatteningTransform& transform() const { return transform_; }

  // The inner name followed by the CLI option, e.g. "kim:… --flatten eps=1e-4,phi0=-141.9,m=4".
  std::string name() const override;

  void compute(const Configuration& config, const ComputeRequest& request,
               ComputeResult& result) override;
  void hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                      std::vector<Vec3>& out) override;
  std::unique_ptr<Potential> clone() const override;

 private:
  FlatteningTransform transform_;
  ComputeResult scratch_;
};

}  // namespace pelcamp
