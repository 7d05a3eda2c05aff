#!/usr/bin/env bash
# SIGKILL of the whole job (mpirun and every rank) at random moments leaves a store that
# opens; running the same command again resumes, reruns only what was lost, and ends with
# results identical to an uninterrupted run. Several trials, 1, 2 and 4 ranks.
source "$(dirname "$0")/common.bash"
campaign=$PELCAMP_TEST_DATA/campaign/kill.yaml
total=50

run_ranks 1 run "$campaign" --store ref.h5 2> ref.txt || { cat ref.txt; fail "reference run"; }
reference=$(results_digest ref.h5)

start_job() {  # start_job RANKS STORE -> prints the session id
  if [[ $1 == 1 ]]; then
    setsid "$PELCAMP_BIN" run "$campaign" --store "$2" > /dev/null 2>&1 &
  else
    setsid mpirun -n "$1" --oversubscribe "$PELCAMP_BIN" run "$campaign" --store "$2" > /dev/null 2>&1 &
  fi
  echo $!
}

done_units() { "$PELCAMP_BIN" status "$1" | sed -n 's/.* units, \([0-9]*\) done$/\1/p'; }

trial=0
for ranks in 1 2 4 2; do
  trial=$((trial + 1))
  store=kill$trial.h5
  kills=$(( trial == 4 ? 3 : 1 ))  # the last trial is killed three times in a row
  for k in $(seq "$kills"); do
    delay=$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.4 + 1.4 * r / 32767 }')
    sid=$(start_job "$ranks" "$store")
    if [[ $ranks == 1 ]]; then
      # Serially the two long units run first (longest first): kill at a random moment after
      # the first checkpoint exists (waiting for it keeps the trial valid on a loaded machine).
      for _ in $(seq 1500); do
        [[ -n $(find "$store.ckpt" -name '*.ckpt' 2>/dev/null) ]] && break
        sleep 0.02
      done
      delay=$(awk -v d="$delay" 'BEGIN { printf "%.2f", (d - 0.4) / 4 }')
    fi
    sleep "$delay"
    kill_session "$sid"
    if [[ -e $store ]]; then
      h5dump -H "$store" > /dev/null || fail "trial $trial: store does not open after SIGKILL at ${delay}s"
      before=$(done_units "$store") || fail "trial $trial: status after SIGKILL"
    else
      before=0  # killed before the store was created (a half-made one is never renamed into place)
    fi
    checkpoints=$( (find "$store.ckpt" -name '*.ckpt' 2>/dev/null || true) | wc -l)
    echo "trial $trial ($ranks ranks): killed after ${delay}s with $before/$total units done, $checkpoints checkpoint(s)"
  done
  # The serial kill finds the long units checkpointed mid-way: the resumed results prove the
  # continuation is exact.
  [[ $ranks != 1 || $checkpoints -ge 1 ]] || fail "trial $trial: no checkpoint of the long units"
  run_ranks "$ranks" run "$campaign" --store "$store" 2> resume.txt || { cat resume.txt; fail "trial $trial: resume"; }
  ran=$(sed -n 's/.*complete: [0-9]* done (\([0-9]*\) this run).*/\1/p' resume.txt)
  [[ $((before + ran)) == "$total" ]] || fail "trial $trial: $before kept + $ran rerun != $total"
  [[ $(results_digest "$store") == "$reference" ]] || fail "trial $trial: results differ from the uninterrupted run"
  [[ $(count_status "$store" done) == "$total" ]] || fail "trial $trial: ledger not all done"
  pass "trial $trial: resumed after SIGKILL; $before units kept, $ran rerun, results identical"
done
