#pragma once
// Simulation cell in the LAMMPS convention: origin `lo` and edge vectors
//   a = (lx, 0, 0),  b = (xy, ly, 0),  c = (xz, yz, lz)
// stored as the columns of the upper-triangular matrix h. Each dimension is periodic or
// free; a box with no periodic dimension is a free cluster (its bounds only describe where
// the atoms were, they do not confine them).
#include <array>

#include "pelcamp/core/types.hpp"

namespace pelcamp {

class Box {
 public:
  // No box at all: a free cluster in open space.
  static Box free_space();
  static Box orthorhombic(const Vec3& lo, const Vec3& hi,
                          std::array<bool, 3> periodic = {true, true, true});
  // lengths = (lx, ly, lz); tilt factors xy, xz, yz as in a LAMMPS data file.
  static Box triclinic(const Vec3& lo, const Vec3& lengths, double xy, double xz, double yz,
                       std::array<bool, 3> periodic = {true, true, true});

  bool periodic(int d) const { return periodic_[d]; }
  const std::array<bool, 3>& periodicity() const { return periodic_; }
  bool any_periodic() const { return periodic_[0] || periodic_[1] || periodic_[2]; }
  // True when the box has no bounds at all (free_space()).
  bool unbounded() const { return unbounded_; }
  bool is_triclinic() const { return h_(0, 1) != 0.0 || h_(0, 2) != 0.0 || h_(1, 2) != 0.0; }

  const Vec3& lo() const { return lo_; }
  Vec3 hi() const { return lo_ + h_.diagonal(); }  // LAMMPS xhi, yhi, zhi
  const Mat3& h() const { return h_; }
  const Mat3& h_inv() const { return h_inv_; }
  double lx() const { return h_(0, 0); }
  double ly() const { return h_(1, 1); }
  double lz() const { return h_(2, 2); }
  double xy() const { return h_(0, 1); }
  double xz() const { return h_(0, 2); }
  double yz() const { return h_(1, 2); }
  double volume() const { return h_(0, 0) * h_(1, 1) * h_(2, 2); }
  // Distance between the two faces of the cell that are crossed along lattice vector d.
  double perpendicular_width(int d) const;

  Vec3 to_fractional(const Vec3& r) const { return h_inv_ * (r - lo_); }
  Vec3 from_fractional(const Vec3& s) const { return lo_ + h_ * s; }
  // Shortest periodic image of a separation vector (exact for any tilt only when the
  // separation is shorter than half the perpendicular widths).
  Vec3 minimum_image(const Vec3& d) const;
  // Maps r into the cell along periodic dimensions and updates its image counts.
  void wrap(Vec3& r, Image& image) const;
  Vec3 unwrap(const Vec3& r, const Image& image) const;

  // Replaces the cell matrix (must stay upper triangular with a positive diagonal); the
  // origin is kept. Used by barostats and by imposed strains.
  void set_h(const Mat3& h);
  void set_lo(const Vec3& lo) { lo_ = lo; }

 private:
  Vec3 lo_ = Vec3::Zero();
  Mat3 h_ = Mat3::Identity();
  Mat3 h_inv_ = Mat3::Identity();
  std::array<bool, 3> periodic_ = {false, false, false};
  bool unbounded_ = true;
};

}  // namespace pelcamp
