#include "pelcamp/analysis/pathsample_export.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

constexpr double fvib_placeholder = 0.0;
constexpr int pgorder_placeholder = 1;

std::ofstream open_for_writing(const std::filesystem::path& path) {
  std::ofstream out(path);
  if (!out) throw Error("cannot write " + path.string());
  return out;
}

}  // namespace

void write_pathsample(const WalkNetwork& network, const std::string& directory) {
  std::filesystem::create_directories(directory);
  std::ofstream minima = open_for_writing(std::filesystem::path(directory) / "min.data");
  for (const WalkMinimum& m : network.minima)
    minima << fmt::format("{:.10f} {:.1f} {} {:.8f} {:.8f} {:.8f}\n", m.energy, fvib_placeholder,
                          pgorder_placeholder, m.moments[0], m.moments[1], m.moments[2]);
  std::ofstream ts = open_for_writing(std::filesystem::path(directory) / "ts.data");
  for (const WalkTransitionState& t : network.transition_states)
    ts << fmt::format("{:.10f} {:.1f} {} {} {} {:.8f} {:.8f} {:.8f}\n", t.energy, fvib_placeholder,
                      pgorder_placeholder, t.minimum_from + 1, t.minimum_to + 1, t.moments[0], t.moments[1],
                      t.moments[2]);
  if (!minima || !ts) throw Error("cannot write the PATHSAMPLE files in " + directory);
}

}  // namespace pelcamp
