#include "pelcamp/io/text_io.hpp"

#include <charconv>
#include <cmath>
#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

LineReader::LineReader(const std::string& path) : path_(path), in_(path) {
  if (!in_) throw InputError(path, 0, "cannot open file for reading");
}

bool LineReader::next(std::string& line) {
  if (!std::getline(in_, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  ++line_;
  return true;
}

void LineReader::fail(const std::string& what) const { throw InputError(path_, line_, what); }

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  while (true) {
    pos = line.find_first_not_of(" \t\r\n", pos);
    if (pos == std::string_view::npos) break;
    const auto end = line.find_first_of(" \t\r\n", pos);
    fields.push_back(line.substr(pos, end == std::string_view::npos ? end : end - pos));
    if (end == std::string_view::npos) break;
    pos = end;
  }
  return fields;
}

std::string_view strip_comment(std::string_view line, std::string_view* comment) {
  const auto hash = line.find('#');
  if (comment)
    *comment = hash == std::string_view::npos ? std::string_view{} : trim(line.substr(hash + 1));
  return trim(line.substr(0, hash));
}

bool to_real(std::string_view field, double& value) {
  if (!field.empty() && field.front() == '+') field.remove_prefix(1);
  if (field.empty()) return false;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  return ec == std::errc() && end == field.data() + field.size();
}

bool to_integer(std::string_view field, std::int64_t& value) {
  if (!field.empty() && field.front() == '+') field.remove_prefix(1);
  if (field.empty()) return false;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  return ec == std::errc() && end == field.data() + field.size();
}

double parse_real(const LineReader& at, std::string_view field, std::string_view what) {
  double value = 0.0;
  if (!to_real(field, value) || !std::isfinite(value))
    at.fail(fmt::format("expected a finite number for {}, got '{}'", what, field));
  return value;
}

std::int64_t parse_integer(const LineReader& at, std::string_view field, std::string_view what) {
  std::int64_t value = 0;
  if (!to_integer(field, value))
    at.fail(fmt::format("expected an integer for {}, got '{}'", what, field));
  return value;
}

std::string format_real(double x) {
  std::string text = fmt::format("{}", x);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

void write_file(const std::string& path, const fmt::memory_buffer& out, bool append_to) {
  std::ofstream file(path, append_to ? std::ios::binary | std::ios::app : std::ios::binary);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  file.close();
  if (!file) throw Error(fmt::format("cannot write file '{}'", path));
}

}  // namespace pelcamp
