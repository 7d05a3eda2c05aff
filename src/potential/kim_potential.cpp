// The OpenKIM adapter's KimPotential: a portable model evaluated through the KIM API's
// compute arguments (the particles and neighbour lists it is given are kim_particles.hpp's,
// the model is loaded by kim_model.hpp).
#include "pelcamp/potential/kim_potential.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "kim_model.hpp"
#include "kim_particles.hpp"
#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

// Converts a KIM virial (Voigt order xx yy zz yz xz xy, sign of +∂E/∂ε) to pelcamp's
// W = Σ r⊗f in LAMMPS order xx yy zz xy xz yz, exactly as LAMMPS's pair_style kim does.
Sym6 from_kim_virial(const double* v) { return {-v[0], -v[1], -v[2], -v[5], -v[4], -v[3]}; }

}  // namespace

// ---- KimPotential -----------------------------------------------------------------------
class KimPotential::Impl {
 public:
  Impl(const std::string& model_name, const NeighborSettings& settings)
      : model_name_(model_name), settings_(settings), model_(kim::create_model(model_name)) {
    check_routines();
    kim::clear_error_detail();
    KIM::ComputeArguments* args = nullptr;
    if (model_->ComputeArgumentsCreate(&args))
      throw Error("cannot create compute arguments for OpenKIM model " + model_name + kim::error_detail());
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

    const auto coded = kim::supported_species(*model_);
    species_code_.insert(coded.begin(), coded.end());
    model_species_ = kim::species_names(coded);
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
    if (failed) throw Error("cannot pass arguments to OpenKIM model " + model_name_ + kim::error_detail());

    kim::clear_error_detail();
    if (model_->Compute(arguments_.get()))
      throw Error("OpenKIM model " + model_name_ + " failed to compute" + kim::error_detail());
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
        throw Error("cannot query OpenKIM model " + model_name_ + kim::error_detail());
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
        throw Error("cannot query OpenKIM model " + model_name_ + kim::error_detail());
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
                                model_name_, species, t + 1, kim::join(model_species_)));
      names.push_back(species);
      codes.push_back(it->second);
    }
    elements_ = std::move(names);
    type_code_ = std::move(codes);
  }

  void reset_particles() {
    particles_ = std::make_unique<kim::KimParticles>(influence_, cutoffs_, padding_not_needed_, settings_.skin);
    if (arguments_->SetCallbackPointer(KIM::COMPUTE_CALLBACK_NAME::GetNeighborList, KIM::LANGUAGE_NAME::cpp,
                                       reinterpret_cast<KIM::Function*>(&kim::KimParticles::get_neighbor_list),
                                       particles_.get()))
      throw Error("cannot pass the neighbour list to OpenKIM model " + model_name_ + kim::error_detail());
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
  kim::ModelPtr model_;
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

  std::unique_ptr<kim::KimParticles> particles_;
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

std::unique_ptr<Potential> make_kim_potential(const std::vector<std::string>& args) {
  return std::make_unique<KimPotential>(kim::single_model_argument(args, "kim"));
}

}  // namespace pelcamp
