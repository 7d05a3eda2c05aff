#pragma once
// `art_search`: ART nouveau searches around the atoms of a minimized sample (physics.md
// §2–3, seeds 002 and 003). A unit takes one batch of centre atoms — the `atoms` selection
// of the sample, cut into batches of `batch_size`, batch number `batch` — and runs
// `searches` searches per centre (attempted, or successful within `max_attempts`). Each
// search is one row of the series `events`; the row count per unit is fixed at plan time
// (batch_size × searches, or × max_attempts when counting successes), unused rows are NaN.
// The sample is loaded, set up (and minimized to `sample_fmax` if it is not at a minimum)
// once per worker and reused by every unit of the same input.
//
// Outcome codes of the `outcome` column (ArtnOutcome): 0 success, 1 basin-not-left,
// 2 eigenvalue-lost, 3 max-activation-steps, 4 not-connected, 5 final-is-initial.
// Event filtering (seed 003's rules, saddle/event_filter.hpp) is applied within each unit
// (column `verdict`); redundant pairs and duplicates across units need all events of the
// sample together: filter_events on the whole table (the spectrum analysis does that).
#include <cstddef>
#include <vector>

#include "pelcamp/units/unit_kind.hpp"

namespace pelcamp::units {

const UnitKind& art_search_unit_kind();

// The sample atoms of `atoms` selection text ("all", "first:N", "every:K") in a sample of
// `sample_atoms` atoms. Throws pelcamp::Error naming the allowed forms.
std::vector<std::size_t> select_centre_atoms(const std::string& selection, std::size_t sample_atoms);

}  // namespace pelcamp::units
