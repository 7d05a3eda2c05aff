#pragma once
// Reader for the golden reference files of tests/data/reference (format in its README.md).
#include <fstream>
#include <sstream>
#include <string>

#include "pelcamp/core/configuration.hpp"
#include "pelcamp/core/error.hpp"

namespace pelcamp::testing {

struct GoldenReference {
  std::string path;
  std::string potential;  // spec with paths already made absolute
  std::string units;
  Configuration config;
  double energy = 0.0;
  Sym6 virial{};
  std::vector<Vec3> forces;
  std::vector<double> per_atom_energy;
  std::vector<Sym6> per_atom_virial;
};

// Prefixes data_dir + "/" to every "potentials/" path of a spec, in ':'-separated fields and
// in ','-separated lists within them (several funcfl files).
inline std::string absolute_spec(const std::string& spec, const std::string& data_dir) {
  std::string out;
  std::stringstream fields(spec);
  std::string field;
  bool first = true;
  while (std::getline(fields, field, ':')) {
    if (!first) out += ':';
    first = false;
    std::stringstream items(field);
    std::string item;
    bool first_item = true;
    while (std::getline(items, item, ',')) {
      if (!first_item) out += ',';
      first_item = false;
      out += item.rfind("potentials/", 0) == 0 ? data_dir + "/" + item : item;
    }
  }
  return out;
}

inline GoldenReference read_golden_reference(const std::string& path, const std::string& data_dir) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "cannot open");
  GoldenReference ref;
  ref.path = path;
  std::string line;
  int lineno = 0;
  std::size_t natoms = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string key;
    words >> key;
    if (key == "potential") {
      std::string spec;
      words >> spec;
      ref.potential = absolute_spec(spec, data_dir);
    } else if (key == "units") {
      words >> ref.units;
    } else if (key == "box") {
      double v[9];
      std::string p[3];
      for (double& x : v) words >> x;
      for (auto& x : p) words >> x;
      ref.config.box = Box::triclinic({v[0], v[1], v[2]}, {v[3], v[4], v[5]}, v[6], v[7], v[8],
                                      {p[0] == "T", p[1] == "T", p[2] == "T"});
    } else if (key == "species") {
      Species s;
      words >> s.name >> s.mass;
      ref.config.species.push_back(s);
    } else if (key == "energy") {
      words >> ref.energy;
    } else if (key == "virial") {
      for (double& x : ref.virial) words >> x;
    } else if (key == "atoms") {
      words >> natoms;
      break;
    } else {
      throw InputError(path, lineno, "unknown keyword '" + key + "'");
    }
    if (words.fail()) throw InputError(path, lineno, "malformed line");
  }
  for (std::size_t k = 0; k < natoms; ++k) {
    if (!std::getline(in, line)) throw InputError(path, lineno, "fewer atom lines than declared");
    ++lineno;
    std::istringstream words(line);
    std::int64_t id;
    int type;
    Vec3 x, f;
    double pe;
    Sym6 w;
    words >> id >> type >> x(0) >> x(1) >> x(2) >> f(0) >> f(1) >> f(2) >> pe;
    for (double& c : w) words >> c;
    if (words.fail()) throw InputError(path, lineno, "malformed atom line");
    ref.config.add_atom(type - 1, x, Vec3::Zero(), id);
    ref.forces.push_back(f);
    ref.per_atom_energy.push_back(pe);
    ref.per_atom_virial.push_back(w);
  }
  ref.config.validate();
  return ref;
}

// The configuration of the golden reference NAME in tests/data/reference.
inline Configuration golden_config(const std::string& name) {
  const std::string data = PELCAMP_TEST_DATA;
  return read_golden_reference(data + "/reference/" + name + ".ref", data).config;
}

// The CuZr liquid reference remapped into a sheared cell of the same volume (periodic,
// triclinic): exercises the tilt factors of every periodic kernel.
inline Configuration cuzr_liquid_triclinic() {
  Configuration c = golden_config("cuzr_liquid_eam_fs");
  const Box old = c.box;
  c.box = Box::triclinic(old.lo(), {old.lx(), old.ly(), old.lz()}, 1.7, -1.1, 0.8);
  for (auto& x : c.positions) x = c.box.from_fractional(old.to_fractional(x));
  return c;
}

}  // namespace pelcamp::testing
