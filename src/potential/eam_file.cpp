#include "pelcamp/potential/eam_file.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <string_view>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {

// Element symbols by atomic number (index 0 unused), to name the element of a funcfl file.
constexpr std::array<std::string_view, 119> kElementSymbols = {
    "",   "H",  "He", "Li", "Be", "B",  "C",  "N",  "O",  "F",  "Ne", "Na", "Mg", "Al", "Si",
    "P",  "S",  "Cl", "Ar", "K",  "Ca", "Sc", "Ti", "V",  "Cr", "Mn", "Fe", "Co", "Ni", "Cu",
    "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y",  "Zr", "Nb", "Mo", "Tc", "Ru",
    "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I",  "Xe", "Cs", "Ba", "La", "Ce", "Pr",
    "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W",
    "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac",
    "Th", "Pa", "U",  "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf",
    "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"};

// 1 Hartree × 1 Bohr in eV·Å, with the rounded values LAMMPS uses to turn the effective
// charges of funcfl files into pair energies.
constexpr double kHartreeBohr = 27.2 * 0.529;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::size_t k = 0;
  while (k < text.size()) {
    while (k < text.size() && is_space(text[k])) ++k;
    const std::size_t start = k;
    while (k < text.size() && !is_space(text[k])) ++k;
    if (k > start) words.emplace_back(text.substr(start, k - start));
  }
  return words;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The number syntax LAMMPS accepts: [+-] digits [. digits] [(e|E) [+-] digits], with digits
// on at least one side of the point.
bool is_lammps_float(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  const std::size_t e = s.find_first_of("eE");
  std::string_view mantissa = s.substr(0, e);
  if (e != std::string_view::npos) {
    std::string_view exponent = s.substr(e + 1);
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.remove_prefix(1);
    if (!all_digits(exponent)) return false;
  }
  const std::size_t dot = mantissa.find('.');
  if (dot == std::string_view::npos) return all_digits(mantissa);
  const std::string_view whole = mantissa.substr(0, dot), fraction = mantissa.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return false;
  return (whole.empty() || all_digits(whole)) && (fraction.empty() || all_digits(fraction));
}

// Reads a LAMMPS potential file the way LAMMPS's PotentialFileReader does, keeping line
// numbers for error messages.
class PotentialText {
 public:
  PotentialText(const std::string& path, const std::string& style) : path_(path), style_(style) {
    std::ifstream in(path);
    if (!in) throw InputError(path, 0, fmt::format("cannot open {} potential file", style));
    std::string text;
    while (std::getline(in, text)) lines_.push_back(std::move(text));
  }

  const std::string& path() const { return path_; }

  // Skips one raw line (the comment lines at the top of setfl/fs/funcfl files).
  void skip_line(const std::string& what) {
    if (next_ >= lines_.size()) fail(fmt::format("file ends before {}", what));
    ++next_;
  }

  // Words of the next non-blank line, with further lines joined on until there are at least
  // `count` words. Sets record_line() to the line the record starts on.
  std::vector<std::string> next_words(std::size_t count, const std::string& what) {
    std::vector<std::string> words;
    record_line_ = 0;
    while (words.empty() || words.size() < count) {
      if (next_ >= lines_.size())
        fail(fmt::format("file ends before {} ({} of {} words found)", what, words.size(), count));
      auto more = words_of(content(lines_[next_++]));
      if (!more.empty() && record_line_ == 0) record_line_ = static_cast<int>(next_);
      words.insert(words.end(), more.begin(), more.end());
    }
    return words;
  }
  int record_line() const { return record_line_; }

  // `count` numbers spread over as many lines as needed; further numbers on the last line
  // are dropped, as LAMMPS drops them.
  std::vector<double> next_table(std::size_t count, const std::string& what) {
    std::vector<double> values;
    values.reserve(count);
    while (values.size() < count) {
      if (next_ >= lines_.size())
        fail(fmt::format("file ends after {} of the {} values of {}", values.size(), count, what));
      const auto words = words_of(content(lines_[next_++]));
      for (std::size_t k = 0; k < words.size() && values.size() < count; ++k)
        values.push_back(to_double(words[k], what, static_cast<int>(next_)));
    }
    return values;
  }

