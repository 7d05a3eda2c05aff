#pragma once
// Parameters of a work unit: typed values, their specifications (the per-kind half of the
// campaign schema), and the canonical text from which unit ids are hashed.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pelcamp::units {

using Value = std::variant<bool, std::int64_t, double, std::string>;

enum class ParamType {
  Bool,
  Int,
  Float,
  String,
  Choice,     // one of ParamSpec::choices
  Potential,  // name of an entry of the campaign's `potentials:` (resolved to its spec)
  Structure,  // name of an entry of the campaign's `structures:` (resolved to its file)
};
const char* param_type_name(ParamType type);

// One parameter of a unit kind. Numeric bounds are inclusive; a parameter without a default
// is required. `extensive` parameters (step counts, sizes) are multiplied by a numeric
// `scale` factor (see campaign/scale.hpp).
struct ParamSpec {
  const char* name;
  ParamType type;
  const char* unit = "";  // physical unit of the value ("K", "ps", "eV/Å"), "" if none
  double min = -1e300;
  double max = 1e300;
  std::optional<Value> default_value = std::nullopt;
  const char* doc = "";
  std::vector<std::string> choices = {};
  bool extensive = false;
};

// Text form of a value as it is written in ids, ledgers and tables (doubles round-trip).
std::string format_value(const Value& value);

// The resolved parameters of one unit, ordered by name.
class Params {
 public:
  void set(const std::string& name, Value value) { values_[name] = std::move(value); }
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  const Value& get(const std::string& name) const;
  std::int64_t integer(const std::string& name) const;
  double real(const std::string& name) const;  // accepts Int values too
  bool flag(const std::string& name) const;
  const std::string& text(const std::string& name) const;
  const std::map<std::string, Value>& values() const { return values_; }
  // "a=1;b=2.5;c=text" with names sorted: the input of unit-id hashing and the ledger text.
  std::string canonical() const;

 private:
  std::map<std::string, Value> values_;
};

}  // namespace pelcamp::units
