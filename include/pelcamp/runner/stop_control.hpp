#pragma once
// When to stop handing out work: on SIGTERM, SIGUSR1 or SIGINT (flag set by the signal
// handler), or at a wall-clock deadline (--walltime, or SLURM_JOB_END_TIME) minus a margin.
#include <string>

namespace pelcamp::runner {

class StopControl {
 public:
  // Installs the signal handlers (process-wide).
  StopControl();
  // Deadline from --walltime (seconds from now, 0: none) and SLURM_JOB_END_TIME, minus
  // `margin` seconds; the earlier wins. Returns the unix time, 0 when there is none.
  static double deadline_from(double walltime_seconds, double margin);
  void set_deadline(double unix_time) { deadline_ = unix_time; }
  double deadline() const { return deadline_; }

  bool signalled() const;
  bool stop_requested() const;  // signalled or past the deadline
  std::string reason() const;

 private:
  double deadline_ = 0.0;
};

}  // namespace pelcamp::runner
