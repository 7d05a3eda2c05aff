// Barrier spectra against analytic cases: the entropy of equally filled bins is ln n, the
// spectrum distance of identical spectra is 0 and of disjoint ones 2, and the two-mode fit
// recovers the parameters of samples drawn from the model of seed 002 Eq. 1 within its own
// stated uncertainties.
#include <gtest/gtest.h>

#include <cmath>

#include "pelcamp/analysis/barrier_spectrum.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"

namespace pelcamp {
namespace {

// n bins of width w each holding `per_bin` values at their centres.
std::vector<double> equally_filled(int bins, int per_bin, double w) {
  std::vector<double> v;
  for (int k = 0; k < bins; ++k)
    for (int m = 0; m < per_bin; ++m) v.push_back((k + 0.5) * w);
  return v;
}

TEST(BarrierSpectrum, EntropyOfEquallyFilledBinsIsLogOfTheirNumber) {
  for (int bins : {1, 7, 40}) {
    const auto h = barrier_histogram(equally_filled(bins, 3, 0.05), 0.05);
    ASSERT_EQ(h.counts.size(), static_cast<std::size_t>(bins));
    EXPECT_NEAR(shannon_entropy(h), std::log(bins), 1e-12);
    EXPECT_NEAR(barrier_diversity(h), bins, 1e-9);
  }
  // Two bins holding 1/4 and 3/4: S = −¼ ln ¼ − ¾ ln ¾.
  const auto h = barrier_histogram(std::vector<double>{0.01, 0.06, 0.07, 0.08}, 0.05);
  EXPECT_NEAR(shannon_entropy(h), -0.25 * std::log(0.25) - 0.75 * std::log(0.75), 1e-12);
}

TEST(BarrierSpectrum, HistogramBinsAndMean) {
  const std::vector<double> b{0.0, 0.049, 0.05, 0.26};
  const auto h = barrier_histogram(b, 0.05);
  EXPECT_EQ(h.counts, (std::vector<double>{2, 1, 0, 0, 0, 1}));
  EXPECT_DOUBLE_EQ(h.total, 4.0);
  EXPECT_NEAR(h.density(0), 0.5 / 0.05, 1e-12);
  EXPECT_NEAR(mean_barrier(b), 0.359 / 4, 1e-15);
  EXPECT_THROW(barrier_histogram(std::vector<double>{0.1, -0.01}), Error);
  EXPECT_THROW(barrier_histogram(std::vector<double>{}), Error);
  EXPECT_THROW(barrier_histogram(b, 0.0), Error);
  EXPECT_THROW(mean_barrier(std::vector<double>{}), Error);
}

TEST(BarrierSpectrum, DistanceIsZeroForIdenticalSpectraSymmetricAndAtMostTwo) {
  const auto a = barrier_histogram(std::vector<double>{0.01, 0.02}, 0.05);
  const auto b = barrier_histogram(std::vector<double>{0.03, 0.07}, 0.05);
  const auto c = barrier_histogram(std::vector<double>{0.5, 0.6, 0.7}, 0.05);
  EXPECT_EQ(spectrum_distance(a, a), 0.0);
  // a = (1, 0), b = (½, ½): |1 − ½| + |0 − ½| = 1.
  EXPECT_NEAR(spectrum_distance(a, b), 1.0, 1e-15);
  EXPECT_EQ(spectrum_distance(a, b), spectrum_distance(b, a));
  EXPECT_NEAR(spectrum_distance(a, c), 2.0, 1e-15);  // disjoint supports
  EXPECT_THROW(spectrum_distance(a, barrier_histogram(std::vector<double>{0.01}, 0.1)), Error);
}

// Draws from P(E) of Eq. 1 with mode I weight `w`: the exponential by inversion, mode II
// by rejection from a uniform proposal on [0, μ + 8σ].
std::vector<double> sample_two_mode(const TwoModeParameters& p, std::size_t n, Rng& rng) {
  const double top = p.mu + 8 * p.sigma;
  double peak = 0.0;
  for (int k = 0; k <= 10000; ++k) {
    const double e = top * k / 10000.0;
    peak = std::max(peak, e * std::exp(-0.5 * std::pow((e - p.mu) / p.sigma, 2)));
  }
  std::vector<double> v;
  while (v.size() < n) {
    if (rng.uniform() < p.w) {
      v.push_back(-p.epsilon * std::log(1.0 - rng.uniform()));
      continue;
    }
    for (;;) {
      const double e = rng.uniform(0.0, top);
      if (rng.uniform() * 1.01 * peak < e * std::exp(-0.5 * std::pow((e - p.mu) / p.sigma, 2))) {
        v.push_back(e);
        break;
      }
    }
  }
  return v;
}

TEST(BarrierSpectrum, TwoModeFitRecoversModelParametersWithinUncertainties) {
  // Seed 002's glass values: ε = 0.14 eV, σ = 0.64 eV; mode I weight 0.25, μ = 1.2 eV.
  TwoModeParameters truth{.w = 0.25, .epsilon = 0.14, .w_prime = 0.0, .mu = 1.2, .sigma = 0.64};
  for (std::uint64_t stream = 0; stream < 3; ++stream) {
    Rng rng(11, stream);
    const auto h = barrier_histogram(sample_two_mode(truth, 40000, rng), 0.05);
    const TwoModeFit fit = fit_two_mode(h);
    ASSERT_TRUE(fit.converged);
    const double reduced = fit.chi_square / fit.degrees_of_freedom;
    EXPECT_GT(reduced, 0.6);
    EXPECT_LT(reduced, 1.5);
    const auto got = fit.parameters.as_array(), err = fit.uncertainties.as_array();
    // W′ follows from normalisation: (1 − W)/∫₀^∞ E exp(…) dE.
    truth.w_prime = 1.0;
    truth.w_prime = (1.0 - truth.w) / mode_two_weight(truth);
    const auto want = truth.as_array();
    for (std::size_t k = 0; k < TwoModeParameters::count; ++k) {
      EXPECT_GT(err[k], 0.0);
      EXPECT_LT(err[k], 0.2 * std::abs(want[k])) << "parameter " << k;  // a meaningful test
      EXPECT_NEAR(got[k], want[k], 4.0 * err[k]) << "parameter " << k << " stream " << stream;
    }
    // The two fitted weights describe a normalised density.
    EXPECT_NEAR(fit.parameters.w + mode_two_weight(fit.parameters), 1.0, 0.03);
  }
}

TEST(BarrierSpectrum, FitNeedsEnoughBins) {
  EXPECT_THROW(fit_two_mode(barrier_histogram(equally_filled(5, 10, 0.05), 0.05)), Error);
}

TEST(BarrierSpectrum, PerAtomMeansAndSlabMap) {
  const std::vector<std::size_t> centres{0, 0, 2, 3};
  const std::vector<double> barriers{1.0, 2.0, 0.5, 4.0};
  const auto per_atom = per_atom_mean_barrier(centres, barriers, 5);
  EXPECT_DOUBLE_EQ(per_atom[0], 1.5);
  EXPECT_TRUE(std::isnan(per_atom[1]));
  EXPECT_DOUBLE_EQ(per_atom[2], 0.5);
  EXPECT_DOUBLE_EQ(per_atom[3], 4.0);
  EXPECT_TRUE(std::isnan(per_atom[4]));
  EXPECT_THROW(per_atom_mean_barrier(std::vector<std::size_t>{5}, std::vector<double>{1.0}, 5), Error);

  // A periodic 8 × 8 × 12 box with cell 4: 2 × 2 × 3 cells. Atom 3 lies outside the box and
  // wraps into atom 0's cell; atoms 1 and 4 (NaN: no events) are skipped.
  const Box box = Box::orthorhombic(Vec3::Zero(), Vec3(8, 8, 12));
  const std::vector<Vec3> r{{1, 1, 1}, {5, 1, 1}, {1, 1, 9}, {9, 1, 13}, {1, 1, 5}};
  const SlabMap map = slab_map(r, per_atom, box, 2, 4.0);
  EXPECT_EQ(map.cells, (std::array<int, 3>{2, 2, 3}));
  EXPECT_DOUBLE_EQ(map.at(0, 0, 0), (1.5 + 4.0) / 2);
  EXPECT_EQ(map.count[0], 2);
  EXPECT_TRUE(std::isnan(map.at(1, 0, 0)));
  EXPECT_TRUE(std::isnan(map.at(0, 0, 1)));
  EXPECT_DOUBLE_EQ(map.at(0, 0, 2), 0.5);
  const auto profile = map.slab_profile();
  ASSERT_EQ(profile.size(), 3u);
  EXPECT_DOUBLE_EQ(profile[0], (1.5 + 4.0) / 2);
  EXPECT_TRUE(std::isnan(profile[1]));
  EXPECT_DOUBLE_EQ(profile[2], 0.5);
  EXPECT_THROW(slab_map(r, per_atom, box, 3, 4.0), Error);
}

}  // namespace
}  // namespace pelcamp
