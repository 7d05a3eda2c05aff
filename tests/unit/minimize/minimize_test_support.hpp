#pragma once
// Objectives with known minima, an evaluation recorder, and the Morse systems whose LAMMPS
// minima are stored in tests/data/minimize/ (tools/reference/make-minimize-reference).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/minimize/objective.hpp"
#include "support/morse_test_potential.hpp"

namespace pelcamp::testing {

// f(x) = ½ (x − c)ᵀ A (x − c) + f0 with A = Qᵀ diag(λ) Q, λ spread over [1, condition].
class QuadraticObjective : public Objective {
 public:
  QuadraticObjective(int n, double condition, double f0, std::uint64_t seed) : f0_(f0) {
    Rng rng(seed);
    Eigen::MatrixXd m(n, n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) m(i, j) = rng.normal();
    const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(m).householderQ();
    Eigen::VectorXd lambda(n);
    for (int i = 0; i < n; ++i) lambda(i) = std::pow(condition, double(i) / std::max(1, n - 1));
    a_ = q.transpose() * lambda.asDiagonal() * q;
    centre_.resize(n);
    for (int i = 0; i < n; ++i) centre_(i) = rng.uniform(-1.0, 1.0);
  }
  Eigen::Index dimension() const override { return centre_.size(); }
  double evaluate(ConstVectorRef x, VectorRef g) override {
    const Eigen::VectorXd d = x - centre_;
    g = a_ * d;
    return 0.5 * d.dot(g) + f0_;
  }
  const Eigen::VectorXd& centre() const { return centre_; }
  double minimum() const { return f0_; }

 private:
  Eigen::MatrixXd a_;
  Eigen::VectorXd centre_;
  double f0_;
};

// Extended Rosenbrock function, Σ_i 100 (x_{2i+1} − x_{2i}²)² + (1 − x_{2i})²: minimum 0 at
// x = (1, ..., 1).
class RosenbrockObjective : public Objective {
 public:
  explicit RosenbrockObjective(int pairs) : n_(2 * pairs) {}
  Eigen::Index dimension() const override { return n_; }
  double evaluate(ConstVectorRef x, VectorRef g) override {
    double f = 0.0;
    for (Eigen::Index i = 0; i < n_; i += 2) {
      const double a = x(i + 1) - x(i) * x(i);
      const double b = 1.0 - x(i);
      f += 100.0 * a * a + b * b;
      g(i) = -400.0 * a * x(i) - 2.0 * b;
      g(i + 1) = 200.0 * a;
    }
    return f;
  }

 private:
  Eigen::Index n_;
};

// Forwards to another objective and records every value it returns.
class RecordingObjective : public Objective {
 public:
  explicit RecordingObjective(Objective& inner) : inner_(inner) {}
  Eigen::Index dimension() const override { return inner_.dimension(); }
  double evaluate(ConstVectorRef x, VectorRef g) override {
    values.push_back(inner_.evaluate(x, g));
    return values.back();
  }
  double gradient_measure(ConstVectorRef g) const override { return inner_.gradient_measure(g); }
  bool converged(ConstVectorRef g, double fmax) const override { return inner_.converged(g, fmax); }
  double step_measure(ConstVectorRef s) const override { return inner_.step_measure(s); }

  std::vector<double> values;

 private:
  Objective& inner_;
};

// The Morse potential of the LAMMPS references: D0 = 1, alpha = 4, r0 = 1.1, rc = 2.5.
inline MorseTestPotential reference_morse() { return MorseTestPotential(1.0, 4.0, 1.1, 2.5); }

inline std::string minimize_data(const std::string& file) {
  return std::string(PELCAMP_TEST_DATA) + "/minimize/" + file;
}

// Reads a start structure written by make-minimize-reference: a 'free' or
// 'box lx ly lz xy xz yz' line (origin 0), then one 'x y z' line per atom.
inline Configuration read_reference_structure(const std::string& name) {
  std::ifstream in(minimize_data(name + ".txt"));
  EXPECT_TRUE(in.good()) << "missing " << minimize_data(name + ".txt");
  Configuration c;
  c.species.push_back({"A", 1.0});
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream s(line);
    if (line.rfind("free", 0) == 0) {
      c.box = Box::free_space();
    } else if (line.rfind("box", 0) == 0) {
      std::string word;
      double lx, ly, lz, xy, xz, yz;
      s >> word >> lx >> ly >> lz >> xy >> xz >> yz;
      c.box = Box::triclinic(Vec3::Zero(), Vec3(lx, ly, lz), xy, xz, yz);
    } else {
      Vec3 r;
      s >> r(0) >> r(1) >> r(2);
      c.add_atom(0, r);
    }
  }
  return c;
}

// One line of reference.txt.
struct LammpsMinimum {
  double energy = 0.0, volume = 0.0, pressure = 0.0;
  Sym6 pressure_tensor{};
  double lx = 0.0, ly = 0.0, lz = 0.0, xy = 0.0, xz = 0.0, yz = 0.0, fmax = 0.0;
};

inline LammpsMinimum read_lammps_minimum(const std::string& name) {
  std::ifstream in(minimize_data("reference.txt"));
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream s(line);
    std::string key;
    s >> key;
    if (key != name) continue;
    LammpsMinimum m;
    s >> m.energy >> m.volume >> m.pressure;
    for (double& p : m.pressure_tensor) s >> p;
    s >> m.lx >> m.ly >> m.lz >> m.xy >> m.xz >> m.yz >> m.fmax;
    EXPECT_FALSE(s.fail()) << "malformed reference line for " << name;
    return m;
  }
  ADD_FAILURE() << "no reference for " << name << " in " << minimize_data("reference.txt");
  return {};
}

}  // namespace pelcamp::testing
