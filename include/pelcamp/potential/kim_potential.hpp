#pragma once
// OpenKIM portable models through libkim-api (https://openkim.org/kim-api), in LAMMPS
// `metal` units (Å, eV, e, K, ps). This header names no KIM type, so it compiles without
// libkim-api; the definitions live in src/potential/kim_*.cpp, built only when CMake finds
// libkim-api (PELCAMP_HAVE_KIM). Without it the registry's `kim` styles throw an
// error that says pelcamp was built without OpenKIM.
//
// Species binding is by NAME: each configuration species must be a species the model
// supports (KIM species names are element symbols), whatever its type index.
#include <memory>
#include <string>
#include <vector>

#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

// `kim:MODEL`: the model evaluated by the KIM API. Periodic systems are given to the model
// as contributing atoms plus non-contributing periodic images ("padding") within the
// model's influence distance, with one full neighbour list per cutoff the model asks for.
class KimPotential final : public Potential {
 public:
  // Throws pelcamp::Error for an unknown model (listing close installed names), a model
  // that is not a portable model, or one that needs a capability pelcamp does not offer.
  explicit KimPotential(const std::string& model_name, const NeighborSettings& settings = {});
  ~KimPotential() override;

  std::string name() const override;  // "kim:MODEL"
  // Before any configuration: the model's species in the model's code order. After a
  // compute: the species each configuration type index was mapped to.
  const std::vector<std::string>& elements() const override;
  double cutoff() const override;  // the model's influence distance (Å)
  std::string units() const override { return "metal"; }

  // Energy always; forces, per-atom energies and virials (W = Σ r⊗f) as requested. A
  // requested quantity the model cannot provide is an error naming it.
  void compute(const Configuration& config, const ComputeRequest& request,
               ComputeResult& result) override;
  void set_neighbor_settings(const NeighborSettings& settings) override;
  std::unique_ptr<Potential> clone() const override;

  // Species the model supports, in its code order.
  const std::vector<std::string>& model_species() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Names of the portable models installed in the KIM API collections, sorted.
std::vector<std::string> installed_kim_models();

// The tables of a tabulated-EAM portable model (model driver EAM_Dynamo, which interpolates
// exactly as LAMMPS's eam styles do), read through the model's KIM parameters and written as
// a LAMMPS setfl (`eam/alloy`) or Finnis–Sinclair (`eam/fs`) file in `directory`.
struct KimEamTable {
  std::string style;                  // "eam/alloy" or "eam/fs"
  std::string path;                   // the written file
  std::vector<std::string> elements;  // element order of the file (the model's code order)
};
KimEamTable export_kim_eam_table(const std::string& model_name, const std::string& directory);

// Where `kim-native` keeps exported tables: $PELCAMP_CACHE_DIR/kim, else
// $XDG_CACHE_HOME/pelcamp/kim, else ~/.cache/pelcamp/kim.
std::string kim_cache_directory();

// Registry factories: `kim:MODEL`, and `kim-native:MODEL`, which runs a tabulated-EAM KIM
// model on pelcamp's native EAM path (same tables, same interpolation, much faster).
std::unique_ptr<Potential> make_kim_potential(const std::vector<std::string>& args);
std::unique_ptr<Potential> make_kim_native_potential(const std::vector<std::string>& args);

}  // namespace pelcamp
