#include "pelcamp/campaign/campaign.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "pelcamp/campaign/campaign_schema.hpp"
#include "pelcamp/campaign/diagnostics.hpp"
#include "pelcamp/core/rng.hpp"
#include "pelcamp/potential/registry.hpp"
#include "pelcamp/units/unit_registry.hpp"

namespace pelcamp::campaign {

using units::ParamSpec;
using units::ParamType;
using units::Value;

namespace {

namespace fs = std::filesystem;

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string node_text(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter e;
  e << YAML::Flow << node;
  return e.c_str();
}

const char* node_shape(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Null: return "nothing";
    default: return "a scalar";
  }
}

std::string allowed_text(const ParamSpec& spec) {
  std::string out = units::param_type_name(spec.type);
  if (spec.type == ParamType::Int || spec.type == ParamType::Float) {
    if (spec.min > -1e299) out += ", >= " + units::format_value(spec.min);
    if (spec.max < 1e299) out += ", <= " + units::format_value(spec.max);
  }
  if (!spec.choices.empty()) out += " (" + join(spec.choices) + ")";
  if (*spec.unit) out += std::string(" in ") + spec.unit;
  return out;
}

// Everything validation needs while walking the file.
class Validator {
 public:
  Validator(const std::string& file, std::optional<Scale> scale_override)
      : diag_(file), base_dir_(fs::absolute(fs::path(file)).parent_path()),
        scale_override_(scale_override) {}

  Diagnostics& diag() { return diag_; }

  void error(const YAML::Node& node, const std::string& key, const std::string& message) {
    const YAML::Mark m = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
    diag_.add(m.line, m.column, key, message);
  }

  // Reports keys of `map` that are not in `allowed`.
  void check_keys(const YAML::Node& map, const std::string& prefix,
                  const std::vector<std::string>& allowed) {
    for (const auto& kv : map) {
      const std::string key = kv.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        error(kv.first, prefix + key, "unknown key; allowed: " + join(allowed));
    }
  }

  // Picks the demo or full alternative of a {demo: …, full: …} map; other nodes pass.
  YAML::Node scaled(const YAML::Node& node, const std::string& key) {
    if (!node.IsMap() || !(node["demo"] || node["full"])) return node;
    check_keys(node, key + ".", {"demo", "full"});
    if (!node["demo"] || !node["full"]) {
      error(node, key, "a scaled value needs both `demo:` and `full:`");
      return YAML::Node();
    }
    return scale.demo() ? node["demo"] : node["full"];
  }

  // Converts one scalar node to a value of `spec`, reporting what is wrong with it.
  std::optional<Value> convert(const YAML::Node& node, const ParamSpec& spec,
                               const std::string& key) {
    if (!node.IsScalar()) {
      error(node, key, std::string("expected ") + allowed_text(spec) + ", got " + node_shape(node));
      return std::nullopt;
    }
    const std::string& text = node.Scalar();
    auto bad = [&](const std::string& why) {
      error(node, key, "'" + text + "' " + why + "; allowed: " + allowed_text(spec));
      return std::nullopt;
    };
    switch (spec.type) {
      case ParamType::Bool: {
        bool b = false;
        if (!YAML::convert<bool>::decode(node, b)) return bad("is not a bool");
        return Value(b);
      }
      case ParamType::Int:
      case ParamType::Float: {
        double d = 0;
        std::int64_t i = 0;
        const char* first = text.data();
        const char* last = text.data() + text.size();
        const bool is_int = std::from_chars(first, last, i).ptr == last;
        auto [ptr, ec] = std::from_chars(first, last, d);
        if (!is_int && (ptr != last || ec != std::errc() || !std::isfinite(d)))
          return bad("is not a number");
        if (is_int) d = static_cast<double>(i);
        if (d < spec.min || d > spec.max) return bad("is out of range");
        if (spec.type == ParamType::Float) return Value(d);
        if (!is_int) {
          if (d != std::floor(d) || std::fabs(d) > 9.007199254740992e15)
            return bad("is not an integer");
          i = static_cast<std::int64_t>(d);
        }
        return Value(i);
      }
      case ParamType::String: return Value(text);
      case ParamType::Choice:
        if (std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end())
          return bad("is not allowed");
        return Value(text);
      case ParamType::Potential: {
        auto it = potentials.find(text);
        if (it == potentials.end()) {
          std::vector<std::string> names;
          for (const auto& [n, s] : potentials) names.push_back(n);
          error(node, key, "unknown potential '" + text + "'; defined under `potentials:`: " +
                               (names.empty() ? "none" : join(names)));
          return std::nullopt;
        }
        return Value(it->second);
      }
      case ParamType::Structure: {
        auto it = structures.find(text);
        if (it == structures.end()) {
          std::vector<std::string> names;
          for (const auto& [n, s] : structures) names.push_back(n);
          error(node, key, "unknown structure '" + text + "'; defined under `structures:`: " +
                               (names.empty() ? "none" : join(names)));
          return std::nullopt;
        }
        return Value(it->second.file);
      }
    }
    return std::nullopt;
  }

