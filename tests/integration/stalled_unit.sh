#!/usr/bin/env bash
# A unit stuck where it never checks its deadline (mode: stall) silences its rank. The
# manager declares the rank hung after the units' deadlines plus run.hang_grace, lets the
# other ranks finish, and aborts the job; the next run isolates the suspect, records it
# failed as hung, and the run after that finds the campaign complete.
source "$(dirname "$0")/common.bash"
cat > stall.yaml <<'YAML'
campaign: {name: stall, seed: 12}
run: {unit_deadline: 0.3, hang_grace: 1, batch_seconds: 0.2}
output: {progress_interval: 0}
stages:
  - name: walk
    kind: diagnostic
    replicas: 8
    params: {steps: 100, walkers: 2, seconds: 0.05}
  - name: stuck
    kind: diagnostic
    params: {mode: stall}
YAML
for attempt in 1 2 3; do
  rc=0
  timeout 60 mpirun -n 3 --oversubscribe "$PELCAMP_BIN" run stall.yaml --store s.h5 > "run$attempt.txt" 2>&1 || rc=$?
  echo "run $attempt: exit $rc"
  [[ $rc != 124 ]] || fail "run $attempt waited forever on the stalled unit"
  grep -q "complete: 8 done" "run$attempt.txt" && break
done
grep -q "complete: 8 done" "run$attempt.txt" || { cat "run$attempt.txt"; fail "campaign did not complete"; }
"$PELCAMP_BIN" status s.h5 > status.txt
grep -q "stuck failed .*hung: no answer from rank" status.txt || { cat status.txt; fail "stalled unit not recorded as hung"; }
grep -q "stopped answering" s.h5.log || fail "log: hung rank"
[[ $(count_status s.h5 done) == 8 ]] || fail "other units lost"
pass "stalled unit: rank declared hung, job aborted, unit isolated and recorded failed, rest done"

# Batched with other tiny units, the stalled unit cannot be told apart at first: its whole
# batch goes back to the queue, and the next run runs those suspects one at a time.
sed -e 's/batch_seconds: 0.2/batch_seconds: 10/' -e 's/seconds: 0.05/seconds: 0/' -e 's/replicas: 8/replicas: 10/' stall.yaml > batched.yaml
for attempt in 1 2 3 4; do
  rc=0
  timeout 60 mpirun -n 2 --oversubscribe "$PELCAMP_BIN" run batched.yaml --store b.h5 > "batched$attempt.txt" 2>&1 || rc=$?
  echo "batched run $attempt: exit $rc"
  [[ $rc != 124 ]] || fail "batched run $attempt waited forever"
  grep -q "complete: 10 done" "batched$attempt.txt" && break
done
grep -q "complete: 10 done" "batched$attempt.txt" || { cat "batched$attempt.txt"; fail "batched campaign did not complete"; }
(( attempt >= 3 )) || fail "the stalled unit was not batched with others (test setup)"
"$PELCAMP_BIN" status b.h5 | grep -q "stuck failed .*hung: no answer from rank" || fail "batched stalled unit not isolated"
[[ $(count_status b.h5 done) == 10 ]] || fail "batched: other units lost"
[[ $(count_status b.h5 quarantined) == 0 ]] || fail "innocent units of the batch were quarantined"
pass "stalled unit hidden in a batch: isolated on the next run, no innocent unit lost"
