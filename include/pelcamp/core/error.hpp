#pragma once
// One exception type for every user-facing failure: bad input files, unknown names, invalid
// settings, non-finite results. The message says where (file, line) and what is allowed.
#include <stdexcept>
#include <string>

namespace pelcamp {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Error located in an input file; line <= 0 means "the whole file".
class InputError : public Error {
 public:
  InputError(const std::string& file, int line, const std::string& what);
  const std::string& file() const { return file_; }
  int line() const { return line_; }

 private:
  std::string file_;
  int line_;
};

}  // namespace pelcamp
