#include "pelcamp/units/indicators_unit.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "pelcamp/analysis/density.hpp"
#include "pelcamp/analysis/elastic_constants.hpp"
#include "pelcamp/analysis/excess_entropy.hpp"
#include "pelcamp/analysis/lowest_modes.hpp"
#include "pelcamp/analysis/normal_modes.hpp"
#include "pelcamp/analysis/soft_modes.hpp"
#include "pelcamp/analysis/voronoi.hpp"
#include "pelcamp/analysis/voronoi_statistics.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/units/atomic_system.hpp"
#include "pelcamp/units/unit_minimizer.hpp"

namespace pelcamp::units {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean(const std::vector<double>& v) {
  double sum = 0.0;
  for (double x : v) sum += x;
  return v.empty() ? kNaN : sum / static_cast<double>(v.size());
}

void run(UnitContext& ctx, UnitOutput& out) {
  AtomicSystem s = load_atomic_system(ctx);
  Configuration& config = s.config;
  Potential& potential = *s.potential;
  if (!config.box.periodic(0) || !config.box.periodic(1) || !config.box.periodic(2))
    throw Error("indicators: the sample must be periodic in x, y and z");
  const UnitSystem units = UnitSystem::by_name(potential.units());
  const std::size_t n = config.size();

  // Polish the minimum: Ψ and the Hessian route to C assume zero forces.
  const double polish_fmax = ctx.params.real("polish_fmax");
  if (polish_fmax > 0.0) {
    StoppingCriteria stop;
    stop.fmax = polish_fmax;
    stop.max_iterations = 100000;
    auto minimizer = deadline_checked_minimizer(ctx, "cg");
    AtomsObjective objective(config, potential);
    minimizer->minimize(objective, objective.variables(), stop);
  }
  ComputeResult state;
  potential.compute(config, ComputeRequest{}, state);
  const double fmax = max_force_norm(state.forces);
  if (polish_fmax > 0.0 && fmax > 10.0 * polish_fmax)
    throw Error(fmt::format("indicators: minimization reached fmax {:.3g}, not polish_fmax {:.3g}",
                            fmax, polish_fmax));

  const SampleDensity density = sample_density(config, units);

  RdfOptions rdf_options;
  rdf_options.r_max = ctx.params.real("rdf_r_max");
  rdf_options.bins = static_cast<int>(ctx.params.integer("rdf_bins"));
  const double s2 = two_body_excess_entropy(compute_rdf(config, rdf_options));

  VoronoiOptions voronoi_options;
  voronoi_options.min_face_area_fraction = ctx.params.real("voronoi_min_face_fraction");
  const VoronoiTessellation voronoi = compute_voronoi(config, voronoi_options);
  ctx.check_deadline();

  // Ψ over all non-zero modes (Cholesky, no eigenvectors) or over the lowest N_m.
  std::vector<double> psi(n, kNaN);
  double zero_modes = kNaN;
  const std::string& soft_modes = ctx.params.text("soft_modes");
  if (soft_modes != "off") {
    ModeSettings settings;
    settings.mass_weighted = ctx.params.flag("mass_weighted");
    if (soft_modes == "all") {
      Eigen::MatrixXd matrix = mode_matrix(potential, config, settings);
      const Eigen::MatrixXd zero = zero_mode_basis(matrix, config, settings);
      zero_modes = static_cast<double>(zero.cols());
      psi = soft_mode_parameter_direct(std::move(matrix), zero);
    } else {
      const NormalModes modes = lowest_normal_modes(
          potential, config, settings, static_cast<int>(ctx.params.integer("lowest_modes")));
      zero_modes = modes.zero_modes;
      psi = soft_mode_parameter(modes);
    }
    ctx.check_deadline();
  }

  std::vector<double> c_voigt(36, kNaN);
  double shear = kNaN, bulk = kNaN;
  const std::string& elastic = ctx.params.text("elastic");
  if (elastic != "off") {
    ElasticSettings settings;
    const VoigtMatrix c = elastic == "hessian"
                              ? elastic_constants_from_hessian(potential, config, settings).c()
                              : elastic_constants_from_strains(potential, config, settings);
    const VoigtMatrix p = c * units.nktv2p;  // energy/volume -> pressure units
    for (int i = 0; i < 6; ++i)
      for (int j = 0; j < 6; ++j) c_voigt[6 * i + j] = p(i, j);
    shear = isotropic_shear_modulus(p);
    bulk = isotropic_bulk_modulus(p);
  }

  double psi_sum = 0.0;
  for (double x : psi) psi_sum += x;
  out.fields = {{static_cast<double>(n)},
                {density.number},
                {density.mass},
                {state.energy / static_cast<double>(n)},
                {fmax},
                {s2},
                {psi_sum},
                {psi_sum / static_cast<double>(n)},
                {zero_modes},
                {mean(voronoi.centroid_offsets)},
                {icosahedral_fraction(voronoi.indices)},
                {shear},
                {bulk},
                c_voigt,
                psi,
                voronoi.centroid_offsets};
  out.structure = std::move(config);
}

double expected_seconds(const PlanInfo& info) {
  // Dominated by the dense factorizations (Ψ and the elastic relaxation term), ∝ (3N)³:
  // measured 5.6 s for 1000 CuZr atoms, 31 s for 2000, 155 s for 4000 (shared machine).
  const double dim = 3.0 * static_cast<double>(atomic_system_atoms(info));
  return 1.0 + 1.2e-10 * dim * dim * dim;
}

}  // namespace

