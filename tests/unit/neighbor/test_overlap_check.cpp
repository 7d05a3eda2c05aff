#include <gtest/gtest.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/neighbor/overlap_check.hpp"

namespace pelcamp {
namespace {

Configuration two_atoms(const Box& box, const Vec3& a, const Vec3& b) {
  Configuration c;
  c.box = box;
  c.species.push_back({"A", 1.0});
  c.add_atom(0, a);
  c.add_atom(0, b);
  return c;
}

TEST(OverlapCheck, AcceptsSeparatedAtoms) {
  EXPECT_NO_THROW(check_overlaps(two_atoms(Box::free_space(), {0, 0, 0}, {1, 0, 0}), 0.5));
}

TEST(OverlapCheck, NamesTheOverlappingPair) {
  try {
    check_overlaps(two_atoms(Box::free_space(), {0, 0, 0}, {0.1, 0, 0}), 0.5);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("atoms 1 and 2 overlap: distance 0.1"), std::string::npos)
        << e.what();
  }
}

TEST(OverlapCheck, FindsOverlapsAcrossPeriodicBoundaries) {
  const auto box = Box::orthorhombic({0, 0, 0}, {10, 10, 10});
  EXPECT_THROW(check_overlaps(two_atoms(box, {0.05, 5, 5}, {9.95, 5, 5}), 0.5), Error);
  EXPECT_NO_THROW(check_overlaps(two_atoms(box, {1, 5, 5}, {9, 5, 5}), 0.5));
}

}  // namespace
}  // namespace pelcamp
