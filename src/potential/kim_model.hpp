#pragma once
// Internal to the OpenKIM adapter (src/potential/kim_*.cpp, the files built only when CMake
// finds libkim-api): the KIM API's log routed into pelcamp's errors, the lookup of
// installed portable models (with the closest names for a misspelled one), model creation
// in LAMMPS metal units and the species a model supports.
#include <KIM_SimulatorHeaders.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pelcamp::kim {

// " (KIM API: MESSAGE)" with the latest error the KIM API logged on this thread, or "" if
// none since clear_error_detail(). Appended to the pelcamp::Error messages of KIM failures.
std::string error_detail();
// Forgets the latest logged error, before a KIM call whose failure is to be explained.
void clear_error_detail();

// `items` joined by `separator`.
std::string join(const std::vector<std::string>& items, const char* separator = ", ");

// Throws unless `name` is an installed portable model (naming the closest installed ones).
void require_portable_model(const std::string& name);
// The model driver named in the model's kimspec.edn ("" for a stand-alone model).
std::string model_driver_name(const std::string& model_name);

struct ModelDeleter {
  void operator()(KIM::Model* m) const { KIM::Model::Destroy(&m); }
};
using ModelPtr = std::unique_ptr<KIM::Model, ModelDeleter>;

// The installed portable model `name`, created in metal units (Å, eV, e, K, ps).
ModelPtr create_model(const std::string& name);

// Supported species and their codes, in code order.
std::vector<std::pair<std::string, int>> supported_species(const KIM::Model& model);
std::vector<std::string> species_names(const std::vector<std::pair<std::string, int>>& coded);

// The MODEL of a registry specification `STYLE:MODEL` (`args` are the fields after STYLE).
std::string single_model_argument(const std::vector<std::string>& args, const char* style);

}  // namespace pelcamp::kim
