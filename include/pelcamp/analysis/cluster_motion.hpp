#pragma once
// Motion of a free cluster along an MD trajectory (Sun & Gong, seeds 000/001, physics.md §1):
// frames with the centre-of-mass translation and the rigid rotation removed, the mean-squared
// displacement of such frames, the short-time averages E_c(t), R_c(t), and running moments
// for fluctuation formulas. Every accumulator can save its state to a flat vector of doubles
// and load it back (unit checkpoints), continuing bit-identically.
#include <cstddef>
#include <span>
#include <vector>

#include "pelcamp/core/types.hpp"

namespace pelcamp {

// Cursor over a saved state (consumes values from the front); throws pelcamp::Error when
// the state is too short.
struct StateReader {
  std::span<const double> data;
  double take();
  void take(std::span<double> out);
};

// The rotation R minimizing Σᵢ mᵢ |R xᵢ − yᵢ|² for two frames already centred on their
// centres of mass (Kabsch: SVD of Σ mᵢ yᵢ xᵢᵀ, with det R = +1).
Mat3 optimal_rotation(std::span<const Vec3> x, std::span<const Vec3> y, std::span<const double> masses);

// Removes the centre-of-mass translation and the rigid rotation of a cluster frame by frame:
// each frame is centred on its centre of mass and rotated onto the previous aligned frame
// (the first frame is only centred). Aligning to the previous frame rather than to a fixed
// reference follows a liquid cluster whose shape changes completely over the run.
class RigidMotionRemover {
 public:
  explicit RigidMotionRemover(std::vector<double> masses);
  // The aligned frame (valid until the next call). Positions unwrapped, one per mass.
  std::span<const Vec3> align(std::span<const Vec3> positions);

  void save(std::vector<double>& out) const;
  void load(StateReader& in);

 private:
  std::vector<double> masses_;
  std::vector<Vec3> previous_;
  std::vector<Vec3> current_;
  bool started_ = false;
};

// Mean-squared displacement MSD(k·δ) = ⟨(1/N) Σᵢ |rᵢ(t + kδ) − rᵢ(t)|²⟩_t for lags
// k = 0 … max_lag over equally spaced frames (spacing δ), averaged over every time origin.
class MeanSquaredDisplacement {
 public:
  MeanSquaredDisplacement(std::size_t atoms, std::size_t max_lag);
  void add(std::span<const Vec3> frame);
  // max_lag + 1 values (length²); NaN for lags longer than the frames seen.
  std::vector<double> curve() const;
  std::size_t frames() const { return frames_; }

  void save(std::vector<double>& out) const;
  void load(StateReader& in);

 private:
  std::size_t atoms_, max_lag_;
  std::vector<Vec3> ring_;  // the last max_lag + 1 frames
  std::vector<double> sum_;
  std::vector<double> count_;
  std::size_t frames_ = 0;
};

// Self-diffusion coefficient from an MSD curve with lag spacing `lag_time`: the slope of the
// least-squares line through lags first … last (inclusive) divided by 6 (length²/time).
// Throws pelcamp::Error for fewer than two usable (finite) lags in range.
double diffusion_coefficient(std::span<const double> msd, double lag_time, std::size_t first, std::size_t last);

// Short-time averages over windows of Δt = `window` frames (Sun & Gong, eqs. for E_c and R_c):
//   E_c(t) = (1/Δt) ∫₀^Δt E(t + τ) dτ   (mean of the window's frames t … t + Δt − δ),
//   R_c(t) = ((1/N) Σᵢ |rᵢ(t) − rᵢ(t + Δt)|²)^½,
// over consecutive windows t = 0, Δt, 2Δt, … Frames should be rigid-motion free.
class ShortTimeAverages {
 public:
  struct Window {
    double energy = 0.0;        // E_c(t)
    double displacement = 0.0;  // R_c(t)
  };
  ShortTimeAverages(std::size_t atoms, std::size_t window);
  // Adds a frame with its energy; returns true when it completed a window (see last()).
  bool add(std::span<const Vec3> frame, double energy);
  const Window& last() const { return last_; }

  void save(std::vector<double>& out) const;
  void load(StateReader& in);

 private:
  std::size_t atoms_, window_;
  std::vector<Vec3> start_;
  double energy_sum_ = 0.0;
  std::size_t in_window_ = 0;  // frames added since start_ (0: no start yet)
  Window last_;
};

// Mean and variance by Welford's update.
class RunningMoments {
 public:
  void add(double x);
  double count() const { return count_; }
  double mean() const { return mean_; }
  double variance() const;  // population variance (1/n); 0 for fewer than two values

  void save(std::vector<double>& out) const;
  void load(StateReader& in);

 private:
  double count_ = 0.0, mean_ = 0.0, m2_ = 0.0;
};

// Canonical fluctuation formula C_v = var(E) / (k_B T²) of the whole system (energy per
// temperature). `boltzmann` in energy/temperature units.
double fluctuation_heat_capacity(double energy_variance, double temperature, double boltzmann);

}  // namespace pelcamp
