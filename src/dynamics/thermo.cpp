#include "pelcamp/dynamics/thermo.hpp"

namespace pelcamp {

double twice_kinetic_energy(std::span<const Vec3> velocities, std::span<const double> masses,
                            double mvv2e) {
  double sum = 0.0;
  for (std::size_t i = 0; i < velocities.size(); ++i) {
    const Vec3& v = velocities[i];
    sum += (v(0) * v(0) + v(1) * v(1) + v(2) * v(2)) * masses[i];
  }
  return sum * mvv2e;
}

Sym6 kinetic_tensor(std::span<const Vec3> velocities, std::span<const double> masses,
                    double mvv2e) {
  Sym6 t{};
  for (std::size_t i = 0; i < velocities.size(); ++i) {
    const Vec3& v = velocities[i];
    const double m = masses[i];
    t[0] += m * v(0) * v(0);
    t[1] += m * v(1) * v(1);
    t[2] += m * v(2) * v(2);
    t[3] += m * v(0) * v(1);
    t[4] += m * v(0) * v(2);
    t[5] += m * v(1) * v(2);
  }
  for (double& c : t) c *= mvv2e;
  return t;
}

Sym6 pressure_tensor(const Sym6& kinetic, const Mat3& virial, double volume, double nktv2p) {
  const Sym6 w = to_sym6(virial);
  const double scale = nktv2p / volume;
  Sym6 p{};
  for (int k = 0; k < 6; ++k) p[k] = (kinetic[k] + w[k]) * scale;
  return p;
}

}  // namespace pelcamp
