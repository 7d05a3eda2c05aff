#include "pelcamp/core/box.hpp"

#include <cmath>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

Box Box::free_space() { return Box{}; }

Box Box::orthorhombic(const Vec3& lo, const Vec3& hi, std::array<bool, 3> periodic) {
  return triclinic(lo, hi - lo, 0.0, 0.0, 0.0, periodic);
}

Box Box::triclinic(const Vec3& lo, const Vec3& lengths, double xy, double xz, double yz,
                   std::array<bool, 3> periodic) {
  Box box;
  box.lo_ = lo;
  box.periodic_ = periodic;
  box.unbounded_ = false;
  Mat3 h;
  h << lengths(0), xy, xz, 0.0, lengths(1), yz, 0.0, 0.0, lengths(2);
  box.set_h(h);
  return box;
}

void Box::set_h(const Mat3& h) {
  if (h(1, 0) != 0.0 || h(2, 0) != 0.0 || h(2, 1) != 0.0)
    throw Error("box matrix must be upper triangular (LAMMPS convention)");
  if (!(h(0, 0) > 0.0 && h(1, 1) > 0.0 && h(2, 2) > 0.0))
    throw Error("box lengths must be positive");
  h_ = h;
  h_inv_ = h.inverse();
}

double Box::perpendicular_width(int d) const {
  const Vec3 u = h_.col((d + 1) % 3);
  const Vec3 v = h_.col((d + 2) % 3);
  return volume() / u.cross(v).norm();
}

Vec3 Box::minimum_image(const Vec3& d) const {
  if (unbounded_ || !any_periodic()) return d;
  Vec3 s = h_inv_ * d;
  for (int k = 0; k < 3; ++k)
    if (periodic_[k]) s(k) -= std::nearbyint(s(k));
  return h_ * s;
}

void Box::wrap(Vec3& r, Image& image) const {
  if (unbounded_ || !any_periodic()) return;
  const Vec3 s = to_fractional(r);
  Vec3 shift = Vec3::Zero();
  for (int k = 0; k < 3; ++k)
    if (periodic_[k]) shift(k) = std::floor(s(k));
  if (shift.isZero()) return;  // leave untouched positions bit-identical
  r -= h_ * shift;
  for (int k = 0; k < 3; ++k) image[k] += static_cast<int>(shift(k));
}

Vec3 Box::unwrap(const Vec3& r, const Image& image) const {
  if (unbounded_) return r;
  return r + h_ * Vec3(image[0], image[1], image[2]);
}

}  // namespace pelcamp
