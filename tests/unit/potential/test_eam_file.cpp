// EAM file readers: table layout of each format (checked on small synthetic files whose every
// value says where it belongs), LAMMPS's reading rules, funcfl resampling and Z → φ, the real
// files of tests/data/potentials, and errors with file and line for malformed files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pelcamp/core/error.hpp"
#include "pelcamp/potential/eam_file.hpp"

namespace pelcamp {
namespace {

const std::string kData = PELCAMP_TEST_DATA "/potentials/";

class EamFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pelcamp_eam_file_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const auto path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path dir_;
};

// Values 1000 * block + k, written `per_line` to a line.
std::string table(int block, int count, int per_line = 5) {
  std::ostringstream out;
  for (int k = 0; k < count; ++k)
    out << 1000 * block + k << ((k + 1) % per_line == 0 || k + 1 == count ? "\n" : " ");
  return out.str();
}

// A two-element Finnis-Sinclair file; blocks numbered in file order.
std::string fs_file() {
  return "comment 1\ncomment 2\ncomment 3\n2 Cu Zr\n6 0.5 7 0.25 1.5\n"
         "29 63.546 3.6 fcc\n" + table(1, 6) + table(2, 7) + table(3, 7) +
         "40 91.224 3.2 hcp\n" + table(4, 6) + table(5, 7) + table(6, 7) +
         table(7, 7) + table(8, 7) + table(9, 7);
}

void expect_table(const std::vector<double>& values, int block, int count) {
  ASSERT_EQ(values.size(), static_cast<std::size_t>(count));
  for (int k = 0; k < count; ++k) EXPECT_EQ(values[k], 1000 * block + k) << "block " << block;
}

TEST_F(EamFileTest, FinnisSinclairLayout) {
  const EamTables t = read_eam_fs(write("x.eam.fs", fs_file()));
  EXPECT_EQ(t.elements, (std::vector<std::string>{"Cu", "Zr"}));
  EXPECT_EQ(t.masses, (std::vector<double>{63.546, 91.224}));
  EXPECT_EQ(t.nrho, 6);
  EXPECT_EQ(t.drho, 0.5);
  EXPECT_EQ(t.nr, 7);
  EXPECT_EQ(t.dr, 0.25);
  EXPECT_EQ(t.cutoff, 1.5);
  EXPECT_DOUBLE_EQ(t.rhomax, 2.5);
  expect_table(t.embedding[0], 1, 6);
  expect_table(t.embedding[1], 4, 6);
  // density[source * 2 + target]: block of element a, table b = density at b due to a.
  expect_table(t.density[0], 2, 7);  // Cu at Cu
  expect_table(t.density[1], 3, 7);  // Cu at Zr
  expect_table(t.density[2], 5, 7);  // Zr at Cu
  expect_table(t.density[3], 6, 7);  // Zr at Zr
  // r φ for (Cu,Cu), (Zr,Cu), (Zr,Zr), stored symmetric.
  expect_table(t.pair[0], 7, 7);
  expect_table(t.pair[1], 8, 7);
  expect_table(t.pair[2], 8, 7);
  expect_table(t.pair[3], 9, 7);
}

TEST_F(EamFileTest, SetflLayoutAndLammpsReadingRules) {
  // Headers split over lines, comments after '#', blank lines, tabs, a table line longer
  // than needed (LAMMPS drops the surplus), numbers in several spellings.
  const std::string text =
      "c1\nc2\nc3\n  2\tNi   Cu  # the elements\n6 .5\n\n 7 2.5e-1 +1.5E+0\n"
      "28 58.69 3.52 fcc\n" + table(1, 6) + table(2, 7, 4) +
      "29 63.546\n" + table(3, 6, 6) + "3000 3001 3002 3003 3004 3005 3006 99 98\n" +
      table(5, 7) + table(6, 7) + table(7, 7);
  const EamTables t = read_eam_setfl(write("x.eam.alloy", text));
  EXPECT_EQ(t.elements, (std::vector<std::string>{"Ni", "Cu"}));
  EXPECT_EQ(t.drho, 0.5);
  EXPECT_EQ(t.dr, 0.25);
  EXPECT_EQ(t.cutoff, 1.5);
  expect_table(t.embedding[0], 1, 6);
  expect_table(t.embedding[1], 3, 6);
  // setfl densities depend on the source element only.
  expect_table(t.density[0], 2, 7);
  expect_table(t.density[1], 2, 7);
  expect_table(t.density[2], 3, 7);
  expect_table(t.density[3], 3, 7);
  expect_table(t.pair[0], 5, 7);
  expect_table(t.pair[2], 6, 7);
  expect_table(t.pair[3], 7, 7);
}

TEST_F(EamFileTest, RealFilesHaveTheirDocumentedHeaders) {
  const EamTables cuzr = read_eam_fs(kData + "CuZr_mm.eam.fs");
  EXPECT_EQ(cuzr.elements, (std::vector<std::string>{"Cu", "Zr"}));
  EXPECT_EQ(cuzr.masses, (std::vector<double>{63.546, 91.224}));
  EXPECT_EQ(cuzr.nr, 10000);
  EXPECT_EQ(cuzr.nrho, 10000);
  EXPECT_EQ(cuzr.cutoff, 7.6);
  EXPECT_EQ(cuzr.embedding[0][1], -1.73205080800000E-0001);  // second value of the file's first table

  const EamTables cuni = read_eam_setfl(kData + "CuNi.eam.alloy");
  EXPECT_EQ(cuni.elements, (std::vector<std::string>{"Ni", "Cu"}));
  EXPECT_EQ(cuni.masses, (std::vector<double>{58.689, 63.546}));
  EXPECT_EQ(cuni.element_index("Cu", "CuNi.eam.alloy"), 1);
}

// Values of a funcfl file: line 3 then F, Z, ρ in order, 5 to a line (independent reader).
std::vector<double> funcfl_numbers(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  for (int k = 0; k < 3; ++k) std::getline(in, line);
  std::vector<double> values;
  double v;
  while (in >> v) values.push_back(v);
  return values;
}

TEST_F(EamFileTest, FuncflPairTermIsHartreeBohrTimesChargeSquared) {
  const EamTables t = read_eam_funcfl({kData + "Cu_u3.eam"});
  EXPECT_EQ(t.elements, std::vector<std::string>{"Cu"});
  EXPECT_EQ(t.masses, std::vector<double>{63.55});
  // LAMMPS's common grid drops the last knot of a single file.
  EXPECT_EQ(t.nr, 499);
  EXPECT_EQ(t.nrho, 499);
  EXPECT_DOUBLE_EQ(t.rhomax, 499 * 5.0100200400801306e-04);
  EXPECT_DOUBLE_EQ(t.cutoff, 4.9499999999999886);
  const auto v = funcfl_numbers(kData + "Cu_u3.eam");
  ASSERT_EQ(v.size(), 1500u);
  for (int m : {0, 1, 17, 250, 498}) {
    EXPECT_NEAR(t.embedding[0][m], v[m], 1e-13);
    const double z = v[500 + m];
    EXPECT_NEAR(t.pair[0][m], 27.2 * 0.529 * z * z, 1e-12 * (1.0 + z * z));
    EXPECT_NEAR(t.density[0][m], v[1000 + m], 1e-13);
  }
}

std::string funcfl_file(int z, double mass, int nrho, double drho, int nr, double dr, double cut,
                        const std::function<double(double)>& f, const std::function<double(double)>& charge,
                        const std::function<double(double)>& rho) {
  std::ostringstream out;
  out.precision(17);
  out << "synthetic\n" << z << " " << mass << " 3.6 fcc\n" << nrho << " " << drho << " " << nr << " "
      << dr << " " << cut << "\n";
  for (int k = 0; k < nrho; ++k) out << f(k * drho) << "\n";
  for (int k = 0; k < nr; ++k) out << charge(k * dr) << "\n";
  for (int k = 0; k < nr; ++k) out << rho(k * dr) << "\n";
  return out.str();
}

TEST_F(EamFileTest, FuncflFilesAreResampledToTheCoarsestGrid) {
  // Cubic polynomials survive LAMMPS's four-point Lagrange resampling exactly; beyond a
  // file's last knot the value stays that of the last knot.
  auto za = [](double r) { return 1.0 + 0.1 * r - 0.2 * r * r + 0.01 * r * r * r; };
  auto zb = [](double r) { return 2.0 - 0.3 * r + 0.05 * r * r * r; };
  auto fa = [](double x) { return -x + 0.5 * x * x; };
  auto fb = [](double x) { return 0.25 * x * x * x - 2.0 * x; };
  auto rhoa = [](double r) { return 3.0 - r; };
  auto rhob = [](double r) { return 1.0 + r * r; };
  const auto a = write("a.eam", funcfl_file(29, 63.55, 41, 0.05, 61, 0.1, 5.0, fa, za, rhoa));
  const auto b = write("b.eam", funcfl_file(28, 58.71, 31, 0.1, 101, 0.05, 4.0, fb, zb, rhob));
  const EamTables t = read_eam_funcfl({a, b});
  EXPECT_EQ(t.elements, (std::vector<std::string>{"Cu", "Ni"}));
  EXPECT_EQ(t.dr, 0.1);
  EXPECT_EQ(t.drho, 0.1);
  EXPECT_EQ(t.nr, 60);    // ⌊max((nr−1) dr)/dr + ½⌋ = 6.0/0.1
  EXPECT_EQ(t.nrho, 30);  // max(40·0.05, 30·0.1)/0.1
  EXPECT_DOUBLE_EQ(t.rhomax, 3.0);
  EXPECT_EQ(t.cutoff, 5.0);
  auto upto = [](double x, double last) { return std::min(x, last); };
  for (int m = 0; m < t.nr; ++m) {
    const double r = m * t.dr, rb = upto(r, 5.0);  // file b ends at 100 · 0.05
    EXPECT_NEAR(t.pair[0 * 2 + 1][m], 27.2 * 0.529 * za(r) * zb(rb), 1e-10) << m;
    EXPECT_NEAR(t.pair[1 * 2 + 0][m], t.pair[0 * 2 + 1][m], 1e-14) << m;
    EXPECT_NEAR(t.pair[1 * 2 + 1][m], 27.2 * 0.529 * zb(rb) * zb(rb), 1e-10) << m;
    EXPECT_NEAR(t.density[0 * 2 + 1][m], rhoa(r), 1e-10) << m;
    EXPECT_NEAR(t.density[1 * 2 + 0][m], rhob(rb), 1e-10) << m;
  }
  for (int m = 0; m < t.nrho; ++m) {
    EXPECT_NEAR(t.embedding[0][m], fa(upto(m * t.drho, 2.0)), 1e-11) << m;  // a ends at 40 · 0.05
    EXPECT_NEAR(t.embedding[1][m], fb(m * t.drho), 1e-11) << m;
  }
}

TEST_F(EamFileTest, FuncflElementsMustBeRealAndDistinct) {
  auto one = [](double) { return 1.0; };
  const auto bad = write("bad.eam", funcfl_file(0, 1.0, 10, 0.1, 10, 0.1, 0.8, one, one, one));
  try {
    read_eam_funcfl({bad});
    FAIL() << "atomic number 0 accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_NE(std::string(e.what()).find("atomic number 0"), std::string::npos) << e.what();
  }
  const auto cu = write("cu.eam", funcfl_file(29, 63.55, 10, 0.1, 10, 0.1, 0.8, one, one, one));
  EXPECT_THROW(read_eam_funcfl({cu, kData + "Cu_u3.eam"}), Error);
}

TEST_F(EamFileTest, UnknownElementListsTheFilesElements) {
  const EamTables t = read_eam_fs(kData + "CuZr_mm.eam.fs");
  try {
    t.element_index("Al", "CuZr_mm.eam.fs");
    FAIL() << "unknown element accepted";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'Al'"), std::string::npos) << what;
    EXPECT_NE(what.find("Cu, Zr"), std::string::npos) << what;
  }
}

// Expects InputError naming `path` and `line`, with `fragment` in the message.
template <class F>
void expect_input_error(F&& read, const std::string& path, int line, const std::string& fragment) {
  try {
    read();
    FAIL() << "no error for " << fragment;
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST_F(EamFileTest, MalformedFilesNameFileAndLine) {
  const std::string good = fs_file();
  // Truncated: the file ends within the last table's first line.
  {
    std::string text = good.substr(0, good.rfind("9002"));
    const auto path = write("truncated.eam.fs", text);
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    expect_input_error([&] { read_eam_fs(path); }, path, lines, "2 of the 7 values");
  }
  // A non-numeric token inside a table, on line 7.
  {
    std::string text = good;
    text.replace(text.find("1003"), 4, "1O03");
    const auto path = write("token.eam.fs", text);
    expect_input_error([&] { read_eam_fs(path); }, path, 7, "'1O03'");
  }
  // Element line names fewer elements than it declares.
  {
    const auto path = write("count.eam.fs", "c\nc\nc\n3 Cu Zr\n" + good.substr(good.find("6 0.5")));
    expect_input_error([&] { read_eam_fs(path); }, path, 4, "declares 3 elements but names 2");
  }
  // Grid too small for a spline, and a non-integer count.
  {
    const auto path = write("grid.eam.alloy", "c\nc\nc\n1 Al\n4 0.5 7 0.25 1.5\n");
    expect_input_error([&] { read_eam_setfl(path); }, path, 5, "at least 5");
    const auto path2 = write("grid2.eam.alloy", "c\nc\nc\n1 Al\n6.5 0.5 7 0.25 1.5\n");
    expect_input_error([&] { read_eam_setfl(path2); }, path2, 5, "'6.5'");
  }
  // Missing file.
  expect_input_error([&] { read_eam_setfl((dir_ / "absent").string()); }, (dir_ / "absent").string(),
                     0, "cannot open");
  // Empty file.
  {
    const auto path = write("empty.eam", "");
    expect_input_error([&] { read_eam_funcfl({path}); }, path, 0, "file ends");
  }
}

}  // namespace
}  // namespace pelcamp
