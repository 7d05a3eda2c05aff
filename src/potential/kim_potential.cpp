// The OpenKIM adapter: the one file of pelcamp that uses libkim-api.
#include "pelcamp/potential/kim_potential.hpp"

#include <KIM_Log.hpp>
#include <KIM_SimulatorHeaders.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "pelcamp/core/error.hpp"
#include "pelcamp/neighbor/neighbor_list.hpp"
#include "pelcamp/potential/registry.hpp"

namespace pelcamp {

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

std::string kim_detail() {
  return last_kim_message.empty() ? std::string() : " (KIM API: " + last_kim_message + ")";
}

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
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
    throw Error("cannot open the KIM API collections" + kim_detail());
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

// Throws unless `name` is an installed portable model.
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
    throw Error("cannot read the metadata of OpenKIM model " + model_name + kim_detail());
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
struct ModelDeleter {
  void operator()(KIM::Model* m) const { KIM::Model::Destroy(&m); }
};
using ModelPtr = std::unique_ptr<KIM::Model, ModelDeleter>;

ModelPtr create_model(const std::string& name) {
  require_portable_model(name);
  last_kim_message.clear();
  int units_accepted = 0;
  KIM::Model* model = nullptr;
  if (KIM::Model::Create(KIM::NUMBERING::zeroBased, KIM::LENGTH_UNIT::A, KIM::ENERGY_UNIT::eV,
                         KIM::CHARGE_UNIT::e, KIM::TEMPERATURE_UNIT::K, KIM::TIME_UNIT::ps, name,
                         &units_accepted, &model))
    throw Error("cannot create OpenKIM model " + name + kim_detail());
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

// Converts a KIM virial (Voigt order xx yy zz yz xz xy, sign of +∂E/∂ε) to pelcamp's
// W = Σ r⊗f in LAMMPS order xx yy zz xy xz yz, exactly as LAMMPS's pair_style kim does.
Sym6 from_kim_virial(const double* v) { return {-v[0], -v[1], -v[2], -v[5], -v[4], -v[3]}; }

// ---- particles and neighbour lists ------------------------------------------------------
// What the KIM API is given: the N configuration atoms (contributing particles) followed by
// the periodic images of atoms within the model's influence distance of some atom
// (non-contributing padding particles), and one full neighbour list per model cutoff.
//
// Built from pelcamp's full Verlet list (cutoff = influence distance): an entry (j, shift
// m) of atom i is atom j itself when m = 0 and otherwise the padding particle "image of j
// by lattice vector m", created once per distinct (j, m). This is correct for triclinic and
// small boxes (an atom may appear as several of its own images) and needs no wrapping.
// Lists hold every particle within cutoff + skin at build time (KIM allows neighbours
// beyond the cutoff), so they stay valid until the Verlet list's half-skin criterion
// rebuilds them; padding coordinates are refreshed at every call.
//
// A list whose "neighbours of padding particles not needed" hint is 0 also gets lists for
// padding particles: the images of the owner's neighbours that exist as particles (those
// near the padding boundary are incomplete, as in LAMMPS's ghost lists).
class KimParticles {
 public:
  KimParticles(double influence, std::vector<double> cutoffs, std::vector<int> padding_not_needed,
               double skin)
      : cutoffs_(std::move(cutoffs)),
        padding_not_needed_(std::move(padding_not_needed)),
        skin_(skin),
        verlet_(std::max(influence, *std::max_element(cutoffs_.begin(), cutoffs_.end())), skin,
                NeighborList::Kind::full),
        lists_(cutoffs_.size()) {}

  void update(const Configuration& config) {
    if (verlet_.update(config)) rebuild(config);
    const auto& shifts = verlet_.shifts();
    coordinates_.resize(3 * owner_.size());
    for (std::size_t p = 0; p < owner_.size(); ++p) {
      Vec3 x = config.positions[owner_[p]];
      if (p >= num_atoms_) x += shifts[padding_shift_[p - num_atoms_]];
      for (int d = 0; d < 3; ++d) coordinates_[3 * p + d] = x(d);
    }
  }

  int count() const { return static_cast<int>(owner_.size()); }
  std::size_t num_atoms() const { return num_atoms_; }
  // Configuration atom of each particle (itself for the first num_atoms()).
  const std::vector<int>& owner() const { return owner_; }
  double* coordinates() { return coordinates_.data(); }
  const double* coordinates() const { return coordinates_.data(); }

  // KIM::GetNeighborListFunction; `data` is the KimParticles.
  static int get_neighbor_list(void* const data, int const number_of_lists,
                               double const* const cutoffs, int const list, int const particle,
                               int* const number_of_neighbors, int const** const neighbors) {
    (void)number_of_lists;
    (void)cutoffs;
    const auto& self = *static_cast<const KimParticles*>(data);
    if (list < 0 || list >= static_cast<int>(self.lists_.size())) return 1;
    const auto& l = self.lists_[list];
    // A padding particle's list when the model said it would not ask for one: refuse.
    if (particle < 0 || particle + 1 >= static_cast<int>(l.offsets.size())) return 1;
    *number_of_neighbors = l.offsets[particle + 1] - l.offsets[particle];
    *neighbors = l.neighbors.data() + l.offsets[particle];
    return 0;
  }

 private:
  struct ImageKey {
    int atom;
    Image m;
    bool operator==(const ImageKey& o) const { return atom == o.atom && m == o.m; }
  };
  struct ImageKeyHash {
    std::size_t operator()(const ImageKey& k) const {
      std::size_t h = std::hash<int>()(k.atom);
      for (int c : k.m) h = h * 1000003u ^ std::hash<int>()(c);
      return h;
    }
  };
  struct CsrList {
    std::vector<int> offsets;
    std::vector<int> neighbors;
  };

  static bool is_zero(const Image& m) { return m[0] == 0 && m[1] == 0 && m[2] == 0; }
  static Image add(const Image& a, const Image& b) { return {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }

  void rebuild(const Configuration& config) {
    const auto& offsets = verlet_.offsets();
    const auto& neighbors = verlet_.neighbors();
    const auto& shift_ids = verlet_.shift_ids();
    const auto& shifts = verlet_.shifts();
    const auto& x = config.positions;

    // Integer lattice vector of each shift (the list stores h m; h is invertible).
    std::vector<Image> lattice(shifts.size(), Image{0, 0, 0});
    if (!config.box.unbounded())
      for (std::size_t s = 0; s < shifts.size(); ++s) {
        const Vec3 m = config.box.h_inv() * shifts[s];
        lattice[s] = {static_cast<int>(std::lround(m(0))), static_cast<int>(std::lround(m(1))),
                      static_cast<int>(std::lround(m(2)))};
      }

    num_atoms_ = config.size();
    owner_.resize(num_atoms_);
    for (std::size_t i = 0; i < num_atoms_; ++i) owner_[i] = static_cast<int>(i);
    padding_shift_.clear();
    padding_lattice_.clear();
    std::unordered_map<ImageKey, int, ImageKeyHash> padding_index;
    std::vector<int> entry_particle(neighbors.size());
    for (std::size_t i = 0; i < num_atoms_; ++i)
      for (int k = offsets[i]; k < offsets[i + 1]; ++k) {
        const int j = neighbors[k];
        const Image& m = lattice[shift_ids[k]];
        if (is_zero(m)) {
          entry_particle[k] = j;
          continue;
        }
        const auto [it, inserted] = padding_index.try_emplace(ImageKey{j, m}, count());
        if (inserted) {
          owner_.push_back(j);
          padding_shift_.push_back(shift_ids[k]);
          padding_lattice_.push_back(m);
        }
        entry_particle[k] = it->second;
      }

    for (std::size_t l = 0; l < cutoffs_.size(); ++l) {
      const double reach = cutoffs_[l] + skin_;
      const double reach2 = reach * reach;
      const bool with_padding = padding_not_needed_[l] == 0;
      auto& list = lists_[l];
      list.offsets.assign(1, 0);
      list.neighbors.clear();
      // Entries of atom a's Verlet list within reach, as f(entry index).
      auto for_each_within = [&](int a, auto&& f) {
        for (int k = offsets[a]; k < offsets[a + 1]; ++k)
          if ((x[neighbors[k]] + shifts[shift_ids[k]] - x[a]).squaredNorm() < reach2) f(k);
      };
      for (std::size_t i = 0; i < num_atoms_; ++i) {
        for_each_within(static_cast<int>(i), [&](int k) { list.neighbors.push_back(entry_particle[k]); });
        list.offsets.push_back(static_cast<int>(list.neighbors.size()));
      }
      if (!with_padding) continue;
      for (std::size_t g = 0; g < padding_lattice_.size(); ++g) {
        const int j = owner_[num_atoms_ + g];
        for_each_within(j, [&](int k) {
          const Image m = add(padding_lattice_[g], lattice[shift_ids[k]]);
          if (is_zero(m)) {
            list.neighbors.push_back(neighbors[k]);
          } else if (auto it = padding_index.find(ImageKey{neighbors[k], m}); it != padding_index.end()) {
            list.neighbors.push_back(it->second);
          }
        });
        list.offsets.push_back(static_cast<int>(list.neighbors.size()));
      }
    }
  }

  std::vector<double> cutoffs_;
  std::vector<int> padding_not_needed_;
  double skin_;
  NeighborList verlet_;
  std::vector<CsrList> lists_;

  std::size_t num_atoms_ = 0;
  std::vector<int> owner_;
  std::vector<std::uint16_t> padding_shift_;  // Verlet shift id of each padding particle
  std::vector<Image> padding_lattice_;        // its lattice vector
  std::vector<double> coordinates_;
};

}  // namespace

// ---- KimPotential -----------------------------------------------------------------------
class KimPotential::Impl {
 public:
  Impl(const std::string& model_name, const NeighborSettings& settings)
      : model_name_(model_name), settings_(settings), model_(create_model(model_name)) {
    check_routines();
    last_kim_message.clear();
    KIM::ComputeArguments* args = nullptr;
    if (model_->ComputeArgumentsCreate(&args))
      throw Error("cannot create compute arguments for OpenKIM model " + model_name + kim_detail());
    arguments_ = ArgumentsPtr(args, ArgumentsDeleter{model_.get()});
    check_arguments();

    model_->GetInfluenceDistance(&influence_);
    int number_of_lists = 0;
    double const* cutoffs = nullptr;
    int const* padding_not_needed = nullptr;
    model_->GetNeighborListPointers(&number_of_lists, &cutoffs, &padding_not_needed);
    if (number_of_lists < 1)
      throw Error("OpenKIM model " + model_name + " asks for no neighbour list; pelcamp needs one");
    cutoffs_.assign(cutoffs, cutoffs + number_of_lists);
    padding_not_needed_.assign(padding_not_needed, padding_not_needed + number_of_lists);

    const auto coded = supported_species(*model_);
    species_code_.insert(coded.begin(), coded.end());
    model_species_ = species_names(coded);
    elements_ = model_species_;
    reset_particles();
  }

  const std::string& model_name() const { return model_name_; }
  const NeighborSettings& settings() const { return settings_; }
  const std::vector<std::string>& elements() const { return elements_; }
  const std::vector<std::string>& model_species() const { return model_species_; }
  double cutoff() const {
    return std::max(influence_, *std::max_element(cutoffs_.begin(), cutoffs_.end()));
  }

  void set_neighbor_settings(const NeighborSettings& settings) {
    settings_ = settings;
    reset_particles();
  }

  void compute(const Configuration& config, const ComputeRequest& request, ComputeResult& result) {
    check_request(request);
    map_species(config);
    result.reset(config.size(), request);
    particles_->update(config);

    const int count = particles_->count();
    const auto& owner = particles_->owner();
    const std::size_t n = particles_->num_atoms();
    species_.resize(count);
    contributing_.resize(count);
    for (int p = 0; p < count; ++p) {
      species_[p] = type_code_[config.types[owner[p]]];
      contributing_[p] = static_cast<std::size_t>(p) < n ? 1 : 0;
    }

    // Outputs: what was requested, what the model requires anyway, and forces when the
    // global virial must come from them (W = Σ_p x_p ⊗ f_p over all particles).
    const bool virial_from_model = request.virial && supports(virial_status_);
    const bool want_forces = request.forces || (request.virial && !virial_from_model) ||
                             required(forces_status_);
    const bool want_particle_energy = request.per_atom_energy || required(particle_energy_status_);
    const bool want_virial = virial_from_model || required(virial_status_);
    const bool want_particle_virial = request.per_atom_virial || required(particle_virial_status_);
    forces_.resize(want_forces ? 3 * count : 0);
    particle_energy_.resize(want_particle_energy ? count : 0);
    particle_virial_.resize(want_particle_virial ? 6 * count : 0);
    number_of_particles_ = count;

    namespace name = KIM::COMPUTE_ARGUMENT_NAME;
    auto output = [](std::vector<double>& v, bool wanted) { return wanted ? v.data() : static_cast<double*>(nullptr); };
    int failed = 0;
    failed |= bind(name::numberOfParticles, &number_of_particles_);
    failed |= bind(name::particleSpeciesCodes, species_.data());
    failed |= bind(name::particleContributing, contributing_.data());
    failed |= bind(name::coordinates, particles_->coordinates());
    failed |= bind(name::partialEnergy, &energy_);
    if (supports(forces_status_)) failed |= bind(name::partialForces, output(forces_, want_forces));
    if (supports(particle_energy_status_))
      failed |= bind(name::partialParticleEnergy, output(particle_energy_, want_particle_energy));
    if (supports(virial_status_))
      failed |= bind(name::partialVirial, want_virial ? virial_ : static_cast<double*>(nullptr));
    if (supports(particle_virial_status_))
      failed |= bind(name::partialParticleVirial, output(particle_virial_, want_particle_virial));
    if (failed) throw Error("cannot pass arguments to OpenKIM model " + model_name_ + kim_detail());

    last_kim_message.clear();
    if (model_->Compute(arguments_.get()))
      throw Error("OpenKIM model " + model_name_ + " failed to compute" + kim_detail());
    if (!std::isfinite(energy_))
      throw Error(fmt::format("OpenKIM model {} returned a non-finite energy ({})", model_name_, energy_));
    result.energy = energy_;

    // Fold what the model put on padding particles back onto their atoms.
    if (request.forces)
      for (int p = 0; p < count; ++p)
        result.forces[owner[p]] += Vec3(forces_[3 * p], forces_[3 * p + 1], forces_[3 * p + 2]);
    if (request.per_atom_energy)
      for (int p = 0; p < count; ++p) result.per_atom_energy[owner[p]] += particle_energy_[p];
    if (request.per_atom_virial)
      for (int p = 0; p < count; ++p) {
        const Sym6 w = from_kim_virial(&particle_virial_[6 * p]);
        for (int k = 0; k < 6; ++k) result.per_atom_virial[owner[p]][k] += w[k];
      }
    if (request.virial) {
      if (virial_from_model) {
        const Sym6 w = from_kim_virial(virial_);
        result.virial << w[0], w[3], w[4], w[3], w[1], w[5], w[4], w[5], w[2];
      } else {
        const double* x = particles_->coordinates();
        for (int p = 0; p < count; ++p)
          result.virial += Vec3(x[3 * p], x[3 * p + 1], x[3 * p + 2]) *
                           Vec3(forces_[3 * p], forces_[3 * p + 1], forces_[3 * p + 2]).transpose();
      }
    }
  }

 private:
  struct ArgumentsDeleter {
    KIM::Model* model;
    void operator()(KIM::ComputeArguments* a) const { model->ComputeArgumentsDestroy(&a); }
  };
  using ArgumentsPtr = std::unique_ptr<KIM::ComputeArguments, ArgumentsDeleter>;

  static bool supports(const KIM::SupportStatus& s) { return s != KIM::SUPPORT_STATUS::notSupported; }
  static bool required(const KIM::SupportStatus& s) { return s == KIM::SUPPORT_STATUS::required; }

  // The model may need routines the simulator must call; pelcamp calls these.
  void check_routines() const {
    namespace routine = KIM::MODEL_ROUTINE_NAME;
    int count = 0;
    routine::GetNumberOfModelRoutineNames(&count);
    for (int k = 0; k < count; ++k) {
      KIM::ModelRoutineName name;
      routine::GetModelRoutineName(k, &name);
      int present = 0, needed = 0;
      if (model_->IsRoutinePresent(name, &present, &needed))
        throw Error("cannot query OpenKIM model " + model_name_ + kim_detail());
      const bool handled = name == routine::Create || name == routine::ComputeArgumentsCreate ||
                           name == routine::Compute || name == routine::Refresh ||
                           name == routine::ComputeArgumentsDestroy || name == routine::Destroy;
      if (present && needed && !handled)
        throw Error(fmt::format("OpenKIM model {} requires the routine {}, which pelcamp does not use",
                                model_name_, name.ToString()));
    }
  }

  void check_arguments() {
    namespace name = KIM::COMPUTE_ARGUMENT_NAME;
    auto status = [&](const KIM::ComputeArgumentName& n) {
      KIM::SupportStatus s;
      if (arguments_->GetArgumentSupportStatus(n, &s))
        throw Error("cannot query OpenKIM model " + model_name_ + kim_detail());
      return s;
    };
    if (!supports(status(name::partialEnergy)))
      throw Error("OpenKIM model " + model_name_ + " does not compute the energy");
    forces_status_ = status(name::partialForces);
    particle_energy_status_ = status(name::partialParticleEnergy);
    virial_status_ = status(name::partialVirial);
    particle_virial_status_ = status(name::partialParticleVirial);

    int count = 0;
    KIM::COMPUTE_ARGUMENT_NAME::GetNumberOfComputeArgumentNames(&count);
    for (int k = 0; k < count; ++k) {
      KIM::ComputeArgumentName n;
      KIM::COMPUTE_ARGUMENT_NAME::GetComputeArgumentName(k, &n);
      const bool known = n == name::numberOfParticles || n == name::particleSpeciesCodes ||
                         n == name::particleContributing || n == name::coordinates ||
                         n == name::partialEnergy || n == name::partialForces ||
                         n == name::partialParticleEnergy || n == name::partialVirial ||
                         n == name::partialParticleVirial;
      if (!known && status(n) == KIM::SUPPORT_STATUS::required)
        throw Error(fmt::format("OpenKIM model {} requires the compute argument {}, which pelcamp "
                                "does not provide", model_name_, n.ToString()));
    }
    KIM::COMPUTE_CALLBACK_NAME::GetNumberOfComputeCallbackNames(&count);
    for (int k = 0; k < count; ++k) {
      KIM::ComputeCallbackName n;
      KIM::COMPUTE_CALLBACK_NAME::GetComputeCallbackName(k, &n);
      KIM::SupportStatus s;
      arguments_->GetCallbackSupportStatus(n, &s);
      if (n != KIM::COMPUTE_CALLBACK_NAME::GetNeighborList && s == KIM::SUPPORT_STATUS::required)
        throw Error(fmt::format("OpenKIM model {} requires the callback {}, which pelcamp does not "
                                "provide", model_name_, n.ToString()));
    }
  }

  void check_request(const ComputeRequest& request) const {
    auto refuse = [&](const char* what, const char* argument) {
      throw Error(fmt::format("OpenKIM model {} does not compute {} (KIM argument {})", model_name_,
                              what, argument));
    };
    if (request.forces && !supports(forces_status_)) refuse("forces", "partialForces");
    if (request.per_atom_energy && !supports(particle_energy_status_))
      refuse("per-atom energies", "partialParticleEnergy");
    if (request.virial && !supports(virial_status_) && !supports(forces_status_))
      refuse("the virial", "partialVirial or partialForces");
    if (request.per_atom_virial && !supports(particle_virial_status_))
      refuse("per-atom virials", "partialParticleVirial");
  }

  // Binds configuration types to model species codes by species name.
  void map_species(const Configuration& config) {
    if (type_code_.size() == config.num_species()) {
      bool same = true;
      for (std::size_t t = 0; t < config.num_species() && same; ++t)
        same = config.species[t].name == elements_[t];
      if (same) return;
    }
    std::vector<std::string> names;
    std::vector<int> codes;
    for (std::size_t t = 0; t < config.num_species(); ++t) {
      const auto& species = config.species[t].name;
      const auto it = species_code_.find(species);
      if (it == species_code_.end())
        throw Error(fmt::format("OpenKIM model {} does not support species '{}' (configuration "
                                "type {}); the model's species are: {}",
                                model_name_, species, t + 1, join(model_species_)));
      names.push_back(species);
      codes.push_back(it->second);
    }
    elements_ = std::move(names);
    type_code_ = std::move(codes);
  }

  void reset_particles() {
    particles_ = std::make_unique<KimParticles>(influence_, cutoffs_, padding_not_needed_, settings_.skin);
    if (arguments_->SetCallbackPointer(KIM::COMPUTE_CALLBACK_NAME::GetNeighborList, KIM::LANGUAGE_NAME::cpp,
                                       reinterpret_cast<KIM::Function*>(&KimParticles::get_neighbor_list),
                                       particles_.get()))
      throw Error("cannot pass the neighbour list to OpenKIM model " + model_name_ + kim_detail());
  }

  // Sets an argument pointer unless it is already set to this address: the KIM API formats
  // a log entry on every call, which costs more than a small cluster's whole compute.
  template <class T>
  int bind(const KIM::ComputeArgumentName& name, T* pointer) {
    const auto [slot, first] = bound_.try_emplace(name.computeArgumentNameID, pointer);
    if (!first && slot->second == pointer) return 0;
    slot->second = pointer;
    return arguments_->SetArgumentPointer(name, pointer);
  }

  std::string model_name_;
  NeighborSettings settings_;
  ModelPtr model_;
  ArgumentsPtr arguments_{nullptr, ArgumentsDeleter{nullptr}};
  KIM::SupportStatus forces_status_, particle_energy_status_, virial_status_,
      particle_virial_status_;
  double influence_ = 0.0;
  std::vector<double> cutoffs_;
  std::vector<int> padding_not_needed_;

  std::vector<std::string> model_species_;
  std::map<std::string, int> species_code_;
  std::vector<std::string> elements_;  // species of each configuration type, once mapped
  std::vector<int> type_code_;         // KIM code of each configuration type

  std::unique_ptr<KimParticles> particles_;
  std::map<int, const void*> bound_;  // argument pointers currently set, by argument id
  int number_of_particles_ = 0;
  std::vector<int> species_;
  std::vector<int> contributing_;
  double energy_ = 0.0;
  double virial_[6] = {};
  std::vector<double> forces_;
  std::vector<double> particle_energy_;
  std::vector<double> particle_virial_;
};

KimPotential::KimPotential(const std::string& model_name, const NeighborSettings& settings)
    : impl_(std::make_unique<Impl>(model_name, settings)) {}
KimPotential::~KimPotential() = default;

std::string KimPotential::name() const { return "kim:" + impl_->model_name(); }
const std::vector<std::string>& KimPotential::elements() const { return impl_->elements(); }
const std::vector<std::string>& KimPotential::model_species() const { return impl_->model_species(); }
double KimPotential::cutoff() const { return impl_->cutoff(); }

void KimPotential::compute(const Configuration& config, const ComputeRequest& request,
                           ComputeResult& result) {
  impl_->compute(config, request, result);
}

void KimPotential::set_neighbor_settings(const NeighborSettings& settings) {
  impl_->set_neighbor_settings(settings);
}

std::unique_ptr<Potential> KimPotential::clone() const {
  return std::make_unique<KimPotential>(impl_->model_name(), impl_->settings());
}

std::vector<std::string> installed_kim_models() {
  auto collections = open_collections();
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

// ---- native path for tabulated EAM models -----------------------------------------------
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
  require_portable_model(model_name);
  const std::string driver = model_driver_name(model_name);
  if (driver.rfind("EAM_Dynamo_", 0) != 0)
    throw Error(fmt::format("OpenKIM model {} (model driver '{}') is not a tabulated EAM of the "
                            "EAM_Dynamo driver, so it has no native path; use kim:{}",
                            model_name, driver.empty() ? "none" : driver, model_name));
  const auto model = create_model(model_name);
  const auto parameters = double_parameters(*model);
  const auto species = species_names(supported_species(*model));
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
  text += fmt::format("{} {}\n", n, join(species, " "));
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

namespace {

// `kim-native:MODEL`: the exported table on the native EAM path, bound to configuration
// species by name like kim:MODEL. It reports itself by the model name (reproducible across
// machines, unlike the cache path) and, like the KIM model, defines no masses.
class KimNativePotential final : public Potential {
 public:
  KimNativePotential(std::string model_name, KimEamTable table)
      : model_name_(std::move(model_name)), table_(std::move(table)) {
    inner_ = make_potential(table_.style + ":" + table_.path + ":" + join(table_.elements, ","));
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
                                model_name_, names[t], t + 1, join(table_.elements)));
    inner_ = make_potential(table_.style + ":" + table_.path + ":" + join(names, ","));
    if (settings_) inner_->set_neighbor_settings(*settings_);
  }

  std::string model_name_;
  KimEamTable table_;
  std::unique_ptr<Potential> inner_;
  std::optional<NeighborSettings> settings_;
};

std::string single_model_argument(const std::vector<std::string>& args, const char* style) {
  if (args.size() != 1 || args[0].empty())
    throw Error(fmt::format("{} expects {}:MODEL with an installed OpenKIM portable model name "
                            "(list them with `kim-api-collections-management list`), got {} field(s)",
                            style, style, args.size()));
  return args[0];
}

}  // namespace

std::unique_ptr<Potential> make_kim_potential(const std::vector<std::string>& args) {
  return std::make_unique<KimPotential>(single_model_argument(args, "kim"));
}

std::unique_ptr<Potential> make_kim_native_potential(const std::vector<std::string>& args) {
  const std::string model = single_model_argument(args, "kim-native");
  return std::make_unique<KimNativePotential>(model, export_kim_eam_table(model, kim_cache_directory()));
}

}  // namespace pelcamp