  // A scalar setting at `node` (may be absent): its value, or its default.
  std::optional<Value> setting(const YAML::Node& node, const ParamSpec& spec,
                               const std::string& key, const YAML::Node& parent) {
    if (!node || node.IsNull()) {
      if (!spec.default_value) error(parent, key, std::string("missing required key (") + allowed_text(spec) + ")");
      return spec.default_value;
    }
    return convert(scaled(node, key), spec, key);
  }

  // Multiplies an extensive value by a numeric scale factor.
  Value apply_factor(const ParamSpec& spec, Value v) const {
    if (!spec.extensive || scale.factor == 1.0) return v;
    if (auto* i = std::get_if<std::int64_t>(&v)) {
      const auto scaled = static_cast<std::int64_t>(std::llround(double(*i) * scale.factor));
      return Value(std::max<std::int64_t>(scaled, *i >= 1 ? 1 : 0));
    }
    if (auto* d = std::get_if<double>(&v)) return Value(*d * scale.factor);
    return v;
  }

  // Expands one parameter's grid axis.
  std::vector<Value> axis(const YAML::Node& raw, const ParamSpec& spec, const std::string& key) {
    std::vector<Value> values;
    const YAML::Node node = scaled(raw, key);
    if (!node) return values;
    auto push = [&](const YAML::Node& item, const std::string& item_key) {
      if (auto v = convert(scaled(item, item_key), spec, item_key))
        values.push_back(apply_factor(spec, *v));
    };
    if (node.IsScalar()) {
      push(node, key);
    } else if (node.IsSequence()) {
      if (node.size() == 0) error(node, key, "empty list of values");
      for (std::size_t i = 0; i < node.size(); ++i) push(node[i], key + "[" + std::to_string(i) + "]");
    } else if (node.IsMap() && node.size() == 1 && node["values"]) {
      return axis(node["values"], spec, key + ".values");
    } else if (node.IsMap() && node.size() == 1 &&
               (node["range"] || node["linspace"] || node["logspace"])) {
      numeric_axis(node, spec, key, values);
    } else {
      error(node, key, "expected a value, a list, {range: [start, stop, step]}, "
                       "{linspace: [a, b, n]}, {logspace: [a, b, n]} or {demo: …, full: …}");
    }
    return values;
  }

