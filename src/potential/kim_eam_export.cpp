// The native path for tabulated-EAM OpenKIM models: their tables read through the KIM API
// parameters and written as LAMMPS EAM files (kim_potential.hpp, export_kim_eam_table).
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <thread>

#include "kim_model.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/kim_potential.hpp"

namespace pelcamp {

namespace {

// The model's parameters (all of type Double) by name.
std::map<std::string, std::vector<double>> double_parameters(const KIM::Model& model) {
  std::map<std::string, std::vector<double>> out;
  int count = 0;
  model.GetNumberOfParameters(&count);
  for (int k = 0; k < count; ++k) {
    KIM::DataType type;
    int extent = 0;
    std::string const* name = nullptr;
    model.GetParameterMetadata(k, &type, &extent, &name, nullptr);
    if (type != KIM::DATA_TYPE::Double) continue;
    auto& values = out[*name];
    values.resize(extent);
    for (int e = 0; e < extent; ++e) model.GetParameter(k, e, &values[e]);
  }
  return out;
}

int atomic_number(const std::string& species) {
  // KIM's species list is ordered electron, H, He, ... so an element's index is its Z.
  int count = 0;
  KIM::SPECIES_NAME::GetNumberOfSpeciesNames(&count);
  for (int k = 1; k < count && k <= 118; ++k) {
    KIM::SpeciesName name;
    KIM::SPECIES_NAME::GetSpeciesName(k, &name);
    if (name.ToString() == species) return k;
  }
  return 0;
}

void append_values(std::string& out, const double* values, std::size_t count) {
  for (std::size_t k = 0; k < count; ++k)
    out += fmt::format("{:.17g}{}", values[k], (k % 5 == 4 || k + 1 == count) ? "\n" : " ");
}

// Writes `text` to `path` unless the file already holds exactly it. The rename makes the
// write atomic, so concurrent workers exporting the same model never see a partial file.
void write_if_changed(const std::filesystem::path& path, const std::string& text) {
  {
    std::ifstream in(path, std::ios::binary);
    if (in && std::string(std::istreambuf_iterator<char>(in), {}) == text) return;
  }
  auto temporary = path;
  temporary += fmt::format(".tmp{}.{}", ::getpid(), std::hash<std::thread::id>()(std::this_thread::get_id()));
  {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    if (!out.flush()) throw InputError(temporary.string(), 0, "cannot write the exported EAM table");
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) throw InputError(path.string(), 0, "cannot write the exported EAM table: " + ec.message());
}

}  // namespace

KimEamTable export_kim_eam_table(const std::string& model_name, const std::string& directory) {
  kim::require_portable_model(model_name);
  const std::string driver = kim::model_driver_name(model_name);
  if (driver.rfind("EAM_Dynamo_", 0) != 0)
    throw Error(fmt::format("OpenKIM model {} (model driver '{}') is not a tabulated EAM of the "
                            "EAM_Dynamo driver, so it has no native path; use kim:{}",
                            model_name, driver.empty() ? "none" : driver, model_name));
  const auto model = kim::create_model(model_name);
  const auto parameters = double_parameters(*model);
  const auto species = kim::species_names(kim::supported_species(*model));
  auto get = [&](const char* name) -> const std::vector<double>& {
    const auto it = parameters.find(name);
    if (it == parameters.end() || it->second.empty())
      throw Error(fmt::format("OpenKIM model {} does not publish the EAM_Dynamo parameter '{}'",
                              model_name, name));
    return it->second;
  };
  const double cutoff = get("cutoff").at(0), drho = get("deltaRho").at(0), dr = get("deltaR").at(0);
  const auto& embedding = get("embeddingData");
  const auto& pair = get("rPhiData");
  const auto& density = get("densityData");

  // Extents: F is N × Nrho, r·φ is N(N+1)/2 × Nr, ρ is N × Nr (setfl) or N² × Nr (FS).
  const std::size_t n = species.size();
  const std::size_t pairs = n * (n + 1) / 2;
  const std::size_t nrho = embedding.size() / n, nr = pair.size() / pairs;
  const bool fs = n > 1 && density.size() == n * n * nr;
  if (n == 0 || embedding.size() != n * nrho || pair.size() != pairs * nr ||
      (density.size() != n * nr && !fs))
    throw Error(fmt::format("OpenKIM model {}: EAM_Dynamo tables of unexpected sizes (F {}, r*phi "
                            "{}, rho {} for {} species)",
                            model_name, embedding.size(), pair.size(), density.size(), n));

  // LAMMPS setfl / FS layout (see LAMMPS pair_style eam): three comment lines, the element
  // line, the grid line, per element "Z mass a0 lattice", F(ρ) and ρ(r) (FS: one ρ per
  // element pair), then r·φ(r) for each pair i ≥ j.
  std::string text = fmt::format(
      "pelcamp export of OpenKIM model {} (driver {})\n"
      "tables read through the KIM API parameters, printed exactly (17 digits)\n"
      "Z is the atomic number; the KIM model defines no mass: the mass column is a placeholder 1.0\n",
      model_name, driver);
  text += fmt::format("{} {}\n", n, kim::join(species, " "));
  text += fmt::format("{} {:.17g} {} {:.17g} {:.17g}\n", nrho, drho, nr, dr, cutoff);
  const std::size_t densities_per_element = fs ? n : 1;
  for (std::size_t e = 0; e < n; ++e) {
    text += fmt::format("{} 1.0 0.0 unknown\n", atomic_number(species[e]));
    append_values(text, &embedding[e * nrho], nrho);
    for (std::size_t k = 0; k < densities_per_element; ++k)
      append_values(text, &density[(e * densities_per_element + k) * nr], nr);
  }
  append_values(text, pair.data(), pair.size());

  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) throw InputError(directory, 0, "cannot create the directory for exported EAM tables: " + ec.message());
  const std::string style = fs ? "eam/fs" : "eam/alloy";
  const auto path = std::filesystem::path(directory) / (model_name + (fs ? ".eam.fs" : ".eam.alloy"));
  write_if_changed(path, text);
  return {style, path.string(), species};
}

std::string kim_cache_directory() {
  namespace fs = std::filesystem;
  if (const char* dir = std::getenv("PELCAMP_CACHE_DIR"); dir && *dir) return (fs::path(dir) / "kim").string();
  if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir && *dir)
    return (fs::path(dir) / "pelcamp" / "kim").string();
  if (const char* home = std::getenv("HOME"); home && *home)
    return (fs::path(home) / ".cache" / "pelcamp" / "kim").string();
  throw Error("kim-native: no cache directory for exported tables; set PELCAMP_CACHE_DIR");
}

}  // namespace pelcamp
