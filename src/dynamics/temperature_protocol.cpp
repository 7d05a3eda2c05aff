#include "pelcamp/dynamics/temperature_protocol.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {
void check_temperature(double t, const char* what) {
  if (!(t >= 0.0) || !std::isfinite(t))
    throw Error(fmt::format("temperature protocol: {} temperature must be finite and >= 0, got {}",
                            what, t));
}
}  // namespace

TemperatureProtocol::TemperatureProtocol(double from, double to, double per_step,
                                         std::int64_t start, std::int64_t end)
    : from_(from), to_(to), per_step_(per_step), start_(start), end_(end) {}

TemperatureProtocol TemperatureProtocol::hold(double temperature) {
  check_temperature(temperature, "held");
  return TemperatureProtocol(temperature, temperature, 0.0, 0, 0);
}

TemperatureProtocol TemperatureProtocol::ramp(double from, double to, double rate, double dt,
                                              std::int64_t start) {
  check_temperature(from, "initial");
  check_temperature(to, "final");
  if (!(rate > 0.0) || !std::isfinite(rate))
    throw Error(fmt::format("temperature protocol: ramp rate must be > 0, got {}", rate));
  if (!(dt > 0.0) || !std::isfinite(dt))
    throw Error(fmt::format("temperature protocol: time step must be > 0, got {}", dt));
  if (start < 0) throw Error("temperature protocol: ramp start step must be >= 0");
  const double step_change = rate * dt;
  const double steps = std::abs(to - from) / step_change;
  if (steps > 9.0e15)
    throw Error(fmt::format("temperature protocol: a ramp of {} steps is too long", steps));
  // A whole number of steps up to round-off (e.g. 1000 K at 1 K/ps with dt = 0.001 ps) ends
  // on that step, not one later.
  const double nearest = std::round(steps);
  const double whole = std::abs(steps - nearest) <= 1e-9 * std::max(1.0, nearest) ? nearest
                                                                                  : std::ceil(steps);
  const double signed_change = to >= from ? step_change : -step_change;
  return TemperatureProtocol(from, to, signed_change, start, start + static_cast<std::int64_t>(whole));
}

double TemperatureProtocol::at(std::int64_t step) const {
  if (step >= end_) return to_;
  if (step <= start_) return from_;
  return from_ + per_step_ * static_cast<double>(step - start_);
}

double rate_per_time_unit(double kelvin_per_second, const UnitSystem& units) {
  if (units.name == "metal") return kelvin_per_second * 1e-12;  // time unit: ps
  throw Error(fmt::format("a rate in K/s has no meaning in '{}' units (give it per time unit)",
                          units.name));
}

}  // namespace pelcamp
