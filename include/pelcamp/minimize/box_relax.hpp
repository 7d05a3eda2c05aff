#pragma once
// Box relaxation to a target pressure or pressure tensor — the "release the pressure" step of
// glass preparation, in the spirit of LAMMPS `fix box/relax`.
//
// Variables: the atoms' coordinates in the reference cell, x_i = lo + F⁻¹ (r_i − lo), plus
// strain variables u that set the deformation F = I + ε(u) of the reference cell h_ref
// (h = F h_ref, ε upper triangular so h stays in the LAMMPS form):
//   iso    one u, ε = u/L I                      (all three lengths scale together)
//   aniso  three u, ε = diag(u)/L                (each length on its own, no tilt)
//   tri    six u (xx yy zz xy xz yz), ε_cd = u/L (lengths and tilts)
// Objective (energy units): Φ = E + P̄ V/nktv2p + V_ref Σ_{c≤d} D_cd ε_cd / nktv2p, with P̄ the
// mean of the target's diagonal and D = target − P̄ I its deviatoric part. Its strain
// gradient is ∂Φ/∂ε = (P̄V/nktv2p I − W) F⁻ᵀ + V_ref D/nktv2p (W the virial, Σ r⊗f), so for a
// hydrostatic target Φ = E + P̄V is exact: at its minimum P = W nktv2p/V equals the target.
// A deviatoric target has no exact potential at finite strain (LAMMPS's fix box/relax
// documents the same); relax_box() re-references the cell (F back to I) and minimizes
// again until the pressure is within tolerance, as LAMMPS `nreset` does by hand.
//
// Scaling: u = L ε with L = V_ref^(1/3) N^(1/6), a length, so ∂²Φ/∂u² ≈ 9 B V_ref / L² ≈ 9 B a
// (B the bulk modulus, a = (V/N)^(1/3)) — of the order of an atom's stiffness, making the
// joint problem as well conditioned as the atoms alone; the minimizers' largest-step cap
// then limits a strain step to max_step / L (the role of LAMMPS `vmax`), and a box force is
// |∂Φ/∂u| = V |ΔP| / (nktv2p L).
//
// Pressure means the virial pressure W/V·nktv2p (no kinetic term: minimized states are at
// rest), in the potential's units (bar for metal, ε/σ³ for lj). The box must be periodic
// in all three dimensions. Frozen atoms keep their reference-cell coordinates, i.e. they
// follow the cell affinely.
#include <vector>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/minimize/minimizer.hpp"
#include "pelcamp/minimize/objective.hpp"
#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

enum class BoxCoupling { iso, aniso, tri };

struct BoxRelaxConfig {
  BoxCoupling coupling = BoxCoupling::iso;
  // Target pressure tensor in LAMMPS order xx, yy, zz, xy, xz, yz (pressure units). iso
  // needs equal diagonal entries and zero shear; aniso needs zero shear.
  Sym6 target{};
  // Converged when, besides forces below fmax, every relaxed pressure component is within
  // this of its target (iso: the scalar pressure; aniso: the diagonal; tri: all six).
  // Required: its natural size depends on the unit system.
  double pressure_tolerance = -1.0;
  int max_passes = 20;  // re-referencing passes (see above); 1 suffices for hydrostatic targets

  static BoxRelaxConfig hydrostatic(double pressure, BoxCoupling coupling, double pressure_tolerance);
  bool hydrostatic_target() const;
  void validate() const;  // throws pelcamp::Error naming the bad setting
};

class BoxRelaxObjective : public Objective {
 public:
  // `config` and `potential` must outlive the objective; evaluate() writes the evaluated
  // cell and positions into config. `frozen` is empty or one flag per atom.
  BoxRelaxObjective(Configuration& config, Potential& potential, const BoxRelaxConfig& settings,
                    std::vector<bool> frozen = {});

  Eigen::Index dimension() const override;
  double evaluate(ConstVectorRef x, VectorRef gradient) override;
  // Largest per-atom force norm |f_i| at the last evaluated point (the box is not included).
  double gradient_measure(ConstVectorRef gradient) const override;
  // Forces below fmax and every relaxed component of ∂Φ/∂ε nktv2p / V (the pressure
  // residual, exact at F = I) within the pressure tolerance.
  bool converged(ConstVectorRef gradient, double fmax) const override;
  // Largest of the per-atom displacements and the strain-variable changes (length units).
  double step_measure(ConstVectorRef step) const override;

  // Makes the configuration's current cell the reference (F = I) and returns the matching
  // point: the current positions and zero strain. The constructor does this once.
  Eigen::VectorXd reset_reference();

  // At the last evaluated point:
  double potential_energy() const { return result_.energy; }
  const Mat3& pressure() const { return pressure_; }  // W nktv2p / V
  double volume() const { return config_.box.volume(); }
  // Largest deviation of a relaxed pressure component from its target.
  double pressure_error() const;

 private:
  Eigen::Index num_strain() const;
  Mat3 strain(ConstVectorRef u) const;  // ε(u)

  Configuration& config_;
  Potential& potential_;
  BoxRelaxConfig settings_;
  std::vector<bool> frozen_;
  double nktv2p_;
  double strain_length_;  // L
  Mat3 h_ref_;
  double volume_ref_ = 0.0;
  Mat3 deformation_ = Mat3::Identity();   // F at the last evaluation
  Mat3 pressure_ = Mat3::Zero();
  ComputeResult result_;
};

struct BoxRelaxResult {
  MinimizeResult minimize;   // the last pass (iterations and evaluations summed over passes)
  double potential_energy = 0.0;
  double volume = 0.0;
  Mat3 pressure = Mat3::Zero();  // pressure tensor at the returned state
  double pressure_error = 0.0;   // largest relaxed-component deviation from the target
  int passes = 0;
  bool converged = false;        // forces and pressure within tolerance (or etol reached)
};

// Relaxes atoms and cell of `config` in place with `minimizer`; `stop.fmax` is the force
// tolerance, settings.pressure_tolerance the pressure one.
BoxRelaxResult relax_box(Configuration& config, Potential& potential, Minimizer& minimizer,
                         const StoppingCriteria& stop, const BoxRelaxConfig& settings,
                         std::vector<bool> frozen = {});

}  // namespace pelcamp
