#pragma once
// Runs units on one rank: gathers their inputs (from a small cache of outputs this rank
// produced or read, else from the store), calls the kind, writes the output and the ledger
// row, and turns every exception into an outcome. Knows nothing about MPI.
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>

#include "pelcamp/campaign/plan.hpp"
#include "pelcamp/runner/stop_control.hpp"
#include "pelcamp/store/store.hpp"

namespace pelcamp::runner {

struct UnitReport {
  std::uint32_t unit = 0;
  std::int32_t attempt = 0;
  char outcome = 'D';  // D done, F failed, I interrupted (runs again later)
  double wall_seconds = 0.0;
  std::string reason;

  template <class Archive>
  void serialize(Archive& ar, unsigned) {
    ar & unit & attempt & outcome & wall_seconds & reason;
  }
};

class UnitExecutor {
 public:
  UnitExecutor(const campaign::Plan& plan, store::Store& store, const StopControl& stop,
               std::string checkpoint_dir, double unit_deadline, int rank);
  UnitReport run(std::uint32_t unit, std::int32_t attempt);

 private:
  std::shared_ptr<const units::UnitOutput> input(std::uint32_t unit);

  const campaign::Plan& plan_;
  store::Store& store_;
  const StopControl& stop_;
  std::string checkpoint_dir_;
  double unit_deadline_;
  int rank_;
  // Small LRU cache of unit outputs by unit index (affinity makes hits likely).
  std::list<std::pair<std::uint32_t, std::shared_ptr<const units::UnitOutput>>> cache_;
  static constexpr std::size_t kCacheSize = 4;
};

}  // namespace pelcamp::runner
