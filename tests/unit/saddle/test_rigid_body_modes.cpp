#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/saddle/rigid_body_modes.hpp"
#include "saddle/saddle_test_support.hpp"

namespace pelcamp {
namespace {

Eigen::VectorXd flatten(const std::vector<Vec3>& r) {
  Eigen::VectorXd x(3 * static_cast<Eigen::Index>(r.size()));
  for (std::size_t i = 0; i < r.size(); ++i) x.segment<3>(3 * static_cast<Eigen::Index>(i)) = r[i];
  return x;
}

TEST(RigidBodyModes, OrthonormalAndFlatDirectionsOfTheEnergy) {
  const std::vector<Vec3> r = testing::lj7_bipyramid();
  const Eigen::MatrixXd modes = rigid_body_modes(flatten(r));
  ASSERT_EQ(modes.cols(), 6);
  EXPECT_LT((modes.transpose() * modes - Eigen::MatrixXd::Identity(6, 6)).norm(), 1e-12);
  // The energy is invariant under rigid motions, so its gradient has no component along them
  // at any point (here a distorted cluster).
  std::vector<Vec3> distorted = r;
  distorted[0] += Vec3(0.05, -0.02, 0.03);
  Configuration config = testing::lj_cluster(distorted);
  auto potential = make_potential("lj/ka");
  AtomsObjective objective(config, *potential);
  const Eigen::VectorXd x = objective.variables();
  Eigen::VectorXd g(x.size());
  objective.evaluate(x, g);
  EXPECT_LT((rigid_body_modes(x).transpose() * g).norm(), 1e-10 * g.norm());
}

TEST(RigidBodyModes, LinearClusterHasFiveModes) {
  EXPECT_EQ(rigid_body_modes(flatten({{0, 0, 0}, {1, 0, 0}, {2.5, 0, 0}})).cols(), 5);
  EXPECT_THROW(rigid_body_modes(Eigen::VectorXd::Zero(4)), Error);
}

TEST(RigidBodyModes, AlignmentUndoesARotationAndTranslation) {
  const Eigen::VectorXd reference = flatten(testing::lj7_bipyramid());
  const Mat3 rotation = Eigen::AngleAxisd(0.7, Vec3(1, 2, -0.5).normalized()).toRotationMatrix();
  Eigen::VectorXd moved(reference.size());
  for (Eigen::Index i = 0; i < reference.size() / 3; ++i)
    moved.segment<3>(3 * i) = rotation * reference.segment<3>(3 * i) + Vec3(0.3, -1.0, 2.0);
  EXPECT_LT((aligned_onto(moved, reference) - reference).cwiseAbs().maxCoeff(), 1e-12);
}

}  // namespace
}  // namespace pelcamp
