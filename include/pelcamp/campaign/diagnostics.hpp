#pragma once
// Collects every problem found in a campaign file (not only the first), each located by
// file, line and column, with the key, the bad value and what is allowed.
#include <string>
#include <vector>

#include "pelcamp/core/error.hpp"

namespace pelcamp::campaign {

struct Diagnostic {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
  std::string key;  // dotted path, e.g. stages[1].params.temperature
  std::string message;
};

class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}
  void add(int line0, int column0, std::string key, std::string message);  // 0-based position
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  const std::string& file() const { return file_; }
  // "FILE:LINE:COL: KEY: MESSAGE", one per line, in file order.
  std::string format() const;
  // Throws CampaignError when any problem was recorded.
  void throw_if_any() const;

 private:
  std::string file_;
  std::vector<Diagnostic> items_;
};

class CampaignError : public Error {
 public:
  explicit CampaignError(const Diagnostics& diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace pelcamp::campaign
