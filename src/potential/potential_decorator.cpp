#include "pelcamp/potential/potential_decorator.hpp"

#include "pelcamp/core/error.hpp"

namespace pelcamp {

PotentialDecorator::PotentialDecorator(std::unique_ptr<Potential> inner, const char* decorator_name)
    : inner_(std::move(inner)) {
  if (!inner_) throw Error(std::string(decorator_name) + " decorator needs a potential to wrap");
}

}  // namespace pelcamp
