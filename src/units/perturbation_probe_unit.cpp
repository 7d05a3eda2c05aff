#include "pelcamp/units/perturbation_probe_unit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "pelcamp/analysis/single_atom_probe.hpp"
#include "pelcamp/neighbor/local_region.hpp"
#include "pelcamp/potential/single_atom_move.hpp"
#include "pelcamp/units/atomic_system.hpp"

namespace pelcamp::units {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Logarithmic grid of dr_count values from dr_min to dr_max (length units).
std::vector<double> dr_grid(const Params& p) {
  const double lo = p.real("dr_min"), hi = p.real("dr_max");
  const auto count = static_cast<std::size_t>(p.integer("dr_count"));
  if (!(hi >= lo)) throw Error(fmt::format("perturbation_probe: dr_max ({}) is below dr_min ({})", hi, lo));
  if (count == 1 && hi != lo)
    throw Error("perturbation_probe: dr_count = 1 needs dr_min = dr_max");
  std::vector<double> dr(count);
  for (std::size_t d = 0; d < count; ++d)
    dr[d] = count == 1 ? lo : lo * std::pow(hi / lo, static_cast<double>(d) / static_cast<double>(count - 1));
  return dr;
}

// Index of the grid value nearest to `target` on a log scale.
std::size_t nearest(const std::vector<double>& dr, double target) {
  std::size_t best = 0;
  for (std::size_t d = 1; d < dr.size(); ++d)
    if (std::abs(std::log(dr[d] / target)) < std::abs(std::log(dr[best] / target))) best = d;
  return best;
}

// Atoms of this unit: [batch N/batches, (batch+1) N/batches), every stride-th.
std::vector<std::size_t> batch_atoms(const Params& p, std::size_t n) {
  const auto batches = static_cast<std::size_t>(p.integer("batches"));
  const auto batch = static_cast<std::size_t>(p.integer("batch"));
  const auto stride = static_cast<std::size_t>(p.integer("stride"));
  if (batch >= batches)
    throw Error(fmt::format("perturbation_probe: batch {} out of range, batches = {}", batch, batches));
  std::vector<std::size_t> atoms;
  for (std::size_t i = batch * n / batches; i < (batch + 1) * n / batches; i += stride) atoms.push_back(i);
  return atoms;
}

std::size_t map_rows(const PlanInfo& info) {
  const auto& p = info.params;
  return static_cast<std::size_t>(p.integer("map_atoms") * p.integer("dr_count") * p.integer("n_theta") *
                                  p.integer("n_phi"));
}

void run(UnitContext& ctx, UnitOutput& out) {
  AtomicSystem s = load_atomic_system(ctx);
  const std::vector<double> dr = dr_grid(ctx.params);
  const std::size_t chosen = nearest(dr, ctx.params.real("omega_dr"));
  const DirectionGrid grid(static_cast<int>(ctx.params.integer("n_theta")),
                           static_cast<int>(ctx.params.integer("n_phi")));
  const std::size_t n = s.config.size();
  const std::vector<std::size_t> atoms = batch_atoms(ctx.params, n);
  const auto map_atoms = static_cast<std::size_t>(ctx.params.integer("map_atoms"));
  // Local energy updates when the potential has them (prepared once for the sample);
  // otherwise each probe evaluates its atom's carved neighbourhood: every atom whose energy a
  // displacement changes lies within cutoff + dr_max of the atom.
  const std::unique_ptr<SingleAtomMove> moves = s.potential->single_atom_move(s.config, dr.back());
  const double reach = s.potential->cutoff() + dr.back();

  std::vector<double> omega(n, nan), omega_smallest(n, nan), dr_min_at(n, nan), de_atom_min(n, nan),
      de_sys_min(n, nan), mismatch(n, nan), region_atoms(n, nan);
  const std::size_t rows_per_atom = dr.size() * grid.size();
  std::vector<std::vector<double>> map(6, std::vector<double>(map_atoms * rows_per_atom, nan));
  double omega_sum = 0.0;
  for (std::size_t a = 0; a < atoms.size(); ++a) {
    ctx.check_deadline();
    const std::size_t i = atoms[a];
    AtomProbe probe;
    if (moves) {
      probe = probe_atom(*moves, i, dr, grid);
      region_atoms[i] = static_cast<double>(moves->neighbours() + 1);
    } else {
      // Exact atoms: all within reach of atom i (every energy a displacement changes);
      // per-atom energies of exact atoms need their neighbours within the cutoff.
      LocalRegion region = carve_region(s.config, std::span(&i, 1), reach, s.potential->cutoff());
      const auto local = static_cast<std::size_t>(std::find(region.parent.begin(), region.parent.end(), i) -
                                                  region.parent.begin());
      probe = probe_atom(region.config, region.exact, local, *s.potential, dr, grid);
      region_atoms[i] = static_cast<double>(region.config.size());
    }
    omega[i] = probe.negative_fraction(grid, chosen);
    omega_smallest[i] = probe.negative_fraction(grid, 0);
    const std::size_t m = probe.minimum();
    dr_min_at[i] = dr[m / grid.size()];
    de_atom_min[i] = probe.de_atom[m];
    de_sys_min[i] = *std::min_element(probe.de_sys.begin(), probe.de_sys.end());
    double worst = 0.0;
    for (std::size_t k = 0; k < rows_per_atom; ++k)
      worst = std::max(worst, std::abs(probe.de_sys[k] - 2.0 * probe.de_atom[k]));
    mismatch[i] = worst;
    omega_sum += omega[i];
    if (a < map_atoms) {
      for (std::size_t k = 0; k < rows_per_atom; ++k) {
        const std::size_t row = a * rows_per_atom + k;
        map[0][row] = static_cast<double>(i);
        map[1][row] = dr[k / grid.size()];
        map[2][row] = grid.theta(k % grid.size());
        map[3][row] = grid.phi(k % grid.size());
        map[4][row] = probe.de_atom[k];
        map[5][row] = probe.de_sys[k];
      }
    }
  }
  out.fields = {{static_cast<double>(atoms.size())},
                {static_cast<double>(grid.size())},
                {dr[chosen]},
                {atoms.empty() ? nan : omega_sum / static_cast<double>(atoms.size())},
                {static_cast<double>(atoms.size() * rows_per_atom)},
                std::move(omega),
                std::move(omega_smallest),
                std::move(dr_min_at),
                std::move(de_atom_min),
                std::move(de_sys_min),
                std::move(mismatch),
                std::move(region_atoms)};
  for (auto& column : map) out.fields.push_back(std::move(column));
}

}  // namespace

