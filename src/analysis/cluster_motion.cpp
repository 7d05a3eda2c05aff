#include "pelcamp/analysis/cluster_motion.hpp"

#include <Eigen/SVD>
#include <cmath>
#include <limits>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

void save_frame(std::vector<double>& out, const std::vector<Vec3>& frame) {
  for (const Vec3& r : frame) out.insert(out.end(), {r.x(), r.y(), r.z()});
}

void load_frame(StateReader& in, std::vector<Vec3>& frame) {
  for (Vec3& r : frame) {
    r.x() = in.take();
    r.y() = in.take();
    r.z() = in.take();
  }
}

double mean_squared_distance(std::span<const Vec3> a, std::span<const Vec3> b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += (a[i] - b[i]).squaredNorm();
  return sum / static_cast<double>(a.size());
}

}  // namespace

double StateReader::take() {
  if (data.empty()) throw Error("checkpoint state is shorter than expected");
  const double v = data.front();
  data = data.subspan(1);
  return v;
}

void StateReader::take(std::span<double> out) {
  for (double& v : out) v = take();
}

Mat3 optimal_rotation(std::span<const Vec3> x, std::span<const Vec3> y, std::span<const double> masses) {
  Mat3 h = Mat3::Zero();
  for (std::size_t i = 0; i < x.size(); ++i) h += masses[i] * y[i] * x[i].transpose();
  const Eigen::JacobiSVD<Mat3> svd(h, Eigen::ComputeFullU | Eigen::ComputeFullV);
  Mat3 d = Mat3::Identity();
  d(2, 2) = (svd.matrixU() * svd.matrixV().transpose()).determinant() < 0 ? -1.0 : 1.0;
  return svd.matrixU() * d * svd.matrixV().transpose();
}

RigidMotionRemover::RigidMotionRemover(std::vector<double> masses)
    : masses_(std::move(masses)), previous_(masses_.size()), current_(masses_.size()) {
  if (masses_.empty()) throw Error("rigid-motion removal needs at least one atom");
}

std::span<const Vec3> RigidMotionRemover::align(std::span<const Vec3> positions) {
  if (positions.size() != masses_.size()) throw Error("rigid-motion removal: frame has the wrong atom count");
  double total = 0.0;
  Vec3 centre = Vec3::Zero();
  for (std::size_t i = 0; i < positions.size(); ++i) {
    total += masses_[i];
    centre += masses_[i] * positions[i];
  }
  centre /= total;
  for (std::size_t i = 0; i < positions.size(); ++i) current_[i] = positions[i] - centre;
  if (started_) {
    const Mat3 r = optimal_rotation(current_, previous_, masses_);
    for (Vec3& p : current_) p = r * p;
  }
  started_ = true;
  previous_ = current_;
  return current_;
}

void RigidMotionRemover::save(std::vector<double>& out) const {
  out.push_back(started_ ? 1.0 : 0.0);
  save_frame(out, previous_);
}

void RigidMotionRemover::load(StateReader& in) {
  started_ = in.take() != 0.0;
  load_frame(in, previous_);
}

MeanSquaredDisplacement::MeanSquaredDisplacement(std::size_t atoms, std::size_t max_lag)
    : atoms_(atoms), max_lag_(max_lag), ring_((max_lag + 1) * atoms), sum_(max_lag + 1), count_(max_lag + 1) {
  if (atoms == 0) throw Error("MSD needs at least one atom");
}

void MeanSquaredDisplacement::add(std::span<const Vec3> frame) {
  if (frame.size() != atoms_) throw Error("MSD: frame has the wrong atom count");
  const std::size_t slots = max_lag_ + 1;
  const auto slot = [&](std::size_t f) { return std::span<const Vec3>(ring_).subspan((f % slots) * atoms_, atoms_); };
  for (std::size_t lag = 1; lag <= std::min(frames_, max_lag_); ++lag) {
    sum_[lag] += mean_squared_distance(frame, slot(frames_ - lag));
    count_[lag] += 1;
  }
  count_[0] += 1;
  std::copy(frame.begin(), frame.end(), ring_.begin() + static_cast<std::ptrdiff_t>((frames_ % slots) * atoms_));
  ++frames_;
}