  void numeric_axis(const YAML::Node& node, const ParamSpec& spec, const std::string& key,
                    std::vector<Value>& values) {
    const std::string form = node.begin()->first.as<std::string>();
    const YAML::Node args = node.begin()->second;
    const std::string form_key = key + "." + form;
    if (spec.type != ParamType::Int && spec.type != ParamType::Float) {
      error(node, key, form + " needs a numeric parameter; this one is " + allowed_text(spec));
      return;
    }
    if (!args.IsSequence() || args.size() != 3) {
      error(args, form_key, "expected three numbers, got " + node_text(args));
      return;
    }
    const ParamSpec any_number{.name = "", .type = ParamType::Float};
    std::vector<double> a;
    for (std::size_t i = 0; i < 3; ++i)
      if (auto v = convert(args[i], any_number, form_key)) a.push_back(std::get<double>(*v));
    if (a.size() != 3) return;
    std::vector<double> points;
    constexpr double kMaxPoints = 1e7;
    if (form == "range") {
      const double span = (a[1] - a[0]) / a[2];
      if (a[2] == 0 || span < -1e-9 || span > kMaxPoints) {
        error(args, form_key, "step must be nonzero, point from start toward stop, and give at most 1e7 points");
        return;
      }
      const auto n = static_cast<std::int64_t>(std::floor(span + 1e-9)) + 1;
      for (std::int64_t i = 0; i < n; ++i) points.push_back(a[0] + double(i) * a[2]);
    } else {
      if (a[2] < 1 || a[2] != std::floor(a[2]) || a[2] > kMaxPoints) {
        error(args[2], form_key, "the number of points must be an integer in [1, 1e7]");
        return;
      }
      const auto n = static_cast<std::int64_t>(a[2]);
      if (form == "logspace" && (a[0] <= 0 || a[1] <= 0)) {
        error(args, form_key, "logspace needs positive end points");
        return;
      }
      for (std::int64_t i = 0; i < n; ++i) {
        const double t = n > 1 ? double(i) / double(n - 1) : 0.0;
        points.push_back(form == "linspace" ? a[0] + t * (a[1] - a[0])
                                            : a[0] * std::pow(a[1] / a[0], t));
      }
    }
    for (double p : points) {
      if (spec.type == ParamType::Int) {
        const double r = std::round(p);
        if (std::fabs(p - r) > 1e-9 * std::max(1.0, std::fabs(p))) {
          error(node, key, units::format_value(p) + " generated by " + form + " is not an integer");
          return;
        }
        p = r;
      }
      if (p < spec.min || p > spec.max) {
        error(node, key, units::format_value(p) + " generated by " + form +
                             " is out of range; allowed: " + allowed_text(spec));
        return;
      }
      values.push_back(apply_factor(spec, spec.type == ParamType::Int
                                              ? Value(static_cast<std::int64_t>(p))
                                              : Value(p)));
    }
  }

  std::string resolve_path(const std::string& path) const {
    fs::path p(path);
    return (p.is_absolute() ? p : base_dir_ / p).lexically_normal().string();
  }

  Scale scale;
  std::map<std::string, std::string> potentials;
  std::map<std::string, StructureEntry> structures;

 private:
  Diagnostics diag_;
  fs::path base_dir_;

 public:
  std::optional<Scale> scale_override_;
};

template <class T>
T value_or(const std::optional<Value>& v, T fallback) {
  if (!v) return fallback;
  if (auto* p = std::get_if<T>(&*v)) return *p;
  return fallback;
}

double number_or(const std::optional<Value>& v, double fallback) {
  if (!v) return fallback;
  if (auto* d = std::get_if<double>(&*v)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&*v)) return double(*i);
  return fallback;
}

