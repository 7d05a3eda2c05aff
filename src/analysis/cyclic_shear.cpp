#include "pelcamp/analysis/cyclic_shear.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "pelcamp/analysis/atomic_stress.hpp"
#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/atoms_objective.hpp"
#include "pelcamp/minimize/registry.hpp"

namespace pelcamp {

void apply_simple_shear(Configuration& config, double gamma) {
  const double y_lo = config.box.lo().y();
  for (Vec3& r : config.positions) r.x() += gamma * (r.y() - y_lo);
  Mat3 f = Mat3::Identity();
  f(0, 1) = gamma;
  config.box.set_h(f * config.box.h());
}

namespace {

RelaxationRecord relax(Configuration& config, Potential& potential, Minimizer& minimizer,
                       const StoppingCriteria& stop) {
  AtomsObjective objective(config, potential);
  const MinimizeResult r = minimizer.minimize(objective, objective.variables(), stop);
  if (!std::isfinite(r.energy)) throw Error("cyclic shear: the relaxed energy is not finite");
  return {r.energy, r.fmax, r.iterations, r.converged()};
}

struct StateAnalysis {
  std::vector<Sym6> stress;
  std::vector<VoronoiIndex> indices;
};

StateAnalysis analyse(const Configuration& config, Potential& potential,
                      const VoronoiOptions& voronoi, const UnitSystem& units) {
  ComputeResult result;
  potential.compute(config, {.forces = true, .per_atom_virial = true}, result);
  VoronoiTessellation cells = compute_voronoi(config, voronoi);
  return {atomic_stress(result.per_atom_virial, cells.volumes, units), std::move(cells.indices)};
}

double rms(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v * v;
  return std::sqrt(sum / static_cast<double>(values.size()));
}

}  // namespace

CyclicShearResult cyclic_shear(Configuration& config, Potential& potential,
                               const CyclicShearSettings& settings, const UnitSystem& units) {
  if (!config.box.periodic(0) || !config.box.periodic(1) || config.box.unbounded())
    throw Error("cyclic shear: the box must be periodic in x and y (simple shear of the xy tilt)");
  if (!std::isfinite(settings.strain))
    throw Error(fmt::format("cyclic shear: strain must be finite, got {}", settings.strain));
  if (!(settings.displaced_fraction > 0.0 && settings.displaced_fraction <= 1.0))
    throw Error(fmt::format("cyclic shear: displaced fraction must be in (0, 1], got {}",
                            settings.displaced_fraction));
  if (config.size() == 0) throw Error("cyclic shear: no atoms");
  settings.relax.validate();
  auto minimizer = make_minimizer(settings.minimizer);
  if (settings.observer) minimizer->set_observer(settings.observer);

  CyclicShearResult out;
  out.initial = relax(config, potential, *minimizer, settings.relax);
  const StateAnalysis before = analyse(config, potential, settings.voronoi, units);
  const Configuration start = config;

  apply_simple_shear(config, settings.strain);
  out.loaded = relax(config, potential, *minimizer, settings.relax);
  apply_simple_shear(config, -settings.strain);
  config.box = start.box;  // the exact original cell, not F⁻¹F h with its round-off
  out.final = relax(config, potential, *minimizer, settings.relax);
  const StateAnalysis after = analyse(config, potential, settings.voronoi, units);

  const std::size_t n = config.size();
  out.stress_initial = before.stress;
  out.stress_final = after.stress;
  out.displacement.resize(n);
  out.index_changed.resize(n);
  std::vector<double> change(n), initial(n), distance(n);
  for (std::size_t i = 0; i < n; ++i) {
    out.displacement[i] = config.unwrapped(i) - start.unwrapped(i);
    distance[i] = out.displacement[i].norm();
    out.index_changed[i] = before.indices[i] != after.indices[i];
    change[i] = after.stress[i][3] - before.stress[i][3];  // xy: the loading component
    initial[i] = before.stress[i][3];
  }
  out.rms_stress_change = rms(change);
  out.rms_initial_stress = rms(initial);

  const auto window = std::max<std::size_t>(
      1, static_cast<std::size_t>(std::ceil(settings.displaced_fraction * static_cast<double>(n) - 1e-9)));
  out.most_displaced.resize(n);
  std::iota(out.most_displaced.begin(), out.most_displaced.end(), std::size_t{0});
  std::partial_sort(out.most_displaced.begin(), out.most_displaced.begin() + window,
                    out.most_displaced.end(), [&](std::size_t a, std::size_t b) {
                      return distance[a] > distance[b] || (distance[a] == distance[b] && a < b);
                    });
  out.most_displaced.resize(window);
  out.cage_broken = std::any_of(out.most_displaced.begin(), out.most_displaced.end(),
                                [&](std::size_t i) { return out.index_changed[i]; });
  return out;
}

}  // namespace pelcamp
