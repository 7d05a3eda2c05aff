// `kim-native:MODEL`: a tabulated-EAM OpenKIM model on pelcamp's native EAM path.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "kim_model.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/kim_potential.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp {

namespace {

// `kim-native:MODEL`: the exported table on the native EAM path, bound to configuration
// species by name like kim:MODEL. It reports itself by the model name (reproducible across
// machines, unlike the cache path) and, like the KIM model, defines no masses.
class KimNativePotential final : public Potential {
 public:
  KimNativePotential(std::string model_name, KimEamTable table)
      : model_name_(std::move(model_name)), table_(std::move(table)) {
    inner_ = make_potential(table_.style + ":" + table_.path + ":" + kim::join(table_.elements, ","));
  }
  KimNativePotential(const KimNativePotential& other)
      : model_name_(other.model_name_), table_(other.table_), inner_(other.inner_->clone()),
        settings_(other.settings_) {}

  std::string name() const override { return "kim-native:" + model_name_; }
  const std::vector<std::string>& elements() const override { return inner_->elements(); }
  double cutoff() const override { return inner_->cutoff(); }
  std::string units() const override { return "metal"; }

  void compute(const Configuration& config, const ComputeRequest& request,
               ComputeResult& result) override {
    bind(config);
    inner_->compute(config, request, result);
  }
  void hessian_vector(const Configuration& config, const std::vector<Vec3>& v,
                      std::vector<Vec3>& out) override {
    bind(config);
    inner_->hessian_vector(config, v, out);
  }
  void set_neighbor_settings(const NeighborSettings& settings) override {
    settings_ = settings;
    inner_->set_neighbor_settings(settings);
  }
  std::unique_ptr<Potential> clone() const override {
    return std::make_unique<KimNativePotential>(*this);
  }

 private:
  // Rebuilds the native potential with the configuration's species names as its element
  // list (LAMMPS `pair_coeff * * FILE names...`) when they differ from the current one.
  void bind(const Configuration& config) {
    const auto& bound = inner_->elements();
    if (std::equal(config.species.begin(), config.species.end(), bound.begin(), bound.end(),
                   [](const Species& s, const std::string& e) { return s.name == e; }))
      return;
    std::vector<std::string> names;
    for (const auto& s : config.species) names.push_back(s.name);
    for (std::size_t t = 0; t < names.size(); ++t)
      if (std::find(table_.elements.begin(), table_.elements.end(), names[t]) == table_.elements.end())
        throw Error(fmt::format("OpenKIM model {} does not support species '{}' (configuration "
                                "type {}); the model's species are: {}",
                                model_name_, names[t], t + 1, kim::join(table_.elements)));
    inner_ = make_potential(table_.style + ":" + table_.path + ":" + kim::join(names, ","));
    if (settings_) inner_->set_neighbor_settings(*settings_);
  }

  std::string model_name_;
  KimEamTable table_;
  std::unique_ptr<Potential> inner_;
  std::optional<NeighborSettings> settings_;
};

}  // namespace

std::unique_ptr<Potential> make_kim_native_potential(const std::vector<std::string>& args) {
  const std::string model = kim::single_model_argument(args, "kim-native");
  return std::make_unique<KimNativePotential>(model, export_kim_eam_table(model, kim_cache_directory()));
}

}  // namespace pelcamp