// Reads the scalar settings (campaign.*, scale, run.*, output.*).
void read_settings(const YAML::Node& root, Validator& v, Campaign& c) {
  std::map<std::string, std::optional<Value>> values;
  for (const ParamSpec& spec : campaign_settings()) {
    // yaml-cpp's Node::operator= and reset() assign into the referenced node (and throw on
    // absent ones), so nodes here are only ever constructed.
    const std::string path = spec.name;
    const auto dot = path.find('.');
    const YAML::Node section = dot == std::string::npos ? root : root[path.substr(0, dot)];
    const bool in_section = section.IsDefined() && section.IsMap();
    const YAML::Node parent = in_section ? section : root;
    const YAML::Node node = in_section ? section[path.substr(dot == std::string::npos ? 0 : dot + 1)]
                                       : YAML::Node(YAML::NodeType::Undefined);
    values[path] = v.setting(node, spec, path, parent);
  }
  for (const char* section : {"campaign", "run", "output"}) {
    const YAML::Node s = root[section];
    if (!s) continue;
    if (!s.IsMap()) {
      v.error(s, section, std::string("expected a map, got ") + node_shape(s));
      continue;
    }
    std::vector<std::string> allowed;
    const std::string prefix = std::string(section) + ".";
    for (const ParamSpec& spec : campaign_settings())
      if (std::string(spec.name).rfind(prefix, 0) == 0) allowed.push_back(spec.name + prefix.size());
    v.check_keys(s, prefix, allowed);
  }
  c.name = value_or<std::string>(values["campaign.name"], "");
  c.description = value_or<std::string>(values["campaign.description"], "");
  c.seed = static_cast<std::uint64_t>(value_or<std::int64_t>(values["campaign.seed"], 1));
  const std::string scale_text = value_or<std::string>(values["scale"], "full");
  if (auto s = Scale::parse(scale_text)) {
    c.scale = *s;
  } else {
    v.error(root["scale"], "scale", "'" + scale_text + "' is not allowed; allowed: " + Scale::kAllowed);
  }
  if (v.scale_override_) c.scale = *v.scale_override_;
  v.scale = c.scale;
  c.run.unit_deadline = number_or(values["run.unit_deadline"], c.run.unit_deadline);
  c.run.max_crash_attempts = int(value_or<std::int64_t>(values["run.max_crash_attempts"], 3));
  c.run.batch_seconds = number_or(values["run.batch_seconds"], c.run.batch_seconds);
  c.run.max_batch = int(value_or<std::int64_t>(values["run.max_batch"], 256));
  c.run.stop_margin = number_or(values["run.stop_margin"], c.run.stop_margin);
  c.run.hang_grace = number_or(values["run.hang_grace"], c.run.hang_grace);
  c.output.fsync = value_or<std::string>(values["output.durability"], "fsync") == "fsync";
  c.output.particles = value_or<bool>(values["output.particles"], true);
  c.output.progress_interval = number_or(values["output.progress_interval"], 2.0);
}

