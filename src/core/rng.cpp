#include "pelcamp/core/rng.hpp"

#include <array>
#include <cmath>

namespace pelcamp {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t stable_hash(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t h = 0xCBF29CE484222325ULL ^ seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return splitmix64(h);
}

Rng::Rng(std::uint64_t seed) {
  for (auto& word : state_.s) word = splitmix64(seed);
}

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t mixed = seed;
  std::uint64_t key = splitmix64(mixed) ^ (stream * 0xD1B54A32D192ED03ULL);
  for (auto& word : state_.s) word = splitmix64(key);
}

static inline std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

std::uint64_t Rng::next_u64() {
  auto& s = state_.s;
  const std::uint64_t result = rotl(s[1] * 5, 7) * 9;
  const std::uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double Rng::uniform(double a, double b) { return a + (b - a) * uniform(); }

double Rng::normal() {
  if (state_.has_spare_normal) {
    state_.has_spare_normal = false;
    return state_.spare_normal;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  state_.spare_normal = v * factor;
  state_.has_spare_normal = true;
  return u * factor;
}

namespace {

// Ziggurat of 128 layers of equal area under exp(−x²/2) (Doornik 2005, "An improved ziggurat
// method to generate normal random samples"): x[i] are the layers' right edges, x[0] the
// width of the base layer including the tail beyond r, ratio[i] = x[i+1] / x[i].
struct Ziggurat {
  static constexpr int kLayers = 128;
  static constexpr double kTailStart = 3.442619855899;  // r
  static constexpr double kLayerArea = 9.91256303526217e-3;
  std::array<double, kLayers + 1> x{};
  std::array<double, kLayers> ratio{};

  Ziggurat() {
    double f = std::exp(-0.5 * kTailStart * kTailStart);
    x[0] = kLayerArea / f;
    x[1] = kTailStart;
    x[kLayers] = 0.0;
    for (int i = 2; i < kLayers; ++i) {
      x[i] = std::sqrt(-2.0 * std::log(kLayerArea / x[i - 1] + f));
      f = std::exp(-0.5 * x[i] * x[i]);
    }
    for (int i = 0; i < kLayers; ++i) ratio[i] = x[i + 1] / x[i];
  }
};

const Ziggurat& ziggurat() {
  static const Ziggurat table;
  return table;
}

}  // namespace

double Rng::normal_ziggurat() {
  const Ziggurat& z = ziggurat();
  while (true) {
    const std::uint64_t bits = next_u64();
    const int layer = static_cast<int>(bits & 0x7F);
    const double u = 2.0 * (static_cast<double>(bits >> 11) * 0x1.0p-53) - 1.0;  // [−1, 1)
    if (std::abs(u) < z.ratio[layer]) return u * z.x[layer];  // inside the layer's rectangle
    if (layer == 0) {
      // Base layer beyond the rectangle: the tail |x| > r (Marsaglia 1964).
      double t, y;
      do {
        t = std::log(1.0 - uniform()) / Ziggurat::kTailStart;
        y = std::log(1.0 - uniform());
      } while (-2.0 * y < t * t);
      return u < 0.0 ? t - Ziggurat::kTailStart : Ziggurat::kTailStart - t;
    }
    // In the wedge between this layer's and the next layer's edge: accept under the curve.
    const double x = u * z.x[layer];
    const double f0 = std::exp(-0.5 * (z.x[layer] * z.x[layer] - x * x));
    const double f1 = std::exp(-0.5 * (z.x[layer + 1] * z.x[layer + 1] - x * x));
    if (f1 + uniform() * (f0 - f1) < 1.0) return x;
  }
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Lemire's nearly-divisionless rejection method, unbiased.
  const std::uint64_t threshold = (0 - n) % n;
  while (true) {
    const std::uint64_t x = next_u64();
    const unsigned __int128 m = static_cast<unsigned __int128>(x) * n;
    if (static_cast<std::uint64_t>(m) >= threshold) return static_cast<std::uint64_t>(m >> 64);
  }
}

}  // namespace pelcamp
