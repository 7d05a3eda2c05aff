#include "pelcamp/io/lammps_dump.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/io/text_io.hpp"

namespace pelcamp {

namespace {

// Extent of the tilted cell along x and y beyond [lo, hi], as LAMMPS writes bounds.
struct TiltExtent {
  double x_min, x_max, y_min, y_max;
};
TiltExtent tilt_extent(double xy, double xz, double yz) {
  return {std::min({0.0, xy, xz, xy + xz}), std::max({0.0, xy, xz, xy + xz}), std::min(0.0, yz),
          std::max(0.0, yz)};
}

std::vector<std::string> column_names(const LammpsDumpOptions& o) {
  std::vector<std::string> names;
  auto add = [&names](bool on, std::initializer_list<const char*> list) {
    if (on) names.insert(names.end(), list.begin(), list.end());
  };
  add(o.ids, {"id"});
  add(o.types, {"type"});
  add(o.elements, {"element"});
  add(o.positions, {"x", "y", "z"});
  add(o.unwrapped, {"xu", "yu", "zu"});
  add(o.images, {"ix", "iy", "iz"});
  add(o.velocities, {"vx", "vy", "vz"});
  add(o.forces, {"fx", "fy", "fz"});
  add(o.energies, {"c_pe"});
  add(o.stresses,
      {"c_stress[1]", "c_stress[2]", "c_stress[3]", "c_stress[4]", "c_stress[5]", "c_stress[6]"});
  return names;
}

void require(bool present, const char* column, const char* data) {
  if (!present)
    throw Error(
        fmt::format("dump column {} needs {}, which the frame does not have", column, data));
}

}  // namespace

LammpsDumpWriter::LammpsDumpWriter(const std::string& path, const LammpsDumpOptions& options,
                                   bool append)
    : path_(path),
      options_(options),
      file_(path, append ? std::ios::binary | std::ios::app : std::ios::binary) {
  if (!file_) throw Error(fmt::format("cannot open dump file '{}' for writing", path));
  if (column_names(options_).empty())
    throw Error(fmt::format("dump file '{}': no columns selected", path));
}

void LammpsDumpWriter::write(const Frame& frame, std::int64_t timestep) {
  frame.validate();
  const LammpsDumpOptions& o = options_;
  if (o.forces) require(!frame.forces.empty(), "fx fy fz", "forces");
  if (o.energies) require(!frame.energies.empty(), "c_pe", "per-atom energies");
  if (o.stresses) require(!frame.virials.empty(), "c_stress", "per-atom virials");
  const Configuration& config = frame.config;
  const Box& box = config.box;

  fmt::memory_buffer out;
  append(out, "ITEM: TIMESTEP\n{}\nITEM: NUMBER OF ATOMS\n{}\n", timestep, config.size());
  std::string flags;
  for (int d = 0; d < 3; ++d) flags += box.periodic(d) ? " pp" : " ff";
  if (box.unbounded()) {
    Vec3 lo = Vec3::Zero(), hi = Vec3::Zero();
    if (config.size() > 0) lo = hi = config.positions.front();
    for (const Vec3& x : config.positions) {
      lo = lo.cwiseMin(x);
      hi = hi.cwiseMax(x);
    }
    append(out, "ITEM: BOX BOUNDS{}\n", flags);
    for (int d = 0; d < 3; ++d) append(out, "{} {}\n", format_real(lo(d)), format_real(hi(d)));
  } else if (box.is_triclinic()) {
    const TiltExtent e = tilt_extent(box.xy(), box.xz(), box.yz());
    const Vec3 lo = box.lo(), hi = box.hi();
    append(out, "ITEM: BOX BOUNDS xy xz yz{}\n", flags);
    append(out, "{} {} {}\n", format_real(lo(0) + e.x_min), format_real(hi(0) + e.x_max),
           format_real(box.xy()));
    append(out, "{} {} {}\n", format_real(lo(1) + e.y_min), format_real(hi(1) + e.y_max),
           format_real(box.xz()));
    append(out, "{} {} {}\n", format_real(lo(2)), format_real(hi(2)), format_real(box.yz()));
  } else {
    append(out, "ITEM: BOX BOUNDS{}\n", flags);
    for (int d = 0; d < 3; ++d)
      append(out, "{} {}\n", format_real(box.lo()(d)), format_real(box.hi()(d)));
  }
  append(out, "ITEM: ATOMS {}\n", fmt::join(column_names(o), " "));

  // Each field is written with a leading space; the row's first one is dropped.
  fmt::memory_buffer row;
  auto vec = [&row](const Vec3& v) {
    append(row, " {} {} {}", format_real(v(0)), format_real(v(1)), format_real(v(2)));
  };
  for (std::size_t i = 0; i < config.size(); ++i) {
    row.clear();
    if (o.ids) append(row, " {}", config.ids[i]);
    if (o.types) append(row, " {}", config.types[i] + 1);
    if (o.elements) append(row, " {}", config.species[config.types[i]].name);
    if (o.positions) vec(config.positions[i]);
    if (o.unwrapped) vec(config.unwrapped(i));
    if (o.images) {
      const Image im = box.unbounded() ? Image{0, 0, 0} : config.images[i];
      append(row, " {} {} {}", im[0], im[1], im[2]);
    }
    if (o.velocities) vec(config.velocities[i]);
    if (o.forces) vec(frame.forces[i]);
    if (o.energies) append(row, " {}", format_real(frame.energies[i]));
    if (o.stresses)
      for (double w : frame.virials[i]) append(row, " {}", format_real(-o.units.nktv2p * w));
    out.append(row.data() + 1, row.data() + row.size());
    out.push_back('\n');
  }
  file_.write(out.data(), static_cast<std::streamsize>(out.size()));
  file_.flush();
  if (!file_) throw Error(fmt::format("cannot write dump file '{}'", path_));
}

bool DumpFrame::has(std::string_view name) const {
  return std::find(columns.begin(), columns.end(), name) != columns.end();
}

const std::vector<double>& DumpFrame::column(std::string_view name) const {
  const auto it = std::find(columns.begin(), columns.end(), name);
  if (it == columns.end() || name == "element")
    throw Error(fmt::format("dump frame at timestep {} has no numeric column '{}' (columns: {})",
                            timestep, name, fmt::join(columns, " ")));
  return values[it - columns.begin()];
}

Configuration DumpFrame::to_configuration(const std::vector<Species>& species) const {
  Configuration config;
  config.box = box;
  config.species = species;
  const std::vector<double>& type = column("type");
  const auto position_columns = [this]() -> std::array<const char*, 3> {
    for (auto set :
         {std::array{"x", "y", "z"}, std::array{"xu", "yu", "zu"}, std::array{"xs", "ys", "zs"}})
      if (has(set[0]) && has(set[1]) && has(set[2])) return set;
    throw Error(
        fmt::format("dump frame at timestep {} has no positions (x y z, xu yu zu or "
                    "xs ys zs); columns: {}",
                    timestep, fmt::join(columns, " ")));
  }();
  const bool scaled = position_columns[0][1] == 's';
  const std::array<const std::vector<double>*, 3> x = {
      &column(position_columns[0]), &column(position_columns[1]), &column(position_columns[2])};
  const bool ids = has("id"), images = has("ix") && has("iy") && has("iz"),
             velocities = has("vx") && has("vy") && has("vz");
  for (std::size_t i = 0; i < atoms; ++i) {
    const int t = static_cast<int>(type[i]);
    if (t != type[i] || t < 1 || t > static_cast<int>(species.size()))
      throw Error(fmt::format("dump atom {} has type {}, but {} species are given", i + 1, type[i],
                              species.size()));
    Vec3 r((*x[0])[i], (*x[1])[i], (*x[2])[i]);
    if (scaled) r = box.from_fractional(r);
    const Vec3 v =
        velocities ? Vec3(column("vx")[i], column("vy")[i], column("vz")[i]) : Vec3::Zero();
    config.add_atom(t - 1, r, v, ids ? static_cast<std::int64_t>(column("id")[i]) : -1);
    if (images)
      config.images.back() = {static_cast<int>(column("ix")[i]), static_cast<int>(column("iy")[i]),
                              static_cast<int>(column("iz")[i])};
  }
  return config;
}

namespace {

class DumpParser {
 public:
  explicit DumpParser(const std::string& path) : in_(path) {}

