#include "pelcamp/store/journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "pelcamp/core/error.hpp"

namespace pelcamp::store {

const char* status_name(UnitStatus status) {
  switch (status) {
    case UnitStatus::Pending: return "pending";
    case UnitStatus::Done: return "done";
    case UnitStatus::Failed: return "failed";
    case UnitStatus::Skipped: return "skipped";
    case UnitStatus::Quarantined: return "quarantined";
  }
  return "?";
}

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

namespace {

// Splits off the next space-separated field of `line` starting at `pos`.
std::string_view field(std::string_view line, std::size_t& pos) {
  while (pos < line.size() && line[pos] == ' ') ++pos;
  const std::size_t start = pos;
  while (pos < line.size() && line[pos] != ' ') ++pos;
  return line.substr(start, pos - start);
}

template <class T>
bool parse(std::string_view text, T& out, int base = 10) {
  if constexpr (std::is_floating_point_v<T>) {
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && p == text.data() + text.size();
  } else {
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
    return ec == std::errc() && p == text.data() + text.size();
  }
}

std::string one_line(const std::string& text) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

// Applies one journal line; returns false when it is malformed.
bool apply(std::string_view line, JournalState& st) {
  std::size_t pos = 0;
  const std::string_view code = field(line, pos);
  if (code.size() != 1) return false;
  const char c = code[0];
  if (c == 'H') {
    field(line, pos);
    field(line, pos);
    st.store_uuid = std::string(field(line, pos));
    return true;
  }
  if (c == 'S') {
    SessionInfo s;
    int session = 0;
    if (!parse(field(line, pos), session) || !parse(field(line, pos), s.started) ||
        !parse(field(line, pos), s.ranks))
      return false;
    s.hosts = std::string(field(line, pos));
    if (session != static_cast<int>(st.sessions.size())) return false;
    st.sessions.push_back(s);
    st.done_times.clear();
    return true;
  }
  if (c == 'E') {
    int session = 0;
    double t = 0;
    if (!parse(field(line, pos), session) || !parse(field(line, pos), t)) return false;
    if (session < 0 || session >= static_cast<int>(st.sessions.size())) return false;
    st.sessions[session].ended = t;
    st.sessions[session].status = std::string(field(line, pos));
    parse(field(line, pos), st.sessions[session].done);
    return true;
  }
  std::uint64_t id = 0;
  if (!parse(field(line, pos), id, 16)) return false;
  UnitRecord& u = st.units[id];
  if (c == 'R') {
    u = UnitRecord{};
    return true;
  }
  if (c == 'C') {
    int blamed = 0;
    if (!parse(field(line, pos), blamed)) return false;
    u.in_flight = false;
    u.crashes += blamed;
    return true;
  }
  int attempt = 0, worker = 0;
  if (!parse(field(line, pos), attempt) || !parse(field(line, pos), worker)) return false;
  if (c == 'A') {
    int session = 0;
    if (!parse(field(line, pos), session)) return false;
    u.in_flight = true;
    u.in_flight_session = session;
    u.attempts = std::max(u.attempts, attempt);
    u.worker = worker;
    return true;
  }
  double wall = 0, t = 0;
  if (!parse(field(line, pos), wall) || !parse(field(line, pos), t)) return false;
  if (pos < line.size()) ++pos;
  u.in_flight = false;
  u.worker = worker;
  u.wall_seconds = wall;
  u.finished_at = t;
  u.attempts = std::max(u.attempts, attempt);
  u.reason = std::string(line.substr(pos));
  switch (c) {
    case 'D': u.status = UnitStatus::Done; st.done_times.push_back(t); break;
    case 'F': u.status = UnitStatus::Failed; break;
    case 'K': u.status = UnitStatus::Skipped; break;
    case 'Q': u.status = UnitStatus::Quarantined; break;
    case 'I': u.status = UnitStatus::Pending; break;
    default: return false;
  }
  return true;
}

}  // namespace

JournalState replay_journal(const std::string& path) {
  JournalState st;
  std::ifstream in(path, std::ios::binary);
  if (!in) return st;
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // torn last line: ignored and cut on append
    apply(std::string_view(text).substr(start, end - start), st);
    start = end + 1;
  }
  st.valid_bytes = start;
  // Attempts still open belong to a job that is gone (or to the running job when a reader
  // looks): the runner decides whom to blame when it starts (C records).
  return st;
}

JournalWriter::JournalWriter(const std::string& path, std::size_t valid_bytes) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT, 0644);
  if (fd_ < 0) throw Error("cannot open journal " + path + ": " + std::strerror(errno));
  if (::ftruncate(fd_, static_cast<off_t>(valid_bytes)) != 0 ||
      ::lseek(fd_, 0, SEEK_END) < 0)
    throw Error("cannot prepare journal " + path + ": " + std::strerror(errno));
}

JournalWriter::~JournalWriter() {
  try {
    flush();
    sync();
  } catch (...) {
  }
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::header(const std::string& store_uuid) {
  buffer_ += "H pelcamp-journal 1 " + store_uuid + "\n";
}

void JournalWriter::session_start(int session, int ranks, const std::string& hosts) {
  buffer_ += fmt::format("S {} {:.3f} {} {}\n", session, unix_now(), ranks, hosts);
}

void JournalWriter::assigned(std::uint64_t id, int attempt, int worker, int session) {
  buffer_ += fmt::format("A {:016x} {} {} {}\n", id, attempt, worker, session);
}

void JournalWriter::finished(char code, std::uint64_t id, int attempt, int worker,
                             double wall_seconds, const std::string& reason) {
  buffer_ += fmt::format("{} {:016x} {} {} {:.6f} {:.3f}", code, id, attempt, worker, wall_seconds,
                         unix_now());
  if (!reason.empty()) {
    buffer_ += ' ';
    buffer_ += one_line(reason);
  }
  buffer_ += '\n';
}

void JournalWriter::reset(std::uint64_t id) { buffer_ += fmt::format("R {:016x}\n", id); }

void JournalWriter::crashed(std::uint64_t id, bool blamed) {
  buffer_ += fmt::format("C {:016x} {}\n", id, blamed ? 1 : 0);
}

void JournalWriter::session_end(int session, const std::string& status, std::int64_t done) {
  buffer_ += fmt::format("E {} {:.3f} {} {}\n", session, unix_now(), status, done);
}

void JournalWriter::flush() {
  std::size_t written = 0;
  while (written < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error("cannot write journal " + path_ + ": " + std::strerror(errno));
    }
    written += static_cast<std::size_t>(n);
  }
  if (!buffer_.empty()) unsynced_ = true;
  buffer_.clear();
}

void JournalWriter::sync() {
  if (!unsynced_) return;
  if (::fdatasync(fd_) != 0) throw Error("cannot sync journal " + path_ + ": " + std::strerror(errno));
  unsynced_ = false;
}

}  // namespace pelcamp::store
