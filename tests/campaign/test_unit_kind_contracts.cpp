// Every registered unit kind keeps the rules the store and the planner rely on, so a new kind
// with a clashing or dangling name fails here rather than as a bare HDF5 error in a run.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "pelcamp/units/unit_registry.hpp"

namespace pelcamp::units {
namespace {

TEST(UnitKindContracts, NamesAreUniqueAndSeriesAreDeclared) {
  for (const UnitKind* kind : unit_kinds()) {
    SCOPED_TRACE(kind->name);
    EXPECT_NE(kind->run, nullptr);
    EXPECT_NE(kind->expected_seconds, nullptr);
    EXPECT_NE(kind->atom_count, nullptr);
    std::set<std::string> params, names{"unit_id", "atom_offset"};  // the store's own datasets
    for (const auto& p : kind->params) EXPECT_TRUE(params.insert(p.name).second) << "parameter " << p.name;
    for (const auto& s : kind->series) {
      EXPECT_TRUE(names.insert(s.name).second) << "series " << s.name << " clashes";
      EXPECT_NE(s.rows, nullptr) << "series " << s.name;
    }
    std::set<std::string> used_series;
    for (const auto& f : kind->outputs) {
      EXPECT_TRUE(names.insert(f.name).second) << "output " << f.name << " clashes";
      EXPECT_GE(f.width, 1) << f.name;
      if (!f.series) continue;
      EXPECT_FALSE(f.per_atom) << f.name << " is both per atom and in a series";
      EXPECT_NE(kind->find_series(f.series), nullptr) << f.name << " names an undeclared series " << f.series;
      EXPECT_NE(std::string(f.series), "row_offset");
      used_series.insert(f.series);
    }
    for (const auto& s : kind->series) EXPECT_TRUE(used_series.count(s.name)) << "series " << s.name << " has no column";
  }
}

}  // namespace
}  // namespace pelcamp::units
