#include "pelcamp/units/structure_analysis_unit.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>

#include "pelcamp/analysis/atomic_stress.hpp"
#include "pelcamp/analysis/density.hpp"
#include "pelcamp/analysis/excess_entropy.hpp"
#include "pelcamp/analysis/radial_distribution.hpp"
#include "pelcamp/analysis/voronoi.hpp"
#include "pelcamp/analysis/voronoi_statistics.hpp"
#include "pelcamp/potential/registry.hpp"
#include "pelcamp/units/atomic_system.hpp"

namespace pelcamp::units {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Partial RDF columns: species pairs a ≤ b of up to three species, (0,0) (0,1) (0,2) (1,1)
// (1,2) (2,2); pairs of absent species are NaN.
constexpr std::size_t kMaxSpecies = 3;
constexpr int kPairs = 6;

// "Cu:1.28,Zr:1.60" -> radius of each species of the configuration, by name.
std::vector<double> species_radii(const std::string& text, const Configuration& config) {
  std::map<std::string, double> radius;
  for (const auto& item : split_list(text, ',')) {
    const auto parts = split_list(item, ':');
    char* end = nullptr;
    const double r = parts.size() == 2 ? std::strtod(parts[1].c_str(), &end) : -1.0;
    if (parts.size() != 2 || *end != '\0' || !(r >= 0))
      throw Error("voronoi_radii '" + text + "': expected NAME:RADIUS,NAME:RADIUS,… with radii >= 0");
    radius[parts[0]] = r;
  }
  std::vector<double> radii;
  for (const auto& s : config.species) {
    auto it = radius.find(s.name);
    if (it == radius.end())
      throw Error("voronoi_radii '" + text + "' has no radius for species " + s.name +
                  " (radical tessellation needs one per species)");
    radii.push_back(it->second);
  }
  return radii;
}

void run(UnitContext& ctx, UnitOutput& out) {
  AtomicSystem s = load_atomic_system(ctx);
  const Configuration& c = s.config;
  if (!c.box.periodic(0) || !c.box.periodic(1) || !c.box.periodic(2))
    throw Error("structure_analysis: the structure must be periodic in x, y and z");
  if (c.num_species() > kMaxSpecies)
    throw Error("structure_analysis: partial RDF columns cover up to 3 species, the structure has " +
                std::to_string(c.num_species()));
  const UnitSystem units = UnitSystem::by_name(s.potential->units());
  const double n = static_cast<double>(c.size());

  ComputeResult result;
  s.potential->compute(c, {.forces = true, .per_atom_energy = true, .virial = true, .per_atom_virial = true},
                       result);

  VoronoiOptions voronoi;
  voronoi.radical = ctx.params.text("voronoi") == "radical";
  if (voronoi.radical) voronoi.species_radii = species_radii(ctx.params.text("voronoi_radii"), c);
  voronoi.min_face_area_fraction = ctx.params.real("min_face_area_fraction");
  const VoronoiTessellation cells = compute_voronoi(c, voronoi);
  const std::vector<Sym6> stress = atomic_stress(result.per_atom_virial, cells.volumes, units);

  RdfOptions rdf_options;
  rdf_options.r_max = ctx.params.real("rdf_r_max");
  rdf_options.bins = static_cast<int>(ctx.params.integer("rdf_bins"));
  const RadialDistribution rdf = compute_rdf(c, rdf_options);

  const SampleDensity density = sample_density(c, units);
  const double entropy = structural_entropy(cells.indices);
  double offset_sum = 0.0;
  for (double u : cells.centroid_offsets) offset_sum += u;

  // f<0,0,12,0> among the atoms of each species (e.g. Cu-centred icosahedra).
  std::vector<double> icosahedral_by_species(kMaxSpecies, kNaN);
  for (std::size_t a = 0; a < c.num_species(); ++a) {
    std::vector<VoronoiIndex> of_species;
    for (std::size_t i = 0; i < c.size(); ++i)
      if (static_cast<std::size_t>(c.types[i]) == a) of_species.push_back(cells.indices[i]);
    if (!of_species.empty()) icosahedral_by_species[a] = icosahedral_fraction(of_species);
  }
  std::vector<double> indices, faces, atomic_stress_values;
  for (std::size_t i = 0; i < c.size(); ++i) {
    for (int k : cells.indices[i]) indices.push_back(k);
    faces.push_back(cells.face_counts[i]);
    atomic_stress_values.insert(atomic_stress_values.end(), stress[i].begin(), stress[i].end());
  }
  std::vector<double> partial(rdf.r.size() * kPairs, kNaN);
  int pair = 0;
  for (std::size_t a = 0; a < kMaxSpecies; ++a)
    for (std::size_t b = a; b < kMaxSpecies; ++b, ++pair)
      if (b < rdf.num_species())
        for (std::size_t k = 0; k < rdf.r.size(); ++k) partial[k * kPairs + pair] = rdf.partial[a][b][k];

  out.fields = {{result.energy / n},
                {max_force_norm(result.forces)},
                {density.number},
                {density.mass},
                {virial_pressure(c, result.virial, units)},
                {icosahedral_fraction(cells.indices)},
                icosahedral_by_species,
                {entropy},
                {std::exp(entropy)},
                {static_cast<double>(index_populations(cells.indices).size())},
                {two_body_excess_entropy(rdf)},
                {offset_sum / n},
                indices,
                cells.volumes,
                faces,
                cells.centroid_offsets,
                result.per_atom_energy,
                atomic_stress_values,
                rdf.r,
                rdf.total,
                partial};
}

std::size_t rdf_rows(const PlanInfo& info) { return static_cast<std::size_t>(info.params.integer("rdf_bins")); }

}  // namespace

