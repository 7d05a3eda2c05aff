#include "pelcamp/analysis/barrier_spectrum.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

using Vector5 = Eigen::Matrix<double, 5, 1>;
using Matrix5 = Eigen::Matrix<double, 5, 5>;

// Model value and its gradient with respect to (W, ε, W′, μ, σ) at energy e.
double model_with_gradient(const Vector5& p, double e, Vector5& gradient) {
  const double w = p[0], eps = p[1], wp = p[2], mu = p[3], sigma = p[4];
  const double decay = std::exp(-e / eps);
  const double u = (e - mu) / sigma;
  const double gauss = std::exp(-0.5 * u * u);
  gradient[0] = decay / eps;
  gradient[1] = w * decay * (e - eps) / (eps * eps * eps);
  gradient[2] = e * gauss;
  gradient[3] = wp * e * gauss * u / sigma;
  gradient[4] = wp * e * gauss * u * u / sigma;
  return w * decay / eps + wp * e * gauss;
}

struct FitData {
  std::vector<double> energy, density, weight;  // weight = 1/error²
};

double chi_square(const Vector5& p, const FitData& data, Matrix5* jtj = nullptr, Vector5* jtr = nullptr) {
  double chi2 = 0.0;
  if (jtj) jtj->setZero();
  if (jtr) jtr->setZero();
  Vector5 g;
  for (std::size_t k = 0; k < data.energy.size(); ++k) {
    const double r = data.density[k] - model_with_gradient(p, data.energy[k], g);
    chi2 += data.weight[k] * r * r;
    if (jtj) *jtj += data.weight[k] * g * g.transpose();
    if (jtr) *jtr += data.weight[k] * r * g;
  }
  return chi2;
}

// Levenberg–Marquardt with Marquardt's diagonal scaling; steps making ε or σ non-positive
// (or χ² non-finite) are rejected like uphill steps.
TwoModeFit levenberg_marquardt(Vector5 p, const FitData& data, const TwoModeFitConfig& config) {
  TwoModeFit fit;
  Matrix5 jtj;
  Vector5 jtr;
  double chi2 = chi_square(p, data, &jtj, &jtr);
  double lambda = 1e-3;
  for (fit.iterations = 0; fit.iterations < config.max_iterations; ++fit.iterations) {
    Matrix5 a = jtj;
    a.diagonal() *= 1.0 + lambda;
    const Vector5 step = a.ldlt().solve(jtr);
    const Vector5 trial = p + step;
    const double trial_chi2 = (trial[1] > 0 && trial[4] > 0) ? chi_square(trial, data) : INFINITY;
    if (std::isfinite(trial_chi2) && trial_chi2 <= chi2) {
      const bool small = chi2 - trial_chi2 <= config.relative_tolerance * chi2;
      p = trial;
      chi2 = chi_square(p, data, &jtj, &jtr);
      lambda = std::max(lambda / 10.0, 1e-12);
      if (small) {
        fit.converged = true;
        break;
      }
    } else {
      lambda *= 10.0;
      if (lambda > 1e12) {  // no downhill step exists at machine precision: a minimum
        fit.converged = true;
        break;
      }
    }
  }
  std::array<double, 5> values;
  for (int k = 0; k < 5; ++k) values[k] = p[k];
  fit.parameters = TwoModeParameters::from_array(values);
  fit.chi_square = chi2;
  fit.degrees_of_freedom = static_cast<int>(data.energy.size()) - 5;
  fit.covariance = jtj.inverse();
  std::array<double, 5> errors;
  for (int k = 0; k < 5; ++k) errors[k] = std::sqrt(std::max(fit.covariance(k, k), 0.0));
  fit.uncertainties = TwoModeParameters::from_array(errors);
  return fit;
}

// ∫₀^∞ E exp(−(E − μ)²/(2σ²)) dE = σ² exp(−μ²/(2σ²)) + μσ √(π/2) (1 + erf(μ/(σ√2))).
double rayleigh_integral(double mu, double sigma) {
  return sigma * sigma * std::exp(-0.5 * mu * mu / (sigma * sigma)) +
         mu * sigma * std::sqrt(M_PI / 2.0) * (1.0 + std::erf(mu / (sigma * std::sqrt(2.0))));
}

}  // namespace

