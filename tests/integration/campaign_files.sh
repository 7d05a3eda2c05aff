#!/usr/bin/env bash
# Every campaign file shipped in campaigns/ plans without error at demo and at full scale
# (schema, potentials, parameter ranges, for_each chains, series row counts).
source "$(dirname "$0")/common.bash"

for file in "$PELCAMP_SOURCE_DIR"/campaigns/*.yaml; do
  for scale in demo full; do
    "$PELCAMP_BIN" plan "$file" --scale "$scale" > plan.txt || fail "$file does not plan at scale $scale"
    grep -q "units" plan.txt || fail "$file: no unit listing at scale $scale"
  done
  pass "$(basename "$file") plans at demo and full scale"
done
