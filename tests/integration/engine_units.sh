#!/usr/bin/env bash
# The engine unit kinds (packing -> minimize -> md -> eval) in one campaign: identical
# results on 1 and 3 ranks (MD included), minimizations converged, and a structure with
# overlapping atoms recorded failed with its reason.
source "$(dirname "$0")/common.bash"
campaign=$PELCAMP_TEST_DATA/campaign/engine.yaml

run_ranks 1 run "$campaign" --store one.h5 2> one.txt || { cat one.txt; fail "serial run"; }
grep -q "complete: 12 done (12 this run), 1 failed" one.txt || { cat one.txt; fail "serial summary"; }
run_ranks 3 run "$campaign" --store three.h5 2> three.txt || { cat three.txt; fail "3-rank run"; }
[[ $(results_digest one.h5) == "$(results_digest three.h5)" ]] || fail "engine units differ between 1 and 3 ranks"
pass "packing, minimize, md, eval: identical results on 1 and 3 ranks"

"$PELCAMP_BIN" status one.h5 > status.txt
grep -q "broken failed .*overlap.extxyz: atoms 1 and 2 overlap" status.txt ||
  { cat status.txt; fail "overlapping atoms not reported"; }
"$PELCAMP_BIN" report one.h5 --out report --no-figures > /dev/null
awk -F, 'NR > 1 && $3 == "done" { if ($NF != 1) bad = 1; n++ } END { exit bad || n != 2 }' report/minimize.csv ||
  fail "minimizations did not converge"
pass "overlapping atoms fail with their reason; minimizations converged"

# The store's particle groups are H5MD that MDAnalysis reads as trajectories (it opens the
# first group: frames are the stage's units, 64 atoms each, periodic box).
/usr/bin/python3 - one.h5 <<'PY' 2>&1 | grep -v -i deprecat || fail "MDAnalysis cannot read the store's H5MD particles"
import sys, warnings
warnings.simplefilter("ignore")
import h5py, numpy as np
from MDAnalysis.coordinates.H5MD import H5MDReader
reader = H5MDReader(sys.argv[1], convert_units=False)
with h5py.File(sys.argv[1], "r") as f:
    group = f["particles"][next(iter(f["particles"]))]
    frames = group["position/value"].shape[0]
    edges = group["box/edges/value"][1]
    positions = group["position/value"][1]
assert frames >= 2 and reader.n_frames == frames and reader.n_atoms == 64, (reader.n_frames, frames, reader.n_atoms)
ts = reader[1]
assert np.allclose(ts.positions, positions), "positions"
assert np.allclose(ts.dimensions[:3], np.diag(edges)), (ts.dimensions, edges)
PY
pass "MDAnalysis reads the H5MD particle groups (frames, atoms, positions, box)"
