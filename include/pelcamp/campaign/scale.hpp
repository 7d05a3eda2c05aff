#pragma once
// The `scale` knob: `demo` picks every `{demo: …, full: …}` alternative's demo value, `full`
// the full value, and a positive number picks the full value and multiplies every
// `extensive` unit parameter (step counts, sizes) by that factor; `demo*F` picks the demo
// values and multiplies the extensive ones by F (the demo grid with longer runs).
#include <optional>
#include <string>

namespace pelcamp::campaign {

struct Scale {
  enum class Mode { Demo, Full, Factor } mode = Mode::Full;
  double factor = 1.0;

  bool demo() const { return mode == Mode::Demo; }
  std::string text() const;
  // "demo", "full", a positive number or "demo*" a positive number; nullopt otherwise.
  static std::optional<Scale> parse(const std::string& text);
  // What `scale:` and --scale accept, for error messages.
  static constexpr const char* kAllowed =
      "demo, full, or a positive number (F, or demo*F for the demo grid with extensive values × F)";
};

}  // namespace pelcamp::campaign
