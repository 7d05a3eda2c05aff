#include "pelcamp/campaign/scale.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace pelcamp::campaign {

std::string Scale::text() const {
  switch (mode) {
    case Mode::Demo: return factor == 1.0 ? "demo" : fmt::format("demo*{}", factor);
    case Mode::Full: return "full";
    case Mode::Factor: return fmt::format("{}", factor);
  }
  return "?";
}

std::optional<Scale> Scale::parse(const std::string& text) {
  if (text == "demo") return Scale{Mode::Demo, 1.0};
  if (text == "full") return Scale{Mode::Full, 1.0};
  const bool demo = text.rfind("demo*", 0) == 0;
  const std::string number = demo ? text.substr(5) : text;
  char* end = nullptr;
  const double f = std::strtod(number.c_str(), &end);
  if (end == number.c_str() || *end != '\0' || !std::isfinite(f) || f <= 0) return std::nullopt;
  return Scale{demo ? Mode::Demo : Mode::Factor, f};
}

}  // namespace pelcamp::campaign
