#include "pelcamp/store/store_layout.hpp"

#include <fmt/format.h>

#include "pelcamp/core/rng.hpp"

namespace pelcamp::store {

KindLayout::Rows KindLayout::rows_of(const units::OutputField& spec, std::size_t row) const {
  if (spec.series) {
    const auto* s = kind->find_series(spec.series);
    const auto& offset = series_offset[static_cast<std::size_t>(s - kind->series.data())];
    return {offset[row], offset[row + 1] - offset[row]};
  }
  if (spec.per_atom) return {atom_offset[row], atoms(row)};
  return {row, 1};
}

std::string KindLayout::path_of(const units::OutputField& spec) const {
  return spec.series ? fmt::format("results/{}/{}/{}", name, spec.series, spec.name)
                     : fmt::format("results/{}/{}", name, spec.name);
}

StoreLayout StoreLayout::from_plan(const campaign::Campaign& campaign, const campaign::Plan& plan) {
  StoreLayout layout;
  const std::size_t n = plan.units.size();
  layout.ids.resize(n);
  layout.kind_of.resize(n);
  layout.kind_row.resize(n);
  layout.particle_group.assign(n, -1);
  layout.particle_frame.assign(n, 0);
  layout.snapshot_group.assign(n, -1);
  std::string fingerprint_text = "pelcamp-store-2|" + campaign.text + "|" + campaign.scale.text();
  for (std::size_t u = 0; u < n; ++u) {
    const auto& unit = plan.units[u];
    int k = 0;
    while (k < static_cast<int>(layout.kinds.size()) && layout.kinds[k].kind != unit.kind) ++k;
    if (k == static_cast<int>(layout.kinds.size())) {
      KindLayout kl;
      kl.name = unit.kind->name;
      kl.kind = unit.kind;
      kl.atom_offset = {0};
      kl.series_offset.assign(unit.kind->series.size(), {0});
      layout.kinds.push_back(std::move(kl));
    }
    KindLayout& kl = layout.kinds[k];
    layout.ids[u] = unit.id;
    layout.kind_of[u] = k;
    layout.kind_row[u] = kl.units.size();
    kl.units.push_back(static_cast<std::uint32_t>(u));
    kl.atom_offset.push_back(kl.atom_offset.back() + unit.atoms);
    fingerprint_text += fmt::format("|{:x}:{}", unit.id, unit.atoms);
    const units::PlanInfo info{unit.params, unit.deps.empty() ? 0 : plan.units[unit.deps[0]].atoms};
    for (std::size_t s = 0; s < unit.kind->series.size(); ++s) {
      const std::uint64_t rows = unit.kind->series[s].rows(info);
      kl.series_offset[s].push_back(kl.series_offset[s].back() + rows);
      fingerprint_text += fmt::format(":{}", rows);
    }
  }
  // Particle groups: one per stage whose units share atom count and boundary, else one per unit.
  if (campaign.output.particles) {
    std::vector<std::vector<std::uint32_t>> by_stage(plan.stage_names.size());
    for (std::uint32_t u = 0; u < n; ++u)
      if (plan.units[u].kind->writes_structure) by_stage[plan.units[u].stage].push_back(u);
    auto periodic = [&](std::uint32_t u) {
      const auto& pu = plan.units[u];
      return pu.kind->periodic ? pu.kind->periodic(units::PlanInfo{pu.params, 0}) : true;
    };
    for (std::size_t s = 0; s < by_stage.size(); ++s) {
      const auto& members = by_stage[s];
      if (members.empty()) continue;
      bool shared = true;
      for (std::uint32_t u : members)
        shared = shared && plan.units[u].atoms == plan.units[members[0]].atoms && periodic(u) == periodic(members[0]);
      for (std::size_t i = 0; i < members.size(); ++i) {
        const std::uint32_t u = members[i];
        if (shared && i == 0)
          layout.particle_groups.push_back({plan.stage_names[s], members.size(), plan.units[u].atoms, periodic(u)});
        else if (!shared)
          layout.particle_groups.push_back({fmt::format("{}-{}", plan.stage_names[s], i), 1, plan.units[u].atoms, periodic(u)});
        layout.particle_group[u] = static_cast<std::int32_t>(layout.particle_groups.size() - 1);
        layout.particle_frame[u] = shared ? i : 0;
      }
    }
  }
  // Snapshots are results (later stages read them), kept whatever output.particles says.
  std::vector<std::size_t> place_in_stage(plan.stage_names.size(), 0);
  for (std::uint32_t u = 0; u < n; ++u) {
    const auto& pu = plan.units[u];
    const std::size_t place = place_in_stage[pu.stage]++;
    if (!pu.kind->snapshots) continue;
    const units::PlanInfo info{pu.params, pu.deps.empty() ? 0 : plan.units[pu.deps[0]].atoms};
    const std::size_t frames = pu.kind->snapshots(info);
    if (frames == 0) continue;
    const bool periodic = pu.kind->periodic ? pu.kind->periodic(info) : true;
    layout.particle_groups.push_back(
        {fmt::format("{}-{}.snapshots", plan.stage_names[pu.stage], place), frames, pu.atoms, periodic});
    layout.snapshot_group[u] = static_cast<std::int32_t>(layout.particle_groups.size() - 1);
    fingerprint_text += fmt::format("|s{}:{}", u, frames);
  }
  fingerprint_text += campaign.output.particles ? "|particles" : "";
  layout.fingerprint = stable_hash(fingerprint_text);
  return layout;
}

}  // namespace pelcamp::store
