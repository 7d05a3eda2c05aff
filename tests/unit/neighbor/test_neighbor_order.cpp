// The pairs within the cutoff are visited in an order that does not depend on when the list
// was built: a list built on earlier positions and still valid, and a list built on the current
// ones, enumerate the same pairs with the same separations in the same sequence. Pair sums are
// then bit-identical across rebuild histories, which MD restarts rely on.
#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "pelcamp/core/rng.hpp"
#include "pelcamp/neighbor/neighbor_list.hpp"

namespace pelcamp {
namespace {

using Visit = std::tuple<int, int, double, double, double>;

std::vector<Visit> visits(const NeighborList& list, const Configuration& c) {
  std::vector<Visit> out;
  list.for_each_pair(c.positions, [&](int i, int j, const Vec3& d, double) {
    out.emplace_back(i, j, d(0), d(1), d(2));
  });
  return out;
}

void expect_order_independent_of_build_time(const Box& box) {
  Configuration c;
  c.box = box;
  c.species.push_back({"A", 1.0});
  Rng rng(17);
  for (int i = 0; i < 150; ++i)
    c.add_atom(0, box.from_fractional(Vec3(rng.uniform(), rng.uniform(), rng.uniform())));
  const double cutoff = 1.6, skin = 0.4;

  NeighborList old_list(cutoff, skin);
  old_list.build(c);
  // Move every atom by less than half the skin: the old list stays valid.
  for (Vec3& x : c.positions) x += 0.09 * Vec3(rng.normal(), rng.normal(), rng.normal()).normalized();
  ASSERT_FALSE(old_list.update(c));
  NeighborList new_list(cutoff, skin);
  new_list.build(c);

  const auto a = visits(old_list, c);
  const auto b = visits(new_list, c);
  ASSERT_GT(a.size(), 100u);
  EXPECT_TRUE(a == b) << "pair enumeration depends on when the list was built";
}

TEST(NeighborListOrder, IndependentOfBuildTimeOrthorhombic) {
  expect_order_independent_of_build_time(Box::orthorhombic(Vec3::Zero(), Vec3(6.0, 5.5, 6.5)));
}

TEST(NeighborListOrder, IndependentOfBuildTimeSmallTriclinic) {
  expect_order_independent_of_build_time(
      Box::triclinic(Vec3(-1, 0, 1), Vec3(3.1, 3.3, 3.0), 0.7, -0.4, 0.5));
}

}  // namespace
}  // namespace pelcamp
