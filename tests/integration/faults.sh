#!/usr/bin/env bash
# A unit that kills its rank takes the whole MPI job down (Open MPI has no fault tolerance):
# each rerun resumes, runs the suspect alone, and after run.max_crash_attempts deaths the
# unit is quarantined and the campaign completes. A hanging unit is stopped at its deadline
# and recorded failed. Innocent units that were running at a crash are not blamed.
source "$(dirname "$0")/common.bash"
cat > faults.yaml <<'YAML'
campaign: {name: faults, seed: 9}
run: {max_crash_attempts: 2, unit_deadline: 1.5, batch_seconds: 1}
output: {progress_interval: 0}
stages:
  - name: walk
    kind: diagnostic
    replicas: 12
    params: {steps: 500, walkers: 2, seconds: 0.05}
  - name: crasher
    kind: diagnostic
    params: {mode: crash, seconds: 0.2}
  - name: sleeper
    kind: diagnostic
    params: {mode: hang}
YAML
for attempt in 1 2; do
  if run_ranks 3 run faults.yaml --store f.h5 > "crash$attempt.txt" 2>&1; then
    cat "crash$attempt.txt"; fail "run $attempt survived a crashing unit"
  fi
  h5dump -H f.h5 > /dev/null || fail "store does not open after crash $attempt"
done
run_ranks 3 run faults.yaml --store f.h5 2> final.txt || { cat final.txt; fail "the run after two crashes"; }
grep -q "complete: 12 done" final.txt || { cat final.txt; fail "campaign did not complete"; }
"$PELCAMP_BIN" status f.h5 > status.txt
grep -q "quarantined \[.*mode=crash.*\]: quarantined: the job died 2 times while this unit was running" status.txt ||
  { cat status.txt; fail "crashing unit not quarantined with its reason"; }
grep -q "failed \[.*mode=hang.*\]: unit deadline exceeded" status.txt || { cat status.txt; fail "hanging unit not failed at its deadline"; }
[[ $(count_status f.h5 quarantined) == 1 ]] || fail "innocent units were quarantined"
grep -q "quarantined: the job died 2 times" f.h5.log || fail "log: quarantine"
pass "crashing unit quarantined after 2 job deaths; hanging unit failed at its deadline; the rest done"
