#!/usr/bin/env bash
# SIGTERM (serial run), TERM to the workstation wrapper (forwarded to all ranks as USR1),
# --walltime and SLURM_JOB_END_TIME all stop the run gracefully: no new units, running ones
# finish or checkpoint, exit code 0 within a bounded time, store closed and marked stopped.
# Running the same command again completes the campaign with results identical to an
# uninterrupted run.
source "$(dirname "$0")/common.bash"
campaign=$PELCAMP_TEST_DATA/campaign/kill.yaml
wrapper=$PELCAMP_SOURCE_DIR/cluster/pelcamp-mpirun
export PELCAMP=$PELCAMP_BIN

run_ranks 4 run "$campaign" --store ref.h5 2> ref.txt || { cat ref.txt; fail "reference run"; }
reference=$(results_digest ref.h5)

# stop_after SECONDS SIGNAL PID: sends the signal, returns the exit code, fails if the
# process takes more than 5 s to exit.
stop_after() {
  sleep "$1"
  kill -"$2" "$3"
  local start=$SECONDS rc=0
  wait "$3" || rc=$?
  (( SECONDS - start <= 5 )) || fail "took $((SECONDS - start)) s to stop after $2"
  return "$rc"
}

"$PELCAMP_BIN" run "$campaign" --store serial.h5 2> serial.txt &
stop_after 1.0 TERM $! || { cat serial.txt; fail "serial run: nonzero exit after SIGTERM"; }
grep -q "stopped: " serial.txt || { cat serial.txt; fail "serial run did not report a graceful stop"; }
grep -q "stop requested (signal TERM)" serial.h5.log || fail "log: stop reason"
"$PELCAMP_BIN" status serial.h5 | grep -q "ended (stopped)" || fail "status after SIGTERM"
[[ $(ls serial.h5.ckpt | wc -l) -ge 1 ]] || fail "the interrupted long unit left no checkpoint"
grep -q "^I " serial.h5.journal || fail "journal: no interrupted unit"
"$PELCAMP_BIN" run "$campaign" --store serial.h5 2> resume.txt || fail "serial resume"
grep -q "complete: 50 done" resume.txt || { cat resume.txt; fail "serial resume incomplete"; }
[[ $(results_digest serial.h5) == "$reference" ]] || fail "serial: results after stop + resume differ"
[[ ! -e serial.h5.ckpt ]] || fail "checkpoints left behind after completion"
pass "SIGTERM stops a serial run cleanly; the checkpointed unit continues exactly"

"$wrapper" -n 3 "$campaign" --store wrapped.h5 2> wrapped.txt &
stop_after 1.5 TERM $! || { cat wrapped.txt; fail "wrapper: nonzero exit after TERM"; }
grep -q "stopped: " wrapped.txt || { cat wrapped.txt; fail "wrapper run did not stop gracefully"; }
grep -q "stop requested (signal USR1)" wrapped.h5.log || fail "ranks did not get USR1"
"$wrapper" -n 3 "$campaign" --store wrapped.h5 2> resume2.txt || fail "wrapper resume"
[[ $(results_digest wrapped.h5) == "$reference" ]] || fail "wrapper: results after stop + resume differ"
pass "TERM to the mpirun wrapper stops all ranks gracefully (exit 0); resume completes"

sed 's/^run: {max_crash_attempts: 20}/run: {max_crash_attempts: 20, stop_margin: 0.5}/' "$campaign" > margin.yaml
start=$SECONDS
run_ranks 2 run margin.yaml --store wall.h5 --walltime 1.5 2> wall.txt || { cat wall.txt; fail "walltime run exit code"; }
grep -q "stopped: " wall.txt || { cat wall.txt; fail "--walltime did not stop the run"; }
grep -q "stop requested (walltime)" wall.h5.log || fail "log: walltime reason"
SLURM_JOB_END_TIME=$(( $(date +%s) + 2 )) run_ranks 2 run margin.yaml --store wall.h5 2> slurm.txt || fail "SLURM_JOB_END_TIME run"
grep -q "stopped: \|complete: " slurm.txt || { cat slurm.txt; fail "SLURM_JOB_END_TIME run summary"; }
run_ranks 2 run margin.yaml --store wall.h5 2> last.txt
grep -q "complete: 50 done" last.txt || { cat last.txt; fail "final resume"; }
[[ $(results_digest wall.h5) == "$reference" ]] || fail "walltime: results differ"
pass "--walltime and SLURM_JOB_END_TIME stop before the deadline; resume completes identically"
