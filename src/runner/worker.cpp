#include "pelcamp/runner/worker.hpp"

#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include "pelcamp/runner/messages.hpp"

namespace pelcamp::runner {

void run_worker(boost::mpi::communicator& world, UnitExecutor& executor, store::Store& store,
                const StopControl& stop, bool fsync) {
  std::vector<UnitReport> reports;
  std::vector<std::pair<std::uint32_t, std::int32_t>> batch;
  while (true) {
    // Completion is reported only once the data is durable.
    if (fsync && !reports.empty()) store.make_durable();
    world.send(0, kRequest, reports);
    reports.clear();
    const boost::mpi::status status = world.probe(0, boost::mpi::any_tag);
    if (status.tag() == kStop) {
      world.recv(0, kStop);
      return;
    }
    world.recv(0, kAssign, batch);
    for (const auto& [unit, attempt] : batch) {
      if (stop.stop_requested()) reports.push_back({unit, attempt, 'I', 0.0, "not started: stopping"});
      else reports.push_back(executor.run(unit, attempt));
    }
  }
}

}  // namespace pelcamp::runner