// The spec's fields with the file (fields[1] of styles that take one, already checked to
// exist) replaced by its base name and the hash of its contents.
std::string potential_identity(std::vector<std::string> fields, const PotentialStyle& style) {
  if (std::string(style.usage).find(":FILE") != std::string::npos && fields.size() >= 2) {
    std::ifstream in(fields[1], std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    fields[1] = fmt::format("{}#{:016x}", fs::path(fields[1]).filename().string(), stable_hash(bytes));
  }
  return join(fields, ":");
}

void read_potentials(const YAML::Node& root, Validator& v, Campaign& c) {
  const YAML::Node node = root["potentials"];
  if (!node) return;
  if (!node.IsMap()) {
    v.error(node, "potentials", std::string("expected a map NAME: SPEC, got ") + node_shape(node));
    return;
  }
  for (const auto& kv : node) {
    const std::string name = kv.first.as<std::string>();
    const std::string key = "potentials." + name;
    if (!kv.second.IsScalar()) {
      v.error(kv.second, key, "expected a potential specification string");
      continue;
    }
    auto fields = split_list(kv.second.Scalar(), ':');
    const PotentialStyle* style = nullptr;
    for (const auto& s : potential_styles())
      if (fields[0] == s.name) style = &s;
    if (!style) {
      std::vector<std::string> allowed;
      for (const auto& s : potential_styles()) allowed.emplace_back(s.usage);
      v.error(kv.second, key, "unknown potential style '" + fields[0] + "'; allowed: " +
                                  (allowed.empty() ? "none (no potential is built in)" : join(allowed)));
      continue;
    }
    // Styles whose usage names a FILE take it as the first argument.
    if (std::string(style->usage).find(":FILE") != std::string::npos && fields.size() >= 2) {
      fields[1] = v.resolve_path(fields[1]);
      if (!fs::is_regular_file(fields[1])) {
        v.error(kv.second, key, "potential file '" + fields[1] + "' does not exist");
        continue;
      }
    }
    c.potentials[name] = join(fields, ":");
    c.potential_identities[c.potentials[name]] = potential_identity(fields, *style);
  }
  v.potentials = c.potentials;
}

void read_structures(const YAML::Node& root, Validator& v, Campaign& c) {
  const YAML::Node node = root["structures"];
  if (!node) return;
  if (!node.IsMap()) {
    v.error(node, "structures", std::string("expected a map NAME: FILE, got ") + node_shape(node));
    return;
  }
  for (const auto& kv : node) {
    const std::string name = kv.first.as<std::string>();
    const std::string key = "structures." + name;
    StructureEntry entry;
    const YAML::Node file_node = kv.second.IsMap() ? kv.second["file"] : kv.second;
    if (kv.second.IsMap()) {
      std::vector<std::string> allowed;
      for (const auto& s : structure_settings()) allowed.emplace_back(s.name);
      v.check_keys(kv.second, key + ".", allowed);
      entry.free = value_or<bool>(v.setting(kv.second["free"], structure_settings()[1], key + ".free", kv.second), false);
    }
    auto file = v.setting(file_node, structure_settings()[0], key + ".file", kv.second);
    if (!file) continue;
    entry.file = v.resolve_path(std::get<std::string>(*file));
    if (!fs::is_regular_file(entry.file)) {
      v.error(file_node, key, "structure file '" + entry.file + "' does not exist");
      continue;
    }
    c.structures[name] = entry;
  }
  v.structures = c.structures;
}

std::vector<std::string> string_list(const YAML::Node& node, const std::string& key, Validator& v) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node.IsScalar()) return {node.Scalar()};
  if (!node.IsSequence()) {
    v.error(node, key, std::string("expected a stage name or a list of stage names, got ") + node_shape(node));
    return out;
  }
  for (const auto& item : node) {
    if (item.IsScalar()) out.push_back(item.Scalar());
    else v.error(item, key, "expected a stage name");
  }
  return out;
}

// Expands axes into grid points (product or zip), adding defaults and `replica`.
void expand_grid(Stage& stage, const YAML::Node& grid_node, const std::string& grid_mode,
                 std::int64_t replicas, const std::string& key, Validator& v) {
  std::vector<std::size_t> sizes;
  for (const auto& [name, values] : stage.axes) sizes.push_back(values.size());
  std::size_t points = 1;
  if (grid_mode == "zip") {
    for (std::size_t s : sizes)
      if (s != 1 && points != 1 && s != points) {
        v.error(grid_node, key + ".grid",
                "zip needs every list to have the same length (or length 1)");
        return;
      } else if (s != 1) {
        points = s;
      }
  } else {
    for (std::size_t s : sizes) {
      points *= s;
      if (points > 100000000) {
        v.error(grid_node, key, "the grid has more than 1e8 points");
        return;
      }
    }
  }
  for (std::size_t p = 0; p < points; ++p) {
    units::Params base;
    std::size_t rest = p;
    for (std::size_t a = stage.axes.size(); a-- > 0;) {
      const auto& values = stage.axes[a].second;
      std::size_t index = 0;
      if (grid_mode == "zip") index = values.size() == 1 ? 0 : p;
      else {
        index = rest % values.size();
        rest /= values.size();
      }
      base.set(stage.axes[a].first, values[index]);
    }
    for (std::int64_t r = 0; r < replicas; ++r) {
      units::Params point = base;
      point.set("replica", r);
      stage.grid.push_back(std::move(point));
    }
  }
}

