#include "pelcamp/analysis/elastic_constants.hpp"

#include <fmt/format.h>

#include <Eigen/SparseCholesky>
#include <array>

#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/potential/hessian.hpp"

namespace pelcamp {
namespace {

// Tensor indices (a, b) of Voigt component k: xx, yy, zz, yz, xz, xy.
constexpr std::array<std::array<int, 2>, 6> kVoigt = {
    {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}}};

Mat3 strain_tensor(const Voigt6& e) {
  Mat3 eps = Mat3::Zero();
  for (int k = 0; k < 6; ++k) {
    const auto [a, b] = kVoigt[k];
    const double value = k < 3 ? e[k] : 0.5 * e[k];
    eps(a, b) = value;
    eps(b, a) = value;
  }
  return eps;
}

Voigt6 unit_strain(int k, double size) {
  Voigt6 e = Voigt6::Zero();
  e[k] = size;
  return e;
}

void require_periodic_solid(const Configuration& config, const char* what) {
  for (int d = 0; d < 3; ++d)
    if (!config.box.periodic(d))
      throw Error(fmt::format("{}: the cell must be periodic in x, y and z", what));
}

struct StrainState {
  Voigt6 stress;             // S
  std::vector<Vec3> forces;  // unrotated frame
};

StrainState evaluate_strained(Potential& potential, const StrainedConfiguration& s,
                              double volume) {
  ComputeRequest request;
  request.virial = true;
  ComputeResult result;
  potential.compute(s.config, request, result);
  StrainState state{second_piola_kirchhoff_stress(s, result.virial, volume), {}};
  state.forces.reserve(result.forces.size());
  for (const Vec3& f : result.forces) state.forces.push_back(s.rotation * f);
  return state;
}

}  // namespace

void ElasticSettings::validate() const {
  if (!(affine_step > 0.0 && affine_step < 1e-2))
    throw Error(fmt::format("elastic constants: affine_step must be in (0, 0.01), got {}",
                            affine_step));
  if (!(strain > 0.0 && strain < 1e-2))
    throw Error(fmt::format("elastic constants: strain must be in (0, 0.01), got {}", strain));
  if (dense_atoms < 0)
    throw Error(fmt::format("elastic constants: dense_atoms must be ≥ 0, got {}", dense_atoms));
  if (!(accept_fmax > 0.0))
    throw Error(fmt::format("elastic constants: accept_fmax must be positive, got {}", accept_fmax));
  relax.validate();
}

StrainedConfiguration apply_strain(const Configuration& config, const Voigt6& strain) {
  const Mat3 f = Mat3::Identity() + strain_tensor(strain);
  const Mat3 deformed = f * config.box.h();
  // deformed = Q R with R upper triangular, positive diagonal: R is the new LAMMPS cell.
  Eigen::HouseholderQR<Mat3> qr(deformed);
  Mat3 q = qr.householderQ();
  Mat3 r = qr.matrixQR().triangularView<Eigen::Upper>();
  for (int k = 0; k < 3; ++k)
    if (r(k, k) < 0.0) {
      r.row(k) *= -1.0;
      q.col(k) *= -1.0;
    }
  StrainedConfiguration out{config, f, q};
  const Vec3 lo = config.box.lo();
  const Mat3 map = q.transpose() * f;  // reference frame -> returned frame
  out.config.box.set_h(r);
  for (Vec3& x : out.config.positions) x = lo + map * (x - lo);
  return out;
}

Voigt6 second_piola_kirchhoff_stress(const StrainedConfiguration& strained, const Mat3& virial,
                                     double reference_volume) {
  const Mat3 f_inv = strained.deformation.inverse();
  const Mat3 s = -f_inv * (strained.rotation * virial * strained.rotation.transpose()) *
                 f_inv.transpose() / reference_volume;
  Voigt6 out;
  for (int k = 0; k < 6; ++k) out[k] = s(kVoigt[k][0], kVoigt[k][1]);
  return out;
}

