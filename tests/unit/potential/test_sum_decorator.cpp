// Sum of potentials: term-by-term sums, the derivative fixture, and consistency checks.
#include <gtest/gtest.h>

#include "pair_test_configurations.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/hessian.hpp"
#include "pelcamp/potential/registry.hpp"
#include "pelcamp/potential/sum_potential.hpp"
#include "support/derivative_checks.hpp"
#include "support/morse_test_potential.hpp"

namespace pelcamp {
namespace {

std::vector<double> ka_cutoffs(int a, int b) {
  const double rc[2][2] = {{2.5, 2.0}, {2.0, 2.2}};
  return {rc[a][b]};
}

Configuration ka_cluster() {
  return testing::away_from_knots(
      [](std::uint64_t seed) {
        testing::LatticeSpec s;
        s.species = {"A", "B"};
        s.fraction_second = 0.3;
        s.seed = seed;
        return testing::free_cluster(s, 2.2);
      },
      2.5, ka_cutoffs);
}

std::unique_ptr<Potential> ka_plus_fifty() {
  std::vector<std::unique_ptr<Potential>> terms;
  terms.push_back(make_potential("lj/ka"));
  terms.push_back(make_potential("lj/50-50"));
  return std::make_unique<SumPotential>(std::move(terms));
}

TEST(SumPotential, SumsEveryQuantityTermByTerm) {
  const Configuration c = ka_cluster();
  auto sum = ka_plus_fifty();
  EXPECT_EQ(sum->name(), "lj/ka + lj/50-50");
  auto one = make_potential("lj/ka");
  ComputeRequest req;
  req.per_atom_energy = req.virial = req.per_atom_virial = true;
  ComputeResult a, b;
  one->compute(c, req, a);
  sum->compute(c, req, b);
  EXPECT_DOUBLE_EQ(b.energy, 2 * a.energy);
  EXPECT_NEAR((b.virial - 2 * a.virial).norm(), 0.0, 1e-12 * a.virial.norm());
  for (std::size_t i = 0; i < c.size(); ++i) {
    EXPECT_NEAR((b.forces[i] - 2 * a.forces[i]).norm(), 0.0,
                1e-12 * std::max(1.0, a.forces[i].norm()));
    EXPECT_DOUBLE_EQ(b.per_atom_energy[i], 2 * a.per_atom_energy[i]);
    EXPECT_DOUBLE_EQ(b.per_atom_virial[i][3], 2 * a.per_atom_virial[i][3]);
  }
  const auto v = testing::random_vectors(c.size(), 8);
  std::vector<Vec3> ha, hb;
  one->hessian_vector(c, v, ha);
  sum->hessian_vector(c, v, hb);
  for (std::size_t i = 0; i < c.size(); ++i) EXPECT_NEAR((hb[i] - 2 * ha[i]).norm(), 0.0, 1e-10);
  const Eigen::MatrixXd h_one = dense_hessian(*one, c);
  EXPECT_LT((dense_hessian(*sum, c) - 2 * h_one).cwiseAbs().maxCoeff(),
            1e-12 * h_one.cwiseAbs().maxCoeff());
}

TEST(SumPotential, PassesDerivativeFixture) {
  auto sum = ka_plus_fifty();
  testing::expect_consistent_derivatives(*sum, ka_cluster());
}

TEST(SumPotential, RejectsTermsThatDoNotFit) {
  std::vector<std::unique_ptr<Potential>> units;
  units.push_back(make_potential("lj/ka"));
  units.push_back(make_potential("johnson/fe"));
  EXPECT_THROW(SumPotential{std::move(units)}, Error);
  std::vector<std::unique_ptr<Potential>> elements;
  elements.push_back(make_potential("lj/ka"));
  elements.push_back(std::make_unique<testing::MorseTestPotential>());
  EXPECT_THROW(SumPotential{std::move(elements)}, Error);
  EXPECT_THROW(SumPotential{std::vector<std::unique_ptr<Potential>>{}}, Error);
}

}  // namespace
}  // namespace pelcamp
