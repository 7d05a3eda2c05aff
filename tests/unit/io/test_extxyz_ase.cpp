// ASE (Debian `python3-ase`, run with the system /usr/bin/python3) reads the extxyz files
// pelcamp writes, and pelcamp reads the files ASE's writer makes from them.
#include <gtest/gtest.h>

#include "io/io_samples.hpp"
#include "io/io_test_support.hpp"
#include "pelcamp/io/extxyz.hpp"
#include "pelcamp/io/text_io.hpp"

namespace pelcamp {
namespace {

using test::ScratchDir;

// The report of tests/data/io/ase_extxyz_check.py: one line of values per quantity.
class AseReport {
 public:
  explicit AseReport(const std::string& path) : in_(path) {}
  std::vector<double> numbers() {
    std::vector<double> values;
    for (auto field : fields()) values.push_back(parse_real(in_, field, "a reported value"));
    return values;
  }
  std::vector<std::string> words() {
    std::vector<std::string> values;
    for (auto field : fields()) values.emplace_back(field);
    return values;
  }

 private:
  std::vector<std::string_view> fields() {
    if (!in_.next(line_)) ADD_FAILURE() << "ASE report ends early";
    return split_fields(line_);
  }
  LineReader in_;
  std::string line_;
};

std::vector<double> flat(const std::vector<Vec3>& v) {
  std::vector<double> out;
  for (const Vec3& x : v) out.insert(out.end(), {x(0), x(1), x(2)});
  return out;
}

TEST(ExtxyzAse, AseReadsOurFilesAndWeReadAses) {
  ScratchDir dir;
  const std::vector<Frame> frames = {test::frame_with_results(), test::cluster_frame()};
  write_extxyz(dir.file("ours.xyz"), frames);
  const std::string script = std::string(PELCAMP_TEST_DATA) + "/io/ase_extxyz_check.py";
  ASSERT_EQ(test::run_in(dir.path(), "/usr/bin/python3 '" + script +
                                         "' ours.xyz report.txt ase.xyz 2> python.err"),
            0)
      << test::read_text(dir.file("python.err"));

  AseReport report(dir.file("report.txt"));
  ASSERT_EQ(report.numbers(), std::vector<double>{2.0});
  for (const Frame& frame : frames) {
    const Configuration& c = frame.config;
    SCOPED_TRACE(c.box.unbounded() ? "cluster" : "periodic");
    EXPECT_EQ(report.numbers(), std::vector<double>{static_cast<double>(c.size())});
    std::vector<std::string> symbols;
    std::vector<double> masses, ids;
    for (std::size_t i = 0; i < c.size(); ++i) {
      symbols.push_back(c.species[c.types[i]].name);
      masses.push_back(c.mass(i));
      ids.push_back(static_cast<double>(c.ids[i]));
    }
    EXPECT_EQ(report.words(), symbols);
    std::vector<double> cell(9, 0.0);  // ASE: rows a, b, c; zero for a free cluster
    if (!c.box.unbounded())
      for (int k = 0; k < 3; ++k)
        for (int d = 0; d < 3; ++d) cell[3 * k + d] = c.box.h()(d, k);
    EXPECT_EQ(report.numbers(), cell);
    const double p = c.box.unbounded() ? 0.0 : 1.0;
    EXPECT_EQ(report.numbers(), (std::vector<double>{p, p, p}));
    EXPECT_EQ(report.numbers(), flat(c.positions));
    EXPECT_EQ(report.numbers(), masses);
    EXPECT_EQ(report.numbers(), ids);
    EXPECT_EQ(report.numbers(), std::vector<double>{*frame.energy});
    EXPECT_EQ(report.numbers(), flat(frame.forces));
    EXPECT_EQ(report.numbers(), frame.energies);
    const std::vector<double> stress = report.numbers();
    if (frame.virial) {  // ASE's stress is −W/V
      ASSERT_EQ(stress.size(), 9u);
      for (int k = 0; k < 9; ++k)
        EXPECT_DOUBLE_EQ(stress[k], -(*frame.virial)(k / 3, k % 3) / c.box.volume());
    } else {
      EXPECT_TRUE(stress.empty());
    }
    std::vector<double> virials;
    for (const Sym6& w : frame.virials) virials.insert(virials.end(), w.begin(), w.end());
    EXPECT_EQ(report.numbers(), virials);
  }

  // ASE's writer prints columns with 8 decimals; the comment-line values are exact.
  const std::vector<Frame> from_ase = read_extxyz(dir.file("ase.xyz"));
  ASSERT_EQ(from_ase.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    const Frame &a = frames[k], &b = from_ase[k];
    test::expect_same_configuration(a.config, b.config, 1e-8);
    EXPECT_EQ(a.config.ids, b.config.ids);
    EXPECT_EQ(a.energy, b.energy);
    ASSERT_EQ(a.virial.has_value(), b.virial.has_value());
    if (a.virial) {
      EXPECT_TRUE(a.virial->isApprox(*b.virial, 1e-15));
    }
    ASSERT_EQ(a.forces.size(), b.forces.size());
    for (std::size_t i = 0; i < a.forces.size(); ++i)
      EXPECT_LT((a.forces[i] - b.forces[i]).norm(), 1e-8);
    ASSERT_EQ(a.energies.size(), b.energies.size());
    for (std::size_t i = 0; i < a.energies.size(); ++i)
      EXPECT_NEAR(a.energies[i], b.energies[i], 1e-8);
    ASSERT_EQ(a.virials.size(), b.virials.size());
    for (std::size_t i = 0; i < a.virials.size(); ++i)
      for (int m = 0; m < 6; ++m) EXPECT_NEAR(a.virials[i][m], b.virials[i][m], 1e-8);
  }
}

}  // namespace
}  // namespace pelcamp