HessianElasticConstants elastic_constants_from_hessian(Potential& potential,
                                                       const Configuration& config,
                                                       const ElasticSettings& settings) {
  settings.validate();
  require_periodic_solid(config, "elastic constants (Hessian route)");
  const double volume = config.box.volume();
  const auto n = static_cast<Eigen::Index>(config.size());
  if (n < 2) throw Error("elastic constants (Hessian route): need at least 2 atoms");
  const double h = settings.affine_step;

  HessianElasticConstants out;
  Eigen::MatrixXd xi(3 * n, 6);  // Ξ, one column per strain
  for (int beta = 0; beta < 6; ++beta) {
    const StrainState plus =
        evaluate_strained(potential, apply_strain(config, unit_strain(beta, h)), volume);
    const StrainState minus =
        evaluate_strained(potential, apply_strain(config, unit_strain(beta, -h)), volume);
    out.born.col(beta) = (plus.stress - minus.stress) / (2.0 * h);
    for (Eigen::Index i = 0; i < n; ++i)
      xi.block<3, 1>(3 * i, beta) = -(plus.forces[i] - minus.forces[i]) / (2.0 * h);
  }

  // ∂²U/∂η∂η is symmetric; the differences of S are only to O(step²) and, with C¹ EAM
  // splines, to ~1e-5 of C: keep the symmetric part.
  out.born = (0.5 * (out.born + out.born.transpose())).eval();

  // H with atom 0 pinned: the reduced matrix is positive definite at a minimum. The EAM
  // Hessian couples atoms up to twice the cutoff, so for samples of a few thousand atoms it
  // is a sizeable fraction dense and a dense Cholesky factor (blocked) is several times
  // faster than a sparse one (1000 CuZr atoms: 2 s against 19 s); beyond
  // settings.dense_atoms the sparse factor keeps the memory bounded.
  const Eigen::Index dim = 3 * n - 3;
  const Eigen::MatrixXd xi_reduced = xi.bottomRows(dim);
  const char* not_minimum =
      "elastic constants (Hessian route): the Hessian is not positive definite apart from the "
      "translations (the configuration is not at a minimum)";
  Eigen::MatrixXd relaxed;
  if (n <= settings.dense_atoms) {
    Eigen::MatrixXd hessian = dense_hessian(potential, config);
    Eigen::Ref<Eigen::MatrixXd> reduced = hessian.bottomRightCorner(dim, dim);
    Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(reduced);  // in place
    if (llt.info() != Eigen::Success) throw Error(not_minimum);
    relaxed = llt.solve(xi_reduced);
  } else {
    const Eigen::SparseMatrix<double> reduced =
        sparse_hessian(potential, config).bottomRightCorner(dim, dim);
    Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> ldlt(reduced);
    if (ldlt.info() != Eigen::Success || !(ldlt.vectorD().minCoeff() > 0.0))
      throw Error(not_minimum);
    relaxed = ldlt.solve(xi_reduced);
  }
  out.relaxation = xi_reduced.transpose() * relaxed / volume;
  return out;
}

VoigtMatrix elastic_constants_from_strains(Potential& potential, const Configuration& config,
                                           const ElasticSettings& settings) {
  settings.validate();
  require_periodic_solid(config, "elastic constants (finite strains)");
  const double volume = config.box.volume();
  auto minimizer = make_minimizer(settings.minimizer);
  VoigtMatrix c;
  for (int beta = 0; beta < 6; ++beta) {
    std::array<Voigt6, 2> stress;
    for (int side = 0; side < 2; ++side) {
      const double e = side == 0 ? settings.strain : -settings.strain;
      StrainedConfiguration s = apply_strain(config, unit_strain(beta, e));
      AtomsObjective objective(s.config, potential);
      objective.set_virial(true);
      const MinimizeResult result = minimizer->minimize(objective, objective.variables(),
                                                        settings.relax);
      if (!(result.fmax <= settings.accept_fmax))
        throw Error(fmt::format(
            "elastic constants (finite strains): relaxation at strain {} of component {} "
            "stopped ({}) at fmax {:.3g} > accept_fmax {:.3g}",
            e, beta + 1, to_string(result.reason), result.fmax, settings.accept_fmax));
      stress[side] = second_piola_kirchhoff_stress(s, objective.last_result().virial, volume);
    }
    c.col(beta) = (stress[0] - stress[1]) / (2.0 * settings.strain);
  }
  return c;
}

double isotropic_shear_modulus(const VoigtMatrix& c) {
  return ((c(0, 0) + c(1, 1) + c(2, 2)) - (c(0, 1) + c(0, 2) + c(1, 2)) +
          3.0 * (c(3, 3) + c(4, 4) + c(5, 5))) /
         15.0;
}

double isotropic_bulk_modulus(const VoigtMatrix& c) {
  return (c(0, 0) + c(1, 1) + c(2, 2) + 2.0 * (c(0, 1) + c(0, 2) + c(1, 2))) / 9.0;
}

}  // namespace pelcamp
