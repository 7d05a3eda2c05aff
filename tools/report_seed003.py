#!/usr/bin/python3
"""Seed 003 (Study 3) report from a pelcamp store: shear modulus, structural indicators and
the activation-energy spectrum of each glass sample.

usage: report_seed003.py STORE.h5 OUTDIR [--indicators KIND] [--events KIND[/SERIES]]
                         [--bins N]

Inputs (read with h5py):
  * the `indicators` unit kind (src/units/indicators_unit.cpp): per sample ρ (number_density),
    E_IS (energy_is), s2, Ψ (psi), |u| (centroid_offset), f<0,0,12,0> (ico_fraction), G
    (shear_modulus, bar -> GPa); Ψ is shown per atom (psi_per_atom) so that samples of
    different sizes compare (the paper's 4000-atom sums differ from it by a constant);
  * an event table, by default the series `events` of the kind `art_search`
    (src/units/art_search_unit.cpp): one row per search with `energy_initial` and
    `energy_saddle` (eV) and `verdict` (0 for events that pass the seed-003 filter: failed,
    identical-to-start and redundant events removed; saddle/event_filter.hpp). Without
    `verdict`, only E_sad − E_ini > 0 is required here.
Events belong to the sample whose indicators unit has the same input structure: each event
unit's ancestors (/units/depends_on) are walked up to the unit an indicators unit depends on.

Outputs in OUTDIR:
  samples.csv       one row per sample: labels (inherited parameters), indicators, G,
                    events kept, mean barrier Ē_A
  correlations.csv  Pearson r of G and of Ē_A with each indicator (and G with Ē_A)
  delta.csv         δ_ij = ∫ |P_i(E) − P_j(E)| dE between the samples' E_A spectra (common
                    bins, each P normalized to 1, so 0 ≤ δ ≤ 2)
  g_vs.png          G against Ē_A, f<0,0,12,0>, E_IS and Ψ (the paper's Figs. 1c, 1d, 4)
  ea_vs.png         Ē_A against ρ, s2, |u|, E_IS, Ψ (Fig. 2b as plain scatter plots)
  spectra.png       P(E_A) of every sample (Fig. 2a)
  delta_maps.png    δ_ij placed at (x_i, x_j) for each indicator x (Fig. 3b-f)
Without an event table the Ē_A and δ parts are skipped (and said so).
"""
import argparse
import csv
import os
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from pelcamp_store import text, unit_ids  # noqa: E402

BAR_TO_GPA = 1e-4
INDICATORS = [("number_density", "ρ (Å⁻³)"), ("energy_is", "E_IS (eV/atom)"),
              ("s2", "s₂ (k_B)"), ("psi_per_atom", "Ψ/N (Å² amu/eV)"), ("centroid_offset", "|u| (Å)")]


