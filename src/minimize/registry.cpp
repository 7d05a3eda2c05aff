#include "pelcamp/minimize/registry.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/conjugate_gradient.hpp"
#include "pelcamp/minimize/fire.hpp"
#include "pelcamp/minimize/lbfgs.hpp"

namespace pelcamp {

namespace {

struct MinimizerStyle {
  const char* name;
  std::unique_ptr<Minimizer> (*make)();
};

const std::vector<MinimizerStyle>& styles() {
  static const std::vector<MinimizerStyle> table = {
      {"fire", [] { return std::unique_ptr<Minimizer>(std::make_unique<Fire>()); }},
      {"cg", [] { return std::unique_ptr<Minimizer>(std::make_unique<ConjugateGradient>()); }},
      {"lbfgs", [] { return std::unique_ptr<Minimizer>(std::make_unique<Lbfgs>()); }},
  };
  return table;
}

}  // namespace

std::vector<std::string> minimizer_names() {
  std::vector<std::string> names;
  for (const auto& s : styles()) names.emplace_back(s.name);
  return names;
}

std::unique_ptr<Minimizer> make_minimizer(const std::string& name) {
  for (const auto& s : styles())
    if (name == s.name) return s.make();
  throw Error(fmt::format("unknown minimizer '{}'; valid minimizers: {}", name,
                          fmt::join(minimizer_names(), ", ")));
}

}  // namespace pelcamp
