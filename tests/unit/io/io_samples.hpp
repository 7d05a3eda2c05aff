#pragma once
// Small configurations shared by the file-format tests, and an exact comparison of two
// configurations atom by atom (matched by id, since files may reorder atoms).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/io/frame.hpp"

namespace pelcamp::test {

// A triclinic two-species configuration with ids out of order, velocities, and positions
// inside the box carrying non-zero image counts.
inline Configuration triclinic_sample() {
  Configuration c;
  c.box = Box::triclinic(Vec3(-1.5, 0.25, 2.0), Vec3(10.0, 11.0, 12.0), 1.2, -0.7, 0.9);
  c.species = {{"Cu", 63.546}, {"Zr", 91.224}};
  Rng rng(7);
  const std::int64_t ids[] = {5, 2, 9, 1, 7, 3, 12};
  for (int k = 0; k < 7; ++k) {
    const Vec3 s(rng.uniform(), rng.uniform(), rng.uniform());
    c.add_atom(k % 2, c.box.from_fractional(s), Vec3(rng.normal(), rng.normal(), rng.normal()),
               ids[k]);
    c.images.back() = {k - 2, 1 - k, k % 3};
  }
  return c;
}

// The triclinic sample with arbitrary (non-physical) results in every frame field.
inline Frame frame_with_results() {
  Frame frame;
  frame.config = triclinic_sample();
  Rng rng(3);
  for (std::size_t i = 0; i < frame.config.size(); ++i) {
    frame.forces.emplace_back(rng.normal(), rng.normal(), rng.normal());
    frame.energies.push_back(-3.0 + rng.normal());
    frame.virials.push_back(
        {rng.normal(), rng.normal(), rng.normal(), rng.normal(), rng.normal(), rng.normal()});
  }
  frame.energy = -21.0 + rng.normal();
  Mat3 w;
  w << 1.5, 0.25, -0.5, 0.25, -2.0, 0.75, -0.5, 0.75, 3.0;
  frame.virial = w;
  return frame;
}

// A 13-atom icosahedral cluster of Al in free space with energy and forces.
inline Frame cluster_frame() {
  Frame frame;
  frame.config.species = {{"Al", 26.9815385}};
  const double phi = 0.5 * (1.0 + std::sqrt(5.0));
  frame.config.add_atom(0, Vec3::Zero());
  for (double s1 : {-1.0, 1.0})
    for (double s2 : {-1.0, 1.0}) {
      frame.config.add_atom(0, Vec3(0.0, s1, s2 * phi));
      frame.config.add_atom(0, Vec3(s1, s2 * phi, 0.0));
      frame.config.add_atom(0, Vec3(s2 * phi, 0.0, s1));
    }
  frame.energy = -40.125;
  for (const Vec3& x : frame.config.positions) frame.forces.push_back(-0.1 * x);
  return frame;
}

// Compares box, species and atoms (matched by id) to a relative/absolute tolerance `tol`
// (0 = bit-identical). Species names are compared only when compare_names.
inline void expect_same_configuration(const Configuration& a, const Configuration& b,
                                      double tol = 0.0, bool compare_names = true) {
  auto near = [tol](double x, double y) {
    return tol == 0.0 ? x == y : std::abs(x - y) <= tol * std::max(1.0, std::abs(x));
  };
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.num_species(), b.num_species());
  for (std::size_t t = 0; t < a.num_species(); ++t) {
    if (compare_names) {
      EXPECT_EQ(a.species[t].name, b.species[t].name);
    }
    EXPECT_EQ(a.species[t].mass, b.species[t].mass);
  }
  EXPECT_EQ(a.box.unbounded(), b.box.unbounded());
  EXPECT_EQ(a.box.periodicity(), b.box.periodicity());
  for (int r = 0; r < 3; ++r) {
    EXPECT_PRED2(near, a.box.lo()(r), b.box.lo()(r));
    for (int c = 0; c < 3; ++c) EXPECT_PRED2(near, a.box.h()(r, c), b.box.h()(r, c));
  }
  std::map<std::int64_t, std::size_t> index_in_b;
  for (std::size_t i = 0; i < b.size(); ++i) index_in_b[b.ids[i]] = i;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_TRUE(index_in_b.count(a.ids[i])) << "id " << a.ids[i];
    const std::size_t j = index_in_b[a.ids[i]];
    EXPECT_EQ(a.types[i], b.types[j]) << "id " << a.ids[i];
    EXPECT_EQ(a.images[i], b.images[j]) << "id " << a.ids[i];
    for (int d = 0; d < 3; ++d) {
      EXPECT_PRED2(near, a.positions[i](d), b.positions[j](d)) << "id " << a.ids[i];
      EXPECT_PRED2(near, a.velocities[i](d), b.velocities[j](d)) << "id " << a.ids[i];
    }
  }
}

}  // namespace pelcamp::test
