#pragma once
// SHA-256 (FIPS 180-4) of a file, for the potential-file checksums in the provenance record
// (the same digest `sha256sum` prints).
#include <string>

namespace pelcamp::store {

std::string sha256_hex(const std::string& bytes);
// Throws pelcamp::Error when the file cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace pelcamp::store
