#include "pelcamp/analysis/excess_entropy.hpp"

#include <cmath>
#include <numbers>

namespace pelcamp {

double two_body_excess_entropy(const RadialDistribution& rdf) {
  const double rho = rdf.number_density();
  double s2 = 0.0;
  for (std::size_t a = 0; a < rdf.num_species(); ++a) {
    for (std::size_t b = 0; b < rdf.num_species(); ++b) {
      double integral = 0.0;  // ∫ [g ln g − g + 1] r² dr
      for (std::size_t k = 0; k < rdf.r.size(); ++k) {
        const double g = rdf.partial[a][b][k];
        const double g_ln_g = g > 0.0 ? g * std::log(g) : 0.0;
        integral += (g_ln_g - g + 1.0) * rdf.shell_volumes[k] / (4.0 * std::numbers::pi);
      }
      s2 += rdf.fraction(a) * rdf.fraction(b) * integral;
    }
  }
  return -2.0 * std::numbers::pi * rho * s2;
}

}  // namespace pelcamp
