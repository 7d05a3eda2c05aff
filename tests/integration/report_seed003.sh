#!/usr/bin/env bash
# The `indicators` unit in a campaign and tools/report_seed003.py on its store: figures and
# CSVs without an event table, then with a synthetic `art_search/events` table (three spectra of
# known mean barriers) attached to the samples through their ancestry.
source "$(dirname "$0")/common.bash"
"$PELCAMP_BIN" run "$PELCAMP_TEST_DATA/campaign/indicators.yaml" --store s.h5 2> run.txt ||
  { cat run.txt; fail "campaign"; }
grep -q "complete: 9 done (9 this run), 0 failed" run.txt || { cat run.txt; fail "summary"; }
report=$PELCAMP_SOURCE_DIR/tools/report_seed003.py
"$report" s.h5 plain > plain.txt
grep -q "no event table" plain.txt || fail "missing event table not reported"
for f in samples.csv correlations.csv g_vs.png radar.csv radar.png; do [[ -s plain/$f ]] || fail "plain/$f"; done
[[ ! -e plain/polar.png ]] || fail "polar plot without events"
[[ $(wc -l < plain/samples.csv) == 4 ]] || fail "three samples expected"
# Radar radii (Fig. 2a): each indicator's |value| over the largest |value| of the samples,
# recomputed here from samples.csv.
/usr/bin/python3 - plain <<'PY' || fail "radar radii"
import csv, sys
samples = list(csv.DictReader(open(f"{sys.argv[1]}/samples.csv")))
radar = list(csv.DictReader(open(f"{sys.argv[1]}/radar.csv")))
names = ["energy_is", "psi_per_atom", "centroid_offset", "s2", "number_density"]
assert len(radar) == 5 * len(samples), len(radar)
for name in names:
    top = max(abs(float(s[name])) for s in samples)
    for s in samples:
        row = next(r for r in radar if r["unit"] == s["unit"] and r["indicator"] == name)
        assert abs(float(row["radius"]) - abs(float(s[name])) / top) < 1e-5, (name, row, top)
    assert max(float(r["radius"]) for r in radar if r["indicator"] == name) == 1.0, name
PY
pass "indicators campaign; report without events (radar radii |x|/max|x|)"

# Events: 200 per sample, barriers 0.5, 1.0, 1.5 eV + uniform noise ±0.1, every 4th not kept
# (barrier 10 eV, which must not enter the mean).
/usr/bin/python3 - s.h5 <<'PY'
import sys
import h5py, numpy as np
with h5py.File(sys.argv[1], "r+") as f:
    ids = [f"{int(v):016x}" for v in f["units/id"][()]]
    deps = dict(zip(ids, [d.decode() for d in f["units/depends_on"][()]]))
    quench = [deps[f"{int(u):016x}"] for u in f["results/indicators/unit_id"][()]]
    rng = np.random.default_rng(0)
    ini, sad, verdict, rows = [], [], [], [0]
    for k, q in enumerate(quench):
        e0 = rng.normal(-400.0, 1.0, 200)
        keep = np.arange(200) % 4 != 0
        barrier = np.where(keep, 0.5 * (k + 1) + rng.uniform(-0.1, 0.1, 200), 10.0)
        ini += list(e0); sad += list(e0 + barrier); rows.append(rows[-1] + 200)
        verdict += list(np.where(keep, 0, 4))  # 4: redundant (saddle/event_filter.hpp)
    g = f.create_group("results/art_search")
    g["unit_id"] = np.array([int(q, 16) for q in quench], dtype=np.uint64)
    ev = g.create_group("events")
    ev["row_offset"], ev["energy_initial"] = np.array(rows), np.array(ini)
    ev["energy_saddle"], ev["verdict"] = np.array(sad), np.array(verdict)
PY
"$report" s.h5 full > full.txt
for f in samples.csv correlations.csv delta.csv delta_floor.csv delta_rank.csv g_vs.png ea_vs.png spectra.png delta_maps.png \
  radar.png polar.csv polar.png; do
  [[ -s full/$f ]] || fail "full/$f"
done
/usr/bin/python3 - full <<'PY' || fail "mean barriers or δ"
import csv, sys
rows = list(csv.DictReader(open(f"{sys.argv[1]}/samples.csv")))
means = sorted(float(r["mean_barrier"]) for r in rows)
assert [int(r["events"]) for r in rows] == [150] * 3, rows
assert all(abs(m - 0.5 * (k + 1)) < 0.02 for k, m in enumerate(means)), means
delta = [[float(x) for x in r[1:]] for r in list(csv.reader(open(f"{sys.argv[1]}/delta.csv")))[1:]]
# Disjoint spectra: δ = 2 off the diagonal, 0 on it.
assert all(abs(delta[i][j] - (0 if i == j else 2)) < 1e-9 for i in range(3) for j in range(3)), delta
# Polar view (Fig. 2b): radius Ē_A of the sample; per indicator, the samples' smallest and
# largest values at 3.6° inside their 36° sector (Ψ, E_IS, |u|, s₂, ρ from 0°), or all in
# its middle when the samples share one value (ρ here: packings at one density).
polar = list(csv.DictReader(open(f"{sys.argv[1]}/polar.csv")))
by_unit = {r["unit"]: r for r in rows}
assert len(polar) == 15, len(polar)
for k, name in enumerate(["psi_per_atom", "energy_is", "centroid_offset", "s2", "number_density"]):
    sel = [p for p in polar if p["indicator"] == name]
    theta = sorted((float(p["value"]), float(p["theta_deg"])) for p in sel)
    lo, hi = (36 * k + 3.6, 36 * k + 32.4) if theta[0][0] < theta[-1][0] else (36 * k + 18, 36 * k + 18)
    assert abs(theta[0][1] - lo) < 1e-3 and abs(theta[-1][1] - hi) < 1e-3, (name, theta)
    assert all(float(p["mean_barrier"]) == float(by_unit[p["unit"]]["mean_barrier"]) for p in sel)
PY
pass "report with events: kept events only, mean barriers, δ_ij of disjoint spectra, polar angles"
