#!/usr/bin/env bash
# Editing a campaign and running again: units already done are kept (their ids do not
# change), only new units run, and results equal a fresh run of the edited campaign. Units
# removed from the campaign are not lost: the previous store file is kept beside it.
source "$(dirname "$0")/common.bash"
cat > v1.yaml <<'YAML'
campaign: {name: edit, seed: 4}
output: {progress_interval: 0}
stages:
  - name: walk
    kind: diagnostic
    params: {steps: [100, 200], walkers: 3}
  - name: probe
    kind: diagnostic
    for_each: walk
    params: {walkers: 2}
YAML
sed 's/steps: \[100, 200\]/steps: [100, 200, 300]/' v1.yaml > v2.yaml
sed 's/steps: \[100, 200\]/steps: [200, 300]/' v1.yaml > v3.yaml

run_ranks 2 run v1.yaml --store s.h5 2> r1.txt || fail "first run"
before=$(h5dump -d /results/diagnostic/checksum s.h5 | grep -v '^HDF5')
run_ranks 2 run v2.yaml --store s.h5 2> r2.txt || { cat r2.txt; fail "run of the extended campaign"; }
grep -q "complete: 6 done (2 this run)" r2.txt || { cat r2.txt; fail "extended campaign did not reuse the done units"; }
grep -q "campaign changed: 4 done units carried over" s.h5.log || fail "log: migration"
run_ranks 1 run v2.yaml --store fresh.h5 2> /dev/null || fail "fresh run"
[[ $(results_digest s.h5) == "$(results_digest fresh.h5)" ]] || fail "extended store differs from a fresh run"
h5dump -d /provenance/campaign_text s.h5 | grep -q "300" || fail "provenance keeps the old campaign text"
[[ $(h5dump -d /provenance/sessions s.h5 | grep -c '"complete"') == 2 ]] || fail "session history lost in migration"
pass "adding grid points runs only the new units; results equal a fresh run"

run_ranks 1 run v3.yaml --store s.h5 2> r3.txt || { cat r3.txt; fail "run of the reduced campaign"; }
grep -q "complete: 4 done (0 this run)" r3.txt || { cat r3.txt; fail "reduced campaign"; }
ls s.h5.before-session-* > /dev/null 2>&1 || fail "previous store not kept when units were dropped"
grep -q "2 done units are no longer in the campaign" s.h5.log || fail "log: dropped units"
prev=$(ls s.h5.before-session-* | head -1)
h5dump -d /results/diagnostic/checksum "$prev" | grep -q -- '-9223372036854775808' && fail "previous store incomplete"
pass "removing grid points keeps the previous store file"