def pearson(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 3 or np.std(x[ok]) == 0 or np.std(y[ok]) == 0:
        return float("nan")
    return float(np.corrcoef(x[ok], y[ok])[0, 1])


def read_samples(f, kind):
    units = f["units"]
    ids = unit_ids(units["id"][()])
    depends = [d.split(",") if d else [] for d in text(units["depends_on"][()])]
    inherited = text(units["inherited"][()])
    index = {u: k for k, u in enumerate(ids)}
    if kind not in f["results"]:
        sys.exit(f"no results of kind '{kind}' in the store")
    r = f["results"][kind]
    samples = []
    for row, uid in enumerate(unit_ids(r["unit_id"][()])):
        k = index[uid]
        sample = {"unit": uid, "input": depends[k][0] if depends[k] else uid,
                  "labels": inherited[k]}
        for name, _ in INDICATORS + [("ico_fraction", ""), ("shear_modulus", "")]:
            sample[name] = float(r[name][row])
        sample["shear_modulus"] *= BAR_TO_GPA
        if np.isfinite(sample["shear_modulus"]):
            samples.append(sample)
    return samples, ids, depends


def read_events(f, spec, samples, ids, depends):
    kind, _, series = spec.partition("/")
    series = series or "events"
    if kind not in f["results"] or series not in f["results"][kind]:
        return None
    r = f["results"][kind]
    table = r[series]
    offsets = table["row_offset"][()]
    e_ini = table["energy_initial"][()].reshape(-1)
    e_sad = table["energy_saddle"][()].reshape(-1)
    kept = table["verdict"][()].reshape(-1) == 0 if "verdict" in table else (e_sad - e_ini) > 0
    barrier = e_sad - e_ini
    index = {u: k for k, u in enumerate(ids)}
    by_input = {s["input"]: s for s in samples}
    spectra = {s["unit"]: [] for s in samples}
    for row, uid in enumerate(unit_ids(r["unit_id"][()])):
        # Walk up the first dependency until a sample's input structure.
        cur, sample = uid, None
        while cur and sample is None:
            sample = by_input.get(cur)
            deps = depends[index[cur]]
            cur = deps[0] if deps else None
        if sample is None:
            continue
        lo, hi = offsets[row], offsets[row + 1]
        sel = kept[lo:hi] & np.isfinite(barrier[lo:hi])
        spectra[sample["unit"]].extend(barrier[lo:hi][sel].tolist())
    return {k: np.array(v) for k, v in spectra.items()}


def scatter_panel(ax, x, y, xlabel, ylabel):
    ax.scatter(x, y, s=18)
    ax.locator_params(axis="x", nbins=4)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(f"r = {pearson(x, y):.2f}", fontsize=9)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store")
    parser.add_argument("out")
    parser.add_argument("--indicators", default="indicators")
    parser.add_argument("--events", default="art_search/events")
    parser.add_argument("--bins", type=int, default=40)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with h5py.File(args.store, "r") as f:
        samples, ids, depends = read_samples(f, args.indicators)
        spectra = read_events(f, args.events, samples, ids, depends)
    if not samples:
        sys.exit("no indicators units with a shear modulus in the store")
    g = [s["shear_modulus"] for s in samples]
    if spectra is None:
        print(f"no event table '{args.events}' in the store: Ē_A and δ_ij skipped")
    for s in samples:
        ea = spectra.get(s["unit"], np.array([])) if spectra else np.array([])
        s["events"] = len(ea)
        s["mean_barrier"] = float(ea.mean()) if len(ea) else float("nan")
    ea_mean = [s["mean_barrier"] for s in samples]

    columns = ["unit", "labels"] + [n for n, _ in INDICATORS] + \
        ["ico_fraction", "shear_modulus", "events", "mean_barrier"]
    with open(os.path.join(args.out, "samples.csv"), "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(columns)
        for s in samples:
            w.writerow([s[c] for c in columns])
    with open(os.path.join(args.out, "correlations.csv"), "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["x", "r_with_G", "r_with_mean_barrier"])
        for name, _ in INDICATORS + [("ico_fraction", "")]:
            x = [s[name] for s in samples]
            w.writerow([name, pearson(x, g), pearson(x, ea_mean)])
        w.writerow(["mean_barrier", pearson(ea_mean, g), 1.0])

    panels = [("mean_barrier", "Ē_A (eV)"), ("ico_fraction", "f<0,0,12,0>"),
              ("energy_is", "E_IS (eV/atom)"), ("psi_per_atom", "Ψ/N (Å² amu/eV)")]
    if spectra is None:
        panels = panels[1:]
    fig, axes = plt.subplots(1, len(panels), figsize=(3.5 * len(panels), 3.4))
    for ax, (name, label) in zip(axes, panels):
        scatter_panel(ax, [s[name] for s in samples], g, label, "G (GPa)")
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "g_vs.png"), dpi=120)
    plt.close(fig)

    if spectra is None or not any(len(v) for v in spectra.values()):
        return
    fig, axes = plt.subplots(1, 5, figsize=(17, 3.4))
    for ax, (name, label) in zip(axes, INDICATORS):
        scatter_panel(ax, [s[name] for s in samples], ea_mean, label, "Ē_A (eV)")
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "ea_vs.png"), dpi=120)
    plt.close(fig)

    every = np.concatenate([v for v in spectra.values() if len(v)])
    edges = np.linspace(0.0, np.percentile(every, 99.5), args.bins + 1)
    width = np.diff(edges)
    p = []
    fig, ax = plt.subplots(figsize=(6, 4))
    for s in samples:
        h, _ = np.histogram(spectra[s["unit"]], bins=edges)
        dens = h / (h.sum() * width) if h.sum() else np.full(len(h), np.nan)
        p.append(dens)
        ax.plot(0.5 * (edges[1:] + edges[:-1]), dens, lw=1, label=s["labels"][:30])
    ax.set_xlabel("E_A (eV)")
    ax.set_ylabel("P(E_A) (1/eV)")
    if len(samples) <= 10:
        ax.legend(fontsize=6)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "spectra.png"), dpi=120)
    plt.close(fig)

    p = np.array(p)
    delta = np.array([[np.sum(np.abs(p[i] - p[j]) * width) for j in range(len(p))]
                      for i in range(len(p))])
    with open(os.path.join(args.out, "delta.csv"), "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["unit"] + [s["unit"] for s in samples])
        for s, row in zip(samples, delta):
            w.writerow([s["unit"]] + [f"{x:.6g}" for x in row])
    fig, axes = plt.subplots(1, 5, figsize=(19, 3.8), layout="constrained")
    for ax, (name, label) in zip(axes, INDICATORS):
        x = np.array([s[name] for s in samples])
        xi, xj = np.meshgrid(x, x, indexing="ij")
        sc = ax.scatter(xi.ravel(), xj.ravel(), c=delta.ravel(), s=14, cmap="coolwarm")
        ax.set_xlabel(label + " of i")
        ax.set_ylabel(label + " of j")
    fig.colorbar(sc, ax=axes, label="δ_ij")
    fig.savefig(os.path.join(args.out, "delta_maps.png"), dpi=120)
    plt.close(fig)


if __name__ == "__main__":
    main()
