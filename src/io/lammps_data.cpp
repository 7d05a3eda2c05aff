#include "pelcamp/io/lammps_data.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <fmt/format.h>
#include <unordered_map>
#include <unordered_set>

#include "pelcamp/core/error.hpp"
#include "pelcamp/io/text_io.hpp"

namespace pelcamp {

namespace {

// Column layouts of the Atoms section for the atom styles pelcamp accepts.
struct AtomLayout {
  std::string_view style;
  std::size_t columns;  // without the optional image flags
  std::size_t type_column;
  std::size_t x_column;
  std::string_view header;
};

constexpr std::array<AtomLayout, 3> kAtomLayouts = {{
    {"atomic", 5, 1, 2, "id type x y z"},
    {"charge", 6, 1, 3, "id type q x y z"},
    {"full", 7, 2, 4, "id molecule type q x y z"},
}};

std::string allowed_layouts() {
  std::string text;
  for (const auto& layout : kAtomLayouts)
    text += fmt::format("{}{} ({} [ix iy iz]: {} or {} columns)", text.empty() ? "" : ", ",
                        layout.style, layout.header, layout.columns, layout.columns + 3);
  return text;
}

constexpr std::string_view kTitlePrefix = "pelcamp data file";
constexpr std::array<std::string_view, 4> kTopologySections = {"Bonds", "Angles", "Dihedrals",
                                                               "Impropers"};
constexpr std::string_view kSectionsRead =
    "Masses, Atoms, Velocities (read); Bonds, Angles, Dihedrals, Impropers and '... Coeffs' "
    "(skipped)";

bool starts_keyword(std::string_view content) {
  return !content.empty() && std::isalpha(static_cast<unsigned char>(content.front()));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class DataFileParser {
 public:
  DataFileParser(const std::string& path, const LammpsDataReadOptions& options)
      : in_(path), options_(options) {}

  Configuration parse() {
    std::string title;
    if (!in_.next(title)) in_.fail("empty file; expected a LAMMPS data file");
    const auto periodic = options_.periodic ? *options_.periodic : periodicity_from_title(title);
    parse_header();
    parse_sections();
    return assemble(periodic);
  }

 private:
  struct PendingVelocity {
    std::int64_t id;
    Vec3 v;
  };

  // Advances to the next line with content (comment removed); false at the end of file.
  bool next_content() {
    while (in_.next(line_)) {
      content_ = strip_comment(line_, &comment_);
      if (!content_.empty()) return true;
    }
    content_ = {};
    comment_ = {};
    return false;
  }

  std::array<bool, 3> periodicity_from_title(const std::string& title) {
    std::array<bool, 3> periodic = {true, true, true};
    if (title.rfind(kTitlePrefix, 0) != 0) return periodic;
    const auto at = title.find("boundary");
    if (at == std::string::npos) return periodic;
    std::string rest = title.substr(at + 8);
    for (char& c : rest)
      if (c == '(' || c == ')') c = ' ';
    const auto fields = split_fields(rest);
    if (fields.size() != 3) in_.fail("pelcamp title line must end in 'boundary X Y Z'");
    for (int d = 0; d < 3; ++d) {
      if (fields[d] != "p" && fields[d] != "f")
        in_.fail(fmt::format("boundary '{}' in the title line is not p or f", fields[d]));
      periodic[d] = fields[d] == "p";
    }
    return periodic;
  }

  void parse_header() {
    static constexpr std::array<std::string_view, 3> lo_names = {"xlo", "ylo", "zlo"};
    static constexpr std::array<std::string_view, 3> hi_names = {"xhi", "yhi", "zhi"};
    while (next_content()) {
      if (starts_keyword(content_)) return;  // first section
      const auto f = split_fields(content_);
      if (f.size() == 2 && f[1] == "atoms") {
        atoms_ = count(f[0], "the number of atoms");
      } else if (f.size() == 3 && f[1] == "atom" && f[2] == "types") {
        types_ = count(f[0], "the number of atom types");
        if (types_ < 1) in_.fail("the number of atom types must be at least 1");
      } else if (f.size() == 4 && bounds_dimension(f) >= 0) {
        const int d = bounds_dimension(f);
        lo_(d) = parse_real(in_, f[0], lo_names[d]);
        hi_(d) = parse_real(in_, f[1], hi_names[d]);
        if (!(hi_(d) > lo_(d)))
          in_.fail(fmt::format("{} must be larger than {}", hi_names[d], lo_names[d]));
        has_bounds_[d] = true;
      } else if (f.size() == 6 && f[3] == "xy" && f[4] == "xz" && f[5] == "yz") {
        for (int k = 0; k < 3; ++k) tilt_[k] = parse_real(in_, f[k], f[k + 3]);
      } else if (!is_topology_count(f)) {
        in_.fail(fmt::format(
            "unknown header line '{}'; expected 'N atoms', 'N atom types', 'xlo xhi', "
            "'ylo yhi', 'zlo zhi', 'xy xz yz' or topology counts ('N bonds', 'N bond types', "
            "'N extra ... per atom'), then a section such as Masses or Atoms",
            content_));
      }
    }
  }

  static int bounds_dimension(const std::vector<std::string_view>& f) {
    if (f[2] == "xlo" && f[3] == "xhi") return 0;
    if (f[2] == "ylo" && f[3] == "yhi") return 1;
    if (f[2] == "zlo" && f[3] == "zhi") return 2;
    return -1;
  }

  static bool is_topology_count(const std::vector<std::string_view>& f) {
    static constexpr std::array<std::string_view, 4> kinds = {"bond", "angle", "dihedral",
                                                              "improper"};
    for (auto kind : kinds) {
      const std::string plural = std::string(kind) + "s";
      if (f.size() == 2 && f[1] == plural) return true;
      if (f.size() == 3 && f[1] == kind && f[2] == "types") return true;
      if (f.size() == 5 && f[1] == "extra" && f[2] == kind && f[3] == "per" && f[4] == "atom")
        return true;
    }
    return f.size() == 5 && f[1] == "extra" && f[2] == "special" && f[3] == "per" && f[4] == "atom";
  }

  std::int64_t count(std::string_view field, std::string_view what) {
    const std::int64_t n = parse_integer(in_, field, what);
    if (n < 0) in_.fail(fmt::format("{} must not be negative, got {}", what, n));
    return n;
  }

  void parse_sections() {
    static constexpr std::array<std::string_view, 3> axes = {"xlo xhi", "ylo yhi", "zlo zhi"};
    if (atoms_ < 0) in_.fail("the header has no 'N atoms' line");
    if (types_ < 0) in_.fail("the header has no 'N atom types' line");
    for (int d = 0; d < 3; ++d)
      if (!has_bounds_[d]) in_.fail(fmt::format("the header has no '{}' line", axes[d]));

    std::unordered_set<std::string> seen;
    while (!content_.empty()) {
      const std::string section(content_);
      const std::string hint(comment_);
      if (!seen.insert(section).second)
        in_.fail(fmt::format("second '{}' section; each section may appear once", section));
      if (section == "Masses") {
        parse_masses();
      } else if (section == "Atoms") {
        parse_atoms(hint);
      } else if (section == "Velocities") {
        parse_velocities();
      } else if (ends_with(section, " Coeffs") ||
                 std::find(kTopologySections.begin(), kTopologySections.end(), section) !=
                     kTopologySections.end()) {
        skip_section();
      } else {
        in_.fail(fmt::format("unknown or unsupported section '{}'; allowed: {}", section,
                             kSectionsRead));
      }
    }
    if (atoms_ > 0 && !seen.count("Atoms"))
      throw InputError(in_.path(), 0,
                       fmt::format("no Atoms section, but the header declares {} atoms", atoms_));
    if (!seen.count("Masses"))
      throw InputError(in_.path(), 0,
                       fmt::format("no Masses section; pelcamp needs the mass of each of the {} "
                                   "atom types in the data file",
                                   types_));
  }

  // Reads entry k (0-based) of a section of n entries into fields_.
  void next_entry(std::string_view section, std::int64_t k, std::int64_t n,
                  std::string_view declared) {
    if (!next_content())
      in_.fail(fmt::format("file ends in the {} section after {} of {} lines ({})", section, k, n,
                           declared));
    if (starts_keyword(content_))
      in_.fail(fmt::format("{} section has {} lines but needs {} ({}); found '{}'", section, k, n,
                           declared, content_));
    fields_ = split_fields(content_);
  }

  // After the last entry of a section: moves to the next section keyword.
  void end_section(std::string_view section, std::int64_t n, std::string_view declared) {
    if (next_content() && !starts_keyword(content_))
      in_.fail(
          fmt::format("{} section has more than {} lines ({}); expected a section "
                      "keyword",
                      section, n, declared));
  }

  void skip_section() {
    while (next_content())
      if (starts_keyword(content_)) return;
  }

  int parse_type(std::string_view field) {
    const std::int64_t type = parse_integer(in_, field, "the atom type");
    if (type < 1 || type > types_)
      in_.fail(
          fmt::format("atom type {} is out of range: the header declares {} atom types "
                      "(allowed 1 to {})",
                      type, types_, types_));
    return static_cast<int>(type);
  }

  void parse_masses() {
    const std::string declared = fmt::format("header: {} atom types", types_);
    masses_.assign(types_, 0.0);
    names_.assign(types_, "");
    mass_lines_.assign(types_, 0);
    for (std::int64_t k = 0; k < types_; ++k) {
      next_entry("Masses", k, types_, declared);
      if (fields_.size() != 2)
        in_.fail(fmt::format("Masses line has {} columns; expected 'type mass [# name]'",
                             fields_.size()));
      const int type = parse_type(fields_[0]);
      if (mass_lines_[type - 1] != 0)
        in_.fail(fmt::format("type {} already has a mass (line {})", type, mass_lines_[type - 1]));
      const double mass = parse_real(in_, fields_[1], fmt::format("the mass of type {}", type));
      if (!(mass > 0.0)) in_.fail(fmt::format("the mass of type {} must be positive", type));
      const auto comment_words = split_fields(comment_);
      masses_[type - 1] = mass;
      names_[type - 1] =
          comment_words.empty() ? std::to_string(type) : std::string(comment_words.front());
      mass_lines_[type - 1] = in_.line_number();
    }
    for (std::int64_t a = 0; a < types_; ++a)
      for (std::int64_t b = 0; b < a; ++b)
        if (names_[a] == names_[b])
          throw InputError(in_.path(), mass_lines_[a],
                           fmt::format("types {} and {} are both named '{}'; species names "
                                       "must be unique",
                                       b + 1, a + 1, names_[a]));
    end_section("Masses", types_, declared);
  }

  const AtomLayout& layout_from_hint(std::string_view hint) {
    const auto words = split_fields(hint);
    for (const auto& layout : kAtomLayouts)
      if (words.front() == layout.style) return layout;
    in_.fail(fmt::format("atom style '{}' is not supported; allowed: {}", words.front(),
                         allowed_layouts()));
  }

  const AtomLayout& layout_from_columns(std::size_t columns) {
    for (const auto& layout : kAtomLayouts)
      if (columns == layout.columns || columns == layout.columns + 3) return layout;
    in_.fail(
        fmt::format("Atoms line has {} columns; expected one of: {}", columns, allowed_layouts()));
  }

  void parse_atoms(std::string_view hint) {
    const std::string declared = fmt::format("header: {} atoms", atoms_);
    const AtomLayout* layout = hint.empty() ? nullptr : &layout_from_hint(hint);
    index_of_id_.reserve(atoms_);
    for (std::int64_t k = 0; k < atoms_; ++k) {
      next_entry("Atoms", k, atoms_, declared);
      if (!layout) layout = &layout_from_columns(fields_.size());
      const bool with_images = fields_.size() == layout->columns + 3;
      if (fields_.size() != layout->columns && !with_images)
        in_.fail(fmt::format(
            "Atoms line has {} columns; atom_style {} expects {} [ix iy iz] "
            "({} or {} columns)",
            fields_.size(), layout->style, layout->header, layout->columns, layout->columns + 3));
      const std::int64_t id = parse_integer(in_, fields_[0], "the atom id");
      if (id < 1) in_.fail(fmt::format("atom id must be a positive integer, got {}", id));
      const auto [it, inserted] = index_of_id_.emplace(id, ids_.size());
      if (!inserted)
        in_.fail(fmt::format("atom id {} appears twice in Atoms (first on line {})", id,
                             atom_lines_[it->second]));
      const int type = parse_type(fields_[layout->type_column]);
      Vec3 x;
      for (int d = 0; d < 3; ++d)
        x(d) = parse_real(in_, fields_[layout->x_column + d],
                          fmt::format("coordinate {} of atom {}", "xyz"[d], id));
      Image image = {0, 0, 0};
      if (with_images)
        for (int d = 0; d < 3; ++d) {
          const std::int64_t flag =
              parse_integer(in_, fields_[layout->x_column + 3 + d],
                            fmt::format("image flag {} of atom {}", "xyz"[d], id));
          if (flag < INT_MIN || flag > INT_MAX)
            in_.fail(fmt::format("image flag {} of atom {} is out of range", flag, id));
          image[d] = static_cast<int>(flag);
        }
      ids_.push_back(id);
      types_of_atoms_.push_back(type - 1);
      positions_.push_back(x);
      images_.push_back(image);
      atom_lines_.push_back(in_.line_number());
    }
    end_section("Atoms", atoms_, declared);
  }

  void parse_velocities() {
    const std::string declared = fmt::format("header: {} atoms", atoms_);
    if (atom_lines_.empty() && atoms_ > 0)
      in_.fail("Velocities section before the Atoms section; LAMMPS reads Atoms first");
    velocities_.assign(atoms_, Vec3::Zero());
    std::vector<int> velocity_lines(atoms_, 0);
    for (std::int64_t k = 0; k < atoms_; ++k) {
      next_entry("Velocities", k, atoms_, declared);
      if (fields_.size() != 4)
        in_.fail(
            fmt::format("Velocities line has {} columns; expected 'id vx vy vz'", fields_.size()));
      const std::int64_t id = parse_integer(in_, fields_[0], "the atom id");
      const auto it = index_of_id_.find(id);
      if (it == index_of_id_.end())
        in_.fail(fmt::format("Velocities line for atom id {}, which is not in Atoms", id));
      if (velocity_lines[it->second] != 0)
        in_.fail(fmt::format("atom id {} appears twice in Velocities (first on line {})", id,
                             velocity_lines[it->second]));
      for (int d = 0; d < 3; ++d)
        velocities_[it->second](d) =
            parse_real(in_, fields_[1 + d], fmt::format("velocity {} of atom {}", "xyz"[d], id));
      velocity_lines[it->second] = in_.line_number();
    }
    end_section("Velocities", atoms_, declared);
  }

  Configuration assemble(const std::array<bool, 3>& periodic) {
    Configuration config;
    config.box = Box::triclinic(lo_, hi_ - lo_, tilt_[0], tilt_[1], tilt_[2], periodic);
    for (std::int64_t t = 0; t < types_; ++t) config.species.push_back({names_[t], masses_[t]});
    config.positions = std::move(positions_);
    config.images = std::move(images_);
    config.types = std::move(types_of_atoms_);
    config.ids = std::move(ids_);
    config.velocities = velocities_.empty() ? std::vector<Vec3>(config.size(), Vec3::Zero())
                                            : std::move(velocities_);
    return config;
  }

  LineReader in_;
  const LammpsDataReadOptions& options_;
  std::string line_;
  std::string_view content_, comment_;
  std::vector<std::string_view> fields_;

  std::int64_t atoms_ = -1, types_ = -1;
  Vec3 lo_ = Vec3::Zero(), hi_ = Vec3::Zero();
  std::array<bool, 3> has_bounds_ = {false, false, false};
  std::array<double, 3> tilt_ = {0.0, 0.0, 0.0};

  std::vector<double> masses_;
  std::vector<std::string> names_;
  std::vector<int> mass_lines_;

  std::unordered_map<std::int64_t, std::size_t> index_of_id_;
  std::vector<std::int64_t> ids_;
  std::vector<int> types_of_atoms_;
  std::vector<Vec3> positions_;
  std::vector<Image> images_;
  std::vector<int> atom_lines_;
  std::vector<Vec3> velocities_;
};

}  // namespace

Configuration read_lammps_data(const std::string& path, const LammpsDataReadOptions& options) {
  return DataFileParser(path, options).parse();
}

void write_lammps_data(const std::string& path, const Configuration& config,
                       const LammpsDataWriteOptions& options) {
  config.validate();
  for (const auto& s : config.species)
    if (s.name.empty() || s.name.find_first_of(" \t\r\n#") != std::string::npos)
      throw Error(
          fmt::format("species name '{}' cannot be written to a LAMMPS data file "
                      "(it must be one word without '#')",
                      s.name));

  const Box& box = config.box;
  Vec3 lo = box.lo(), hi = box.hi();
  std::array<bool, 3> periodic = box.periodicity();
  if (box.unbounded()) {
    lo = Vec3::Constant(-options.free_margin);
    hi = Vec3::Constant(options.free_margin);
    if (config.size() > 0) {
      lo = hi = config.positions.front();
      for (const Vec3& x : config.positions) {
        lo = lo.cwiseMin(x);
        hi = hi.cwiseMax(x);
      }
      lo.array() -= options.free_margin;
      hi.array() += options.free_margin;
    }
  }

  fmt::memory_buffer out;
  append(out, "{} (boundary {} {} {})\n\n", kTitlePrefix, periodic[0] ? 'p' : 'f',
         periodic[1] ? 'p' : 'f', periodic[2] ? 'p' : 'f');
  append(out, "{} atoms\n{} atom types\n\n", config.size(), config.num_species());
  static constexpr std::array<std::string_view, 3> axes = {"xlo xhi", "ylo yhi", "zlo zhi"};
  for (int d = 0; d < 3; ++d)
    append(out, "{} {} {}\n", format_real(lo(d)), format_real(hi(d)), axes[d]);
  if (!box.unbounded() && box.is_triclinic())
    append(out, "{} {} {} xy xz yz\n", format_real(box.xy()), format_real(box.xz()),
           format_real(box.yz()));

  append(out, "\nMasses\n\n");
  for (std::size_t t = 0; t < config.num_species(); ++t)
    append(out, "{} {} # {}\n", t + 1, format_real(config.species[t].mass), config.species[t].name);

  append(out, "\nAtoms # atomic\n\n");
  for (std::size_t i = 0; i < config.size(); ++i) {
    const Vec3& x = config.positions[i];
    append(out, "{} {} {} {} {}", config.ids[i], config.types[i] + 1, format_real(x(0)),
           format_real(x(1)), format_real(x(2)));
    if (options.image_flags) {
      const Image image = box.unbounded() ? Image{0, 0, 0} : config.images[i];
      append(out, " {} {} {}", image[0], image[1], image[2]);
    }
    append(out, "\n");
  }

  if (options.velocities) {
    append(out, "\nVelocities\n\n");
    for (std::size_t i = 0; i < config.size(); ++i) {
      const Vec3& v = config.velocities[i];
      append(out, "{} {} {} {}\n", config.ids[i], format_real(v(0)), format_real(v(1)),
             format_real(v(2)));
    }
  }

  write_file(path, out);
}

}  // namespace pelcamp
