#pragma once
// The manager's live progress line: units done/total, failures, running, rate and ETA. On a
// terminal it rewrites one line; in a batch log it prints a line per interval.
#include <chrono>
#include <cstddef>
#include <string>

namespace pelcamp::runner {

class Progress {
 public:
  Progress(std::size_t total, std::size_t done_before, double interval_seconds);
  // Prints when the interval has passed (or always when `force`).
  void update(std::size_t done, std::size_t failed, std::size_t running, bool force = false);
  void finish();
  std::string line(std::size_t done, std::size_t failed, std::size_t running) const;

 private:
  std::size_t total_, done_before_;
  double interval_;
  bool tty_;
  bool printed_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace pelcamp::runner
