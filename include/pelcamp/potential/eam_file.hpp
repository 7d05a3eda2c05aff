#pragma once
// Readers for the three LAMMPS EAM file formats, read token for token as LAMMPS reads them
// (lines concatenated until a header has its words, text after '#' ignored, blank lines
// skipped, values of a table spread over any number of lines, surplus values on a table's
// last line dropped), and converted to common grids as LAMMPS pair_eam does before it
// splines them:
//   eam        (funcfl, DYNAMO single element): F(ρ), Z(r), ρ(r) of one element per file.
//              Files are resampled to one grid (the largest spacings and ranges among the
//              files, with LAMMPS's four-point Lagrange interpolation) and the pair term is
//              r φ_ab(r) = 27.2 · 0.529 · Z_a(r) Z_b(r), Z in √(Hartree·Bohr), so that φ is
//              in eV with r in Å. The element is named by the atomic number on line 2.
//   eam/alloy  (setfl): N elements; F(ρ) and ρ(r) per element, r φ(r) per element pair.
//   eam/fs     (Finnis–Sinclair): as setfl, but ρ(r) per ordered element pair.
// Malformed files (truncated tables, non-numeric tokens, wrong counts) throw InputError with
// the file and line.
#include <string>
#include <vector>

namespace pelcamp {

// An EAM model as functions tabulated on uniform grids (the arrays LAMMPS splines): knot k
// (0-based) of a density-argument table is at ρ = k·drho, of a distance table at r = k·dr.
struct EamTables {
  std::vector<std::string> elements;  // element names, in the file's order
  std::vector<double> masses;         // amu, per element
  int nrho = 0;                       // knots of each embedding table
  double drho = 0.0;                  // density spacing
  int nr = 0;                         // knots of each density and pair table
  double dr = 0.0;                    // distance spacing, Å
  // Beyond this density the embedding energy continues linearly with the slope at the table's
  // end (LAMMPS); for funcfl it lies one spacing beyond the last knot, as in LAMMPS.
  double rhomax = 0.0;
  double cutoff = 0.0;  // Å
  std::vector<std::vector<double>> embedding;  // F_a(ρ), eV, per element a
  // density[a * n + b]: density at an atom of element b due to an atom of element a.
  std::vector<std::vector<double>> density;
  // pair[a * n + b] = r φ_ab(r), eV·Å (symmetric in a, b).
  std::vector<std::vector<double>> pair;

  std::size_t num_elements() const { return elements.size(); }
  // Index of the named element; throws pelcamp::Error listing the elements when absent.
  // `source` names the file(s) in the message.
  int element_index(const std::string& name, const std::string& source) const;
};

// Reads one or more funcfl files (one element each, distinct elements).
EamTables read_eam_funcfl(const std::vector<std::string>& paths);
EamTables read_eam_setfl(const std::string& path);
EamTables read_eam_fs(const std::string& path);

}  // namespace pelcamp