std::vector<double> MeanSquaredDisplacement::curve() const {
  std::vector<double> msd(max_lag_ + 1, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t lag = 0; lag <= max_lag_; ++lag)
    if (count_[lag] > 0) msd[lag] = sum_[lag] / count_[lag];
  return msd;
}

void MeanSquaredDisplacement::save(std::vector<double>& out) const {
  out.push_back(static_cast<double>(frames_));
  out.insert(out.end(), sum_.begin(), sum_.end());
  out.insert(out.end(), count_.begin(), count_.end());
  save_frame(out, ring_);
}

void MeanSquaredDisplacement::load(StateReader& in) {
  frames_ = static_cast<std::size_t>(in.take());
  in.take(sum_);
  in.take(count_);
  load_frame(in, ring_);
}

double diffusion_coefficient(std::span<const double> msd, double lag_time, std::size_t first, std::size_t last) {
  double n = 0, st = 0, sm = 0, stt = 0, stm = 0;
  for (std::size_t k = first; k <= last && k < msd.size(); ++k) {
    if (!std::isfinite(msd[k])) continue;
    const double t = static_cast<double>(k) * lag_time;
    n += 1;
    st += t;
    sm += msd[k];
    stt += t * t;
    stm += t * msd[k];
  }
  const double denominator = n * stt - st * st;
  if (n < 2 || denominator <= 0) throw Error("diffusion coefficient: fewer than two MSD lags in the fit range");
  return (n * stm - st * sm) / denominator / 6.0;
}

ShortTimeAverages::ShortTimeAverages(std::size_t atoms, std::size_t window)
    : atoms_(atoms), window_(window), start_(atoms) {
  if (atoms == 0 || window == 0) throw Error("short-time averages need atoms and a window of at least one frame");
}

bool ShortTimeAverages::add(std::span<const Vec3> frame, double energy) {
  if (frame.size() != atoms_) throw Error("short-time averages: frame has the wrong atom count");
  bool completed = false;
  if (in_window_ == window_) {
    last_.energy = energy_sum_ / static_cast<double>(window_);
    last_.displacement = std::sqrt(mean_squared_distance(start_, frame));
    energy_sum_ = 0.0;
    in_window_ = 0;
    completed = true;
  }
  if (in_window_ == 0) std::copy(frame.begin(), frame.end(), start_.begin());
  energy_sum_ += energy;
  ++in_window_;
  return completed;
}

void ShortTimeAverages::save(std::vector<double>& out) const {
  out.insert(out.end(), {energy_sum_, static_cast<double>(in_window_), last_.energy, last_.displacement});
  save_frame(out, start_);
}

void ShortTimeAverages::load(StateReader& in) {
  energy_sum_ = in.take();
  in_window_ = static_cast<std::size_t>(in.take());
  last_.energy = in.take();
  last_.displacement = in.take();
  load_frame(in, start_);
}

void RunningMoments::add(double x) {
  count_ += 1;
  const double delta = x - mean_;
  mean_ += delta / count_;
  m2_ += delta * (x - mean_);
}

double RunningMoments::variance() const { return count_ > 1 ? m2_ / count_ : 0.0; }

void RunningMoments::save(std::vector<double>& out) const { out.insert(out.end(), {count_, mean_, m2_}); }

void RunningMoments::load(StateReader& in) {
  count_ = in.take();
  mean_ = in.take();
  m2_ = in.take();
}

double fluctuation_heat_capacity(double energy_variance, double temperature, double boltzmann) {
  if (!(temperature > 0)) throw Error("heat capacity: temperature must be positive");
  return energy_variance / (boltzmann * temperature * temperature);
}

}  // namespace pelcamp
