// pelcamp plan CAMPAIGN [--scale …] [--units N] [--schema]: validate and show the units.
#include <algorithm>
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "pelcamp/campaign/campaign.hpp"
#include "pelcamp/campaign/campaign_schema.hpp"
#include "pelcamp/campaign/diagnostics.hpp"
#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/cli/commands.hpp"
#include "pelcamp/core/error.hpp"

namespace pelcamp::cli {

namespace {
std::string seconds_text(double s) {
  if (s >= 86400) return fmt::format("{:.1f} d", s / 86400);
  if (s >= 3600) return fmt::format("{:.1f} h", s / 3600);
  if (s >= 60) return fmt::format("{:.1f} min", s / 60);
  return fmt::format("{:.3g} s", s);
}
}  // namespace

void add_plan_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("plan", "validate a campaign and list its units and expected cost (dry run)");
  struct Options {
    std::string file, scale;
    std::size_t show = 20;
    bool schema = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("campaign", o->file, "campaign YAML file");
  cmd->add_option("--scale", o->scale, "demo | full | a positive factor F (full values, extensive × F) | demo*F");
  cmd->add_option("--units", o->show, "how many units to list (default 20)");
  cmd->add_flag("--schema", o->schema, "print the campaign file schema and every unit kind's contract");
  cmd->callback([o] {
    if (o->schema) {
      std::cout << campaign::schema_text();
      return;
    }
    if (o->file.empty()) throw Error("plan: give a campaign file (or --schema)");
    std::optional<campaign::Scale> scale;
    if (!o->scale.empty()) {
      scale = campaign::Scale::parse(o->scale);
      if (!scale) throw Error("--scale '" + o->scale + "': allowed: " + campaign::Scale::kAllowed);
    }
    try {
      const auto c = campaign::load_campaign(o->file, scale);
      const auto plan = campaign::make_plan(c);
      std::cout << fmt::format("campaign {} (seed {}, scale {}): {} units, expected {} of work\n\n", c.name,
                               c.seed, c.scale.text(), plan.units.size(),
                               seconds_text(plan.total_expected_seconds()));
      std::size_t stage_width = 5, kind_width = 4;  // the columns fit the longest name
      for (const auto& stage : c.stages) {
        stage_width = std::max(stage_width, stage.name.size());
        kind_width = std::max(kind_width, std::string(stage.kind->name).size());
      }
      std::cout << fmt::format("{:<{}} {:<{}} {:>8} {:>12}  {}\n", "stage", stage_width, "kind", kind_width, "units",
                               "expected", "needs");
      for (std::size_t s = 0; s < c.stages.size(); ++s) {
        std::size_t count = 0;
        double cost = 0;
        for (const auto& u : plan.units)
          if (u.stage == static_cast<int>(s)) ++count, cost += u.expected_seconds;
        std::string needs = c.stages[s].for_each.empty() ? "" : "each unit of " + c.stages[s].for_each;
        for (const auto& a : c.stages[s].after) needs += (needs.empty() ? "all of " : ", all of ") + a;
        std::cout << fmt::format("{:<{}} {:<{}} {:>8} {:>12}  {}\n", c.stages[s].name, stage_width,
                                 c.stages[s].kind->name, kind_width, count, seconds_text(cost), needs);
      }
      std::cout << fmt::format("\n{:<16} {:<12} {:>10}  {}\n", "unit id", "stage", "expected", "parameters");
      for (std::size_t i = 0; i < plan.units.size() && i < o->show; ++i) {
        const auto& u = plan.units[i];
        std::cout << fmt::format("{} {:<12} {:>10}  {}\n", campaign::id_hex(u.id), plan.stage_names[u.stage],
                                 seconds_text(u.expected_seconds), u.params.canonical());
      }
      if (plan.units.size() > o->show)
        std::cout << fmt::format("... and {} more (--units N)\n", plan.units.size() - o->show);
    } catch (const campaign::CampaignError& e) {
      std::cerr << "pelcamp: error: " << e.what();
      throw ExitCode{2};
    }
  });
}

}  // namespace pelcamp::cli
