// PATHSAMPLE files of a hand-made network: one line per minimum / transition state, the
// documented columns, 1-based minimum indices.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pelcamp/analysis/pathsample_export.hpp"

namespace pelcamp {
namespace {

std::vector<std::vector<double>> read_columns(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::vector<double>> rows;
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    rows.emplace_back();
    for (double v; fields >> v;) rows.back().push_back(v);
  }
  return rows;
}

TEST(PathsampleExport, WritesDocumentedColumns) {
  WalkNetwork net;
  net.minima = {{.energy = -3.0, .moments = Vec3(1, 2, 3)}, {.energy = -2.5, .moments = Vec3(4, 5, 6)}};
  net.transition_states = {{.energy = -1.25, .eigenvalue = -0.4, .moments = Vec3(7, 8, 9),
                            .minimum_from = 1, .minimum_to = 0, .times_found = 2}};
  const auto dir = std::filesystem::temp_directory_path() / "pelcamp_pathsample_test";
  std::filesystem::remove_all(dir);
  write_pathsample(net, dir.string());
  const auto minima = read_columns(dir / "min.data");
  ASSERT_EQ(minima.size(), 2u);
  EXPECT_EQ(minima[1], (std::vector<double>{-2.5, 0.0, 1, 4, 5, 6}));
  const auto ts = read_columns(dir / "ts.data");
  ASSERT_EQ(ts.size(), 1u);
  EXPECT_EQ(ts[0], (std::vector<double>{-1.25, 0.0, 1, 2, 1, 7, 8, 9}));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pelcamp