void read_stages(const YAML::Node& root, Validator& v, Campaign& c) {
  const YAML::Node node = root["stages"];
  if (!node) {
    v.error(root, "stages", "missing required key (a list of stages)");
    return;
  }
  if (!node.IsSequence() || node.size() == 0) {
    v.error(node, "stages", std::string("expected a non-empty list of stages, got ") + node_shape(node));
    return;
  }
  std::vector<std::string> stage_keys;
  for (const auto& s : stage_settings()) stage_keys.emplace_back(s.name);
  const auto& ss = stage_settings();
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node sn = node[i];
    const std::string key = "stages[" + std::to_string(i) + "]";
    if (!sn.IsMap()) {
      v.error(sn, key, std::string("expected a map, got ") + node_shape(sn));
      continue;
    }
    v.check_keys(sn, key + ".", stage_keys);
    Stage stage;
    stage.name = value_or<std::string>(v.setting(sn["name"], ss[0], key + ".name", sn), "");
    if (!stage.name.empty() && c.stage_index(stage.name) >= 0)
      v.error(sn["name"], key + ".name", "duplicate stage name '" + stage.name + "'");
    const auto kind_name = v.setting(sn["kind"], ss[1], key + ".kind", sn);
    const std::string grid_mode = value_or<std::string>(v.setting(sn["grid"], ss[3], key + ".grid", sn), "product");
    const std::int64_t replicas = value_or<std::int64_t>(v.setting(sn["replicas"], ss[4], key + ".replicas", sn), 1);
    stage.after = string_list(sn["after"], key + ".after", v);
    for (const auto& a : stage.after)
      if (c.stage_index(a) < 0)
        v.error(sn["after"], key + ".after", "'" + a + "' is not an earlier stage");
    if (sn["for_each"]) {
      stage.for_each = value_or<std::string>(v.setting(sn["for_each"], ss[6], key + ".for_each", sn), "");
      if (c.stage_index(stage.for_each) < 0)
        v.error(sn["for_each"], key + ".for_each", "'" + stage.for_each + "' is not an earlier stage");
    }
    if (!kind_name) {
      c.stages.push_back(std::move(stage));
      continue;
    }
    stage.kind = &units::find_unit_kind(std::get<std::string>(*kind_name));
    const YAML::Node params = sn["params"];
    if (params && !params.IsMap()) {
      v.error(params, key + ".params", std::string("expected a map of parameters, got ") + node_shape(params));
    } else if (params) {
      std::vector<std::string> allowed;
      for (const auto& p : stage.kind->params) allowed.emplace_back(p.name);
      for (const auto& kv : params) {
        const std::string pname = kv.first.as<std::string>();
        if (!stage.kind->find_param(pname))
          v.error(kv.first, key + ".params." + pname,
                  "unknown parameter of kind '" + std::string(stage.kind->name) + "'; allowed: " + join(allowed));
      }
    }
    bool complete = true;
    for (const ParamSpec& spec : stage.kind->params) {
      const std::string pkey = key + ".params." + spec.name;
      const YAML::Node pn = params && params.IsMap() ? params[spec.name] : YAML::Node(YAML::NodeType::Undefined);
      std::vector<Value> values;
      if (pn) values = v.axis(pn, spec, pkey);
      else if (spec.default_value) values = {v.apply_factor(spec, *spec.default_value)};
      else v.error(params ? params : sn, pkey, "missing required parameter (" + allowed_text(spec) + ")");
      if (values.empty()) complete = false;
      stage.axes.emplace_back(spec.name, std::move(values));
    }
    if (complete) expand_grid(stage, sn["grid"] ? sn["grid"] : sn, grid_mode, replicas, key, v);
    c.stages.push_back(std::move(stage));
  }
}

void emit_value(YAML::Emitter& e, const Value& value) {
  std::visit([&](const auto& x) { e << x; }, value);
}

}  // namespace

int Campaign::stage_index(const std::string& stage_name) const {
  for (std::size_t i = 0; i < stages.size(); ++i)
    if (stages[i].name == stage_name) return static_cast<int>(i);
  return -1;
}

