#!/usr/bin/env bash
# The glass-study unit kinds through the store (packing -> sample_prep -> inherent_structures
# and structure_analysis; crystal -> structure_analysis): identical results on 1 and 2 ranks,
# series and snapshots read back (inherent_structures minimizes the stored snapshots), and
# the report script's figures and tables.
source "$(dirname "$0")/common.bash"
campaign=$PELCAMP_TEST_DATA/campaign/glass.yaml

run_ranks 1 run "$campaign" --store one.h5 2> one.txt || { cat one.txt; fail "serial run"; }
grep -q "complete: 9 done (9 this run), 0 failed" one.txt || { cat one.txt; fail "serial summary"; }
run_ranks 2 run "$campaign" --store two.h5 2> two.txt || { cat two.txt; fail "2-rank run"; }
[[ $(results_digest one.h5) == "$(results_digest two.h5)" ]] || fail "glass units differ between 1 and 2 ranks"
pass "sample_prep, inherent_structures, structure_analysis, crystal: identical results on 1 and 2 ranks"

"$PELCAMP_BIN" report one.h5 --out report --no-figures > /dev/null
# 2 samples × 20 trace rows, 2 × 3 minima, 3 analyses × 50 RDF bins.
[[ $(($(wc -l < report/sample_prep.trace.csv) - 1)) == 40 ]] || fail "trace rows"
[[ $(($(wc -l < report/inherent_structures.minimum.csv) - 1)) == 6 ]] || fail "minimum rows"
[[ $(($(wc -l < report/structure_analysis.rdf.csv) - 1)) == 150 ]] || fail "rdf rows"
pass "series tables have their planned rows"

/usr/bin/python3 "$PELCAMP_SOURCE_DIR/tools/report_glass.py" one.h5 --out figures > report.txt ||
  { cat report.txt; fail "report_glass.py"; }
for f in glass.quench.png glass.samples.csv inherent.inherent.png inherent.inherent.csv structure.rdf.png \
         structure.indicators.csv structure.voronoi_indices.png control_structure.voronoi_indices.csv; do
  [[ -s figures/$f ]] || fail "report_glass.py did not write $f"
done
# The fcc control: every atom <0,12,0,0>, so one motif and zero structural entropy.
awk -F, 'NR == 2 { exit !($2 == 0 && $3 == 0) }' figures/control_structure.indicators.csv ||
  { cat figures/control_structure.indicators.csv; fail "fcc control indicators"; }
# The inherent structures lie below their snapshots' energies and at the snapshot targets.
/usr/bin/python3 - one.h5 <<'PY' || fail "inherent structures vs snapshots"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    snap = f["results/sample_prep/snapshot"]
    mins = f["results/inherent_structures/minimum"]
    assert np.allclose(snap["snapshot_target_temperature"][()], [0.9, 0.6, 0.3, 0.9, 0.6, 0.3])
    assert np.all(mins["is_energy"][()] < snap["snapshot_potential_energy"][()])
    assert np.all(mins["converged"][()] == 1)
PY
pass "report_glass.py figures and tables; fcc control; inherent structures below their snapshots"
