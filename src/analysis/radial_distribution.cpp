#include "pelcamp/analysis/radial_distribution.hpp"

#include <cmath>
#include <numbers>
#include <string>

#include "pelcamp/core/error.hpp"
#include "pelcamp/neighbor/neighbor_list.hpp"

namespace pelcamp {

namespace {

using Table = std::vector<std::vector<std::vector<double>>>;

Table zero_table(std::size_t species, int bins) {
  return Table(species, std::vector<std::vector<double>>(species, std::vector<double>(bins, 0.0)));
}

void check_options(const Configuration& config, const RdfOptions& options) {
  if (!(options.r_max > 0.0))
    throw Error("rdf: r_max must be > 0, got " + std::to_string(options.r_max));
  if (options.bins < 1) throw Error("rdf: bins must be >= 1, got " + std::to_string(options.bins));
  if (!config.box.any_periodic())
    throw Error("rdf: the configuration has no periodic dimension, so no volume to normalise by");
  if (config.size() < 2) throw Error("rdf: needs at least two atoms");
}

}  // namespace

int RadialDistribution::num_atoms() const {
  int n = 0;
  for (int c : species_counts) n += c;
  return n;
}

RadialDistribution compute_rdf(const Configuration& config, const RdfOptions& options) {
  check_options(config, options);
  const std::size_t ns = config.num_species();
  const int bins = options.bins;

  RadialDistribution rdf;
  rdf.r_max = options.r_max;
  rdf.bin_width = options.r_max / bins;
  rdf.volume = config.box.volume();
  rdf.species_counts.assign(ns, 0);
  for (int t : config.types) ++rdf.species_counts[t];

  // Ordered-pair counts per species pair and bin; a half list gives each unordered pair
  // (including an atom and one of its own periodic images, whose ±m partners are listed
  // once) a single time, so each contributes to (a,b) and (b,a).
  Table counts = zero_table(ns, bins);
  NeighborList list(options.r_max, 0.0, NeighborList::Kind::half);
  list.build(config);
  list.for_each_pair(config.positions, [&](int i, int j, const Vec3&, double r2) {
    const int k = static_cast<int>(std::sqrt(r2) / rdf.bin_width);
    if (k >= bins) return;
    counts[config.types[i]][config.types[j]][k] += 1.0;
    counts[config.types[j]][config.types[i]][k] += 1.0;
  });

  rdf.r.resize(bins);
  rdf.shell_volumes.resize(bins);
  for (int k = 0; k < bins; ++k) {
    const double lo = k * rdf.bin_width, hi = lo + rdf.bin_width;
    rdf.r[k] = lo + 0.5 * rdf.bin_width;
    rdf.shell_volumes[k] = 4.0 / 3.0 * std::numbers::pi * (hi * hi * hi - lo * lo * lo);
  }

  rdf.partial = zero_table(ns, bins);
  rdf.coordination = zero_table(ns, bins);
  rdf.total.assign(bins, 0.0);
  const int n = rdf.num_atoms();
  for (std::size_t a = 0; a < ns; ++a) {
    for (std::size_t b = 0; b < ns; ++b) {
      const double na = rdf.species_counts[a];
      const double rho_b = (rdf.species_counts[b] - (a == b ? 1.0 : 0.0)) / rdf.volume;
      double running = 0.0;
      for (int k = 0; k < bins; ++k) {
        const double c = counts[a][b][k];
        running += c;
        if (na > 0 && rho_b > 0) rdf.partial[a][b][k] = c / (na * rho_b * rdf.shell_volumes[k]);
        if (na > 0) rdf.coordination[a][b][k] = running / na;
        rdf.total[k] += c;
      }
    }
  }
  const double rho_total = (n - 1.0) / rdf.volume;
  for (int k = 0; k < bins; ++k) rdf.total[k] /= n * rho_total * rdf.shell_volumes[k];
  return rdf;
}

}  // namespace pelcamp
