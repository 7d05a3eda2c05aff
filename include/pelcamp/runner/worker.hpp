#pragma once
// Ranks >= 1: ask the manager for work, run each unit of the batch, make the results
// durable, report them with the next request; stop when told.
#include <boost/mpi/communicator.hpp>

#include "pelcamp/runner/unit_executor.hpp"

namespace pelcamp::runner {

void run_worker(boost::mpi::communicator& world, UnitExecutor& executor, store::Store& store,
                const StopControl& stop, bool fsync);

}  // namespace pelcamp::runner
