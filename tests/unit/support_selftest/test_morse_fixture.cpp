// The test-only Morse potential must itself pass the derivative fixture, so tests built on it
// (integrators, minimizers) rest on exact forces.
#include <gtest/gtest.h>

#include "support/derivative_checks.hpp"
#include "support/morse_test_potential.hpp"

namespace pelcamp {
namespace {

TEST(MorseTestPotential, PassesDerivativeFixture) {
  Configuration c;
  c.box = Box::triclinic({0, 0, 0}, {4.5, 4.6, 4.7}, 0.3, -0.2, 0.4);
  c.species.push_back({"A", 1.0});
  Rng rng(3);
  for (int a = 0; a < 4; ++a)
    for (int b = 0; b < 4; ++b)
      for (int d = 0; d < 4; ++d)
        c.add_atom(0, c.box.from_fractional(Vec3(a + 0.2 * rng.uniform(), b + 0.2 * rng.uniform(),
                                                 d + 0.2 * rng.uniform()) / 4.0));
  testing::MorseTestPotential pot;
  testing::expect_consistent_derivatives(pot, c);
}

}  // namespace
}  // namespace pelcamp