BarrierHistogram barrier_histogram(std::span<const double> barriers, double bin_width, double origin) {
  if (!(bin_width > 0.0) || !std::isfinite(bin_width))
    throw Error("barrier histogram: bin width must be > 0, got " + std::to_string(bin_width));
  if (barriers.empty()) throw Error("barrier histogram: no barriers");
  BarrierHistogram h{.origin = origin, .bin_width = bin_width, .counts = {}, .total = 0.0};
  for (double b : barriers) {
    if (!std::isfinite(b)) throw Error("barrier histogram: non-finite barrier");
    if (b < origin)
      throw Error("barrier histogram: barrier " + std::to_string(b) + " below the origin " +
                  std::to_string(origin) + " (negative barriers are failed events: filter them)");
    const auto k = static_cast<std::size_t>(std::floor((b - origin) / bin_width));
    if (k >= h.counts.size()) h.counts.resize(k + 1, 0.0);
    h.counts[k] += 1.0;
  }
  h.total = static_cast<double>(barriers.size());
  return h;
}

double shannon_entropy(const BarrierHistogram& histogram) {
  double s = 0.0;
  for (std::size_t k = 0; k < histogram.counts.size(); ++k)
    if (histogram.counts[k] > 0) s -= histogram.probability(k) * std::log(histogram.probability(k));
  return s;
}

double barrier_diversity(const BarrierHistogram& histogram) { return std::exp(shannon_entropy(histogram)); }

double mean_barrier(std::span<const double> barriers) {
  if (barriers.empty()) throw Error("mean barrier: no barriers");
  return std::accumulate(barriers.begin(), barriers.end(), 0.0) / static_cast<double>(barriers.size());
}

double spectrum_distance(const BarrierHistogram& a, const BarrierHistogram& b) {
  if (a.bin_width != b.bin_width || a.origin != b.origin)
    throw Error("spectrum distance: the histograms must share bin width and origin (got " +
                std::to_string(a.bin_width) + "/" + std::to_string(a.origin) + " and " +
                std::to_string(b.bin_width) + "/" + std::to_string(b.origin) + ")");
  double delta = 0.0;
  for (std::size_t k = 0; k < std::max(a.counts.size(), b.counts.size()); ++k) {
    const double pa = k < a.counts.size() ? a.probability(k) : 0.0;
    const double pb = k < b.counts.size() ? b.probability(k) : 0.0;
    delta += std::abs(pa - pb);
  }
  return delta;
}

TwoModeParameters TwoModeParameters::from_array(const std::array<double, count>& p) {
  return {.w = p[0], .epsilon = p[1], .w_prime = p[2], .mu = p[3], .sigma = p[4]};
}

double two_mode_density(const TwoModeParameters& p, double energy) {
  Vector5 g;
  const auto a = p.as_array();
  return model_with_gradient(Vector5(a.data()), energy, g);
}

double mode_two_weight(const TwoModeParameters& p) { return p.w_prime * rayleigh_integral(p.mu, p.sigma); }

TwoModeFit fit_two_mode(const BarrierHistogram& histogram, const TwoModeFitConfig& config) {
  FitData data;
  double mean = 0.0, second = 0.0;
  for (std::size_t k = 0; k < histogram.counts.size(); ++k) {
    const double n = histogram.counts[k];
    mean += histogram.probability(k) * histogram.centre(k);
    second += histogram.probability(k) * histogram.centre(k) * histogram.centre(k);
    if (n == 0) continue;
    data.energy.push_back(histogram.centre(k));
    data.density.push_back(histogram.density(k));
    const double error = std::sqrt(std::max(n, 1.0)) / (histogram.total * histogram.bin_width);
    data.weight.push_back(1.0 / (error * error));
  }
  if (data.energy.size() < 6)
    throw Error("two-mode fit: needs at least 6 non-empty bins, got " + std::to_string(data.energy.size()));
  const double spread = std::sqrt(std::max(second - mean * mean, 1e-12));
  TwoModeFit best;
  best.chi_square = INFINITY;
  for (double mode_two : {0.2, 0.5, 0.9})
    for (double eps_scale : {0.1, 0.3}) {
      const double mu = mean, sigma = spread, eps = eps_scale * mean;
      const Vector5 start(1.0 - mode_two, eps, mode_two / rayleigh_integral(mu, sigma), mu, sigma);
      TwoModeFit fit = levenberg_marquardt(start, data, config);
      if (fit.chi_square < best.chi_square) best = fit;
    }
  return best;
}

