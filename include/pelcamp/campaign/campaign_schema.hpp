#pragma once
// The campaign file schema: the single source of truth for every key, its type, unit, range
// and default. Scalar settings are addressed by dotted path (`run.unit_deadline`); stage and
// structure entries have their own tables; unit parameters come from each unit kind's
// contract (units/unit_kind.hpp). `pelcamp plan --schema` prints all of it.
#include <string>
#include <vector>

#include "pelcamp/units/param.hpp"

namespace pelcamp::campaign {

// Top-level sections and what they hold.
struct SectionDoc {
  const char* name;
  const char* doc;
};
const std::vector<SectionDoc>& campaign_sections();

// Scalar settings by dotted path: campaign.*, scale, run.*, output.*.
const std::vector<units::ParamSpec>& campaign_settings();
// Keys of one entry of `stages:` (its `params:` follow the unit kind's contract).
const std::vector<units::ParamSpec>& stage_settings();
// Keys of one entry of `structures:`.
const std::vector<units::ParamSpec>& structure_settings();

const units::ParamSpec& campaign_setting(const std::string& path);

// The whole schema as readable text, including every registered unit kind.
std::string schema_text();

}  // namespace pelcamp::campaign