  double to_double(const std::string& word, const std::string& what, int line) const {
    double value = 0.0;
    if (is_lammps_float(word)) {
      const char* first = word.data() + (word[0] == '+' ? 1 : 0);
      const auto [end, ec] = std::from_chars(first, word.data() + word.size(), value);
      if (ec == std::errc() && end == word.data() + word.size() && std::isfinite(value)) return value;
    }
    throw InputError(path_, line, fmt::format("'{}' in {} is not a finite number", word, what));
  }

  int to_int(const std::string& word, const std::string& what, int line) const {
    std::string_view digits = word;
    if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
    int value = 0;
    if (all_digits(digits)) {
      const char* first = word.data() + (word[0] == '+' ? 1 : 0);
      const auto [end, ec] = std::from_chars(first, word.data() + word.size(), value);
      if (ec == std::errc() && end == word.data() + word.size()) return value;
    }
    throw InputError(path_, line, fmt::format("'{}' in {} is not an integer", word, what));
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(path_, static_cast<int>(next_), fmt::format("{} file: {}", style_, what));
  }
  [[noreturn]] void fail_at(int line, const std::string& what) const {
    throw InputError(path_, line, fmt::format("{} file: {}", style_, what));
  }

 private:
  // A line without its comment (text from '#' on).
  static std::string_view content(const std::string& line) {
    return std::string_view(line).substr(0, line.find('#'));
  }

  std::string path_;
  std::string style_;
  std::vector<std::string> lines_;
  std::size_t next_ = 0;  // index of the next unread line = number of lines read
  int record_line_ = 0;
};

// The grid line shared by all three formats: Nrho, drho, Nr, dr, cutoff.
struct GridHeader {
  int nrho = 0;
  double drho = 0.0;
  int nr = 0;
  double dr = 0.0;
  double cutoff = 0.0;
};

GridHeader read_grid_header(PotentialText& text, int min_knots) {
  const std::string what = "the grid line (Nrho drho Nr dr cutoff)";
  const auto w = text.next_words(5, what);
  const int line = text.record_line();
  GridHeader g;
  g.nrho = text.to_int(w[0], what, line);
  g.drho = text.to_double(w[1], what, line);
  g.nr = text.to_int(w[2], what, line);
  g.dr = text.to_double(w[3], what, line);
  g.cutoff = text.to_double(w[4], what, line);
  if (g.nrho < min_knots || g.nr < min_knots)
    text.fail_at(line, fmt::format("Nrho = {} and Nr = {} must both be at least {}", g.nrho, g.nr,
                                   min_knots));
  if (!(g.drho > 0.0) || !(g.dr > 0.0) || !(g.cutoff > 0.0))
    text.fail_at(line, fmt::format("drho = {}, dr = {} and cutoff = {} must be positive", g.drho,
                                   g.dr, g.cutoff));
  return g;
}

// "Z mass ..." line of an element; returns the mass (amu) and stores the atomic number.
double read_element_line(PotentialText& text, const std::string& element, int& atomic_number) {
  const std::string what = fmt::format("the line of element {} (atomic number, mass, ...)", element);
  const auto w = text.next_words(2, what);
  atomic_number = text.to_int(w[0], what, text.record_line());
  const double mass = text.to_double(w[1], what, text.record_line());
  if (!(mass > 0.0)) text.fail_at(text.record_line(), fmt::format("mass {} must be positive", mass));
  return mass;
}