std::vector<double> per_atom_mean_barrier(std::span<const std::size_t> centres,
                                          std::span<const double> barriers, std::size_t atom_count) {
  if (centres.size() != barriers.size())
    throw Error("per-atom mean barrier: " + std::to_string(centres.size()) + " centres but " +
                std::to_string(barriers.size()) + " barriers");
  std::vector<double> sum(atom_count, 0.0), count(atom_count, 0.0);
  for (std::size_t e = 0; e < centres.size(); ++e) {
    if (centres[e] >= atom_count)
      throw Error("per-atom mean barrier: centre atom " + std::to_string(centres[e]) + " of " +
                  std::to_string(atom_count));
    sum[centres[e]] += barriers[e];
    count[centres[e]] += 1.0;
  }
  for (std::size_t i = 0; i < atom_count; ++i) sum[i] = count[i] > 0 ? sum[i] / count[i] : nan;
  return sum;
}

std::vector<double> SlabMap::slab_profile() const {
  std::vector<double> sum(cells[axis], 0.0), n(cells[axis], 0.0);
  for (int i0 = 0; i0 < cells[0]; ++i0)
    for (int i1 = 0; i1 < cells[1]; ++i1)
      for (int i2 = 0; i2 < cells[2]; ++i2) {
        const int cell = (i0 * cells[1] + i1) * cells[2] + i2;
        const int slab = axis == 0 ? i0 : axis == 1 ? i1 : i2;
        if (count[cell] == 0) continue;
        sum[slab] += mean[cell] * count[cell];
        n[slab] += count[cell];
      }
  for (int s = 0; s < cells[axis]; ++s) sum[s] = n[s] > 0 ? sum[s] / n[s] : nan;
  return sum;
}

SlabMap slab_map(std::span<const Vec3> positions, std::span<const double> values, const Box& box,
                 int axis, double cell) {
  if (axis < 0 || axis > 2) throw Error("slab map: axis must be 0 (x), 1 (y) or 2 (z), got " + std::to_string(axis));
  if (!(cell > 0.0)) throw Error("slab map: cell size must be > 0");
  if (positions.size() != values.size())
    throw Error("slab map: " + std::to_string(positions.size()) + " positions but " +
                std::to_string(values.size()) + " values");
  // Fractional coordinates in [0, 1) per direction: of the box when it is bounded, else of
  // the positions' bounding box.
  const bool bounded = !box.unbounded();
  Vec3 lo = Vec3::Constant(INFINITY), hi = Vec3::Constant(-INFINITY);
  for (const Vec3& r : positions) {
    lo = lo.cwiseMin(r);
    hi = hi.cwiseMax(r);
  }
  SlabMap map;
  map.axis = axis;
  for (int d = 0; d < 3; ++d) {
    const double length = bounded ? box.perpendicular_width(d) : std::max(hi[d] - lo[d], 0.0);
    map.cells[d] = std::max(1, static_cast<int>(std::lround(length / cell)));
    map.cell_size[d] = length / map.cells[d];
  }
  const std::size_t total = static_cast<std::size_t>(map.cells[0]) * map.cells[1] * map.cells[2];
  std::vector<double> sum(total, 0.0);
  map.count.assign(total, 0);
  for (std::size_t i = 0; i < positions.size(); ++i) {
    if (std::isnan(values[i])) continue;
    std::array<int, 3> index;
    for (int d = 0; d < 3; ++d) {
      double s;
      if (bounded) {
        s = box.to_fractional(positions[i])[d];
        if (box.periodic(d)) s -= std::floor(s);
      } else {
        s = hi[d] > lo[d] ? (positions[i][d] - lo[d]) / (hi[d] - lo[d]) : 0.0;
      }
      index[d] = std::clamp(static_cast<int>(std::floor(s * map.cells[d])), 0, map.cells[d] - 1);
    }
    const std::size_t c = (static_cast<std::size_t>(index[0]) * map.cells[1] + index[1]) * map.cells[2] + index[2];
    sum[c] += values[i];
    ++map.count[c];
  }
  map.mean.resize(total);
  for (std::size_t c = 0; c < total; ++c) map.mean[c] = map.count[c] > 0 ? sum[c] / map.count[c] : nan;
  return map;
}

}  // namespace pelcamp
