#pragma once
// Activation-barrier spectra (seeds 002, 003; physics.md §2–3): the histogram P(ΔQ), its
// Shannon entropy and diversity (Han et al., Eqs. 2–3), the mean barrier Ē_A (seed 003),
// the two-mode fit of Eq. 1 of seed 002 (exponential mode I + shifted Rayleigh mode II),
// the spectrum distance δᵢⱼ between samples (seed 003, Fig. 3) and the spatial map of
// per-atom mean barriers coarse-grained in slabs (seed 002, Fig. 4).
//
// Energies are in the potential's energy unit (eV for metal units); lengths likewise (Å).
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "pelcamp/core/box.hpp"
#include "pelcamp/core/types.hpp"

namespace pelcamp {

// Seed 002 bins its spectra at "an appropriate width" without stating it. 0.05 eV is the
// width consistent with its numbers: the differential entropy of its mode II (σ ≈ 0.64 eV)
// is ln(σ√(2πe)) ≈ ln 2.6 eV, and exp(S) ≈ 50 bins then means bins of ≈ 2.6/50 ≈ 0.05 eV.
inline constexpr double default_barrier_bin_width = 0.05;  // energy (eV)

// Bins [origin + k·w, origin + (k+1)·w), k = 0 … counts.size() − 1, covering every value.
struct BarrierHistogram {
  double origin = 0.0;     // left edge of bin 0 (energy)
  double bin_width = 0.0;  // w (energy)
  std::vector<double> counts;
  double total = 0.0;      // number of values

  double centre(std::size_t k) const { return origin + (static_cast<double>(k) + 0.5) * bin_width; }
  // p_k = counts_k / total (sums to 1).
  double probability(std::size_t k) const { return counts[k] / total; }
  // P(E) at bin k: p_k / w (integrates to 1, energy⁻¹).
  double density(std::size_t k) const { return probability(k) / bin_width; }
};

// Throws pelcamp::Error for no values, a non-finite value, a value below `origin` (a
// negative barrier is a failed event, seed 003's filter removes it) or a width ≤ 0.
BarrierHistogram barrier_histogram(std::span<const double> barriers,
                                   double bin_width = default_barrier_bin_width,
                                   double origin = 0.0);

// S = −Σ_k p_k ln p_k over the histogram's bins (natural log, nats: seed 002 Eq. 2
// discretised). A spectrum in a single bin has S = 0; n equally filled bins give ln n.
double shannon_entropy(const BarrierHistogram& histogram);
// D = exp(S), the effective number of distinct barrier bins (seed 002 Eq. 3).
double barrier_diversity(const BarrierHistogram& histogram);
// Ē_A: arithmetic mean of the barriers (seed 003). Throws pelcamp::Error when empty.
double mean_barrier(std::span<const double> barriers);

// δᵢⱼ = ∫ |Pᵢ(E) − Pⱼ(E)| dE = Σ_k |p_i,k − p_j,k| on a common binning (seed 003, Fig. 3:
// the area between the two normalised spectra, 0 … 2). The paper's printed formula lacks
// the absolute value, but without it δ vanishes identically for normalised spectra.
// Histograms must share bin width and origin (the shorter one is padded with empty bins);
// throws pelcamp::Error otherwise.
double spectrum_distance(const BarrierHistogram& a, const BarrierHistogram& b);

// Seed 002 Eq. 1: P(E) = W/ε exp(−E/ε) + W′ E exp(−(E − μ)²/(2σ²)).
struct TwoModeParameters {
  double w = 0.0;        // W, weight of mode I (dimensionless: ∫ mode I dE over E ≥ 0)
  double epsilon = 0.0;  // ε, decay energy of mode I (energy)
  double w_prime = 0.0;  // W′ (energy⁻²)
  double mu = 0.0;       // μ, shift of mode II (energy)
  double sigma = 0.0;    // σ, scale of mode II (energy)

  static constexpr std::size_t count = 5;
  std::array<double, count> as_array() const { return {w, epsilon, w_prime, mu, sigma}; }
  static TwoModeParameters from_array(const std::array<double, count>& p);
};

// The model density at E (energy⁻¹) and the weight of mode II, W′ ∫₀^∞ E exp(…) dE.
double two_mode_density(const TwoModeParameters& p, double energy);
double mode_two_weight(const TwoModeParameters& p);

struct TwoModeFit {
  TwoModeParameters parameters;
  TwoModeParameters uncertainties;  // standard errors: √diag of the covariance
  Eigen::Matrix<double, 5, 5> covariance;
  double chi_square = 0.0;          // weighted residual sum of squares
  int degrees_of_freedom = 0;       // non-empty fitted bins − 5
  int iterations = 0;
  bool converged = false;
};

struct TwoModeFitConfig {
  int max_iterations = 500;
  double relative_tolerance = 1e-10;  // stop when χ² changes by less than this, relatively
};

// Weighted nonlinear least squares (Levenberg–Marquardt) of the model to the histogram
// density at the bin centres. Each bin's density has its Poisson error √max(n_k, 1)/(N w),
// so χ²/dof ≈ 1 for a good fit and the covariance (JᵀΣ⁻¹J)⁻¹ gives absolute uncertainties.
// Started from several guesses (moments of the spectrum, mode II fractions 0.2 … 0.9); the
// best χ² is returned. ε and σ are kept positive. Throws pelcamp::Error with fewer than six
// non-empty bins.
TwoModeFit fit_two_mode(const BarrierHistogram& histogram, const TwoModeFitConfig& config = {});

// Mean barrier of each atom over the events centred on it; NaN for atoms without events.
// Throws pelcamp::Error for a centre index ≥ atom_count or mismatched lengths.
std::vector<double> per_atom_mean_barrier(std::span<const std::size_t> centres,
                                          std::span<const double> barriers,
                                          std::size_t atom_count);

// Seed 002 Fig. 4: per-atom values coarse-grained on a grid of cubic-ish cells of side
// `cell` (3.95 Å, the first minimum of g(r)): slabs perpendicular to `axis`, each slab a
// 2-D map over the other two box directions. Cell counts are round(L/cell) (at least 1) per
// box direction, so the cells tile a periodic box exactly (positions are wrapped using
// fractional coordinates; triclinic boxes are binned along their cell vectors). A free box
// is binned over the bounding box of the positions. NaN values (atoms without events) are
// skipped; a cell without values holds NaN.
struct SlabMap {
  int axis = 2;                   // 0, 1, 2: slabs perpendicular to x, y, z
  std::array<int, 3> cells{};     // cells along box directions 0, 1, 2
  std::array<double, 3> cell_size{};  // actual cell edge along each box vector (length)
  std::vector<double> mean;       // mean value per cell, index (i0·cells[1] + i1)·cells[2] + i2
  std::vector<int> count;         // values per cell
  // Mean over one slab (all cells with that index along `axis`); NaN when empty.
  std::vector<double> slab_profile() const;
  double at(int i0, int i1, int i2) const { return mean[(i0 * cells[1] + i1) * cells[2] + i2]; }
};

// Throws pelcamp::Error for an axis outside 0–2, cell ≤ 0, or mismatched lengths.
SlabMap slab_map(std::span<const Vec3> positions, std::span<const double> values, const Box& box,
                 int axis, double cell = 3.95);

}  // namespace pelcamp
