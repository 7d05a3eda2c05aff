#include "pelcamp/potential/lennard_jones.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include "pelcamp/core/error.hpp"

namespace pelcamp {
namespace {

void validate(const LennardJonesParameters& p, const std::string& where) {
  const std::size_t n = p.types.size();
  if (n == 0) throw Error(where + ": no types");
  if (p.pairs.size() != n * n) throw Error(where + ": pair table does not match the types");
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      const LennardJonesPair& q = p.pair(a, b);
      const std::string name = p.types[a] + "-" + p.types[b];
      if (!(std::isfinite(q.epsilon) && q.epsilon >= 0.0))
        throw Error(fmt::format("{}: epsilon of {} must be finite and >= 0, got {}", where, name,
                                q.epsilon));
      if (!(std::isfinite(q.sigma) && q.sigma > 0.0))
        throw Error(
            fmt::format("{}: sigma of {} must be finite and > 0, got {}", where, name, q.sigma));
      if (!(std::isfinite(q.cutoff) && q.cutoff > 0.0))
        throw Error(
            fmt::format("{}: cutoff of {} must be finite and > 0, got {}", where, name, q.cutoff));
    }
}

std::unique_ptr<Potential> preset(const char* name, const std::vector<std::string>& args) {
  if (!args.empty())
    throw Error(
        fmt::format("potential style '{}' takes no arguments (got '{}')", name, args.front()));
  return make_lennard_jones(name, kob_andersen_parameters());
}

// ---- parameter file -----------------------------------------------------------------

class FileParser {
 public:
  explicit FileParser(std::string path) : path_(std::move(path)) {}

  LennardJonesParameters parse() {
    std::ifstream in(path_);
    if (!in) throw InputError(path_, 0, "cannot open Lennard-Jones parameter file");
    LennardJonesParameters p;
    std::vector<std::vector<std::string>> pair_lines, mass_lines;
    std::vector<int> pair_lineno, mass_lineno;
    std::optional<bool> shift;
    bool have_units = false;
    std::string line;
    while (std::getline(in, line)) {
      ++lineno_;
      if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
      std::istringstream stream(line);
      std::vector<std::string> words;
      for (std::string w; stream >> w;) words.push_back(w);
      if (words.empty()) continue;
      const std::string& key = words[0];
      if (key == "units") {
        expect_count(words, 2, "units lj|metal");
        if (have_units) fail("units given twice");
        if (words[1] != "lj" && words[1] != "metal")
          fail("unknown units '" + words[1] + "'; allowed: lj, metal");
        p.units = words[1];
        have_units = true;
      } else if (key == "types") {
        if (!p.types.empty()) fail("types given twice");
        if (words.size() < 2) fail("expected 'types NAME...' with at least one name");
        for (std::size_t k = 1; k < words.size(); ++k) {
          for (const auto& t : p.types)
            if (t == words[k]) fail("type '" + words[k] + "' listed twice");
          p.types.push_back(words[k]);
        }
      } else if (key == "shift") {
        expect_count(words, 2, "shift yes|no");
        if (shift) fail("shift given twice");
        if (words[1] != "yes" && words[1] != "no")
          fail("shift must be 'yes' or 'no', got '" + words[1] + "'");
        shift = words[1] == "yes";
      } else if (key == "pair") {
        expect_count(words, 6, "pair NAME NAME epsilon sigma cutoff");
        pair_lines.push_back(words);
        pair_lineno.push_back(lineno_);
      } else if (key == "mass") {
        expect_count(words, 3, "mass NAME value");
        mass_lines.push_back(words);
        mass_lineno.push_back(lineno_);
      } else {
        fail("unknown keyword '" + key + "'; allowed: units, types, shift, pair, mass");
      }
    }
    lineno_ = 0;  // errors below concern the whole file unless a line is named
    if (!have_units) fail("missing 'units lj|metal'");
    if (p.types.empty()) fail("missing 'types NAME...'");
    if (!shift) fail("missing 'shift yes|no'");
    p.shift = *shift;

    const std::size_t n = p.types.size();
    p.pairs.assign(n * n, LennardJonesPair{});
    std::vector<int> seen(n * n, 0);
    for (std::size_t k = 0; k < pair_lines.size(); ++k) {
      lineno_ = pair_lineno[k];
      const auto& w = pair_lines[k];
      const std::size_t a = type_index(p, w[1]), b = type_index(p, w[2]);
      if (seen[a * n + b])
        fail(fmt::format("pair {}-{} given twice (first on line {})", w[1], w[2], seen[a * n + b]));
      LennardJonesPair q{number(w[3], "epsilon"), number(w[4], "sigma"), number(w[5], "cutoff")};
      if (q.epsilon < 0.0) fail("epsilon must be >= 0, got " + w[3]);
      if (q.sigma <= 0.0) fail("sigma must be > 0, got " + w[4]);
      if (q.cutoff <= 0.0) fail("cutoff must be > 0, got " + w[5]);
      p.pair(a, b) = p.pair(b, a) = q;
      seen[a * n + b] = seen[b * n + a] = lineno_;
    }
    lineno_ = 0;
    std::string missing;
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = a; b < n; ++b)
        if (!seen[a * n + b])
          missing += (missing.empty() ? "" : ", ") + p.types[a] + "-" + p.types[b];
    if (!missing.empty())
      fail("missing 'pair' line(s) for " + missing + " (no mixing rules: give every pair)");

