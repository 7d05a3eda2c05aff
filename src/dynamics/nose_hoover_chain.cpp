#include "pelcamp/dynamics/nose_hoover_chain.hpp"

#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

NoseHooverChain::NoseHooverChain(int length, int loops) : loops_(loops) {
  if (length < 1) throw Error(fmt::format("Nosé–Hoover chain length must be >= 1, got {}", length));
  if (loops < 1) throw Error(fmt::format("Nosé–Hoover chain loops must be >= 1, got {}", loops));
  eta_.assign(length, 0.0);
  eta_dot_.assign(length + 1, 0.0);
  eta_dotdot_.assign(length, 0.0);
  mass_.assign(length, 0.0);
}

void NoseHooverChain::set_masses(double first, double others) {
  mass_[0] = first;
  for (int k = 1; k < length(); ++k) mass_[k] = others;
}

void NoseHooverChain::initialize_forces(double kt) {
  for (int k = 1; k < length(); ++k)
    eta_dotdot_[k] = (mass_[k - 1] * eta_dot_[k - 1] * eta_dot_[k - 1] - kt) / mass_[k];
}

double NoseHooverChain::half_step(double twice_kinetic, double target_twice_kinetic, double kt,
                                  double dt) {
  const int m = length();
  const double sub = 1.0 / loops_;
  const double dt8 = 0.125 * dt, dt4 = 0.25 * dt, dt2 = 0.5 * dt;
  const auto first_force = [&] {
    return mass_[0] > 0.0 ? (twice_kinetic - target_twice_kinetic) / mass_[0] : 0.0;
  };
  eta_dotdot_[0] = first_force();
  // Damping of element k by its successor; the last element has none (η̇_M = 0, exp = 1).
  const auto damping = [&](int k) { return k + 1 < m ? std::exp(-sub * dt8 * eta_dot_[k + 1]) : 1.0; };
  double scale = 1.0;
  for (int loop = 0; loop < loops_; ++loop) {
    // Quarter step of the chain velocities from the end of the chain towards the subsystem,
    // each damped by its successor (the exp(−η̇_{k+1} dt/8) factors on both sides).
    for (int k = m - 1; k > 0; --k) {
      const double damp = damping(k);
      eta_dot_[k] = (eta_dot_[k] * damp + eta_dotdot_[k] * sub * dt4) * damp;
    }
    const double damp0 = damping(0);
    eta_dot_[0] = (eta_dot_[0] * damp0 + eta_dotdot_[0] * sub * dt4) * damp0;

    // Half step of the subsystem's velocities and of the chain positions.
    const double factor = std::exp(-sub * dt2 * eta_dot_[0]);
    scale *= factor;
    twice_kinetic *= factor * factor;
    eta_dotdot_[0] = first_force();
    for (int k = 0; k < m; ++k) eta_[k] += sub * dt2 * eta_dot_[k];

    // Quarter step back up the chain with the updated forces.
    eta_dot_[0] = (eta_dot_[0] * damp0 + eta_dotdot_[0] * sub * dt4) * damp0;
    for (int k = 1; k < m; ++k) {
      const double damp = damping(k);
      eta_dot_[k] *= damp;
      eta_dotdot_[k] = (mass_[k - 1] * eta_dot_[k - 1] * eta_dot_[k - 1] - kt) / mass_[k];
      eta_dot_[k] = (eta_dot_[k] + eta_dotdot_[k] * sub * dt4) * damp;
    }
  }
  return scale;
}

double NoseHooverChain::energy(double target_twice_kinetic, double kt) const {
  double e = target_twice_kinetic * eta_[0] + 0.5 * mass_[0] * eta_dot_[0] * eta_dot_[0];
  for (int k = 1; k < length(); ++k) e += kt * eta_[k] + 0.5 * mass_[k] * eta_dot_[k] * eta_dot_[k];
  return e;
}

void NoseHooverChain::save(std::vector<double>& out) const {
  for (const auto* v : {&eta_, &eta_dot_, &eta_dotdot_, &mass_})
    out.insert(out.end(), v->begin(), v->begin() + length());
}

void NoseHooverChain::restore(std::span<const double>& in) {
  const std::size_t m = eta_.size();
  if (in.size() < 4 * m)
    throw Error(fmt::format("Nosé–Hoover chain state: expected {} values for a chain of {}, got {}",
                            4 * m, m, in.size()));
  for (auto* v : {&eta_, &eta_dot_, &eta_dotdot_, &mass_}) {
    std::copy(in.begin(), in.begin() + m, v->begin());
    in = in.subspan(m);
  }
  eta_dot_[m] = 0.0;
}

}  // namespace pelcamp