// Element names from the "N name1 ... nameN" line of setfl and fs files.
std::vector<std::string> read_element_names(PotentialText& text) {
  const std::string what = "the element line (N, then N element names)";
  const auto w = text.next_words(1, what);
  const int line = text.record_line();
  const int n = text.to_int(w[0], what, line);
  if (n < 1) text.fail_at(line, fmt::format("the number of elements must be positive, got {}", n));
  if (w.size() != static_cast<std::size_t>(n) + 1)
    text.fail_at(line, fmt::format("the element line declares {} elements but names {}", n, w.size() - 1));
  return {w.begin() + 1, w.end()};
}

// setfl and fs share everything but the density block of each element.
EamTables read_multi_element(const std::string& path, bool finnis_sinclair) {
  const std::string style = finnis_sinclair ? "eam/fs" : "eam/alloy";
  PotentialText text(path, style);
  for (int k = 1; k <= 3; ++k) text.skip_line(fmt::format("the element line (line {} is a comment)", k));
  EamTables t;
  t.elements = read_element_names(text);
  const GridHeader g = read_grid_header(text, 5);
  t.nrho = g.nrho;
  t.drho = g.drho;
  t.nr = g.nr;
  t.dr = g.dr;
  t.cutoff = g.cutoff;
  t.rhomax = (g.nrho - 1) * g.drho;

  const std::size_t n = t.elements.size();
  t.embedding.resize(n);
  t.density.resize(n * n);
  t.pair.resize(n * n);
  for (std::size_t a = 0; a < n; ++a) {
    const std::string& name = t.elements[a];
    int atomic_number = 0;
    t.masses.push_back(read_element_line(text, name, atomic_number));
    t.embedding[a] = text.next_table(g.nrho, fmt::format("F(rho) of {}", name));
    if (finnis_sinclair) {
      // Block of element a, table b: density at an atom of element b due to an atom of a.
      for (std::size_t b = 0; b < n; ++b)
        t.density[a * n + b] =
            text.next_table(g.nr, fmt::format("rho(r) of {} at {}", name, t.elements[b]));
    } else {
      const auto rho = text.next_table(g.nr, fmt::format("rho(r) of {}", name));
      for (std::size_t b = 0; b < n; ++b) t.density[a * n + b] = rho;
    }
  }
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b <= a; ++b) {
      t.pair[a * n + b] =
          text.next_table(g.nr, fmt::format("r*phi(r) of {}-{}", t.elements[a], t.elements[b]));
      t.pair[b * n + a] = t.pair[a * n + b];
    }
  return t;
}

struct FuncflFile {
  std::string path;
  std::string element;
  double mass = 0.0;
  GridHeader grid;
  std::vector<double> embedding, charge, density;  // F(ρ), Z(r), ρ(r)
};

FuncflFile read_funcfl_file(const std::string& path) {
  PotentialText text(path, "eam (funcfl)");
  FuncflFile f;
  f.path = path;
  text.skip_line("the element line (line 1 is a comment)");
  int atomic_number = 0;
  f.mass = read_element_line(text, "of this file", atomic_number);
  if (atomic_number < 1 || atomic_number >= static_cast<int>(kElementSymbols.size()))
    text.fail_at(text.record_line(),
                 fmt::format("atomic number {} names no element (allowed 1 to {})", atomic_number,
                             kElementSymbols.size() - 1));
  f.element = std::string(kElementSymbols[atomic_number]);
  // LAMMPS drops one knot when it resamples funcfl tables, and a spline needs five.
  f.grid = read_grid_header(text, 6);
  f.embedding = text.next_table(f.grid.nrho, "F(rho)");
  f.charge = text.next_table(f.grid.nr, "Z(r)");
  f.density = text.next_table(f.grid.nr, "rho(r)");
  return f;
}

