// Cluster observables of the Sun & Gong study on analytic cases: gyration radii of point
// sets with known second moments, the ellipsoid volume of a uniform ellipsoid, MSD of a
// prescribed rigid-plus-breathing motion, E_c/R_c windows of a prescribed trajectory, and
// the fluctuation heat capacity of canonical harmonic oscillators.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cmath>
#include <numbers>

#include "pelcamp/analysis/cluster_motion.hpp"
#include "pelcamp/analysis/cluster_shape.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"

namespace pelcamp {
namespace {

Mat3 rotation(double angle, Vec3 axis) { return Eigen::AngleAxisd(angle, axis.normalized()).toRotationMatrix(); }

TEST(ClusterShape, SixPointsOnTheAxesGiveRadiiASqrtThird) {
  // Points ±aₖ on the principal axes: S = diag(aₖ²/3), whatever the orientation and offset.
  const std::array<double, 3> a{2.0, 3.0, 5.0};
  const Mat3 r = rotation(0.7, Vec3(1, 2, 3));
  const Vec3 offset(10, -4, 7);
  std::vector<Vec3> points;
  for (int k = 0; k < 3; ++k)
    for (double sign : {-1.0, 1.0}) points.push_back(offset + r * (sign * a[k] * Vec3::Unit(k)));
  const std::vector<double> masses(points.size(), 26.98);
  const GyrationRadii g = principal_gyration_radii(points, masses);
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(g.radii[k], a[k] / std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(g.delta(), (5.0 - 2.0) / std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(g.radius_of_gyration(), std::sqrt((4.0 + 9.0 + 25.0) / 3.0), 1e-12);
}

TEST(ClusterShape, GyrationIsMassWeighted) {
  // Two atoms at distance d: λ = m₁m₂d²/(m₁+m₂)² along the bond, 0 across it.
  const std::vector<Vec3> points{Vec3(0, 0, 0), Vec3(0, 0, 3)};
  const std::vector<double> masses{1.0, 3.0};
  const GyrationRadii g = principal_gyration_radii(points, masses);
  EXPECT_NEAR(g.radii[0], 0.0, 1e-7);
  EXPECT_NEAR(g.radii[2], std::sqrt(3.0 * 9.0 / 16.0), 1e-12);
}

TEST(ClusterShape, EllipsoidVolumeOfAUniformEllipsoidIsExact) {
  // A fine cubic grid filling the ellipsoid x²/a² + y²/b² + z²/c² ≤ 1 (rotated): its gyration
  // tensor tends to diag(aₖ²/5), so the volume tends to (4π/3)abc; grid spacing h = 0.08
  // leaves a surface discretization error of order h/a ≈ 1 %.
  const double a = 2.0, b = 3.0, c = 4.5, h = 0.08;
  const Mat3 r = rotation(1.1, Vec3(-1, 0.5, 2));
  std::vector<Vec3> points;
  for (double x = -a; x <= a; x += h)
    for (double y = -b; y <= b; y += h)
      for (double z = -c; z <= c; z += h)
        if (x * x / (a * a) + y * y / (b * b) + z * z / (c * c) <= 1.0) points.push_back(r * Vec3(x, y, z));
  const std::vector<double> masses(points.size(), 1.0);
  const GyrationRadii g = principal_gyration_radii(points, masses);
  const double exact = 4.0 * std::numbers::pi / 3.0 * a * b * c;
  EXPECT_NEAR(g.ellipsoid_volume(), exact, 0.01 * exact);
  EXPECT_NEAR(g.radii[0], a / std::sqrt(5.0), 0.01 * a);
  EXPECT_NEAR(g.radii[2], c / std::sqrt(5.0), 0.01 * c);
}

// Frames of a random cluster x that breathes, r = (1 + α t) x, while it rotates rigidly about
// a tilted axis and drifts: after rigid-motion removal only the breathing is left, so
// MSD(τ) = α² τ² ⟨|x|²⟩ exactly, and 0 for α = 0.
struct PrescribedMotion {
  std::vector<Vec3> x;
  std::vector<double> masses;
  double alpha = 0.0;
  std::vector<Vec3> frame(double t) const {
    const Mat3 r = rotation(0.37 * t, Vec3(0.2, 1.0, -0.4));
    const Vec3 drift = Vec3(0.5, -0.3, 0.8) * t;
    std::vector<Vec3> out;
    for (const Vec3& p : x) out.push_back(r * ((1.0 + alpha * t) * p) + drift);
    return out;
  }
  double mean_square_radius() const {
    double s = 0;
    for (const Vec3& p : x) s += p.squaredNorm();
    return s / static_cast<double>(x.size());
  }
};

PrescribedMotion random_cluster(double alpha) {
  PrescribedMotion m;
  Rng rng(5);
  for (int i = 0; i < 20; ++i) m.x.emplace_back(rng.uniform(-3, 3), rng.uniform(-3, 3), rng.uniform(-3, 3));
  m.masses.assign(m.x.size(), 26.98);
  // Centre of mass at the origin, so the breathing moves no centre of mass.
  Vec3 centre = Vec3::Zero();
  for (const Vec3& p : m.x) centre += p;
  centre /= static_cast<double>(m.x.size());
  for (Vec3& p : m.x) p -= centre;
  m.alpha = alpha;
  return m;
}

TEST(ClusterMotion, RigidMotionLeavesNoDisplacement) {
  const PrescribedMotion motion = random_cluster(0.0);
  RigidMotionRemover remover(motion.masses);
  MeanSquaredDisplacement msd(motion.x.size(), 10);
  for (int f = 0; f < 40; ++f) msd.add(remover.align(motion.frame(0.25 * f)));
  for (double v : msd.curve()) EXPECT_NEAR(v, 0.0, 1e-20);
}

TEST(ClusterMotion, MsdOfBreathingClusterIsQuadraticInLag) {
  const PrescribedMotion motion = random_cluster(0.02);
  RigidMotionRemover remover(motion.masses);
  MeanSquaredDisplacement msd(motion.x.size(), 12);
  const double delta = 0.25;
  for (int f = 0; f < 50; ++f) msd.add(remover.align(motion.frame(delta * f)));
  const auto curve = msd.curve();
  for (std::size_t k = 0; k < curve.size(); ++k) {
    const double tau = delta * static_cast<double>(k);
    const double exact = motion.alpha * motion.alpha * tau * tau * motion.mean_square_radius();
    EXPECT_NEAR(curve[k], exact, 1e-10 * (1.0 + exact)) << "lag " << k;
  }
}

TEST(ClusterMotion, MsdContinuesBitIdenticallyFromSavedState) {
  const PrescribedMotion motion = random_cluster(0.02);
  RigidMotionRemover straight_remover(motion.masses), first(motion.masses), second(motion.masses);
  MeanSquaredDisplacement straight(motion.x.size(), 6), before(motion.x.size(), 6), after(motion.x.size(), 6);
  for (int f = 0; f < 30; ++f) straight.add(straight_remover.align(motion.frame(0.3 * f)));
  for (int f = 0; f < 13; ++f) before.add(first.align(motion.frame(0.3 * f)));
  std::vector<double> state;
  first.save(state);
  before.save(state);
  StateReader reader{state};
  second.load(reader);
  after.load(reader);
  EXPECT_TRUE(reader.data.empty());
  for (int f = 13; f < 30; ++f) after.add(second.align(motion.frame(0.3 * f)));
  EXPECT_EQ(straight.curve(), after.curve());
}

TEST(ClusterMotion, DiffusionCoefficientIsSlopeOverSix) {
  const double d = 0.013, lag = 0.5;
  std::vector<double> msd;
  for (int k = 0; k < 20; ++k) msd.push_back(0.4 + 6.0 * d * lag * k);
  EXPECT_NEAR(diffusion_coefficient(msd, lag, 5, 19), d, 1e-14);
  EXPECT_THROW(diffusion_coefficient(msd, lag, 19, 30), Error);
}

TEST(ClusterMotion, ShortTimeAveragesOfAPrescribedTrajectory) {
  // Energy e_j = j at frame j, one of 4 atoms moving v per frame: window b of W frames has
  // E_c = bW + (W − 1)/2 and R_c = W v / √4.
  const std::size_t w = 5;
  const double v = 0.1;
  ShortTimeAverages averages(4, w);
  std::vector<ShortTimeAverages::Window> windows;
  for (int j = 0; j < 23; ++j) {
    std::vector<Vec3> frame(4, Vec3::Zero());
    frame[2] = Vec3(v * j, 0, 0);
    if (averages.add(frame, j)) windows.push_back(averages.last());
  }
  ASSERT_EQ(windows.size(), 4u);  // frames 0…19 make four windows; frame 20 closes the fourth
  for (std::size_t b = 0; b < windows.size(); ++b) {
    EXPECT_DOUBLE_EQ(windows[b].energy, double(b * w) + (double(w) - 1.0) / 2.0);
    EXPECT_NEAR(windows[b].displacement, double(w) * v / 2.0, 1e-14);
  }
}

TEST(HeatCapacity, CanonicalHarmonicOscillatorsGiveOneBoltzmannEach) {
  // d oscillators sampled exactly from the canonical distribution at temperature T
  // (p ~ N(0, m k T), q ~ N(0, k T / κ)): C_v = var(E)/(k T²) → d k_B. With n samples the
  // estimate's relative standard error is √((2 + 12/(2d)) / n) ≈ 1.1 % here; 5 % is 4.5σ.
  const double kb = 8.617333262e-5, temperature = 300.0, mass = 26.98, stiffness = 2.5;
  const int d = 30, samples = 20000;
  Rng rng(11);
  RunningMoments energy;
  const double kt = kb * temperature;
  for (int s = 0; s < samples; ++s) {
    double e = 0.0;
    for (int i = 0; i < d; ++i) {
      const double p = std::sqrt(mass * kt) * rng.normal();
      const double q = std::sqrt(kt / stiffness) * rng.normal();
      e += p * p / (2 * mass) + 0.5 * stiffness * q * q;
    }
    energy.add(e);
  }
  EXPECT_NEAR(energy.mean(), d * kt, 0.01 * d * kt);
  EXPECT_NEAR(fluctuation_heat_capacity(energy.variance(), temperature, kb) / kb, double(d), 0.05 * d);
}

}  // namespace
}  // namespace pelcamp
