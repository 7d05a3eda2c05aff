#pragma once
// `art_search`: ART nouveau searches around the atoms of a minimized sample (physics.md
// §2–3, seeds 002 and 003). A unit takes one batch of centre atoms — the `atoms` selection
// of the sample, cut into batches of `batch_size`, batch number `batch` — and runs
// `searches` searches per centre (attempted, or successful within `max_attempts`). Each
// search is one row of the series `events`; the row count per unit is fixed at plan time
// (batch_size × searches, or × max_attempts when counting successes), unused rows are NaN.
// The sample is loaded, set up (and minimized to `sample_fmax` if it is not at a minimum)
// once per worker and reused by every unit of the same input. The sample is the input
// unit's structure, or with `snapshot` = k one of its snapshots (an inherent structure of
// an `inherent_structures` unit: grid `snapshot` over the quench temperatures).
//
// Outcome codes of the `outcome` column (ArtnOutcome): 0 success, 1 basin-not-left,
// 2 eigenvalue-lost, 3 max-activation-steps, 4 not-connected, 5 final-is-initial.
// Event filtering (seed 003's rules, saddle/event_filter.hpp; thresholds `filter_*`, the
// seed's values by default) is applied within each unit (column `verdict`); redundant
// pairs and duplicates across units need all events of the sample together: filter_events
// on the whole table (the spectrum analysis does that).
//
// With `store_configurations` = kept or all, the series `configurations` holds, for each
// event row, `configuration_atoms` rows: the atoms displaced most between the initial and
// final minima (unmoved atoms never), most displaced first, with their saddle and final
// positions (unwrapped, in the sample's frame; every other atom is at its sample
// position). Rows of events not stored (not kept, not run, fewer moved atoms) are NaN.
// Putting the stored positions into the sample reproduces energy_saddle and energy_final
// when configuration_atoms covers the moved atoms (with local forces: the atoms within
// active_radius); fewer atoms give the dominant part of the event at a bounded size.
#include <cstddef>
#include <vector>

#include "pelcamp/saddle/event_filter.hpp"
#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& art_search_unit_kind();

// Seed 003's screening thresholds of an art_search unit's `filter_*` parameters (validated).
EventFilterConfig art_filter_config(const Params& params);

// The sample atoms of `atoms` selection text ("all", "first:N", "every:K") in a sample of
// `sample_atoms` atoms. Throws pelcamp::Error naming the allowed forms.
std::vector<std::size_t> select_centre_atoms(const std::string& selection, std::size_t sample_atoms);

}  // namespace pelcamp::units
