#include "pelcamp/runner/stop_control.hpp"

#include <csignal>
#include <cstdlib>
#include <cstring>

#include "pelcamp/store/journal.hpp"

namespace pelcamp::runner {

namespace {
volatile std::sig_atomic_t g_signal = 0;
extern "C" void on_stop_signal(int signal) { g_signal = signal; }
}  // namespace

StopControl::StopControl() {
  struct sigaction action{};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (int s : {SIGTERM, SIGUSR1, SIGINT}) sigaction(s, &action, nullptr);
}

double StopControl::deadline_from(double walltime_seconds, double margin) {
  double deadline = 0.0;
  if (walltime_seconds > 0) deadline = store::unix_now() + walltime_seconds;
  if (const char* end = std::getenv("SLURM_JOB_END_TIME")) {
    char* tail = nullptr;
    const double slurm_end = std::strtod(end, &tail);
    if (tail != end && slurm_end > 0 && (deadline == 0.0 || slurm_end < deadline)) deadline = slurm_end;
  }
  return deadline > 0 ? deadline - margin : 0.0;
}

bool StopControl::signalled() const { return g_signal != 0; }

bool StopControl::stop_requested() const {
  return signalled() || (deadline_ > 0 && store::unix_now() >= deadline_);
}

std::string StopControl::reason() const {
  if (g_signal) return std::string("signal ") + sigabbrev_np(g_signal);
  if (deadline_ > 0 && store::unix_now() >= deadline_) return "walltime";
  return "";
}

}  // namespace pelcamp::runner