std::string Campaign::resolved_yaml() const {
  YAML::Emitter e;
  e << YAML::BeginMap;
  e << YAML::Key << "campaign" << YAML::Value << YAML::BeginMap << YAML::Key << "name"
    << YAML::Value << name << YAML::Key << "description" << YAML::Value << description
    << YAML::Key << "seed" << YAML::Value << seed << YAML::EndMap;
  e << YAML::Key << "scale" << YAML::Value << scale.text();
  e << YAML::Key << "run" << YAML::Value << YAML::BeginMap
    << YAML::Key << "unit_deadline" << YAML::Value << run.unit_deadline
    << YAML::Key << "max_crash_attempts" << YAML::Value << run.max_crash_attempts
    << YAML::Key << "batch_seconds" << YAML::Value << run.batch_seconds
    << YAML::Key << "max_batch" << YAML::Value << run.max_batch
    << YAML::Key << "stop_margin" << YAML::Value << run.stop_margin
    << YAML::Key << "hang_grace" << YAML::Value << run.hang_grace << YAML::EndMap;
  e << YAML::Key << "output" << YAML::Value << YAML::BeginMap
    << YAML::Key << "durability" << YAML::Value << (output.fsync ? "fsync" : "process")
    << YAML::Key << "particles" << YAML::Value << output.particles
    << YAML::Key << "progress_interval" << YAML::Value << output.progress_interval << YAML::EndMap;
  e << YAML::Key << "potentials" << YAML::Value << YAML::BeginMap;
  for (const auto& [n, spec] : potentials) e << YAML::Key << n << YAML::Value << spec;
  e << YAML::EndMap << YAML::Key << "structures" << YAML::Value << YAML::BeginMap;
  for (const auto& [n, s] : structures)
    e << YAML::Key << n << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "file"
      << YAML::Value << s.file << YAML::Key << "free" << YAML::Value << s.free << YAML::EndMap;
  e << YAML::EndMap << YAML::Key << "stages" << YAML::Value << YAML::BeginSeq;
  for (const auto& s : stages) {
    e << YAML::BeginMap << YAML::Key << "name" << YAML::Value << s.name << YAML::Key << "kind"
      << YAML::Value << (s.kind ? s.kind->name : "") << YAML::Key << "units" << YAML::Value
      << s.grid.size();
    if (!s.after.empty()) e << YAML::Key << "after" << YAML::Value << YAML::Flow << s.after;
    if (!s.for_each.empty()) e << YAML::Key << "for_each" << YAML::Value << s.for_each;
    e << YAML::Key << "params" << YAML::Value << YAML::BeginMap;
    for (const auto& [pname, values] : s.axes) {
      e << YAML::Key << pname << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (const auto& val : values) emit_value(e, val);
      e << YAML::EndSeq;
    }
    e << YAML::EndMap << YAML::EndMap;
  }
  e << YAML::EndSeq << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

Campaign parse_campaign(const std::string& text, const std::string& file,
                        std::optional<Scale> scale_override) {
  Validator v(file, scale_override);
  Campaign c;
  c.file = file;
  c.text = text;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    v.diag().add(e.mark.line, e.mark.column, "", "YAML syntax error: " + e.msg);
    v.diag().throw_if_any();
  }
  if (!root.IsMap()) {
    v.diag().add(0, 0, "", "a campaign file is a YAML map with the sections: campaign, scale, run, "
                           "output, potentials, structures, stages");
    v.diag().throw_if_any();
  }
  std::vector<std::string> sections;
  for (const auto& s : campaign_sections()) sections.emplace_back(s.name);
  v.check_keys(root, "", sections);
  read_settings(root, v, c);
  read_potentials(root, v, c);
  read_structures(root, v, c);
  read_stages(root, v, c);
  v.diag().throw_if_any();
  return c;
}

Campaign load_campaign(const std::string& file, std::optional<Scale> scale_override) {
  std::ifstream in(file);
  if (!in) throw InputError(file, 0, "cannot read the campaign file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_campaign(buffer.str(), file, scale_override);
}

}  // namespace pelcamp::campaign
