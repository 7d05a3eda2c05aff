#pragma once
// Minimizers by name, with their default settings: "fire", "cg", "lbfgs". Unknown names are
// errors listing the valid ones.
#include <memory>
#include <string>
#include <vector>

#include "pelcamp/minimize/minimizer.hpp"

namespace pelcamp {

std::vector<std::string> minimizer_names();
std::unique_ptr<Minimizer> make_minimizer(const std::string& name);

}  // namespace pelcamp