    if (!mass_lines.empty()) {
      p.masses.assign(n, 0.0);
      for (std::size_t k = 0; k < mass_lines.size(); ++k) {
        lineno_ = mass_lineno[k];
        const auto& w = mass_lines[k];
        const std::size_t a = type_index(p, w[1]);
        if (p.masses[a] != 0.0) fail("mass of " + w[1] + " given twice");
        const double m = number(w[2], "mass");
        if (m <= 0.0) fail("mass must be > 0, got " + w[2]);
        p.masses[a] = m;
      }
      lineno_ = 0;
      for (std::size_t a = 0; a < n; ++a)
        if (p.masses[a] == 0.0) fail("mass of " + p.types[a] + " missing: give all masses or none");
    }
    return p;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw InputError(path_, lineno_, what); }

  void expect_count(const std::vector<std::string>& words, std::size_t n, const char* form) const {
    if (words.size() != n) fail(fmt::format("expected '{}'", form));
  }

  double number(const std::string& text, const char* what) const {
    double value = 0.0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value))
      fail(fmt::format("{} must be a finite number, got '{}'", what, text));
    return value;
  }

  std::size_t type_index(const LennardJonesParameters& p, const std::string& name) const {
    for (std::size_t a = 0; a < p.types.size(); ++a)
      if (p.types[a] == name) return a;
    std::string allowed;
    for (const auto& t : p.types) allowed += (allowed.empty() ? "" : ", ") + t;
    fail("unknown type '" + name + "'; declared types: " + allowed);
  }

  std::string path_;
  int lineno_ = 0;
};

}  // namespace

LennardJonesParameters kob_andersen_parameters() {
  // Kob & Andersen, PRL 73, 1376 (1994); cutoffs 2.5 σ_ab with the energy shifted to zero
  // there (the usual LAMMPS realisation: pair_style lj/cut + pair_modify shift yes).
  LennardJonesParameters p;
  p.units = "lj";
  p.types = {"A", "B"};
  p.masses = {1.0, 1.0};
  p.shift = true;
  const LennardJonesPair aa{1.0, 1.0, 2.5}, ab{1.5, 0.8, 2.0}, bb{0.5, 0.88, 2.2};
  p.pairs = {aa, ab, ab, bb};
  return p;
}

LennardJonesParameters read_lennard_jones_file(const std::string& path) {
  return FileParser(path).parse();
}

LennardJonesEvaluator::LennardJonesEvaluator(const LennardJonesParameters& p)
    : ntypes_(p.types.size()) {
  validate(p, "Lennard-Jones parameters");
  coeff_.reserve(p.pairs.size());
  for (const LennardJonesPair& q : p.pairs) {
    Coeff c;
    c.c12 = 4.0 * q.epsilon * std::pow(q.sigma, 12.0);
    c.c6 = 4.0 * q.epsilon * std::pow(q.sigma, 6.0);
    c.cutoff = q.cutoff;
    const double rc6inv = 1.0 / std::pow(q.cutoff, 6.0);
    c.offset = p.shift ? rc6inv * (c.c12 * rc6inv - c.c6) : 0.0;
    coeff_.push_back(c);
  }
}

std::unique_ptr<Potential> make_lennard_jones(const std::string& name,
                                              const LennardJonesParameters& parameters) {
  PairModelInfo info{name, parameters.units, parameters.types, parameters.masses};
  return std::make_unique<LennardJonesPotential>(info, LennardJonesEvaluator(parameters));
}

std::unique_ptr<Potential> make_lj_ka(const std::vector<std::string>& args) {
  return preset("lj/ka", args);
}

std::unique_ptr<Potential> make_lj_50_50(const std::vector<std::string>& args) {
  return preset("lj/50-50", args);
}

std::unique_ptr<Potential> make_lj_cut_file(const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0].empty())
    throw Error(
        "potential style lj/cut needs exactly one argument: lj/cut:FILE (a Lennard-Jones "
        "parameter file, format in include/pelcamp/potential/lennard_jones.hpp)");
  return make_lennard_jones("lj/cut:" + args[0], read_lennard_jones_file(args[0]));
}

}  // namespace pelcamp
