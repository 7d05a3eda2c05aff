#pragma once
// A self-contained Morse pair potential for testing layers above `potential` (integrators,
// minimizers) independently of the production pair drivers:
//   φ(r) = D [exp(−2a(r−r0)) − 2 exp(−a(r−r0))] − φ(rc),  r < rc
// The energy shift makes φ continuous at rc; forces are exact derivatives of this energy.
#include <cmath>

#include "pelcamp/potential/potential.hpp"

namespace pelcamp::testing {

class MorseTestPotential : public Potential {
 public:
  MorseTestPotential(double depth = 1.0, double alpha = 1.5, double r0 = 1.1, double rc = 2.5)
      : depth_(depth), alpha_(alpha), r0_(r0), rc_(rc), pairs_(rc, NeighborSettings{0.3, 256}) {
    shift_ = raw(rc).first;
  }
  std::string name() const override { return "morse-test"; }
  const std::vector<std::string>& elements() const override { return elements_; }
  double cutoff() const override { return rc_; }
  std::string units() const override { return "lj"; }
  std::unique_ptr<Potential> clone() const override {
    return std::make_unique<MorseTestPotential>(depth_, alpha_, r0_, rc_);
  }

  void compute(const Configuration& c, const ComputeRequest& req, ComputeResult& res) override {
    res.reset(c.size(), req);
    pairs_.update(c);
    pairs_.for_each_pair(c, [&](int i, int j, const Vec3& d, double r2) {
      const double r = std::sqrt(r2);
      auto [e, de] = raw(r);
      e -= shift_;
      res.energy += e;
      if (req.per_atom_energy) {
        res.per_atom_energy[i] += 0.5 * e;
        res.per_atom_energy[j] += 0.5 * e;
      }
      const Vec3 fj = -de / r * d;  // force on j
      if (req.forces) {
        res.forces[j] += fj;
        res.forces[i] -= fj;
      }
      const Mat3 w = d * fj.transpose();  // (r_j − r_i) ⊗ f_j
      if (req.virial) res.virial += w;
      if (req.per_atom_virial) {
        const Sym6 half = to_sym6(0.5 * w);
        for (int k = 0; k < 6; ++k) {
          res.per_atom_virial[i][k] += half[k];
          res.per_atom_virial[j][k] += half[k];
        }
      }
    });
  }

 private:
  std::pair<double, double> raw(double r) const {
    const double x = std::exp(-alpha_ * (r - r0_));
    return {depth_ * (x * x - 2.0 * x), depth_ * (-2.0 * alpha_ * x * x + 2.0 * alpha_ * x)};
  }
  double depth_, alpha_, r0_, rc_, shift_ = 0.0;
  PairSource pairs_;
  std::vector<std::string> elements_{"A", "B", "C", "D"};
};

}  // namespace pelcamp::testing
