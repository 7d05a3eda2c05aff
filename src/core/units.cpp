#include "pelcamp/core/units.hpp"

#include "pelcamp/core/error.hpp"

namespace pelcamp {

UnitSystem UnitSystem::by_name(const std::string& name) {
  if (name == "metal") return metal();
  if (name == "lj") return lj();
  throw Error("unknown unit system '" + name + "' (allowed: metal, lj)");
}

}  // namespace pelcamp
