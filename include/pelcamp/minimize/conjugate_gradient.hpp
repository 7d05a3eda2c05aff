#pragma once
// Nonlinear conjugate gradient, Polak–Ribière with the PR+ restart (β = max(0, β_PR)), a
// steepest-descent restart every `restart_interval` iterations or whenever the direction is
// not downhill, and the strong-Wolfe line search of line_search.hpp (c2 = 0.1). Every
// accepted step satisfies sufficient decrease, so the accepted energies never increase.
// A failed line search along a conjugate direction is retried along steepest descent;
// failing there too stops with line-search-failed (typically when energy differences have
// reached round-off, far below any useful force tolerance).
#include "pelcamp/minimize/line_search.hpp"
#include "pelcamp/minimize/minimizer.hpp"

namespace pelcamp {

struct ConjugateGradientConfig {
  // Largest per-atom displacement of one line search (length units; LAMMPS `dmax`, 0.1).
  // The first trial step of the first iteration moves the fastest atom this far; later
  // iterations start from the previous step's first-order estimate (Nocedal & Wright eq. 3.60).
  double max_step = 0.1;
  // Iterations between forced steepest-descent restarts; 0 means the objective's dimension.
  long restart_interval = 0;
  LineSearchConfig line_search{1e-4, 0.1, 20};

  void validate() const;  // throws pelcamp::Error
};

class ConjugateGradient : public Minimizer {
 public:
  explicit ConjugateGradient(ConjugateGradientConfig config = {});
  std::string name() const override { return "cg"; }
  MinimizeResult minimize(Objective& objective, VectorRef x, const StoppingCriteria& stop) override;

 private:
  ConjugateGradientConfig config_;
};

}  // namespace pelcamp