  std::vector<DumpFrame> read() {
    std::vector<DumpFrame> frames;
    std::string line;
    while (next_item(line)) {
      if (line != "TIMESTEP")
        in_.fail(fmt::format("expected 'ITEM: TIMESTEP' to start a frame, got 'ITEM: {}'", line));
      frames.push_back(read_frame());
    }
    if (frames.empty()) throw InputError(in_.path(), 0, "no frames; expected a LAMMPS dump file");
    return frames;
  }

 private:
  // Reads the next non-blank line, which must be an item; returns its name (after "ITEM: ").
  bool next_item(std::string& item) {
    std::string line;
    while (in_.next(line)) {
      const auto content = trim(line);
      if (content.empty()) continue;
      if (content.rfind("ITEM:", 0) != 0)
        in_.fail(fmt::format("expected an 'ITEM:' line, got '{}'", content));
      item = std::string(trim(content.substr(5)));
      return true;
    }
    return false;
  }

  std::vector<std::string_view> value_line(std::string_view what, std::size_t min_fields,
                                           std::size_t max_fields) {
    if (!in_.next(line_)) in_.fail(fmt::format("file ends before {}", what));
    auto fields = split_fields(line_);
    if (fields.size() < min_fields || fields.size() > max_fields)
      in_.fail(fmt::format("{} has {} values; expected {}", what, fields.size(),
                           min_fields == max_fields
                               ? fmt::format("{}", min_fields)
                               : fmt::format("{} to {}", min_fields, max_fields)));
    return fields;
  }

