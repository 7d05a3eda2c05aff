#include "kim_model.hpp"

#include <KIM_Log.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/kim_potential.hpp"

namespace pelcamp::kim {

namespace {

// ---- KIM log ----------------------------------------------------------------------------
// By default the KIM API writes every message down to "information" level into ./kim.log
// of whatever directory the process runs in. pelcamp keeps only errors, routes them through
// its own print function, and quotes the latest one in the pelcamp::Error it throws.
thread_local std::string last_kim_message;

int capture_kim_log(std::string const& entry) {
  // Entries look like "DATE * N * error * ID * FILE:LINE * message".
  const auto at = entry.rfind(" * ");
  std::string message = at == std::string::npos ? entry : entry.substr(at + 3);
  while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back()))) message.pop_back();
  last_kim_message = message;
  return 0;
}

void route_kim_log() {
  static std::once_flag once;
  std::call_once(once, [] {
    KIM::Log::PushDefaultVerbosity(KIM::LOG_VERBOSITY::error);
    KIM::Log::PushDefaultPrintFunction(KIM::LANGUAGE_NAME::cpp,
                                       reinterpret_cast<KIM::Function*>(&capture_kim_log));
  });
}

// ---- collections ------------------------------------------------------------------------
struct CollectionsDeleter {
  void operator()(KIM::Collections* c) const { KIM::Collections::Destroy(&c); }
};
using CollectionsPtr = std::unique_ptr<KIM::Collections, CollectionsDeleter>;

CollectionsPtr open_collections() {
  route_kim_log();
  KIM::Collections* c = nullptr;
  if (KIM::Collections::Create(&c) || c == nullptr)
    throw Error("cannot open the KIM API collections" + error_detail());
  return CollectionsPtr(c);
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Up to five installed portable models closest to `name` by edit distance.
std::vector<std::string> close_model_names(const std::string& name) {
  auto models = installed_kim_models();
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (auto& m : models) ranked.emplace_back(edit_distance(name, m), std::move(m));
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (std::size_t k = 0; k < ranked.size() && k < 5; ++k) out.push_back(ranked[k].second);
  return out;
}

}  // namespace

std::string error_detail() {
  return last_kim_message.empty() ? std::string() : " (KIM API: " + last_kim_message + ")";
}

void clear_error_detail() { last_kim_message.clear(); }

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

void require_portable_model(const std::string& name) {
  auto collections = open_collections();
  KIM::CollectionItemType type;
  if (collections->GetItemType(name, &type)) {
    const auto close = close_model_names(name);
    throw Error(fmt::format(
        "unknown OpenKIM model '{}': no installed KIM item has this name. List the installed "
        "portable models with `kim-api-collections-management list`{}",
        name, close.empty() ? std::string() : "; closest names: " + join(close)));
  }
  if (type != KIM::COLLECTION_ITEM_TYPE::portableModel)
    throw Error(fmt::format("OpenKIM item '{}' is a {}, not a portable model; pelcamp can only run "
                            "portable models (kim:MODEL)",
                            name, type.ToString()));
}

// The model driver named in the model's kimspec.edn ("" for a stand-alone model).
std::string model_driver_name(const std::string& model_name) {
  auto collections = open_collections();
  int count = 0;
  if (collections->CacheListOfItemMetadataFiles(KIM::COLLECTION_ITEM_TYPE::portableModel,
                                                model_name, &count))
    throw Error("cannot read the metadata of OpenKIM model " + model_name + error_detail());
  for (int k = 0; k < count; ++k) {
    std::string const* file_name = nullptr;
    int as_string = 0;
    std::string const* text = nullptr;
    collections->GetItemMetadataFile(k, &file_name, nullptr, nullptr, &as_string, &text);
    if (*file_name != "kimspec.edn" || !as_string) continue;
    // kimspec.edn holds  "model-driver" "NAME"  among its key/value pairs.
    const auto key = text->find("\"model-driver\"");
    if (key == std::string::npos) return "";
    const auto open = text->find('"', key + 14);
    const auto close = open == std::string::npos ? open : text->find('"', open + 1);
    if (close == std::string::npos) return "";
    return text->substr(open + 1, close - open - 1);
  }
  return "";
}

// ---- model ------------------------------------------------------------------------------
ModelPtr create_model(const std::string& name) {
  require_portable_model(name);
  last_kim_message.clear();
  int units_accepted = 0;
  KIM::Model* model = nullptr;
  if (KIM::Model::Create(KIM::NUMBERING::zeroBased, KIM::LENGTH_UNIT::A, KIM::ENERGY_UNIT::eV,
                         KIM::CHARGE_UNIT::e, KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps, name,
                         &units_accepted, &model))
    throw Error("cannot create OpenKIM model " + name + error_detail());
  ModelPtr owned(model);
  if (!units_accepted)
    throw Error("OpenKIM model " + name + " does not accept metal units (Å, eV, e, K, ps)");
  return owned;
}

// Supported species and their codes, in code order.
std::vector<std::pair<std::string, int>> supported_species(const KIM::Model& model) {
  int count = 0;
  KIM::SPECIES_NAME::GetNumberOfSpeciesNames(&count);
  std::vector<std::pair<std::string, int>> coded;
  for (int k = 0; k < count; ++k) {
    KIM::SpeciesName species;
    KIM::SPECIES_NAME::GetSpeciesName(k, &species);
    int supported = 0, code = 0;
    if (!model.GetSpeciesSupportAndCode(species, &supported, &code) && supported)
      coded.emplace_back(species.ToString(), code);
  }
  std::sort(coded.begin(), coded.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return coded;
}

std::vector<std::string> species_names(const std::vector<std::pair<std::string, int>>& coded) {
  std::vector<std::string> names;
  for (const auto& c : coded) names.push_back(c.first);
  return names;
}

std::string single_model_argument(const std::vector<std::string>& args, const char* style) {
  if (args.size() != 1 || args[0].empty())
    throw Error(fmt::format("{} expects {}:MODEL with an installed OpenKIM portable model name "
                            "(list them with `kim-api-collections-management list`), got {} field(s)",
                            style, style, args.size()));
  return args[0];
}

}  // namespace pelcamp::kim

namespace pelcamp {

std::vector<std::string> installed_kim_models() {
  auto collections = kim::open_collections();
  int count = 0;
  collections->CacheListOfItemNamesByType(KIM::COLLECTION_ITEM_TYPE::portableModel, &count);
  std::vector<std::string> names;
  for (int k = 0; k < count; ++k) {
    std::string const* name = nullptr;
    if (!collections->GetItemNameByType(k, &name)) names.push_back(*name);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace pelcamp
