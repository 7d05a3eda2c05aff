#!/usr/bin/env bash
# The engine subcommands as a user runs them (issue forms), and clear errors on bad input.
set -euo pipefail
bin=${PELCAMP_BIN:?} data=${PELCAMP_TEST_DATA:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# expect_error MESSAGE-SUBSTRING COMMAND...: exit status 1 and the message on stderr.
expect_error() {
  local want=$1; shift
  if "$@" >out.txt 2>err.txt; then bad "expected failure: $*"; return; fi
  if grep -qF -- "$want" err.txt; then ok; else bad "'$want' not in error of: $*"; cat err.txt; fi
}

cuzr="eam/fs:$data/potentials/CuZr_mm.eam.fs:Cu,Zr"
al="eam/alloy:$data/potentials/Al_EA.eam.alloy:Al"

"$bin" build b2 --elements Cu,Zr --a 3.30 --cells 6 6 6 --out b2.data >/dev/null && ok || bad "build b2"
"$bin" build fcc --elements Al --a 4.05 --cells 3 3 3 --out fcc.extxyz >/dev/null && ok || bad "build fcc"
"$bin" build icosahedron --shells 2 --element Al --distance 2.80 --out al55.extxyz >/dev/null && ok || bad "build icosahedron"
"$bin" build random --composition Cu:0.5,Zr:0.5 --atoms 500 --density 0.058 --min-distance 2.0 --seed 4 --out liquid.data >/dev/null \
  && ok || bad "build random"

# eval: B2 CuZr is a perfect crystal: zero forces, energy per atom of the crystal.
"$bin" eval b2.data --potential "$cuzr" --per-atom --out b2.extxyz >eval.txt && ok || bad "eval"
grep -q "^atoms            432" eval.txt && ok || bad "eval atom count"
awk '/max \|force\|/ { exit !($3 < 1e-10) }' eval.txt && ok || bad "B2 forces not zero: $(grep force eval.txt)"
head -2 b2.extxyz | grep -q 'energy=' && head -2 b2.extxyz | grep -q 'energies:R:1' && ok || bad "extxyz energy/energies"

# minimize with box relaxation reaches zero pressure; KIM model by name on a cluster.
"$bin" minimize b2.data --potential "$cuzr" --box-relax --pressure 0 --fmax 1e-8 --out b2min.extxyz >min.txt && ok || bad "box relax"
grep -q "converged" min.txt && ok || bad "box relax not converged: $(cat min.txt)"
"$bin" minimize al55.extxyz --potential kim:EAM_Dynamo_ErcolessiAdams_1994_Al__MO_123629422045_005 --free --fmax 1e-8 --out al55min.extxyz >kim.txt \
  && ok || bad "minimize kim"
grep -q "converged-force" kim.txt && ok || bad "kim minimize not converged: $(cat kim.txt)"

# md of the free cluster; checkpoint + resume continue bit-identically.
"$bin" md al55min.extxyz --potential "$al" --ensemble nvt --temperature 400 --tdamp 0.1 --dt 0.001 --steps 200 --free --checkpoint full.bin >md.txt && ok || bad "md"
grep -q "Loop time of" md.txt && ok || bad "md timing line"
"$bin" md al55min.extxyz --potential "$al" --ensemble nvt --temperature 400 --tdamp 0.1 --dt 0.001 --steps 100 --free --checkpoint half.bin >/dev/null
"$bin" md al55min.extxyz --potential "$al" --ensemble nvt --temperature 400 --tdamp 0.1 --dt 0.001 --steps 100 --free --resume half.bin --checkpoint resumed.bin >/dev/null
cmp -s full.bin resumed.bin && ok || bad "resumed md differs from uninterrupted md"

# Bad input: one clear error naming the file and the problem.
expect_error "cannot open" "$bin" eval missing.data --potential "$cuzr"
expect_error "unknown potential style 'eam/fz'" "$bin" eval b2.data --potential "eam/fz:$data/potentials/CuZr_mm.eam.fs:Cu,Zr"
expect_error "Xx" "$bin" eval b2.data --potential "eam/fs:$data/potentials/CuZr_mm.eam.fs:Cu,Xx"
head -c 20000 "$data/potentials/CuZr_mm.eam.fs" >truncated.eam.fs
expect_error "truncated.eam.fs" "$bin" eval b2.data --potential "eam/fs:truncated.eam.fs:Cu,Zr"
printf '2\nLattice="10 0 0 0 10 0 0 0 10" Properties=species:S:1:pos:R:3 pbc="T T T"\nCu 0 0 0\nZr 0.1 0 0\n' >overlap.extxyz
expect_error "overlap" "$bin" eval overlap.extxyz --potential "$cuzr"
printf '1\nProperties=species:S:1:pos:R:3 pbc="F F F"\nAl 0 0 nan\n' >nan.extxyz
expect_error "nan.extxyz" "$bin" eval nan.extxyz --potential "$al"
expect_error "valid minimizers: fire, cg, lbfgs" "$bin" minimize b2.data --potential "$cuzr" --min-style bfgs

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
