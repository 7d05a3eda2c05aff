#pragma once
// Everything an MD run needs to continue bit-identically: a plain struct, and a versioned
// binary encoding of it for checkpoints. Species, masses and the run settings are not part of
// the state: a restart rebuilds the integrator from the same configuration and settings and
// then restores this state into it.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "pelcamp/core/box.hpp"
#include "pelcamp/core/types.hpp"

namespace pelcamp {

// The variables of one thermostat or barostat. `kind` names the component ("" = none), so a
// state cannot be restored into a different one; the layout of `values` (reals) and `words`
// (integers, e.g. RNG state) belongs to that component.
struct ComponentState {
  std::string kind;
  std::vector<double> values;
  std::vector<std::uint64_t> words;

  bool operator==(const ComponentState&) const = default;
};

struct DynamicsState {
  std::int64_t step = 0;
  Box box = Box::free_space();
  std::vector<Vec3> positions;   // as integrated (not wrapped), length units
  std::vector<Vec3> velocities;  // length / time units
  std::vector<Image> images;
  ComponentState thermostat;
  ComponentState barostat;
};

// Encoding, version 1, little-endian: magic "PCMDSTAT", u32 version, i64 step, u64 atom count,
// box (u8 unbounded, u8 periodic×3, f64 lo×3, f64 lx ly lz xy xz yz), positions and velocities
// (f64×3 each), images (i32×3), the two components (u32 length + kind bytes, u64 count + f64
// values, u64 count + u64 words), and a u64 checksum (stable_hash) of everything before it.
std::vector<std::uint8_t> to_bytes(const DynamicsState& state);
// Throws pelcamp::Error when the bytes are not a complete, uncorrupted state of a known version.
DynamicsState dynamics_state_from_bytes(std::span<const std::uint8_t> bytes);

}  // namespace pelcamp
