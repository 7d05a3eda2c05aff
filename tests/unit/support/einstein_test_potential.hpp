#pragma once
// An Einstein crystal for tests: every atom tied to its own site by an isotropic harmonic
// spring, E = ½ Σ_i k_{t_i} |r_i − R_i|², with a spring constant per type. Its Hessian is
// diagonal (k_t on each coordinate of an atom of type t), with no zero modes.
#include <fmt/format.h>

#include <utility>
#include <vector>

#include "pelcamp/potential/potential.hpp"

namespace pelcamp::testing {

class EinsteinTestPotential : public Potential {
 public:
  // `sites`: one per atom; `springs`: k per type (energy/length²).
  EinsteinTestPotential(std::vector<Vec3> sites, std::vector<double> springs)
      : sites_(std::move(sites)), springs_(std::move(springs)) {
    for (std::size_t t = 0; t < springs_.size(); ++t) elements_.push_back(fmt::format("T{}", t));
  }
  std::string name() const override { return "einstein-test"; }
  const std::vector<std::string>& elements() const override { return elements_; }
  double cutoff() const override { return 0.0; }
  std::string units() const override { return "metal"; }
  std::unique_ptr<Potential> clone() const override {
    return std::make_unique<EinsteinTestPotential>(sites_, springs_);
  }

  void compute(const Configuration& c, const ComputeRequest& req, ComputeResult& res) override {
    res.reset(c.size(), req);
    for (std::size_t i = 0; i < c.size(); ++i) {
      const double k = springs_[c.types[i]];
      const Vec3 u = c.positions[i] - sites_[i];
      res.energy += 0.5 * k * u.squaredNorm();
      if (req.forces) res.forces[i] = -k * u;
    }
  }
  void hessian_vector(const Configuration& c, const std::vector<Vec3>& v,
                      std::vector<Vec3>& out) override {
    out.resize(c.size());
    for (std::size_t i = 0; i < c.size(); ++i) out[i] = springs_[c.types[i]] * v[i];
  }

 private:
  std::vector<Vec3> sites_;
  std::vector<double> springs_;
  std::vector<std::string> elements_;
};

}  // namespace pelcamp::testing
