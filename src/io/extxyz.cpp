#include "pelcamp/io/extxyz.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fmt/format.h>
#include <optional>
#include <unordered_map>

#include "pelcamp/core/elements.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/io/text_io.hpp"

namespace pelcamp {

namespace {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

constexpr std::array<std::string_view, 7> kReservedKeys = {
    "Lattice", "Origin", "Properties", "energy", "virial", "stress", "pbc"};

// Splits a comment line into key=value pairs as ASE does: a value may be delimited by "",
// '', {} or [], a backslash takes the next character literally, and a key without a value
// means "T" (true).
KeyValues parse_comment_line(std::string_view text, const LineReader& at) {
  KeyValues pairs;
  std::string key, value;
  bool in_value = false, escaped = false;
  char closer = 0;
  auto finish_pair = [&] {
    if (key.empty() && !in_value) return;
    if (key.empty()) at.fail(fmt::format("comment line has a value '{}' without a key", value));
    pairs.emplace_back(key, in_value ? value : "T");
    key.clear();
    value.clear();
    in_value = false;
  };
  for (char c : text) {
    std::string& token = in_value ? value : key;
    if (escaped) {
      token += c;
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (closer) {
      if (c == closer)
        closer = 0;
      else
        token += c;
    } else if (c == '"' || c == '\'') {
      closer = c;
    } else if (c == '{') {
      closer = '}';
    } else if (c == '[') {
      closer = ']';
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      finish_pair();
    } else if (c == '=' && !in_value) {
      in_value = true;
    } else {
      token += c;
    }
  }
  if (closer) at.fail(fmt::format("comment line has an unterminated '{}' quote", closer));
  finish_pair();
  return pairs;
}

std::vector<double> parse_reals(const LineReader& at, std::string value, const std::string& key,
                                std::initializer_list<std::size_t> allowed_counts) {
  std::replace(value.begin(), value.end(), ',', ' ');
  const auto fields = split_fields(value);
  if (std::find(allowed_counts.begin(), allowed_counts.end(), fields.size()) ==
      allowed_counts.end())
    at.fail(fmt::format("{} has {} values; expected {}", key, fields.size(),
                        fmt::join(allowed_counts, " or ")));
  std::vector<double> reals;
  for (const auto f : fields) reals.push_back(parse_real(at, f, "a value of " + key));
  return reals;
}

std::array<bool, 3> parse_pbc(const LineReader& at, const std::string& value) {
  const auto fields = split_fields(value);
  if (fields.size() != 3) at.fail(fmt::format("pbc=\"{}\" must have 3 values T or F", value));
  std::array<bool, 3> pbc{};
  for (int d = 0; d < 3; ++d) {
    if (fields[d] == "T" || fields[d] == "True")
      pbc[d] = true;
    else if (fields[d] == "F" || fields[d] == "False")
      pbc[d] = false;
    else
      at.fail(fmt::format("pbc value '{}' is not T or F", fields[d]));
  }
  return pbc;
}

// ASE and libAtoms flatten 3x3 keys in Fortran (column-major) order.
Mat3 matrix_from_9(const std::vector<double>& v) {
  Mat3 m;
  for (int k = 0; k < 9; ++k) m(k % 3, k / 3) = v[k];
  return m;
}

struct Property {
  std::string name;
  char type;
  std::size_t columns;
  std::size_t offset;  // first column in the atom line
};

// The properties pelcamp interprets, with the type and column counts each must have.
struct KnownProperty {
  std::string_view name;
  char type;
  std::array<std::size_t, 2> columns;
};
constexpr std::array<KnownProperty, 10> kKnownProperties = {{
    {"species", 'S', {1, 1}},
    {"Z", 'I', {1, 1}},
    {"pos", 'R', {3, 3}},
    {"id", 'I', {1, 1}},
    {"masses", 'R', {1, 1}},
    {"velo", 'R', {3, 3}},
    {"forces", 'R', {3, 3}},
    {"energies", 'R', {1, 1}},
    {"virials", 'R', {6, 9}},
    {"image", 'I', {3, 3}},
}};

std::vector<Property> parse_properties(const LineReader& at, const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto colon = text.find(':', start);
    parts.push_back(text.substr(start, colon == std::string::npos ? colon : colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  if (parts.size() % 3 != 0)
    at.fail(fmt::format("Properties=\"{}\" must be a list of name:type:columns triples", text));
  std::vector<Property> properties;
  std::size_t offset = 0;
  for (std::size_t k = 0; k < parts.size(); k += 3) {
    const std::string& name = parts[k];
    const std::string& type = parts[k + 1];
    if (type.size() != 1 || std::string_view("SRIL").find(type[0]) == std::string_view::npos)
      at.fail(
          fmt::format("unknown type '{}' of property '{}' in Properties (allowed: S string, "
                      "R real, I integer, L logical)",
                      type, name));
    std::int64_t columns = 0;
    if (!to_integer(parts[k + 2], columns) || columns < 1)
      at.fail(fmt::format("property '{}' has column count '{}'; expected a positive integer", name,
                          parts[k + 2]));
    for (const auto& known : kKnownProperties)
      if (known.name == name &&
          (known.type != type[0] || (static_cast<std::size_t>(columns) != known.columns[0] &&
                                     static_cast<std::size_t>(columns) != known.columns[1])))
        at.fail(fmt::format("property {}:{}:{} must be {}:{}:{}", name, type, columns, name,
                            known.type,
                            known.columns[0] == known.columns[1]
                                ? fmt::format("{}", known.columns[0])
                                : fmt::format("{} or {}", known.columns[0], known.columns[1])));
    for (const auto& p : properties)
      if (p.name == name) at.fail(fmt::format("property '{}' appears twice in Properties", name));
    properties.push_back({name, type[0], static_cast<std::size_t>(columns), offset});
    offset += static_cast<std::size_t>(columns);
  }
  return properties;
}

const Property* find_property(const std::vector<Property>& properties, std::string_view name) {
  for (const auto& p : properties)
    if (p.name == name) return &p;
  return nullptr;
}

std::string describe(const std::vector<Property>& properties) {
  std::string text;
  for (const auto& p : properties)
    text += fmt::format("{}{}:{}:{}", text.empty() ? "" : ":", p.name, p.type, p.columns);
  return text;
}

// Rotation taking a right-handed cell (columns a, b, c) to the LAMMPS orientation: a along
// x, b in the xy plane with positive y, c with positive z. Returns the rotated cell in h.
Mat3 rotation_to_lammps(const Mat3& cell, Mat3& h) {
  const Vec3 a = cell.col(0), b = cell.col(1), c = cell.col(2);
  const double lx = a.norm();
  const double xy = b.dot(a) / lx;
  const double ly = std::sqrt(b.squaredNorm() - xy * xy);
  const double xz = c.dot(a) / lx;
  const double yz = (b.dot(c) - xy * xz) / ly;
  const double lz = std::sqrt(c.squaredNorm() - xz * xz - yz * yz);
  h << lx, xy, xz, 0.0, ly, yz, 0.0, 0.0, lz;
  return h * cell.inverse();
}

class ExtxyzParser {
 public:
  explicit ExtxyzParser(const std::string& path) : in_(path) {}

  std::vector<Frame> read() {
    std::vector<Frame> frames;
    std::string line;
    while (in_.next(line)) {
      const auto content = trim(line);
      if (content.empty()) continue;
      std::int64_t atoms = 0;
      if (!to_integer(content, atoms) || atoms < 0)
        in_.fail(
            fmt::format("expected the atom count of frame {} (a non-negative integer), "
                        "got '{}'",
                        frames.size() + 1, content));
      frames.push_back(read_frame(static_cast<std::size_t>(atoms), frames.size() + 1));
    }
    if (frames.empty()) throw InputError(in_.path(), 0, "no frames; expected an extxyz file");
    return frames;
  }

 private:
  Frame read_frame(std::size_t atoms, std::size_t frame_number) {
    std::string line;
    if (!in_.next(line))
      in_.fail(fmt::format("file ends before the comment line of frame {}", frame_number));
    Frame frame;
    std::optional<Mat3> cell;
    std::optional<std::array<bool, 3>> pbc;
    std::optional<std::vector<double>> stress;
    Vec3 origin = Vec3::Zero();
    std::string properties_text = "species:S:1:pos:R:3";  // ASE's default
    for (auto& [key, value] : parse_comment_line(line, in_)) {
      if (key == "Lattice") {
        const auto v = parse_reals(in_, value, key, {9});
        cell = Mat3();
        for (int k = 0; k < 3; ++k) cell->col(k) = Vec3(v[3 * k], v[3 * k + 1], v[3 * k + 2]);
      } else if (key == "pbc") {
        pbc = parse_pbc(in_, value);
      } else if (key == "Properties") {
        properties_text = value;
      } else if (key == "Origin") {
        const auto v = parse_reals(in_, value, key, {3});
        origin = Vec3(v[0], v[1], v[2]);
      } else if (key == "energy") {
        frame.energy = parse_real(in_, value, "energy");
      } else if (key == "virial") {
        frame.virial = matrix_from_9(parse_reals(in_, value, key, {9}));
      } else if (key == "stress") {
        stress = parse_reals(in_, value, key, {9, 6});
      } else {
        frame.info.emplace_back(key, value);
      }
    }
    const auto properties = parse_properties(in_, properties_text);
    if (!pbc)
      pbc = cell ? std::array<bool, 3>{true, true, true} : std::array<bool, 3>{false, false, false};
    if (!cell && ((*pbc)[0] || (*pbc)[1] || (*pbc)[2]))
      in_.fail("pbc has a periodic direction but there is no Lattice");
    if (stress && !cell)
      in_.fail("stress is given without a Lattice, so it has no volume to become a virial");
    if (cell && !(cell->determinant() > 0.0))
      in_.fail("Lattice vectors must form a right-handed cell with positive volume");
    read_atoms(frame, properties, atoms);

    Configuration& config = frame.config;
    if (cell) {
      if (!frame.virial && stress) {  // ASE's stress σ = −W/V
        const auto& s = *stress;
        const Mat3 sigma =
            s.size() == 9
                ? matrix_from_9(s)
                : (Mat3() << s[0], s[5], s[4], s[5], s[1], s[3], s[4], s[3], s[2]).finished();
        frame.virial = -cell->determinant() * sigma;
      }
      Mat3 h = *cell;
      if (!(h(1, 0) == 0.0 && h(2, 0) == 0.0 && h(2, 1) == 0.0 && h(0, 0) > 0.0 && h(1, 1) > 0.0 &&
            h(2, 2) > 0.0)) {
        const Mat3 r = rotation_to_lammps(*cell, h);
        rotate(frame, r);
        origin = r * origin;
      }
      config.box = Box::triclinic(origin, h.diagonal(), h(0, 1), h(0, 2), h(1, 2), *pbc);
    }
    return frame;
  }

  void read_atoms(Frame& frame, const std::vector<Property>& properties, std::size_t atoms) {
    const Property* species = find_property(properties, "species");
    const Property* z = find_property(properties, "Z");
    const Property* pos = find_property(properties, "pos");
    if (!species && !z) in_.fail("Properties has no species:S:1 (or Z:I:1) column");
    if (!pos) in_.fail("Properties has no pos:R:3 column");
    const Property* id = find_property(properties, "id");
    const Property* masses = find_property(properties, "masses");
    const Property* velo = find_property(properties, "velo");
    const Property* forces = find_property(properties, "forces");
    const Property* energies = find_property(properties, "energies");
    const Property* virials = find_property(properties, "virials");
    const Property* image = find_property(properties, "image");
    const std::size_t columns = properties.back().offset + properties.back().columns;

    Configuration& config = frame.config;
    std::vector<int> mass_lines;
    std::unordered_map<std::int64_t, int> line_of_id;
    std::string line;
    for (std::size_t i = 0; i < atoms; ++i) {
      if (!in_.next(line))
        in_.fail(fmt::format("file ends after {} of the {} atom lines of the frame", i, atoms));
      const auto f = split_fields(line);
      if (f.size() != columns)
        in_.fail(fmt::format("atom line has {} fields; Properties=\"{}\" declares {}", f.size(),
                             describe(properties), columns));
      auto real = [&](const Property* p, std::size_t k, const char* what) {
        return parse_real(in_, f[p->offset + k], fmt::format("{} of atom {}", what, i + 1));
      };
      auto integer = [&](const Property* p, std::size_t k, const char* what) {
        return parse_integer(in_, f[p->offset + k], fmt::format("{} of atom {}", what, i + 1));
      };
      const std::string name = species ? std::string(f[species->offset])
                                       : symbol_of(integer(z, 0, "the atomic number Z"));
      const double mass =
          masses ? real(masses, 0, "the mass") : standard_atomic_mass(name).value_or(1.0);
      if (!(mass > 0.0)) in_.fail(fmt::format("mass of atom {} must be positive", i + 1));
      const int type = config.species_index(name, mass);
      if (static_cast<std::size_t>(type) == mass_lines.size()) {
        mass_lines.push_back(in_.line_number());
      } else if (config.species[type].mass != mass) {
        in_.fail(
            fmt::format("atom {} of species {} has mass {} but the {} atom on line {} has "
                        "mass {}; a species has one mass",
                        i + 1, name, mass, name, mass_lines[type], config.species[type].mass));
      }
      Vec3 x, v = Vec3::Zero();
      for (int d = 0; d < 3; ++d) x(d) = real(pos, d, "a coordinate");
      if (velo)
        for (int d = 0; d < 3; ++d) v(d) = real(velo, d, "a velocity component");
      std::int64_t atom_id = static_cast<std::int64_t>(i + 1);
      if (id) {
        atom_id = integer(id, 0, "the id");
        if (atom_id < 1) in_.fail(fmt::format("atom id must be positive, got {}", atom_id));
        const auto [it, inserted] = line_of_id.emplace(atom_id, in_.line_number());
        if (!inserted)
          in_.fail(fmt::format("atom id {} appears twice (first on line {})", atom_id, it->second));
      }
      config.add_atom(type, x, v, atom_id);
      if (image)
        for (int d = 0; d < 3; ++d)
          config.images.back()[d] = static_cast<int>(integer(image, d, "an image count"));
      if (forces) {
        Vec3 force;
        for (int d = 0; d < 3; ++d) force(d) = real(forces, d, "a force component");
        frame.forces.push_back(force);
      }
      if (energies) frame.energies.push_back(real(energies, 0, "the energy"));
      if (virials) {
        Sym6 w{};
        if (virials->columns == 6) {
          for (int k = 0; k < 6; ++k) w[k] = real(virials, k, "a virial component");
        } else {
          Mat3 m;
          for (int k = 0; k < 9; ++k) m(k / 3, k % 3) = real(virials, k, "a virial component");
          w = to_sym6(m);
        }
        frame.virials.push_back(w);
      }
    }
  }

  std::string symbol_of(std::int64_t z) {
    if (z < 1 || z > 118) in_.fail(fmt::format("atomic number {} is not an element (1 to 118)", z));
    return element_symbol(static_cast<int>(z));
  }

  static void rotate(Frame& frame, const Mat3& r) {
    Configuration& config = frame.config;
    for (auto& x : config.positions) x = r * x;
    for (auto& v : config.velocities) v = r * v;
    for (auto& f : frame.forces) f = r * f;
    auto rotate_tensor = [&r](const Mat3& m) -> Mat3 { return r * m * r.transpose(); };
    if (frame.virial) frame.virial = rotate_tensor(*frame.virial);
    for (auto& w : frame.virials) {
      Mat3 m;
      m << w[0], w[3], w[4], w[3], w[1], w[5], w[4], w[5], w[2];
      w = to_sym6(rotate_tensor(m));
    }
  }

  LineReader in_;
};

std::string quoted(const std::string& value) {
  if (!value.empty() && value.find_first_of(" \t\"'{}[]=\\") == std::string::npos) return value;
  std::string text = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') text += '\\';
    text += c;
  }
  return text + "\"";
}

std::string join_reals(std::initializer_list<double> values) {
  std::string text;
  for (double v : values) {
    if (!text.empty()) text += ' ';
    text += format_real(v);
  }
  return text;
}

std::string flatten(const Mat3& m) {  // Fortran order, as ASE and libAtoms read it
  return join_reals(
      {m(0, 0), m(1, 0), m(2, 0), m(0, 1), m(1, 1), m(2, 1), m(0, 2), m(1, 2), m(2, 2)});
}

void check_writable(const Frame& frame) {
  frame.validate();
  for (const auto& s : frame.config.species)
    if (s.name.empty() || s.name.find_first_of(" \t\r\n\"'") != std::string::npos)
      throw Error(
          fmt::format("species name '{}' cannot be written to extxyz (it must be one "
                      "word without quotes)",
                      s.name));
  for (const auto& [key, value] : frame.info) {
    if (std::find(kReservedKeys.begin(), kReservedKeys.end(), key) != kReservedKeys.end())
      throw Error(fmt::format("frame info key '{}' is reserved for the frame's own data", key));
    if (key.empty() || key.find_first_of(" \t\r\n\"'{}[]=\\") != std::string::npos)
      throw Error(fmt::format("frame info key '{}' is not a valid extxyz key", key));
    if (value.find_first_of("\r\n") != std::string::npos)
      throw Error(fmt::format("frame info value of '{}' spans several lines", key));
  }
}

void append_frame(fmt::memory_buffer& out, const Frame& frame, const ExtxyzWriteOptions& options) {
  check_writable(frame);
  const Configuration& config = frame.config;
  const Box& box = config.box;
  const bool lattice = box.any_periodic();
  const auto nonzero_image = [](const Image& im) { return im[0] || im[1] || im[2]; };
  const bool images =
      lattice && std::any_of(config.images.begin(), config.images.end(), nonzero_image);
  const bool velocities =
      options.velocities && std::any_of(config.velocities.begin(), config.velocities.end(),
                                        [](const Vec3& v) { return !v.isZero(0.0); });

  append(out, "{}\n", config.size());
  if (lattice) {
    const Mat3& h = box.h();
    append(out, "Lattice=\"{}\" ",
           join_reals(
               {h(0, 0), h(1, 0), h(2, 0), h(0, 1), h(1, 1), h(2, 1), h(0, 2), h(1, 2), h(2, 2)}));
    if (!box.lo().isZero(0.0))
      append(out, "Origin=\"{}\" ", join_reals({box.lo()(0), box.lo()(1), box.lo()(2)}));
  }
  append(out, "Properties=species:S:1:pos:R:3");
  if (options.ids) append(out, ":id:I:1");
  if (options.masses) append(out, ":masses:R:1");
  if (velocities) append(out, ":velo:R:3");
  if (!frame.forces.empty()) append(out, ":forces:R:3");
  if (!frame.energies.empty()) append(out, ":energies:R:1");
  if (!frame.virials.empty()) append(out, ":virials:R:6");
  if (images) append(out, ":image:I:3");
  if (frame.energy) append(out, " energy={}", format_real(*frame.energy));
  if (frame.virial) {
    append(out, " virial=\"{}\"", flatten(*frame.virial));
    if (box.periodic(0) && box.periodic(1) && box.periodic(2))
      append(out, " stress=\"{}\"", flatten(-*frame.virial / box.volume()));
  }
  append(out, " pbc=\"{} {} {}\"", box.periodic(0) ? 'T' : 'F', box.periodic(1) ? 'T' : 'F',
         box.periodic(2) ? 'T' : 'F');
  for (const auto& [key, value] : frame.info) append(out, " {}={}", key, quoted(value));
  append(out, "\n");

  for (std::size_t i = 0; i < config.size(); ++i) {
    const Vec3& x = config.positions[i];
    append(out, "{} {} {} {}", config.species[config.types[i]].name, format_real(x(0)),
           format_real(x(1)), format_real(x(2)));
    if (options.ids) append(out, " {}", config.ids[i]);
    if (options.masses) append(out, " {}", format_real(config.mass(i)));
    if (velocities) {
      const Vec3& v = config.velocities[i];
      append(out, " {} {} {}", format_real(v(0)), format_real(v(1)), format_real(v(2)));
    }
    if (!frame.forces.empty()) {
      const Vec3& f = frame.forces[i];
      append(out, " {} {} {}", format_real(f(0)), format_real(f(1)), format_real(f(2)));
    }
    if (!frame.energies.empty()) append(out, " {}", format_real(frame.energies[i]));
    if (!frame.virials.empty())
      for (double w : frame.virials[i]) append(out, " {}", format_real(w));
    if (images) {
      const Image& im = config.images[i];
      append(out, " {} {} {}", im[0], im[1], im[2]);
    }
    append(out, "\n");
  }
}

}  // namespace

std::vector<Frame> read_extxyz(const std::string& path) { return ExtxyzParser(path).read(); }

void write_extxyz(const std::string& path, const std::vector<Frame>& frames,
                  const ExtxyzWriteOptions& options, bool append_to) {
  fmt::memory_buffer out;
  for (const Frame& frame : frames) append_frame(out, frame, options);
  write_file(path, out, append_to);
}

void write_extxyz(const std::string& path, const Frame& frame, const ExtxyzWriteOptions& options,
                  bool append_to) {
  fmt::memory_buffer out;
  append_frame(out, frame, options);
  write_file(path, out, append_to);
}

}  // namespace pelcamp
