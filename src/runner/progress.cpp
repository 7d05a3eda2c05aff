#include "pelcamp/runner/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace pelcamp::runner {

namespace {
std::string duration_text(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s / 60) % 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}
}  // namespace

Progress::Progress(std::size_t total, std::size_t done_before, double interval_seconds)
    : total_(total), done_before_(done_before), interval_(interval_seconds),
      tty_(::isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()), last_(start_) {}

std::string Progress::line(std::size_t done, std::size_t failed, std::size_t running) const {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? double(done - done_before_) / elapsed : 0.0;
  const std::size_t left = total_ - std::min(total_, done + failed);
  std::string text = fmt::format("pelcamp: {}/{} units done, {} failed, {} running | {:.1f} units/s",
                                 done, total_, failed, running, rate);
  if (rate > 0 && left > 0) text += " | ETA " + duration_text(double(left) / rate);
  return text;
}

void Progress::update(std::size_t done, std::size_t failed, std::size_t running, bool force) {
  if (interval_ <= 0 && !force) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && std::chrono::duration<double>(now - last_).count() < interval_) return;
  last_ = now;
  const std::string text = line(done, failed, running);
  if (tty_) std::fprintf(stderr, "\r%-100s", text.c_str());
  else std::fprintf(stderr, "%s\n", text.c_str());
  std::fflush(stderr);
  printed_ = true;
}

void Progress::finish() {
  if (tty_ && printed_) std::fputc('\n', stderr);
}

}  // namespace pelcamp::runner
