#!/usr/bin/env bash
# The same campaign on 1, 2 and 4 ranks gives identical results; a deliberately failing unit
# is marked failed with its reason and the unit that needs it is skipped; status, report and
# export read the store.
source "$(dirname "$0")/common.bash"
campaign=$PELCAMP_TEST_DATA/campaign/ranks.yaml

for n in 1 2 4; do
  run_ranks "$n" run "$campaign" --store "r$n.h5" 2> "run$n.txt" || { cat "run$n.txt"; fail "run on $n ranks"; }
  grep -q "complete: 17 done (17 this run), 2 failed, 0 not run" "run$n.txt" || { cat "run$n.txt"; fail "summary on $n ranks"; }
done
d1=$(results_digest r1.h5); d2=$(results_digest r2.h5); d4=$(results_digest r4.h5)
[[ $d1 == "$d2" && $d1 == "$d4" ]] || fail "results differ between rank counts: $d1 $d2 $d4"
pass "identical results on 1, 2 and 4 ranks"

h5dump -d /units/state r4.h5 > state.txt
[[ $(grep -c '^ *done,$' state.txt) == 17 ]] || fail "ledger: done count"
grep -q '"induced failure (mode: fail)"' state.txt || fail "ledger: failure reason not stored"
grep -q '^ *skipped,$' state.txt || fail "ledger: the unit needing the failed one is not skipped"
grep -q 'did not complete' state.txt || fail "ledger: skip reason not stored"
"$PELCAMP_BIN" status r4.h5 > status.txt
grep -qE "^faulty +diagnostic +1 +0 +0 +0 +1 " status.txt || { cat status.txt; fail "status: faulty stage"; }
grep -q "failed \[checkpoint_every=0;mode=fail.*\]: induced failure (mode: fail)" status.txt || { cat status.txt; fail "status: failure reason"; }
grep -q "ended (complete)" status.txt || fail "status: run state"
pass "failed unit recorded with its reason, dependent unit skipped"

# Running a complete store again does nothing and changes nothing.
run_ranks 2 run "$campaign" --store r2.h5 2> again.txt
grep -q "complete: 17 done (0 this run)" again.txt || { cat again.txt; fail "rerun of a complete store"; }
[[ $(results_digest r2.h5) == "$d1" ]] || fail "rerun changed results"

"$PELCAMP_BIN" report r1.h5 --out report > /dev/null
for f in units.csv diagnostic.csv diagnostic.trace.csv status.png wall_seconds.png walk.mean_square_displacement.png; do
  [[ -s report/$f ]] || fail "report: $f missing"
done
[[ $(grep -c ',done,' report/diagnostic.csv) == 17 ]] || fail "report: table rows"
"$PELCAMP_BIN" export r1.h5 --out export > /dev/null
[[ $(ls export/walk/*.extxyz | wc -l) == 8 ]] || fail "export: walk structures"
head -1 "$(ls export/walk/*.extxyz | head -1)" | grep -qx 3 || fail "export: extxyz atom count"
"$PELCAMP_BIN" export r1.h5 --out export-data --format data > /dev/null
grep -q "3 atoms" "$(ls export-data/probe/*.data | head -1)" && fail "export: probe structures have 2 walkers, not 3"
grep -q "2 atoms" "$(ls export-data/probe/*.data | head -1)" || fail "export: LAMMPS data"
[[ -s export/diagnostic.displacement.csv ]] || fail "export: per-atom table"
h5dump -A -g /h5md r1.h5 | grep -q 'version' || fail "H5MD header"
pass "status, report (CSV + PNG) and export (CSV + extxyz)"
