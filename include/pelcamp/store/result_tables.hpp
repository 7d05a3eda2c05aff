#pragma once
// CSV tables of a store, written by `pelcamp report` and `pelcamp export`:
//   units.csv          the ledger: one row per unit with status, attempts, worker, wall time,
//                      failure reason, parameters
//   KIND.csv           one row per unit of KIND: id, stage, status, one column per parameter
//                      (and per inherited parameter), one column per per-unit output value
//   KIND.SERIES.csv    one row per row of a series of KIND: unit_id, row, its columns
//   KIND.FIELD.csv     (per-atom fields, export only) unit_id, atom, values
#include <string>
#include <vector>

#include "pelcamp/store/store.hpp"

namespace pelcamp::store {

// Returns the paths written.
std::vector<std::string> write_result_tables(Store& store, const std::string& directory, bool per_atom);

// Splits the ledger's "a=1;b=x" parameter text.
std::vector<std::pair<std::string, std::string>> split_params(const std::string& canonical);

}  // namespace pelcamp::store