const UnitKind& perturbation_probe_unit_kind() {
  static const UnitKind kind{
      .name = "perturbation_probe",
      .summary = "single-atom perturbation probes: dE_atom and dE_sys over directions and dr, Ω(dE_atom<0)/4π",
      .params = concat(atomic_system_params(),
                       {
                           {.name = "batches", .type = ParamType::Int, .min = 1, .max = 1e9,
                            .default_value = std::int64_t{1}, .doc = "the sample's atoms are split into this many batches"},
                           {.name = "batch", .type = ParamType::Int, .min = 0, .max = 1e9,
                            .default_value = std::int64_t{0}, .doc = "this unit's batch, 0 … batches−1"},
                           {.name = "stride", .type = ParamType::Int, .min = 1, .max = 1e9,
                            .default_value = std::int64_t{1}, .doc = "probe every stride-th atom of the batch"},
                           {.name = "dr_min", .type = ParamType::Float, .unit = "length", .min = 1e-12, .max = 10,
                            .doc = "smallest displacement"},
                           {.name = "dr_max", .type = ParamType::Float, .unit = "length", .min = 1e-12, .max = 10,
                            .doc = "largest displacement"},
                           {.name = "dr_count", .type = ParamType::Int, .min = 1, .max = 1000,
                            .doc = "displacements, logarithmically spaced from dr_min to dr_max"},
                           {.name = "omega_dr", .type = ParamType::Float, .unit = "length", .min = 1e-12, .max = 10,
                            .doc = "Ω(dE_atom<0)/4π is reported at the grid dr nearest to this (log scale)"},
                           {.name = "n_theta", .type = ParamType::Int, .min = 1, .max = 3600,
                            .default_value = std::int64_t{18}, .doc = "polar-angle cells of the direction grid"},
                           {.name = "n_phi", .type = ParamType::Int, .min = 1, .max = 7200,
                            .default_value = std::int64_t{36}, .doc = "azimuth cells of the direction grid"},
                           {.name = "map_atoms", .type = ParamType::Int, .min = 0, .max = 1e6,
                            .default_value = std::int64_t{0},
                            .doc = "full maps (series `map`) of this many first probed atoms"},
                       }),
      .outputs =
          {
              {.name = "probed", .type = FieldType::Int64, .doc = "atoms probed by this unit"},
              {.name = "directions", .type = FieldType::Int64, .doc = "n_theta × n_phi"},
              {.name = "omega_dr", .unit = "length", .doc = "the grid dr at which Ω is reported"},
              {.name = "mean_omega_fraction", .doc = "mean over the probed atoms of Ω(dE_atom<0)/4π"},
              {.name = "evaluations", .type = FieldType::Int64, .doc = "atom-directions × dr values evaluated"},
              {.name = "omega_fraction", .per_atom = true, .doc = "Ω(dE_atom<0)/4π at omega_dr (NaN: not probed)"},
              {.name = "omega_fraction_smallest_dr", .per_atom = true, .doc = "Ω(dE_atom<0)/4π at dr_min"},
              {.name = "dr_at_minimum", .per_atom = true, .unit = "length",
               .doc = "dr of the smallest dE_atom over the grid"},
              {.name = "de_atom_min", .per_atom = true, .unit = "energy", .doc = "smallest dE_atom over the grid"},
              {.name = "de_sys_min", .per_atom = true, .unit = "energy", .doc = "smallest dE_sys over the grid"},
              {.name = "pair_mismatch", .per_atom = true, .unit = "energy",
               .doc = "max |dE_sys − 2 dE_atom| over the grid (round-off for pair potentials)"},
              {.name = "region_atoms", .type = FieldType::Int64, .per_atom = true,
               .doc = "atoms each probe evaluated: the atom and its neighbours within cutoff + dr_max "
                      "(periodic images counted) with local updates, else the carved neighbourhood"},
              {.name = "atom", .type = FieldType::Int64, .doc = "probed atom (0-based index)", .series = "map"},
              {.name = "dr", .unit = "length", .series = "map"},
              {.name = "theta", .unit = "rad", .doc = "polar angle from +z", .series = "map"},
              {.name = "phi", .unit = "rad", .doc = "azimuth from +x", .series = "map"},
              {.name = "de_atom", .unit = "energy", .doc = "change of the atom's own energy", .series = "map"},
              {.name = "de_sys", .unit = "energy", .doc = "change of the system's energy", .series = "map"},
          },
      .series = {{.name = "map", .rows = map_rows,
                  .doc = "map_atoms × dr_count × n_theta × n_phi rows: atom-major, then dr, θ, ϕ"}},
      // With local updates (pair and EAM potentials) ~4 µs per evaluation (CuZr EAM on the
      // loaded machine; LJ ~6x less) after ~20 µs per sample atom of preparation (loading,
      // neighbour list, EAM densities); without them ~1 ms per evaluation of a carved
      // neighbourhood of ~800 atoms.
      .expected_seconds = [](const PlanInfo& info) {
        const auto& p = info.params;
        const double sample = double(atomic_system_atoms(info));
        const double atoms = sample / double(p.integer("batches") * p.integer("stride"));
        return 2e-5 * sample + 4e-6 * atoms * double(p.integer("dr_count") * p.integer("n_theta") * p.integer("n_phi"));
      },
      .atom_count = atomic_system_atoms,
      .periodic = atomic_system_periodic,
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
