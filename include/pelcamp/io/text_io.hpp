#pragma once
// Text file helpers shared by the file formats: line-oriented reading that keeps the
// position for error messages (every parse failure becomes pelcamp::InputError(file, line,
// what is wrong and expected)), and exact number formatting for writing.
#include <cstdint>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace pelcamp {

class LineReader {
 public:
  // Throws InputError when the file cannot be opened.
  explicit LineReader(const std::string& path);

  // Reads the next line without its line ending (LF or CRLF); false at the end of the file.
  bool next(std::string& line);
  const std::string& path() const { return path_; }
  // Number of the line last read (1-based; 0 before the first read).
  int line_number() const { return line_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  std::string path_;
  std::ifstream in_;
  int line_ = 0;
};

std::string_view trim(std::string_view s);
// Whitespace-separated fields of a line.
std::vector<std::string_view> split_fields(std::string_view line);
// The part of a line before a '#', trimmed; the text after it (trimmed) goes to *comment.
std::string_view strip_comment(std::string_view line, std::string_view* comment = nullptr);

// Exact conversions of a whole field; false when the field is not such a number.
bool to_real(std::string_view field, double& value);
bool to_integer(std::string_view field, std::int64_t& value);
// The same, throwing InputError at the reader's current line, e.g.
// "expected a finite number for the x coordinate of atom 7, got 'abc'".
double parse_real(const LineReader& at, std::string_view field, std::string_view what);
std::int64_t parse_integer(const LineReader& at, std::string_view field, std::string_view what);

// The shortest decimal text that reads back as exactly the same double, always with a
// decimal point or an exponent so that readers see a real number ("3.0", not "3").
std::string format_real(double x);

// Formats into a growing output buffer (files are assembled in memory, then written once).
template <class... Args>
void append(fmt::memory_buffer& out, fmt::format_string<Args...> format, Args&&... args) {
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}
// Writes a whole buffer to a file (appending when asked); throws pelcamp::Error on failure.
void write_file(const std::string& path, const fmt::memory_buffer& out, bool append_to = false);

}  // namespace pelcamp
