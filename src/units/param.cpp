#include "pelcamp/units/param.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp::units {

const char* param_type_name(ParamType type) {
  switch (type) {
    case ParamType::Bool: return "bool";
    case ParamType::Int: return "integer";
    case ParamType::Float: return "number";
    case ParamType::String: return "string";
    case ParamType::Choice: return "choice";
    case ParamType::Potential: return "potential name";
    case ParamType::Structure: return "structure name";
  }
  return "?";
}

std::string format_value(const Value& value) {
  struct Formatter {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return fmt::format("{}", d); }  // shortest round-trip
    std::string operator()(const std::string& s) const { return s; }
  };
  return std::visit(Formatter{}, value);
}

const Value& Params::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) throw Error("unit parameter '" + name + "' is not set");
  return it->second;
}

std::int64_t Params::integer(const std::string& name) const {
  const Value& v = get(name);
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  throw Error("unit parameter '" + name + "' is not an integer");
}

double Params::real(const std::string& name) const {
  const Value& v = get(name);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  throw Error("unit parameter '" + name + "' is not a number");
}

bool Params::flag(const std::string& name) const {
  const Value& v = get(name);
  if (auto* b = std::get_if<bool>(&v)) return *b;
  throw Error("unit parameter '" + name + "' is not a bool");
}

const std::string& Params::text(const std::string& name) const {
  const Value& v = get(name);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  throw Error("unit parameter '" + name + "' is not a string");
}

std::string Params::canonical() const {
  std::string out;
  for (const auto& [name, value] : values_) {
    if (!out.empty()) out += ';';
    out += name;
    out += '=';
    out += format_value(value);
  }
  return out;
}

}  // namespace pelcamp::units