const UnitKind& indicators_unit_kind() {
  static const UnitKind kind{
      .name = "indicators",
      .summary = "structural indicators and elastic constants of a minimized periodic sample "
                 "(ρ, E_IS, s2, Ψ, |u|, f<0,0,12,0>, G, C_ij)",
      .params = concat(
          atomic_system_params(),
          {
              {.name = "polish_fmax", .type = ParamType::Float, .unit = "energy/length",
               .min = 0, .max = 1, .default_value = 1e-8,
               .doc = "first minimize (CG, fixed cell) to this largest force; 0: use the "
                      "structure as it is (Ψ and the Hessian route to C assume a minimum)"},
              {.name = "rdf_r_max", .type = ParamType::Float, .unit = "length", .min = 1e-6,
               .default_value = 10.0, .doc = "range of the partial g(r) integrated for s2"},
              {.name = "rdf_bins", .type = ParamType::Int, .min = 1, .max = 1e6,
               .default_value = std::int64_t{200}, .doc = "bins of the partial g(r)"},
              {.name = "voronoi_min_face_fraction", .type = ParamType::Float, .min = 0,
               .max = 0.999, .default_value = 0.0,
               .doc = "faces below this fraction of a cell's area are left out of the "
                      "Voronoi index"},
              {.name = "soft_modes", .type = ParamType::Choice, .default_value = std::string("all"),
               .doc = "Ψ over all non-zero modes (dense Cholesky, 8(3N)² bytes, (2/3)(3N)³ "
                      "flops), over the lowest_modes lowest ones (sparse Lanczos, any N), "
                      "or off",
               .choices = {"all", "lowest", "off"}},
              {.name = "lowest_modes", .type = ParamType::Int, .min = 1, .max = 1e9,
               .default_value = std::int64_t{100}, .doc = "N_m for soft_modes = lowest"},
              {.name = "mass_weighted", .type = ParamType::Bool, .default_value = true,
               .doc = "Ψ from the dynamical matrix (ω², the paper's) rather than the Hessian"},
              {.name = "elastic", .type = ParamType::Choice, .default_value = std::string("hessian"),
               .doc = "C_ij by Born − Ξᵀ H⁺ Ξ (hessian), by relaxed ±1e-6 strains (strains), "
                      "or off",
               .choices = {"hessian", "strains", "off"}},
          }),
      .outputs =
          {
              {.name = "atoms", .type = FieldType::Int64},
              {.name = "number_density", .unit = "1/length³", .doc = "ρ = N/V"},
              {.name = "mass_density", .unit = "g/cm³ (metal)", .doc = "LAMMPS density convention"},
              {.name = "energy_is", .unit = "energy",
               .doc = "E_IS: potential energy per atom of the (polished) minimum"},
              {.name = "fmax", .unit = "energy/length", .doc = "largest force on an atom"},
              {.name = "s2", .unit = "k_B",
               .doc = "two-body excess entropy per atom from the partial g(r) up to rdf_r_max"},
              {.name = "psi", .unit = "length² mass/energy (mass_weighted) or length²/energy",
               .doc = "Ψ = Σ_i Ψ_i, Ψ_i = Σ_j |e_j,i|²/ω_j² over the 3N − d non-zero modes "
                      "(or the lowest_modes lowest)"},
              {.name = "psi_per_atom", .unit = "as psi", .doc = "Ψ / N"},
              {.name = "zero_modes", .type = FieldType::Int64,
               .doc = "d, rigid-body modes excluded (3 for a periodic sample)"},
              {.name = "centroid_offset", .unit = "length",
               .doc = "|u|: mean over atoms of the distance to the mean of the atom's Voronoi "
                      "cell vertices"},
              {.name = "ico_fraction",
               .doc = "f<0,0,12,0>: fraction of atoms with Voronoi index <0,0,12,0>"},
              {.name = "shear_modulus", .unit = "pressure",
               .doc = "G, isotropic Voigt average of C (with non-affine relaxation)"},
              {.name = "bulk_modulus", .unit = "pressure", .doc = "B, Voigt average of C"},
              {.name = "elastic_constants", .width = 36, .unit = "pressure",
               .doc = "C_ij row-major, Voigt order xx yy zz yz xz xy, engineering shear "
                      "strains; (1/V) ∂²U/∂η∂η of the relaxed energy"},
              {.name = "atom_psi", .per_atom = true, .unit = "as psi", .doc = "Ψ_i"},
              {.name = "atom_centroid_offset", .per_atom = true, .unit = "length",
               .doc = "|u_i|"},
          },
      .writes_structure = true,
      .expected_seconds = expected_seconds,
      .atom_count = atomic_system_atoms,
      .periodic = atomic_system_periodic,
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
