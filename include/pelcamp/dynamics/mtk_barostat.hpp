#pragma once
// Martyna–Tobias–Klein barostat (J. Chem. Phys. 101, 4177 (1994); Martyna, Tuckerman, Tobias &
// Klein, Mol. Phys. 87, 1117 (1996)) with LAMMPS `fix npt` semantics, so that NPT and NPH
// trajectories match LAMMPS to round-off:
//  - one strain rate ω̇_d per barostatted box length, of mass W = (N + 1) k_B T / ω_p² with
//    ω_p = 1/Pdamp (fixed when the run starts, as LAMMPS does);
//  - `iso` drives all three lengths with the scalar pressure; `aniso` drives each chosen
//    length with its diagonal pressure component towards the same target;
//  - the MTK correction terms (LAMMPS `mtk yes`) and a Nosé–Hoover chain on the strain rates
//    (LAMMPS pchain, ploop; masses k_B T / ω_p²);
//  - the box is rescaled about its initial centre (LAMMPS's default fixed point), in two half
//    steps around the position drift, and the atoms with it.
// Box tilts are not barostat variables (shear stress is not controlled): they stay in
// proportion to a box length — xy to ly, xz and yz to lz — as LAMMPS does by default
// (scalexy/scalexz/scaleyz yes), so triclinic NPT matches LAMMPS too. With `aniso` coupling on a
// tilted box this keeps the shear strain but is not the box motion the strain rates generate
// (that would scale xy and xz with lx and yz with ly), so the conserved quantity then drifts
// slowly, in LAMMPS as here; iso coupling and orthogonal boxes are exact.
//
// The conserved quantity counts one barostat degree of freedom for `iso` (L k_B T η_p0 with
// L = 1, consistent with the chain's own target k_B T) and one per barostatted length for
// `aniso`. LAMMPS's reported `ecouple` uses 3 k_B T η_p0 for `iso` as well, so its iso
// econserve drifts where this one does not; the trajectories are identical.
#include <array>
#include <cstddef>
#include <optional>
#include <span>

#include "pelcamp/core/box.hpp"
#include "pelcamp/core/units.hpp"
#include "pelcamp/dynamics/dynamics_state.hpp"
#include "pelcamp/dynamics/nose_hoover_chain.hpp"

namespace pelcamp {

enum class PressureCoupling { iso, aniso };

struct MtkBarostatConfig {
  PressureCoupling coupling = PressureCoupling::iso;
  // Target pressure (bar in metal units, reduced in lj), the same for every barostatted axis
  // (per-axis targets would need LAMMPS's deviatoric stress terms; not supported).
  double pressure = 0.0;
  double pdamp = 0.0;     // damping time, LAMMPS Pdamp (ps in metal units, τ in lj); ~1000 dt
  // `aniso` only: which box lengths are barostatted (`iso` always drives all three).
  std::array<bool, 3> axes = {true, true, true};
  int chain_length = 3;   // Nosé–Hoover chain on the strain rates (LAMMPS pchain; 0 = none)
  int chain_loops = 1;    // sub-steps per half step (LAMMPS ploop)
};

class MtkBarostat {
 public:
  explicit MtkBarostat(const MtkBarostatConfig& config);

  std::string kind() const { return "mtk"; }
  const MtkBarostatConfig& config() const { return config_; }

  // Before the first step: masses from kt = k_B T (energy units) and the atom count; records
  // the reference volume and the fixed point. Throws unless the box is fully periodic.
  void setup(const Box& box, std::size_t atoms, double kt, const UnitSystem& units);

  // Half step of the chain on the strain rates (first and last action of a step).
  void chain_half_step(double kt, double dt);
  // Half step of the strain rates from the current pressure: `kinetic` is Σ m v⊗v · mvv2e and
  // `virial` the potential's W (energy units), `volume` the box volume.
  void strain_rate_half_step(const Sym6& kinetic, const Mat3& virial, double volume, double dt);
  // v_d ← v_d exp(−(ω̇_d + MTK term) dt/2), before the first kick and after the second.
  void scale_velocities(std::span<Vec3> velocities, double dt) const;
  // Rescales the box by exp(ω̇_d dt/2) about the fixed point and maps positions affinely.
  void rescale_box_half_step(Box& box, std::span<Vec3> positions, double dt) const;

  // ½ Σ W ω̇² + P (V − V0) / nktv2p + chain energy (energy units).
  double energy(double kt, double volume) const;

  ComponentState save() const;
  void restore(const ComponentState& state);

 private:
  int driven_count() const;
  // Barostat degrees of freedom seen by its chain: 1 for iso, one per driven length for aniso.
  int chain_dof() const;

  MtkBarostatConfig config_;
  std::array<bool, 3> axes_;
  double frequency_;  // 1 / Pdamp
  double nktv2p_ = 1.0;
  double atoms_ = 0.0;
  std::array<double, 3> strain_rate_{};  // ω̇_d, 1/time
  std::array<double, 3> mass_{};         // W_d, energy · time²
  double mtk_velocity_term_ = 0.0;       // Σ ω̇_d / (N · dims), LAMMPS mtk_term2
  double reference_volume_ = 0.0;        // V0 (LAMMPS vol0)
  Vec3 fixed_point_ = Vec3::Zero();
  std::optional<NoseHooverChain> chain_;  // absent when chain_length = 0
};

}  // namespace pelcamp
