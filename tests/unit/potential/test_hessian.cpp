// The full Hessian (potential/hessian.hpp): the analytic pair and EAM assemblies against
// finite differences of the forces, column by column, and against the generic assembly from
// hessian_vector columns; dense and sparse storage agree; the mass weighting.
#include <gtest/gtest.h>

#include "pelcamp/build/icosahedron.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/potential/hessian.hpp"
#include "pelcamp/potential/registry.hpp"
#include "support/golden_reference.hpp"

namespace pelcamp {
namespace {

const std::string kData = PELCAMP_TEST_DATA;
const std::string kCuZr = "eam/fs:" + kData + "/potentials/CuZr_mm.eam.fs:Cu,Zr";
const std::string kAl = "eam/alloy:" + kData + "/potentials/Al_EA.eam.alloy:Al";

Configuration al55_cluster() {
  Configuration c = testing::golden_config("al55_cluster_eam_alloy");
  c.box = Box::free_space();
  return c;
}

// A 55-atom Mackay icosahedron of Kob–Andersen A atoms, slightly perturbed (free cluster).
Configuration lj_cluster() {
  IcosahedronSpec spec;
  spec.shells = 2;
  spec.nn_distance = 1.1;
  spec.species = {"A", 1.0};
  Configuration c = build_mackay_icosahedron(spec);
  Rng rng(5);
  for (auto& x : c.positions) x += 0.03 * Vec3(rng.normal(), rng.normal(), rng.normal());
  return c;
}

// −∂F/∂x by central differences of the forces, one coordinate at a time.
Eigen::MatrixXd finite_difference_hessian(Potential& pot, const Configuration& config,
                                          double step) {
  const Eigen::Index dim = 3 * static_cast<Eigen::Index>(config.size());
  Eigen::MatrixXd h(dim, dim);
  Configuration moved = config;
  ComputeResult plus, minus;
  for (Eigen::Index k = 0; k < dim; ++k) {
    moved.positions[k / 3](k % 3) = config.positions[k / 3](k % 3) + step;
    pot.compute(moved, ComputeRequest{}, plus);
    moved.positions[k / 3](k % 3) = config.positions[k / 3](k % 3) - step;
    pot.compute(moved, ComputeRequest{}, minus);
    moved.positions[k / 3](k % 3) = config.positions[k / 3](k % 3);
    for (Eigen::Index r = 0; r < dim; ++r)
      h(r, k) = -(plus.forces[r / 3](r % 3) - minus.forces[r / 3](r % 3)) / (2.0 * step);
  }
  return h;
}

// Forwards everything but add_hessian, so the base class assembles from hessian_vector.
class ColumnsOnly final : public Potential {
 public:
  explicit ColumnsOnly(Potential& inner) : inner_(inner) {}
  std::string name() const override { return inner_.name(); }
  const std::vector<std::string>& elements() const override { return inner_.elements(); }
  double cutoff() const override { return inner_.cutoff(); }
  std::string units() const override { return inner_.units(); }
  void compute(const Configuration& c, const ComputeRequest& q, ComputeResult& r) override {
    inner_.compute(c, q, r);
  }
  void hessian_vector(const Configuration& c, const std::vector<Vec3>& v,
                      std::vector<Vec3>& out) override {
    inner_.hessian_vector(c, v, out);
  }
  std::unique_ptr<Potential> clone() const override { return nullptr; }

 private:
  Potential& inner_;
};

Eigen::MatrixXd column_hessian(Potential& pot, const Configuration& config) {
  ColumnsOnly plain(pot);
  return dense_hessian(plain, config);
}

void expect_hessian_matches(Potential& pot, const Configuration& config, double fd_step,
                            double fd_tolerance) {
  const Eigen::MatrixXd h = dense_hessian(pot, config);
  const double scale = h.cwiseAbs().maxCoeff();
  EXPECT_LT((h - h.transpose()).cwiseAbs().maxCoeff(), 1e-12 * scale) << pot.name();
  // The analytic hessian_vector, column by column: the same derivatives, summed differently.
  EXPECT_LT((h - column_hessian(pot, config)).cwiseAbs().maxCoeff(), 1e-11 * scale) << pot.name();
  EXPECT_LT((h - finite_difference_hessian(pot, config, fd_step)).cwiseAbs().maxCoeff(),
            fd_tolerance * scale)
      << pot.name();
  const Eigen::MatrixXd sparse = Eigen::MatrixXd(sparse_hessian(pot, config));
  EXPECT_LT((h - sparse).cwiseAbs().maxCoeff(), 1e-13 * scale) << pot.name();
}

TEST(Hessian, PairPotentialOnFreeCluster) {
  auto pot = make_potential("lj/ka");
  expect_hessian_matches(*pot, lj_cluster(), 1e-5, 1e-7);
}

TEST(Hessian, EamOnFreeAlCluster) {
  auto pot = make_potential(kAl);
  expect_hessian_matches(*pot, al55_cluster(), 1e-5, 1e-6);
}

TEST(Hessian, EamOnPeriodicTriclinicCuZrLiquid) {
  // Force differences over 1e-7 Å: the splines are only C¹ (see test_eam_potential.cpp).
  auto pot = make_potential(kCuZr);
  expect_hessian_matches(*pot, testing::cuzr_liquid_triclinic(), 1e-7, 1e-5);
}

TEST(Hessian, MassWeighting) {
  auto pot = make_potential(kCuZr);
  const Configuration c = testing::cuzr_liquid_triclinic();
  const Eigen::MatrixXd h = dense_hessian(*pot, c);
  Eigen::MatrixXd d = h;
  mass_weight(d, c);
  Eigen::SparseMatrix<double> ds = sparse_hessian(*pot, c);
  mass_weight(ds, c);
  for (int i : {0, 7, 100})
    for (int j : {0, 3, 200}) {
      const double expected = 1.0 / std::sqrt(c.mass(i) * c.mass(j));
      EXPECT_NEAR(d(3 * i + 1, 3 * j + 2), h(3 * i + 1, 3 * j + 2) * expected, 1e-14);
      EXPECT_NEAR(ds.coeff(3 * i, 3 * j + 1), h(3 * i, 3 * j + 1) * expected, 1e-14);
    }
}

}  // namespace
}  // namespace pelcamp
