#pragma once
// Base of the decorators that wrap one potential (PEL flattening, frozen atoms): it owns the
// inner potential and forwards everything a decorator does not change — elements, masses,
// cutoff, units, neighbour settings — so each decorator states only what it alters.
#include <memory>
#include <string>

#include "pelcamp/potential/potential.hpp"

namespace pelcamp {

class PotentialDecorator : public Potential {
 public:
  const Potential& inner() const { return *inner_; }

  const std::vector<std::string>& elements() const override { return inner_->elements(); }
  std::vector<double> masses() const override { return inner_->masses(); }
  double cutoff() const override { return inner_->cutoff(); }
  std::string units() const override { return inner_->units(); }
  void set_neighbor_settings(const NeighborSettings& settings) override {
    inner_->set_neighbor_settings(settings);
  }

 protected:
  // Throws pelcamp::Error naming the decorator when `inner` is null.
  PotentialDecorator(std::unique_ptr<Potential> inner, const char* decorator_name);

  std::unique_ptr<Potential> inner_;
};

}  // namespace pelcamp
