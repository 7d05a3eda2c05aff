#include "pelcamp/potential/johnson_fe.hpp"

#include "pelcamp/core/error.hpp"

namespace pelcamp {

std::unique_ptr<Potential> make_johnson_fe(const std::vector<std::string>& args) {
  if (!args.empty())
    throw Error("potential style 'johnson/fe' takes no arguments (got '" + args.front() + "')");
  // The KIM model defines no mass: the configuration supplies it.
  PairModelInfo info{"johnson/fe", "metal", {"Fe"}, {}};
  return std::make_unique<JohnsonFePotential>(info, JohnsonFeEvaluator{});
}

}  // namespace pelcamp
