#pragma once
// A validated, resolved campaign: every setting with its default filled in, `scale` applied,
// potentials and structures resolved to absolute paths, and each stage's parameter grid
// expanded. Loading reports every problem of the file at once (CampaignError).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pelcamp/campaign/scale.hpp"
#include "pelcamp/units/param.hpp"
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::campaign {

struct RunSettings {
  double unit_deadline = 86400.0;  // s
  int max_crash_attempts = 3;
  double batch_seconds = 0.05;  // s
  int max_batch = 256;
  double stop_margin = 60.0;  // s
  double hang_grace = 60.0;   // s
};

struct OutputSettings {
  bool fsync = true;  // durability: fsync (true) or process (false)
  bool particles = true;
  double progress_interval = 2.0;  // s
};

struct StructureEntry {
  std::string file;  // absolute path
  bool free = false;
};

struct Stage {
  std::string name;
  const units::UnitKind* kind = nullptr;
  // Resolved values of each parameter axis (kind order), for the resolved-campaign record.
  std::vector<std::pair<std::string, std::vector<units::Value>>> axes;
  std::vector<units::Params> grid;  // expanded points, `replica` included
  std::vector<std::string> after;
  std::string for_each;
};

struct Campaign {
  std::string file;  // path as given
  std::string text;  // file contents
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  Scale scale;
  RunSettings run;
  OutputSettings output;
  std::map<std::string, std::string> potentials;  // name -> spec with absolute file paths
  // Spec -> what identifies the potential in unit ids: the spec with its file named by base
  // name and content hash instead of its absolute path, so a campaign run from another
  // checkout or directory plans the same unit ids (and so the same random streams).
  std::map<std::string, std::string> potential_identities;
  std::map<std::string, StructureEntry> structures;
  std::vector<Stage> stages;

  // The resolved campaign as YAML (stored in the store's provenance).
  std::string resolved_yaml() const;
  int stage_index(const std::string& name) const;  // -1 when absent
};

// Parses and validates `text` (read from `file`, which locates relative paths and names the
// file in messages). `scale_override` (from --scale) wins over the file's `scale`.
Campaign parse_campaign(const std::string& text, const std::string& file,
                        std::optional<Scale> scale_override = std::nullopt);
Campaign load_campaign(const std::string& file, std::optional<Scale> scale_override = std::nullopt);

}  // namespace pelcamp::campaign
