#pragma once
// Manager/worker message tags (Boost.MPI). A worker sends kRequest with the reports of its
// previous batch (empty at first); the manager answers kAssign with a batch of
// (unit, attempt) pairs or kStop.
namespace pelcamp::runner {

enum MessageTag : int { kRequest = 11, kAssign = 12, kStop = 13 };

}  // namespace pelcamp::runner
