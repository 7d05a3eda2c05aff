#pragma once
// The thermostat's target temperature as a function of the step number: hold a temperature,
// or ramp linearly between two at a given rate (a quench or a heating) and hold the end value.
// The integrator asks for the target of each step before the step, so a protocol is a pure
// function of the step count and a restarted run follows it exactly.
#include <cstdint>

#include "pelcamp/core/units.hpp"

namespace pelcamp {

class TemperatureProtocol {
 public:
  // Constant target (K in metal units, reduced in lj); must be >= 0.
  static TemperatureProtocol hold(double temperature);
  // `from` until step `start`, then from ± rate·dt·(step − start) towards `to`, reaching `to`
  // exactly at step start + |to − from| / (rate·dt) (rounded up to a whole step) and holding
  // it afterwards. `rate` > 0 in temperature per time unit (K/ps in metal units: use
  // rate_per_time_unit for K/s), `dt` the integrator's step (ps, τ).
  static TemperatureProtocol ramp(double from, double to, double rate, double dt,
                                  std::int64_t start = 0);

  // Target for the step that ends at step number `step` (step 0 = the initial state).
  double at(std::int64_t step) const;
  // First step at which the target equals its final value.
  std::int64_t end_step() const { return end_; }
  double final_temperature() const { return to_; }

 private:
  TemperatureProtocol(double from, double to, double per_step, std::int64_t start,
                      std::int64_t end);

  double from_;
  double to_;
  double per_step_;  // signed change per step
  std::int64_t start_;
  std::int64_t end_;
};

// Converts a heating/cooling rate in K/s to K per time unit of `units`
// (metal: K/ps = 1e-12 · K/s). Reduced LJ units have no seconds: throws pelcamp::Error.
double rate_per_time_unit(double kelvin_per_second, const UnitSystem& units);

}  // namespace pelcamp
