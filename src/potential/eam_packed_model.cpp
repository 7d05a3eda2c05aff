#include "eam_packed_model.hpp"

#include "pelcamp/potential/eam_spline.hpp"

namespace pelcamp {

std::shared_ptr<const EamPotential::Model> pack_eam_model(const EamTables& t) {
  auto model = std::make_shared<EamPotential::Model>();
  const std::size_t n = t.num_elements();
  model->nr = t.nr;
  model->nrho = t.nrho;
  model->rdr = 1.0 / t.dr;
  model->rdrho = 1.0 / t.drho;
  model->rhomax = t.rhomax;
  model->cutoff = t.cutoff;

  for (std::size_t a = 0; a < n; ++a)
    for (const auto& knot : eam_spline(t.embedding[a], t.drho))
      model->embedding.push_back({knot.value, knot.slope});

  std::vector<std::vector<EamSplineKnot>> density(n * n), pair(n * n);
  for (std::size_t k = 0; k < n * n; ++k) {
    density[k] = eam_spline(t.density[k], t.dr);
    pair[k] = eam_spline(t.pair[k], t.dr);
  }
  model->density.reserve(n * n * t.nr);
  model->force.reserve(n * n * t.nr);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      const auto& at_i = density[b * n + a];  // t.density[source * n + target]
      const auto& at_j = density[a * n + b];
      const auto& phi = pair[a * n + b];
      for (int k = 0; k < t.nr; ++k) {
        model->density.push_back({at_i[k].value, at_j[k].value});
        model->force.push_back({at_i[k].slope, at_j[k].slope, phi[k].slope, phi[k].value});
      }
    }
  return model;
}

}  // namespace pelcamp