// Value at x of a function tabulated at knots k·spacing, by LAMMPS's four-point Lagrange
// interpolation (the stencil clamped inside the table, extrapolating at most two spacings).
double resample(const std::vector<double>& f, double spacing, double x) {
  constexpr double sixth = 1.0 / 6.0;
  const int n = static_cast<int>(f.size());
  double p = x / spacing + 1.0;
  int k = static_cast<int>(p);  // 1-based index of the stencil's second knot
  k = std::max(std::min(k, n - 2), 2);
  p -= k;
  p = std::min(p, 2.0);
  const double c1 = -sixth * p * (p - 1.0) * (p - 2.0);
  const double c2 = 0.5 * (p * p - 1.0) * (p - 2.0);
  const double c3 = -0.5 * p * (p + 1.0) * (p - 2.0);
  const double c4 = sixth * p * (p * p - 1.0);
  return c1 * f[k - 2] + c2 * f[k - 1] + c3 * f[k] + c4 * f[k + 1];
}

std::vector<double> resampled(const std::vector<double>& f, double spacing, int knots, double step) {
  std::vector<double> out(knots);
  for (int m = 0; m < knots; ++m) out[m] = resample(f, spacing, m * step);
  return out;
}

}  // namespace

int EamTables::element_index(const std::string& name, const std::string& source) const {
  for (std::size_t k = 0; k < elements.size(); ++k)
    if (elements[k] == name) return static_cast<int>(k);
  std::string list;
  for (const auto& e : elements) list += (list.empty() ? "" : ", ") + e;
  throw Error(fmt::format("element '{}' is not in {} (its elements: {})", name, source, list));
}

EamTables read_eam_setfl(const std::string& path) { return read_multi_element(path, false); }

EamTables read_eam_fs(const std::string& path) { return read_multi_element(path, true); }

EamTables read_eam_funcfl(const std::vector<std::string>& paths) {
  if (paths.empty()) throw Error("eam: no funcfl file given");
  std::vector<FuncflFile> files;
  for (const auto& path : paths) {
    files.push_back(read_funcfl_file(path));
    for (std::size_t k = 0; k + 1 < files.size(); ++k)
      if (files[k].element == files.back().element)
        throw Error(fmt::format("eam: {} and {} both describe {}; give one file per element",
                                files[k].path, path, files.back().element));
  }

  // One grid for all files: the largest spacings and ranges (LAMMPS file2array).
  EamTables t;
  double rmax = 0.0;
  for (const auto& f : files) {
    t.dr = std::max(t.dr, f.grid.dr);
    t.drho = std::max(t.drho, f.grid.drho);
    rmax = std::max(rmax, (f.grid.nr - 1) * f.grid.dr);
    t.rhomax = std::max(t.rhomax, (f.grid.nrho - 1) * f.grid.drho);
    t.cutoff = std::max(t.cutoff, f.grid.cutoff);
  }
  t.nr = static_cast<int>(rmax / t.dr + 0.5);  // + 0.5 absorbs round-off of the division
  t.nrho = static_cast<int>(t.rhomax / t.drho + 0.5);

  const std::size_t n = files.size();
  std::vector<std::vector<double>> charge(n);
  t.embedding.resize(n);
  t.density.resize(n * n);
  t.pair.resize(n * n);
  for (std::size_t a = 0; a < n; ++a) {
    const FuncflFile& f = files[a];
    t.elements.push_back(f.element);
    t.masses.push_back(f.mass);
    t.embedding[a] = resampled(f.embedding, f.grid.drho, t.nrho, t.drho);
    const auto rho = resampled(f.density, f.grid.dr, t.nr, t.dr);
    for (std::size_t b = 0; b < n; ++b) t.density[a * n + b] = rho;
    charge[a] = resampled(f.charge, f.grid.dr, t.nr, t.dr);
  }
  // r φ_ab(r) = Z_a(r) Z_b(r) in Hartree·Bohr, converted to eV·Å.
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b <= a; ++b) {
      std::vector<double> rphi(t.nr);
      for (int m = 0; m < t.nr; ++m) rphi[m] = kHartreeBohr * charge[a][m] * charge[b][m];
      t.pair[a * n + b] = rphi;
      t.pair[b * n + a] = std::move(rphi);
    }
  return t;
}

}  // namespace pelcamp
