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
