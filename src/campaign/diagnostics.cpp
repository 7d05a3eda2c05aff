#include "pelcamp/campaign/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace pelcamp::campaign {

void Diagnostics::add(int line0, int column0, std::string key, std::string message) {
  items_.push_back({line0 >= 0 ? line0 + 1 : 0, column0 >= 0 ? column0 + 1 : 0, std::move(key),
                    std::move(message)});
}

std::string Diagnostics::format() const {
  auto sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  std::string out;
  for (const auto& d : sorted) {
    out += file_;
    if (d.line > 0) out += fmt::format(":{}:{}", d.line, d.column);
    out += ": ";
    if (!d.key.empty()) out += d.key + ": ";
    out += d.message + "\n";
  }
  return out;
}

void Diagnostics::throw_if_any() const {
  if (!items_.empty()) throw CampaignError(*this);
}

CampaignError::CampaignError(const Diagnostics& diagnostics)
    : Error(std::to_string(diagnostics.items().size()) + " problem(s) in campaign " +
            diagnostics.file() + ":\n" + diagnostics.format()),
      items_(diagnostics.items()) {}

}  // namespace pelcamp::campaign