  DumpFrame read_frame() {
    DumpFrame frame;
    frame.timestep = parse_integer(in_, value_line("the timestep", 1, 1)[0], "the timestep");
    bool have_count = false, have_box = false;
    std::string item;
    while (true) {
      if (!next_item(item)) in_.fail("file ends before 'ITEM: ATOMS'");
      if (item == "NUMBER OF ATOMS") {
        const auto n = parse_integer(in_, value_line("the atom count", 1, 1)[0], "the atom count");
        if (n < 0) in_.fail("the atom count must not be negative");
        frame.atoms = static_cast<std::size_t>(n);
        have_count = true;
      } else if (item.rfind("BOX BOUNDS", 0) == 0) {
        frame.box = read_box(item);
        have_box = true;
      } else if (item == "UNITS" || item == "TIME") {
        value_line(item == "UNITS" ? "the units" : "the time", 1, 1);
      } else if (item.rfind("ATOMS", 0) == 0) {
        if (!have_count) in_.fail("'ITEM: ATOMS' before 'ITEM: NUMBER OF ATOMS'");
        if (!have_box) in_.fail("'ITEM: ATOMS' before 'ITEM: BOX BOUNDS'");
        read_atoms(frame, item);
        return frame;
      } else {
        in_.fail(
            fmt::format("unknown item 'ITEM: {}'; expected NUMBER OF ATOMS, BOX BOUNDS, "
                        "UNITS, TIME or ATOMS",
                        item));
      }
    }
  }

  Box read_box(const std::string& item) {
    auto words = split_fields(item);
    words.erase(words.begin(), words.begin() + 2);  // "BOX BOUNDS"
    const bool triclinic = !words.empty() && words[0] == "xy";
    if (triclinic) {
      if (words.size() < 3 || words[1] != "xz" || words[2] != "yz")
        in_.fail("triclinic bounds must read 'ITEM: BOX BOUNDS xy xz yz ...'");
      words.erase(words.begin(), words.begin() + 3);
    }
    if (words.size() != 3)
      in_.fail(fmt::format("'ITEM: {}' must end in three boundary flags such as 'pp pp pp'", item));
    std::array<bool, 3> periodic{};
    for (int d = 0; d < 3; ++d) periodic[d] = words[d] == "pp";
    std::array<double, 3> lo{}, hi{}, tilt{};
    static constexpr std::array<std::string_view, 3> names = {"x bounds", "y bounds", "z bounds"};
    for (int d = 0; d < 3; ++d) {
      const auto f = value_line(names[d], triclinic ? 3 : 2, triclinic ? 3 : 2);
      lo[d] = parse_real(in_, f[0], "a lower box bound");
      hi[d] = parse_real(in_, f[1], "an upper box bound");
      if (triclinic) tilt[d] = parse_real(in_, f[2], "a tilt factor");
    }
    const double xy = tilt[0], xz = tilt[1], yz = tilt[2];
    const TiltExtent e = tilt_extent(xy, xz, yz);
    lo[0] -= e.x_min;
    hi[0] -= e.x_max;
    lo[1] -= e.y_min;
    hi[1] -= e.y_max;
    for (int d = 0; d < 3; ++d)
      if (!(hi[d] > lo[d])) in_.fail("box bounds give a non-positive box length");
    return Box::triclinic(Vec3(lo[0], lo[1], lo[2]),
                          Vec3(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]), xy, xz, yz, periodic);
  }

  void read_atoms(DumpFrame& frame, const std::string& item) {
    const auto words = split_fields(item);
    for (std::size_t k = 1; k < words.size(); ++k) frame.columns.emplace_back(words[k]);
    if (frame.columns.empty()) in_.fail("'ITEM: ATOMS' names no columns");
    const std::size_t ncol = frame.columns.size();
    frame.values.assign(ncol, {});
    std::ptrdiff_t element_column = -1;
    for (std::size_t c = 0; c < ncol; ++c) {
      if (frame.columns[c] == "element")
        element_column = static_cast<std::ptrdiff_t>(c);
      else
        frame.values[c].resize(frame.atoms);
    }
    for (std::size_t i = 0; i < frame.atoms; ++i) {
      if (!in_.next(line_))
        in_.fail(fmt::format("file ends after {} of the {} atom lines", i, frame.atoms));
      const auto f = split_fields(line_);
      if (f.size() != ncol)
        in_.fail(fmt::format("atom line has {} values; 'ITEM: ATOMS' declares {} columns ({})",
                             f.size(), ncol, fmt::join(frame.columns, " ")));
      for (std::size_t c = 0; c < ncol; ++c) {
        if (static_cast<std::ptrdiff_t>(c) == element_column)
          frame.elements.emplace_back(f[c]);
        else
          frame.values[c][i] = parse_real(in_, f[c], "column " + frame.columns[c]);
      }
    }
  }

  LineReader in_;
  std::string line_;
};

}  // namespace

std::vector<DumpFrame> read_lammps_dump(const std::string& path) { return DumpParser(path).read(); }

}  // namespace pelcamp
