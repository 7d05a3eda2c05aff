#!/usr/bin/env bash
# A real one-node Slurm cluster on localhost (opt-in: PELCAMP_TEST_SLURM=1, as root; the
# CI sets it). The cluster/ Slurm script runs a campaign, the job is requeued mid-run, and
# the rerun completes it with nothing lost and results identical to a plain run. The PBS
# script, submitted through Slurm's Torque-compatible qsub, completes a campaign too.
source "$(dirname "$0")/common.bash"
if [[ ${PELCAMP_TEST_SLURM:-0} != 1 || $(id -u) != 0 ]]; then
  echo "skipped: needs root and PELCAMP_TEST_SLURM=1 (installs and starts Slurm on localhost)"
  exit 77
fi
ci=$PELCAMP_SOURCE_DIR/cluster/ci
SLURM_CI_SMOKE=0 SLURM_CI_PBS=1 SLURM_CI_CPUS=4 bash "$ci/setup_slurm_localhost.sh" > setup.log 2>&1 ||
  { cat setup.log; fail "Slurm setup"; }
trap 'bash "$ci/teardown_slurm_localhost.sh" > /dev/null 2>&1; rm -rf "$WORK"' EXIT
export PELCAMP=$PELCAMP_BIN
campaign=$PELCAMP_TEST_DATA/campaign/slurm.yaml

run_ranks 4 run "$campaign" --store ref.h5 2> /dev/null || fail "reference run"
reference=$(results_digest ref.h5)

job_state() { scontrol show job "$1" | grep -oE 'JobState=[A-Z_]+' | cut -d= -f2; }
wait_state() {  # wait_state JOB STATE SECONDS
  for _ in $(seq $(( $3 * 4 ))); do
    local s
    s=$(job_state "$1")
    [[ $s == "$2" ]] && return 0
    case $s in FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) scontrol show job "$1"; cat slurm-*.out; fail "job $1 $s" ;; esac
    sleep 0.25
  done
  scontrol show job "$1"
  fail "job $1 not $2 after $3 s"
}
done_units() { "$PELCAMP_BIN" status "$1" 2>/dev/null | sed -n 's/.* units, \([0-9]*\) done$/\1/p'; }

jid=$(sbatch --parsable --ntasks=3 --output="$WORK/slurm-%j.out" "$PELCAMP_SOURCE_DIR/cluster/pelcamp.slurm" \
      "$campaign" "$WORK/s.h5")
wait_state "$jid" RUNNING 60
for _ in $(seq 120); do
  [[ $(done_units s.h5 || echo 0) -ge 4 ]] && break
  sleep 0.25
done
before=$(done_units s.h5)
scontrol requeue "$jid"
echo "requeued job $jid with $before/30 units done"
for _ in $(seq 240); do
  [[ $(scontrol show job "$jid" | grep -oE 'Restarts=[0-9]+') == Restarts=1 && $(job_state "$jid") == COMPLETED ]] && break
  sleep 0.25
done
[[ $(job_state "$jid") == COMPLETED ]] || { scontrol show job "$jid"; cat slurm-*.out; fail "requeued job did not complete"; }
"$PELCAMP_BIN" status s.h5 > status.txt
grep -q "30 units, 30 done" status.txt || { cat status.txt slurm-*.out; fail "campaign incomplete after requeue"; }
[[ $(results_digest s.h5) == "$reference" ]] || fail "results after requeue differ from a plain run"
[[ $(grep -c '^S ' s.h5.journal) -ge 2 ]] || fail "the rerun did not resume the store"
pass "Slurm job requeued mid-run ($before/30 done) resumes and completes with identical results"

pjid=$(qsub -j oe -v "CAMPAIGN=$campaign,STORE=$WORK/p.h5,PELCAMP=$PELCAMP_BIN,PELCAMP_RANKS=3" \
       -o "$WORK/pbs.out" "$PELCAMP_SOURCE_DIR/cluster/pelcamp.pbs")
pjid=${pjid%%.*}
wait_state "$pjid" COMPLETED 90
[[ $(results_digest p.h5) == "$reference" ]] || { cat pbs.out; fail "PBS job results differ"; }
pass "PBS script through qsub completes the campaign"
