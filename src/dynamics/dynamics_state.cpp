#include "pelcamp/dynamics/dynamics_state.hpp"

#include <bit>
#include <cstring>
#include <fmt/format.h>
#include <string_view>

#include "pelcamp/core/error.hpp"
#include "pelcamp/core/rng.hpp"

namespace pelcamp {

namespace {

constexpr char kMagic[8] = {'P', 'C', 'M', 'D', 'S', 'T', 'A', 'T'};
constexpr std::uint32_t kVersion = 1;

class Writer {
 public:
  void u8(std::uint8_t x) { out_.push_back(x); }
  void u32(std::uint32_t x) { unsigned_bytes(x, 4); }
  void u64(std::uint64_t x) { unsigned_bytes(x, 8); }
  void i32(std::int32_t x) { u32(static_cast<std::uint32_t>(x)); }
  void i64(std::int64_t x) { u64(static_cast<std::uint64_t>(x)); }
  void f64(double x) { u64(std::bit_cast<std::uint64_t>(x)); }
  void vec3(const Vec3& v) {
    for (int k = 0; k < 3; ++k) f64(v(k));
  }
  void raw(const char* p, std::size_t n) { out_.insert(out_.end(), p, p + n); }
  std::vector<std::uint8_t>& bytes() { return out_; }

 private:
  void unsigned_bytes(std::uint64_t x, int n) {
    for (int k = 0; k < n; ++k) out_.push_back(static_cast<std::uint8_t>(x >> (8 * k)));
  }
  std::vector<std::uint8_t> out_;
};

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> in) : in_(in) {}
  std::uint8_t u8() { return take(1)[0]; }
  std::uint32_t u32() { return static_cast<std::uint32_t>(unsigned_bytes(4)); }
  std::uint64_t u64() { return unsigned_bytes(8); }
  std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  double f64() { return std::bit_cast<double>(u64()); }
  Vec3 vec3() {
    Vec3 v;
    for (int k = 0; k < 3; ++k) v(k) = f64();
    return v;
  }
  // A count of items of `item_bytes` each, checked against what is left so that a corrupted
  // count cannot trigger a huge allocation.
  std::size_t count(std::size_t item_bytes) {
    const std::uint64_t n = u64();
    if (item_bytes > 0 && n > remaining() / item_bytes) fail("count exceeds the data");
    return static_cast<std::size_t>(n);
  }
  std::span<const std::uint8_t> take(std::size_t n) {
    if (n > remaining()) fail("truncated");
    auto s = in_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  std::size_t remaining() const { return in_.size() - pos_; }
  [[noreturn]] static void fail(const std::string& what) {
    throw Error("dynamics state: " + what + " (not a complete pelcamp MD checkpoint)");
  }

 private:
  std::uint64_t unsigned_bytes(int n) {
    const auto s = take(static_cast<std::size_t>(n));
    std::uint64_t x = 0;
    for (int k = 0; k < n; ++k) x |= static_cast<std::uint64_t>(s[k]) << (8 * k);
    return x;
  }
  std::span<const std::uint8_t> in_;
  std::size_t pos_ = 0;
};

void write_component(Writer& w, const ComponentState& c) {
  w.u32(static_cast<std::uint32_t>(c.kind.size()));
  w.raw(c.kind.data(), c.kind.size());
  w.u64(c.values.size());
  for (double x : c.values) w.f64(x);
  w.u64(c.words.size());
  for (std::uint64_t x : c.words) w.u64(x);
}

ComponentState read_component(Reader& r) {
  ComponentState c;
  const std::uint32_t length = r.u32();
  const auto kind = r.take(length);
  c.kind.assign(kind.begin(), kind.end());
  c.values.resize(r.count(8));
  for (double& x : c.values) x = r.f64();
  c.words.resize(r.count(8));
  for (std::uint64_t& x : c.words) x = r.u64();
  return c;
}

std::uint64_t checksum(std::span<const std::uint8_t> bytes) {
  return stable_hash(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace

std::vector<std::uint8_t> to_bytes(const DynamicsState& s) {
  const std::size_t n = s.positions.size();
  if (s.velocities.size() != n || s.images.size() != n)
    throw Error("dynamics state: positions, velocities and images have different lengths");
  Writer w;
  w.raw(kMagic, sizeof kMagic);
  w.u32(kVersion);
  w.i64(s.step);
  w.u64(n);
  w.u8(s.box.unbounded() ? 1 : 0);
  for (int d = 0; d < 3; ++d) w.u8(s.box.periodic(d) ? 1 : 0);
  w.vec3(s.box.lo());
  for (double x : {s.box.lx(), s.box.ly(), s.box.lz(), s.box.xy(), s.box.xz(), s.box.yz()}) w.f64(x);
  for (const auto& x : s.positions) w.vec3(x);
  for (const auto& v : s.velocities) w.vec3(v);
  for (const auto& im : s.images)
    for (int d = 0; d < 3; ++d) w.i32(im[d]);
  write_component(w, s.thermostat);
  write_component(w, s.barostat);
  const std::uint64_t sum = checksum(w.bytes());
  w.u64(sum);
  return std::move(w.bytes());
}

DynamicsState dynamics_state_from_bytes(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < sizeof kMagic + 8) Reader::fail("truncated");
  const auto body = bytes.first(bytes.size() - 8);
  Reader trailer(bytes.last(8));
  if (trailer.u64() != checksum(body)) Reader::fail("checksum mismatch (truncated or corrupted)");

  Reader r(body);
  const auto magic = r.take(sizeof kMagic);
  if (std::memcmp(magic.data(), kMagic, sizeof kMagic) != 0) Reader::fail("bad magic bytes");
  const std::uint32_t version = r.u32();
  if (version != kVersion)
    Reader::fail(fmt::format("version {} is not supported (this build reads version {})", version,
                             kVersion));
  DynamicsState s;
  s.step = r.i64();
  const std::size_t n = r.count(3 * 8 * 2 + 3 * 4);
  const bool unbounded = r.u8() != 0;
  std::array<bool, 3> periodic{};
  for (int d = 0; d < 3; ++d) periodic[d] = r.u8() != 0;
  const Vec3 lo = r.vec3();
  const Vec3 lengths = r.vec3();
  const double xy = r.f64(), xz = r.f64(), yz = r.f64();
  s.box = unbounded ? Box::free_space() : Box::triclinic(lo, lengths, xy, xz, yz, periodic);
  s.positions.resize(n);
  for (auto& x : s.positions) x = r.vec3();
  s.velocities.resize(n);
  for (auto& v : s.velocities) v = r.vec3();
  s.images.resize(n);
  for (auto& im : s.images)
    for (int d = 0; d < 3; ++d) im[d] = r.i32();
  s.thermostat = read_component(r);
  s.barostat = read_component(r);
  if (r.remaining() != 0) Reader::fail("unexpected bytes before the checksum");
  return s;
}

}  // namespace pelcamp
