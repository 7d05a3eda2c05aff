#!/usr/bin/env bash
# ART walks in a campaign on 1 and 2 ranks (identical results), then the store-side tools:
# PATHSAMPLE export (one min.data line per minimum, ts.data indices inside min.data), the
# disconnectivity graph, and the barrier-spectrum report of the walks.
source "$(dirname "$0")/common.bash"
cat > walk.yaml <<'YAML'
campaign: {name: art-walk-it, seed: 5}
potentials: {ka: lj/ka}
stages:
  - name: sample
    kind: packing
    replicas: 2
    params: {composition: "A:0.8,B:0.2", atoms: 64, density: 1.2, min_distance: 0.8}
  - name: quench
    kind: minimize
    for_each: sample
    params: {potential: ka, minimizer: fire, fmax: 1.0e-5, max_iterations: 100000}
  - name: walk
    kind: art_walk
    for_each: quench
    params: {potential: ka, temperature: 0.3, accepted_events: 4, max_attempts: 20, radius: 1.5,
             initial_displacement: 0.05, push_step: 0.05, eigenvalue_threshold: -20.0,
             max_eigen_step: 0.02, saddle_force_tolerance: 0.01, relax_force_tolerance: 1.0e-4}
YAML
run_ranks 1 run walk.yaml --store one.h5 2> one.txt || { cat one.txt; fail "serial run"; }
grep -q "complete: 6 done" one.txt || { cat one.txt; fail "serial summary"; }
run_ranks 2 run walk.yaml --store two.h5 2> two.txt || { cat two.txt; fail "2-rank run"; }
[[ $(results_digest one.h5) == "$(results_digest two.h5)" ]] || fail "art_walk results differ between 1 and 2 ranks"
pass "art_walk: identical results on 1 and 2 ranks"

tools=$PELCAMP_SOURCE_DIR/tools
/usr/bin/python3 "$tools/art_network.py" export one.h5 net || fail "PATHSAMPLE export"
/usr/bin/python3 - one.h5 net <<'PY' || fail "PATHSAMPLE files do not match the store"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    minima = f["results/art_walk/distinct_minima"][()]
    states = f["results/art_walk/distinct_transition_states"][()]
for row, (m, t) in enumerate(zip(minima, states)):
    mins = np.loadtxt(f"{sys.argv[2]}/walk-{row}/min.data", ndmin=2)
    assert len(mins) == m and mins.shape[1] == 6, (row, mins.shape, m)
    with open(f"{sys.argv[2]}/walk-{row}/ts.data") as ts_file:
        ts = [line.split() for line in ts_file]
    assert len(ts) == t, (row, len(ts), t)
    for line in ts:
        a, b = int(line[3]), int(line[4])
        assert 1 <= a <= m and 1 <= b <= m and a != b, line
        assert float(line[0]) > max(mins[a - 1, 0], mins[b - 1, 0]), line
PY
pass "min.data / ts.data: one line per stored minimum and transition state, 1-based indices"
/usr/bin/python3 "$tools/art_network.py" dgraph one.h5 dg.png --atoms 64 || fail "disconnectivity graph"
/usr/bin/python3 "$tools/report_art.py" one.h5 report > /dev/null || fail "report_art.py"
for f in dg.png report/spectra.csv report/spectra.png report/delta.csv report/histograms.csv; do
  [[ -s $f ]] || fail "$f missing"
done
pass "disconnectivity graph and barrier-spectrum report written"
