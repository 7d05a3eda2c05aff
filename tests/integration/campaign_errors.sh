#!/usr/bin/env bash
# Malformed campaigns: every problem reported at once with file:line:column, key, the bad
# value and what is allowed; nothing is run and no store is created.
source "$(dirname "$0")/common.bash"

cat > bad.yaml <<'YAML'
campaign:
  name: broken
  sed: 4
run:
  unit_deadline: -1
output:
  durability: sometimes
structures:
  sample: missing.data
stages:
  - name: walk
    kind: diagnostic
    params:
      steps: {range: [10, 1, 1]}
      mode: explode
      temperature: 300
  - name: probe
    kind: md-of-the-future
    for_each: nowhere
YAML
rc=0
"$PELCAMP_BIN" run bad.yaml --store s.h5 2> err.txt || rc=$?
cat err.txt
[[ $rc == 2 ]] || fail "exit code $rc, expected 2"
[[ ! -e s.h5 ]] || fail "a store was created for an invalid campaign"
expect() { grep -qF -- "$1" err.txt || fail "missing message: $1"; }
expect "bad.yaml:3:3: campaign.sed: unknown key; allowed: name, description, seed"
expect "bad.yaml:5:18: run.unit_deadline: '-1' is out of range; allowed: number, >= 0.001"
expect "bad.yaml:7:15: output.durability: 'sometimes' is not allowed; allowed: choice (fsync, process)"
expect "bad.yaml:9:11: structures.sample: structure file"
expect "missing.data' does not exist"
expect "bad.yaml:14:22: stages[0].params.steps.range: step must be nonzero, point from start toward stop"
expect "bad.yaml:15:13: stages[0].params.mode: 'explode' is not allowed; allowed: choice (ok, fail, hang, stall, crash)"
expect "bad.yaml:16:7: stages[0].params.temperature: unknown parameter of kind 'diagnostic'"
# (the kind list grows with the registry: only its start is checked)
expect "bad.yaml:18:11: stages[1].kind: 'md-of-the-future' is not allowed; allowed: choice (packing, eval, minimize, md, diagnostic"
expect "bad.yaml:19:15: stages[1].for_each: 'nowhere' is not an earlier stage"
grep -q "9 problem(s) in campaign bad.yaml" err.txt || fail "not every problem was counted"
pass "all problems of a malformed campaign reported with positions"

rc=0
"$PELCAMP_BIN" plan bad.yaml > /dev/null 2> err2.txt || rc=$?
[[ $rc == 2 ]] && grep -qF "bad.yaml:3:3: campaign.sed" err2.txt || fail "plan does not validate the same way"
printf 'campaign: {name: x\nstages: [' > syntax.yaml
rc=0
"$PELCAMP_BIN" plan syntax.yaml 2> err3.txt || rc=$?
[[ $rc == 2 ]] || fail "plan of a file with a YAML syntax error: exit code $rc, expected 2"
grep -q "syntax.yaml:.*YAML syntax error" err3.txt || fail "YAML syntax error not located"
"$PELCAMP_BIN" run --store s.h5 2> err4.txt && fail "run without a campaign succeeded"
grep -q "campaign is required" err4.txt || fail "missing argument not explained"
"$PELCAMP_BIN" run bad.yaml --store s.h5 --scale huge 2> err5.txt && fail "bad --scale accepted"
grep -qF -- "--scale 'huge': allowed: demo, full, or a positive number" err5.txt || fail "bad --scale not explained"
pass "plan, YAML syntax errors and bad options"
