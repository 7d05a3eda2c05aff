#include "pelcamp/io/frame.hpp"

#include <fmt/format.h>

#include "pelcamp/core/error.hpp"

namespace pelcamp {

namespace {
void check_per_atom(std::size_t size, std::size_t atoms, const char* what) {
  if (size != 0 && size != atoms)
    throw Error(fmt::format("frame has {} {} for {} atoms", size, what, atoms));
}
}  // namespace

void Frame::validate() const {
  config.validate();
  check_per_atom(forces.size(), config.size(), "forces");
  check_per_atom(energies.size(), config.size(), "per-atom energies");
  check_per_atom(virials.size(), config.size(), "per-atom virials");
}

}  // namespace pelcamp