const UnitKind& structure_analysis_unit_kind() {
  static const UnitKind kind{
      .name = "structure_analysis",
      .summary = "RDFs, s2, Voronoi indices/volumes/|u|, f<0,0,12,0>, structural entropy, density, E, atomic stress",
      .params = concat(
          atomic_system_params(),
          {
              {.name = "rdf_r_max", .type = ParamType::Float, .unit = "length", .min = 1e-6, .max = 1e4,
               .default_value = 10.0,
               .doc = "RDF range, also the s2 cut-off (10 Å: ~3 shells of CuZr; use ~5 σ for lj)"},
              {.name = "rdf_bins", .type = ParamType::Int, .min = 1, .max = 1e6,
               .default_value = std::int64_t{200}, .doc = "RDF bins (rows of the rdf series)"},
              {.name = "voronoi", .type = ParamType::Choice, .default_value = std::string("plain"),
               .doc = "plain (bisecting planes) or radical (Laguerre, voronoi_radii)",
               .choices = {"plain", "radical"}},
              {.name = "voronoi_radii", .type = ParamType::String, .unit = "length",
               .default_value = std::string(), .doc = "NAME:RADIUS,… per species for radical (e.g. Cu:1.28,Zr:1.60)"},
              {.name = "min_face_area_fraction", .type = ParamType::Float, .min = 0, .max = 0.999,
               .default_value = 0.0,
               .doc = "faces below this fraction of the cell's area are left out of the index (0: keep all)"},
          }),
      .outputs =
          {
              {.name = "energy", .unit = "energy/atom",
               .doc = "potential energy per atom of the structure as given (E_IS for an inherent structure)"},
              {.name = "fmax", .unit = "energy/length", .doc = "largest force: ~0 for an inherent structure"},
              {.name = "number_density", .unit = "1/length^3", .doc = "N/V"},
              {.name = "mass_density", .unit = "g/cm^3 (metal)", .doc = "LAMMPS `density`"},
              {.name = "pressure", .unit = "pressure", .doc = "virial pressure tr(W)/3V (no kinetic term)"},
              {.name = "icosahedral_fraction", .doc = "f<0,0,12,0>: fraction of atoms with that Voronoi index"},
              {.name = "icosahedral_fraction_by_species", .width = 3,
               .doc = "f<0,0,12,0> among the atoms of species 0, 1, 2 (type order; NaN when absent)"},
              {.name = "structural_entropy", .unit = "nats",
               .doc = "−Σ p ln p over populations of <n3,n4,n5,n6> (all atoms)"},
              {.name = "structural_diversity", .doc = "exp(structural_entropy): effective number of motifs"},
              {.name = "distinct_indices", .type = FieldType::Int64, .doc = "Voronoi indices present"},
              {.name = "excess_entropy", .unit = "k_B/atom",
               .doc = "two-body excess entropy s2 from the partial RDFs up to rdf_r_max"},
              {.name = "mean_centroid_offset", .unit = "length",
               .doc = "<|u|>: mean atom–cell-vertex-centroid distance"},
              {.name = "voronoi_index", .type = FieldType::Int64, .width = 4, .per_atom = true,
               .doc = "<n3,n4,n5,n6>: faces with 3…6 edges"},
              {.name = "voronoi_volume", .per_atom = true, .unit = "length^3", .doc = "cell volume (sums to V)"},
              {.name = "voronoi_faces", .type = FieldType::Int64, .per_atom = true,
               .doc = "faces kept: the Voronoi coordination number"},
              {.name = "centroid_offset", .per_atom = true, .unit = "length",
               .doc = "|u|: distance from the atom to the mean of its cell's vertices"},
              {.name = "atomic_energy", .per_atom = true, .unit = "energy", .doc = "per-atom potential energy"},
              {.name = "atomic_stress", .width = 6, .per_atom = true, .unit = "pressure",
               .doc = "−nktv2p W_i/V_i, xx yy zz xy xz yz (LAMMPS stress/atom ÷ Voronoi volume; compression < 0)"},
              {.name = "r", .unit = "length", .doc = "bin centre", .series = "rdf"},
              {.name = "g", .doc = "total g(r), ideal-gas normalised", .series = "rdf"},
              {.name = "g_partial", .width = 6,
               .doc = "g_ab(r) for species pairs 00 01 02 11 12 22 (type order; NaN when absent)", .series = "rdf"},
          },
      .series = {{.name = "rdf", .rows = rdf_rows, .doc = "radial distribution functions"}},
      .expected_seconds = [](const PlanInfo& info) { return 2e-5 * double(atomic_system_atoms(info)); },
      .atom_count = atomic_system_atoms,
      .periodic = atomic_system_periodic,
      .run = run,
  };
  return kind;
}

}  // namespace pelcamp::units
