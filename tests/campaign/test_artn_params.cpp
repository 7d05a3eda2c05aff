// The activation choice as unit parameters: `activation` selects the ArtnSearch activation
// method (default newton-perpendicular), and the min-mode settings reach its config.
#include <gtest/gtest.h>

#include "pelcamp/core/error.hpp"
#include "pelcamp/units/art_search_unit.hpp"
#include "pelcamp/units/artn_params.hpp"

namespace pelcamp::units {
namespace {

Params default_params() {
  Params p;
  for (const ParamSpec& spec : art_search_unit_kind().params)
    if (spec.default_value) p.set(spec.name, *spec.default_value);
  return p;
}

TEST(ArtnParams, ActivationMethodIsAParameter) {
  Params p = default_params();
  EXPECT_EQ(artn_config(p).activation.method, ActivationMethod::newton_perpendicular);
  p.set("activation", std::string("min-mode"));
  p.set("max_convex_steps", std::int64_t{4});
  p.set("min_mode_max_step", 0.07);
  const ArtnConfig c = artn_config(p);
  EXPECT_EQ(c.activation.method, ActivationMethod::min_mode);
  EXPECT_EQ(c.activation.min_mode.max_convex_steps, 4);
  EXPECT_EQ(c.activation.min_mode.max_step, 0.07);

  const ParamSpec* spec = art_search_unit_kind().find_param("activation");
  ASSERT_NE(spec, nullptr);
  EXPECT_EQ(spec->choices, (std::vector<std::string>{"newton-perpendicular", "min-mode"}));
}

}  // namespace
}  // namespace pelcamp::units
