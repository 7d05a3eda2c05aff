#!/usr/bin/python3
"""Seed 003 (Study 3) report from a pelcamp store: shear modulus, structural indicators and
the activation-energy spectrum of each glass sample, with the uncertainty of every
correlation (20 samples and ~100 events per sample in the demo leave wide intervals).

usage: report_seed003.py STORE.h5 OUTDIR [--indicators KIND] [--events KIND[/SERIES]]
                         [--bin-width EV] [--bootstrap N] [--seed S]

Inputs (read with h5py):
  * the `indicators` unit kind (src/units/indicators_unit.cpp): per sample ρ (number_density),
    E_IS (energy_is), s2, Ψ (psi), |u| (centroid_offset), f<0,0,12,0> (ico_fraction), G
    (shear_modulus, bar -> GPa); Ψ is shown per atom (psi_per_atom) so that samples of
    different sizes compare (the paper's 4000-atom sums differ from it by a constant);
  * an event table, by default the series `events` of the kind `art_search`
    (src/units/art_search_unit.cpp): one row per search with `outcome`, `energy_initial`,
    `energy_saddle` (eV) and `verdict` (0 for events that pass the seed-003 filter: failed,
    identical-to-start, redundant and duplicate events removed; saddle/event_filter.hpp).
    The unit screens its own events: when a sample's events come from several units,
    redundant pairs across units are not removed (the report says so). Without `verdict`,
    only E_sad − E_ini > 0 is required here.
Events belong to the sample whose indicators unit has the same input structure: each event
unit's ancestors (/units/depends_on) are walked up to the unit an indicators unit depends on.

Statistics:
  * Ē_A per sample with its standard error (σ/√n over the kept events);
  * Pearson r with two 95 % intervals: Fisher's z (treats each sample's values as exact)
    and a two-level bootstrap (resample samples, and within each the events behind its Ē_A),
    which includes the finite number of events; Spearman's rank correlation as a check;
  * δ_ij = ∫ |P_i(E) − P_j(E)| dE on common bins of width --bin-width, and its floor from
    finite sampling: the mean δ of the pair after pooling both samples' events and dealing
    them out again at random (same sizes); per indicator, Spearman's ρ between δ_ij and
    |x_i − x_j| over the pairs i < j with a permutation p-value (sample labels shuffled,
    a Mantel test): the better an indicator describes P(E_A), the larger this ρ.

Outputs in OUTDIR:
  samples.csv       per sample: labels, indicators, G, searches, outcome counts, kept events,
                    Ē_A, its standard error
  correlations.csv  x, y, n, Pearson r, Fisher and bootstrap 95 % intervals, Spearman
  delta.csv         the δ_ij matrix; delta_floor.csv the finite-sampling floor of each pair
  delta_rank.csv    per indicator: Spearman ρ(δ_ij, |x_i − x_j|) and its permutation p-value
  g_vs.png          G against Ē_A, f<0,0,12,0>, E_IS and Ψ (the paper's Figs. 1c, 1d, 4)
  ea_vs.png         Ē_A against ρ, s2, |u|, E_IS, Ψ (Fig. 2b as plain scatter plots)
  spectra.png       P(E_A) per sample on the cooling-rate × pressure grid (Fig. 2a)
  delta_maps.png    δ_ij placed at (x_i, x_j) for each indicator x (Fig. 3b-f)
  radar.png         per sample, a radar of E_IS, Ψ, |u|, s₂, ρ, each as |x|/max over samples
                    |x| (Fig. 2a insets; the numbers in radar.csv, see radar_radii)
  polar.png         Ē_A against the five indicators in one polar plot, an indicator per 36°
                    sector (Fig. 2b; the numbers in polar.csv, see polar_angles)
Without an event table the Ē_A and δ parts are skipped (and said so); radar.png is made
without events (Ē_A is then left out of its panel titles).
"""
import argparse
import csv
import os
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
import numpy as np  # noqa: E402
from pelcamp_store import as_number, parse_params, text, unit_ids  # noqa: E402

BAR_TO_GPA = 1e-4
INDICATORS = [("number_density", "ρ (Å⁻³)"), ("energy_is", "E_IS (eV/atom)"),
              ("s2", "s₂ (k_B)"), ("psi_per_atom", "Ψ/N (Å² amu/eV)"), ("centroid_offset", "|u| (Å)")]
OUTCOMES = ["success", "basin_not_left", "eigenvalue_lost", "max_activation_steps",
            "not_connected", "final_is_initial"]


def finite_pairs(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    ok = np.isfinite(x) & np.isfinite(y)
    return x[ok], y[ok]


def pearson(x, y):
    x, y = finite_pairs(x, y)
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def ranks(v):
    """Ranks 0..n−1 with ties given their mean rank."""
    v = np.asarray(v, float)
    order = np.argsort(v, kind="mergesort")
    r = np.empty(len(v))
    r[order] = np.arange(len(v))
    for value in np.unique(v):
        tie = v == value
        r[tie] = r[tie].mean()
    return r


def spearman(x, y):
    x, y = finite_pairs(x, y)
    return pearson(ranks(x), ranks(y)) if len(x) >= 3 else float("nan")


def fisher_interval(r, n, z=1.959964):
    """95 % interval of a Pearson r from n pairs (Fisher's z transform)."""
    if not np.isfinite(r) or n < 4 or abs(r) >= 1:
        return float("nan"), float("nan")
    centre, half = np.arctanh(r), z / np.sqrt(n - 3)
    return float(np.tanh(centre - half)), float(np.tanh(centre + half))


class Bootstrap:
    """Two-level bootstrap of correlations with per-sample means of events: each replicate
    draws the samples with replacement and, for a mean over events, one bootstrap mean of
    that sample's events (precomputed)."""

    def __init__(self, samples, spectra, replicates, rng):
        self.n = len(samples)
        self.picks = rng.integers(0, self.n, size=(replicates, self.n))
        self.event_means = np.full((self.n, replicates), np.nan)
        for k, s in enumerate(samples):
            ea = spectra.get(s["unit"], np.array([])) if spectra else np.array([])
            # In blocks, so that ~25 000 events per sample (the full study) stay small.
            block = max(1, 2_000_000 // max(1, len(ea)))
            for lo in range(0, replicates if len(ea) else 0, block):
                hi = min(replicates, lo + block)
                self.event_means[k, lo:hi] = ea[rng.integers(0, len(ea), size=(hi - lo, len(ea)))].mean(axis=1)

    def values(self, samples, name):
        """Replicates × samples matrix of a per-sample value (resampled Ē_A for mean_barrier)."""
        if name == "mean_barrier":
            return self.event_means[self.picks, np.arange(self.picks.shape[0])[:, None]]
        return np.array([s[name] for s in samples], float)[self.picks]

    def interval(self, samples, xname, yname):
        x, y = self.values(samples, xname), self.values(samples, yname)
        r = [pearson(a, b) for a, b in zip(x, y)]
        r = np.array([v for v in r if np.isfinite(v)])
        if len(r) < 0.9 * len(x):
            return float("nan"), float("nan")
        return float(np.percentile(r, 2.5)), float(np.percentile(r, 97.5))


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
        params = parse_params(inherited[k])
        sample = {"unit": uid, "input": depends[k][0] if depends[k] else uid, "params": params,
                  "rate": next((as_number(v) for p, v in params.items() if p.endswith(".cooling_rate")), None),
                  "pressure": next((as_number(v) for p, v in params.items() if p.endswith(".pressure")), None)}
        for name, _ in INDICATORS + [("ico_fraction", ""), ("shear_modulus", "")]:
            sample[name] = float(r[name][row])
        sample["shear_modulus"] *= BAR_TO_GPA
        if np.isfinite(sample["shear_modulus"]):
            samples.append(sample)
    # Labels: the inherited parameters that differ between samples.
    varying = sorted({p for s in samples for p, v in s["params"].items()
                      if any(t["params"].get(p) != v for t in samples)})
    for s in samples:
        s["labels"] = ";".join(f"{p.split('.')[-1]}={s['params'].get(p, '')}" for p in varying)
    return samples, ids, depends


def read_events(f, spec, samples, ids, depends):
    """Kept barriers per sample, and per sample the outcome counts and event units."""
    kind, _, series = spec.partition("/")
    series = series or "events"
    if kind not in f["results"] or series not in f["results"][kind]:
        return None, None
    r = f["results"][kind]
    table = r[series]
    offsets = table["row_offset"][()]
    e_ini = table["energy_initial"][()].reshape(-1)
    e_sad = table["energy_saddle"][()].reshape(-1)
    outcome = table["outcome"][()].reshape(-1) if "outcome" in table else None
    kept = table["verdict"][()].reshape(-1) == 0 if "verdict" in table else (e_sad - e_ini) > 0
    barrier = e_sad - e_ini
    index = {u: k for k, u in enumerate(ids)}
    by_input = {s["input"]: s for s in samples}
    spectra = {s["unit"]: [] for s in samples}
    counts = {s["unit"]: {"units": 0, "searches": 0, **{o: 0 for o in OUTCOMES}} for s in samples}
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
        c = counts[sample["unit"]]
        c["units"] += 1
        if outcome is not None:
            codes = outcome[lo:hi]
            codes = codes[codes >= 0] if codes.dtype.kind in "iu" else codes[np.isfinite(codes)]
            c["searches"] += len(codes)
            for code, name in enumerate(OUTCOMES):
                c[name] += int(np.sum(codes == code))
        sel = kept[lo:hi] & np.isfinite(barrier[lo:hi])
        spectra[sample["unit"]].extend(barrier[lo:hi][sel].tolist())
    return {k: np.array(v) for k, v in spectra.items()}, counts


def scatter_panel(ax, samples, xname, yname, xlabel, ylabel, boot):
    x = np.array([s[xname] for s in samples])
    y = np.array([s[yname] for s in samples])
    sem = np.nan_to_num(np.array([s["sem_barrier"] for s in samples]))  # no bar for a single event
    xerr = sem if xname == "mean_barrier" else None
    yerr = sem if yname == "mean_barrier" else None
    rates = sorted({s["rate"] for s in samples if s["rate"] is not None})
    colour = np.array([s["pressure"] if s["pressure"] is not None else 0.0 for s in samples]) * BAR_TO_GPA
    markers = "osD^v<>p"
    for k, rate in enumerate(rates or [None]):
        sel = np.array([s["rate"] == rate for s in samples]) & np.isfinite(x) & np.isfinite(y)
        ax.errorbar(x[sel], y[sel], xerr=None if xerr is None else xerr[sel],
                    yerr=None if yerr is None else yerr[sel], fmt="none", ecolor="0.7", lw=0.8, zorder=1)
        sc = ax.scatter(x[sel], y[sel], c=colour[sel], cmap="viridis", vmin=colour.min(),
                        vmax=max(colour.max(), colour.min() + 1e-9), marker=markers[k % len(markers)],
                        s=28, edgecolors="k", linewidths=0.4, zorder=2)
    r = pearson(x, y)
    lo, hi = boot.interval(samples, xname, yname)
    ax.locator_params(axis="x", nbins=4)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(f"r = {r:.2f}  [{lo:.2f}, {hi:.2f}]", fontsize=9)
    return sc


def scatter_figure(path, samples, panels, yname, ylabel, boot, transpose=False):
    fig, axes = plt.subplots(1, len(panels), figsize=(3.6 * len(panels), 3.6), layout="constrained")
    for ax, (name, label) in zip(np.atleast_1d(axes), panels):
        sc = scatter_panel(ax, samples, name, yname, label, ylabel, boot)
    rates = sorted({s["rate"] for s in samples if s["rate"] is not None})
    if rates:
        handles = [Line2D([], [], ls="none", marker="osD^v<>p"[k % 8], mfc="0.8", mec="k", label=f"{rate:.2g} K/s")
                   for k, rate in enumerate(rates)]
        np.atleast_1d(axes)[0].legend(handles=handles, fontsize=7, title="cooling rate", title_fontsize=7)
    fig.colorbar(sc, ax=axes, label="quench pressure (GPa)", shrink=0.9)
    fig.suptitle("Pearson r [bootstrap 95 % interval over samples and events]; bars: ±1 s.e. of Ē_A",
                 fontsize=9)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def correlation_rows(samples, boot, pairs):
    rows = []
    for xname, yname in pairs:
        x, y = finite_pairs([s[xname] for s in samples], [s[yname] for s in samples])
        r = pearson(x, y)
        rows.append([xname, yname, len(x), r, *fisher_interval(r, len(x)),
                     *boot.interval(samples, xname, yname), spearman(x, y)])
    return rows


def histogram_density(values, edges):
    h, _ = np.histogram(values, bins=edges)
    return h / (h.sum() * np.diff(edges)) if h.sum() else np.full(len(h), np.nan)


def delta(p, q, edges):
    return float(np.sum(np.abs(p - q) * np.diff(edges)))


def delta_floor(a, b, edges, rng, draws=40):
    """Mean δ between two sets of sizes len(a), len(b) dealt at random from the pooled events:
    what finite sampling alone gives for this pair."""
    pooled = np.concatenate([a, b])
    out = []
    for _ in range(draws):
        perm = rng.permutation(pooled)
        out.append(delta(histogram_density(perm[:len(a)], edges), histogram_density(perm[len(a):], edges), edges))
    return float(np.mean(out))


def mantel(d, x, rng, permutations=2000):
    """Spearman ρ between δ_ij and |x_i − x_j| over i < j, and the one-sided permutation
    p-value of a ρ this large (labels of x shuffled)."""
    iu = np.triu_indices(len(x), 1)
    dv = ranks(d[iu])

    def rho(xv):
        return pearson(dv, ranks(np.abs(xv[:, None] - xv[None, :])[iu]))

    observed = rho(x)
    null = np.array([rho(rng.permutation(x)) for _ in range(permutations)])
    return observed, float((1 + np.sum(null >= observed)) / (1 + permutations))


def rate_pressure_grid(samples):
    """The cooling rates (columns) and quench pressures (rows) of the samples, sorted, or
    ([], []) when the samples do not all carry both."""
    if any(s["rate"] is None or s["pressure"] is None for s in samples):
        return [], []
    return sorted({s["rate"] for s in samples}), sorted({s["pressure"] for s in samples})


def spectra_figure(path, samples, spectra, edges):
    rates, pressures = rate_pressure_grid(samples)
    grid = bool(rates)
    nrow, ncol = (len(pressures), len(rates)) if grid else (1, 1)
    fig, axes = plt.subplots(nrow, ncol, figsize=(2.6 * ncol + 0.6, 1.9 * nrow + 0.6), sharex=True,
                             sharey=True, squeeze=False, layout="constrained")
    centres = 0.5 * (edges[1:] + edges[:-1])
    for s in samples:
        ea = spectra[s["unit"]]
        ax = axes[pressures.index(s["pressure"]), rates.index(s["rate"])] if grid else axes[0, 0]
        ax.step(centres, histogram_density(ea, edges), where="mid", lw=1.1)
        if grid and len(ea):
            ax.axvline(ea.mean(), color="C3", lw=0.8, ls="--")
            ax.text(0.97, 0.93, f"n={len(ea)}\nĒ_A={ea.mean():.2f}", transform=ax.transAxes, ha="right",
                    va="top", fontsize=7)
    if grid:
        for j, rate in enumerate(rates):
            axes[0, j].set_title(f"{rate:.2g} K/s", fontsize=9)
            axes[-1, j].set_xlabel("E_A (eV)")
        for i, p in enumerate(pressures):
            axes[i, 0].set_ylabel(f"{p * BAR_TO_GPA:g} GPa\nP(E_A) (1/eV)", fontsize=8)
    else:
        axes[0, 0].set_xlabel("E_A (eV)")
        axes[0, 0].set_ylabel("P(E_A) (1/eV)")
    fig.suptitle("Kept ART events per sample (seed-003 screening); dashed: Ē_A", fontsize=9)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def delta_figure(path, samples, d, floor, rank):
    fig, axes = plt.subplots(1, 5, figsize=(19, 3.9), layout="constrained")
    for ax, (name, label) in zip(axes, INDICATORS):
        x = np.array([s[name] for s in samples])
        xi, xj = np.meshgrid(x, x, indexing="ij")
        off = ~np.eye(len(x), dtype=bool)
        sc = ax.scatter(xi[off], xj[off], c=d[off], s=16, cmap="coolwarm", vmin=0,
                        vmax=np.nanmax(d))
        ax.locator_params(nbins=4)
        ax.set_xlabel(label + " of i")
        ax.set_ylabel(label + " of j")
        rho, p = rank[name]
        ax.set_title(f"ρ(δ, |Δx|) = {rho:.2f}  (p = {p:.3f})", fontsize=9)
    iu = np.triu_indices(len(samples), 1)
    fig.colorbar(sc, ax=axes, label="δ_ij")
    fig.suptitle(f"δ_ij over pairs: mean {np.mean(d[iu]):.2f}; finite-sampling floor (pooled and re-dealt "
                 f"events) mean {np.mean(floor[iu]):.2f}", fontsize=9)
    fig.savefig(path, dpi=110)
    plt.close(fig)


# Fig. 2a insets: "the sample's E_IS, Ψ, |u|, s2 and ρ, which scaled with the maximum value";
# the paper's order of the axes.
RADAR = ["energy_is", "psi_per_atom", "centroid_offset", "s2", "number_density"]
RADAR_NAMES = {"energy_is": "E_IS", "psi_per_atom": "Ψ/N", "centroid_offset": "|u|", "s2": "s₂",
               "number_density": "ρ"}


def radar_radii(samples):
    """{indicator: (scale, radii)}: per sample |x| / scale with scale = max over the samples of
    |x| (Fig. 2a). E_IS and s₂ are negative, so they are scaled by magnitude: the deepest
    inherent-structure energy and the most negative (most ordered) s₂ reach 1, as do the
    densest sample and the largest Ψ and |u|. Dividing the signed values by their maximum
    would put the least stable sample at 1 and the others above it; a min–max scaling would
    stretch differences of 0.4 % (E_IS over the demo's samples, within its sample-to-sample
    noise) over the whole radius. |x|/max keeps every difference its relative size, which is
    why radar_figure starts its radial axis above 0. An indicator taking both signs has no
    such scale (ValueError)."""
    out = {}
    for name in RADAR:
        x = np.array([s[name] for s in samples], float)
        finite = x[np.isfinite(x)]
        if len(finite) and finite.min() < 0 < finite.max():
            raise ValueError(f"{name} takes both signs over the samples: |x|/max|x| does not order it")
        scale = float(np.abs(finite).max()) if len(finite) else float("nan")
        out[name] = (scale, np.abs(x) / scale)
    return out


def radar_figure(path, samples, radii):
    """One radar per sample, on the rate × pressure grid when the samples form one. Every
    panel has the same radial axis (from a common floor below the smallest radius to 1) and
    shows the mean over the samples dashed for reference."""
    rates, pressures = rate_pressure_grid(samples)
    if rates and len(rates) * len(pressures) == len(samples):
        nrow, ncol = len(pressures), len(rates)
        cell = [(pressures.index(s["pressure"]), rates.index(s["rate"])) for s in samples]
    else:
        ncol = int(np.ceil(np.sqrt(len(samples))))
        nrow = int(np.ceil(len(samples) / ncol))
        cell = [divmod(k, ncol) for k in range(len(samples))]
    fig, axes = plt.subplots(nrow, ncol, figsize=(2.3 * ncol + 0.4, 2.3 * nrow + 0.6), squeeze=False,
                             subplot_kw={"projection": "polar"}, layout="constrained")
    r = np.array([radii[name][1] for name in RADAR])  # indicators × samples
    floor = 0.05 * np.floor(np.nanmin(r) / 0.05 - 1e-9)
    # Clockwise from the top, in [0, 2π) (ticks outside the view limits would widen them).
    theta = np.mod(np.pi / 2 - 2 * np.pi * np.arange(len(RADAR)) / len(RADAR), 2 * np.pi)
    closed = np.append(theta, theta[0])
    mean = np.nanmean(r, axis=1)
    for ax in axes.flat:
        ax.set_visible(False)
    for k, s in enumerate(samples):
        ax = axes[cell[k]]
        ax.set_visible(True)
        ax.plot(closed, np.append(mean, mean[0]), color="0.5", lw=0.7, ls="--")
        ax.plot(closed, np.append(r[:, k], r[0, k]), color="C0", lw=1.2)
        ax.fill(closed, np.append(r[:, k], r[0, k]), color="C0", alpha=0.25)
        ax.set_ylim(floor, 1.0)
        ax.set_yticks(np.linspace(floor, 1.0, 3))
        ax.set_rlabel_position(54)  # between the first two axes
        ax.tick_params(axis="y", labelsize=5)
        ax.set_xticks(theta)
        ax.set_xticklabels([RADAR_NAMES[name] for name in RADAR], fontsize=7)
        title = (f"{s['rate']:.2g} K/s, {s['pressure'] * BAR_TO_GPA:g} GPa" if rates else s["labels"] or s["unit"])
        if np.isfinite(s.get("mean_barrier", np.nan)):
            title += f"\nĒ_A = {s['mean_barrier']:.2f} eV"
        ax.set_title(title, fontsize=7)
    scales = ", ".join(f"{RADAR_NAMES[name]} {radii[name][0]:.4g}" for name in RADAR)
    fig.suptitle(f"Indicators as |x| / max over samples of |x| (radius {floor:.2f} at the centre to 1; "
                 f"dashed: mean over samples)\nmax |x|: {scales}", fontsize=8)
    fig.savefig(path, dpi=110)
    plt.close(fig)


# Fig. 2b: "The radial axis represents the magnitude of the arithmetic mean activation energy,
# Ē_A; while the [0°,180°] angular regime is equally divided into five 36°-wide sub-regimes":
# Ψ [0°,36°], E_IS [36°,72°], |u| [72°,108°], s₂ [108°,144°], ρ [144°,180°]. "The average
# value of each parameter" is the sample's value of the indicator (its mean over the atoms,
# as opposed to the local per-atom values the paper mentions), one point per sample and
# indicator. Our reading of the angle: within its sector the indicator's value sets the
# angle, linearly from the smallest value over the samples to the largest (the paper gives
# no scale; "aligned with a diagonal curve, indicating a linear dependence between the two
# variables in a regular Cartesian coordinate system" says that angle and radius act as the
# two Cartesian axes of a sector, so a linear relation runs diagonally across it). A margin
# of 10 % of the sector is left at both edges so that neighbouring sectors stay apart.
POLAR_SECTORS = ["psi_per_atom", "energy_is", "centroid_offset", "s2", "number_density"]
SECTOR_DEG = 180.0 / len(POLAR_SECTORS)
SECTOR_MARGIN = 0.1


def polar_angles(x, sector):
    """Angles (degrees) of the values x in sector `sector` (k: [36k°, 36(k+1)°]): the smallest
    finite value at the sector's start plus the margin, the largest at its end minus the
    margin, linear in between; all equal: the sector's middle."""
    x = np.asarray(x, float)
    lo, hi = np.nanmin(x), np.nanmax(x)
    t = (x - lo) / (hi - lo) if hi > lo else np.full(len(x), 0.5)
    return SECTOR_DEG * (sector + SECTOR_MARGIN + (1 - 2 * SECTOR_MARGIN) * t)


def polar_figure(path, samples):
    ea = np.array([s["mean_barrier"] for s in samples])
    sem = np.nan_to_num(np.array([s["sem_barrier"] for s in samples]))
    fig = plt.figure(figsize=(8.5, 5.2), layout="constrained")
    ax = fig.add_subplot(projection="polar")
    ax.set_thetamin(0)
    ax.set_thetamax(180)
    lo, hi = np.nanmin(ea - sem), np.nanmax(ea + sem)
    pad = 0.1 * (hi - lo) if hi > lo else 0.1
    ax.set_ylim(lo - pad, hi + pad)
    ax.set_rorigin(lo - pad - 2 * (hi - lo + 2 * pad))  # a hole: Ē_A spans a narrow annulus
    markers = "^sHDo"
    for k, name in enumerate(POLAR_SECTORS):
        x = np.array([s[name] for s in samples])
        theta = np.radians(polar_angles(x, k))
        label = f"{RADAR_NAMES[name]} (r = {pearson(x, ea):.2f})"
        ax.errorbar(theta, ea, yerr=sem, fmt=markers[k], ms=5, color=f"C{k}", mec="k", mew=0.4,
                    elinewidth=0.6, ecolor=f"C{k}", label=label)
        finite = x[np.isfinite(x)]
        for edge, value in ((k + SECTOR_MARGIN, finite.min()), (k + 1 - SECTOR_MARGIN, finite.max())):
            ax.text(np.radians(SECTOR_DEG * edge), hi + pad, f"{value:.4g}", fontsize=6, ha="center",
                    va="bottom", rotation=SECTOR_DEG * edge - 90, rotation_mode="anchor")
        ax.text(np.radians(SECTOR_DEG * (k + 0.5)), lo - pad, RADAR_NAMES[name], fontsize=9, ha="center",
                va="top")
    ax.set_xticks(np.radians(SECTOR_DEG * np.arange(len(POLAR_SECTORS) + 1)))
    ax.set_xticklabels([])
    ax.xaxis.grid(True, color="k", lw=0.8)
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(4))
    ax.tick_params(axis="y", labelsize=7)
    ax.text(0.0, lo - pad, "Ē_A (eV) ", fontsize=8, ha="right", va="top")
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, 1.0), fontsize=7, ncol=1,
              title="sector (Pearson r with Ē_A)", title_fontsize=7)
    ax.set_title("Ē_A (radius, ±1 s.e.) against each indicator (angle in its 36° sector, smallest to largest "
                 "value counter-clockwise; values at the sector edges)", fontsize=8)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_csv(path, header, rows):
    with open(path, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(header)
        for row in rows:
            w.writerow([f"{v:.6g}" if isinstance(v, float) else v for v in row])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store")
    parser.add_argument("out")
    parser.add_argument("--indicators", default="indicators")
    parser.add_argument("--events", default="art_search/events")
    parser.add_argument("--bin-width", type=float, default=0.25, help="histogram bin of P(E_A) and δ_ij (eV)")
    parser.add_argument("--bootstrap", type=int, default=2000, help="bootstrap replicates")
    parser.add_argument("--seed", type=int, default=3003, help="seed of the resampling")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    with h5py.File(args.store, "r") as f:
        samples, ids, depends = read_samples(f, args.indicators)
        spectra, counts = read_events(f, args.events, samples, ids, depends)
    if not samples:
        sys.exit("no indicators units with a shear modulus in the store")
    if spectra is None:
        print(f"no event table '{args.events}' in the store: Ē_A and δ_ij skipped")
    for s in samples:
        ea = spectra.get(s["unit"], np.array([])) if spectra else np.array([])
        s.update(counts[s["unit"]] if counts else {})
        s["events"] = len(ea)
        s["mean_barrier"] = float(ea.mean()) if len(ea) else float("nan")
        s["sem_barrier"] = float(ea.std(ddof=1) / np.sqrt(len(ea))) if len(ea) > 1 else float("nan")
    if counts and any(c["units"] > 1 for c in counts.values()):
        print("note: some samples' events come from several units; redundant pairs across units are "
              "not screened (saddle/event_filter.hpp filter_events on the whole table would)")
    boot = Bootstrap(samples, spectra, args.bootstrap, rng)

    columns = ["unit", "labels"] + [n for n, _ in INDICATORS] + ["ico_fraction", "shear_modulus"] + \
        (["searches"] + OUTCOMES if counts else []) + ["events", "mean_barrier", "sem_barrier"]
    write_csv(os.path.join(args.out, "samples.csv"), columns, [[s.get(c, "") for c in columns] for s in samples])

    names = [n for n, _ in INDICATORS] + ["ico_fraction"]
    pairs = [("mean_barrier", "shear_modulus")] + [(n, "shear_modulus") for n in names]
    if spectra is not None:
        pairs += [(n, "mean_barrier") for n in names]
    write_csv(os.path.join(args.out, "correlations.csv"),
              ["x", "y", "n", "pearson_r", "fisher95_lo", "fisher95_hi", "bootstrap95_lo", "bootstrap95_hi",
               "spearman"], correlation_rows(samples, boot, pairs))

    panels = [("mean_barrier", "Ē_A (eV)"), ("ico_fraction", "f<0,0,12,0>"),
              ("energy_is", "E_IS (eV/atom)"), ("psi_per_atom", "Ψ/N (Å² amu/eV)")]
    if spectra is None:
        panels = panels[1:]
    scatter_figure(os.path.join(args.out, "g_vs.png"), samples, panels, "shear_modulus", "G (GPa)", boot)
    radii = radar_radii(samples)
    write_csv(os.path.join(args.out, "radar.csv"), ["unit", "labels", "indicator", "value", "scale", "radius"],
              [[s["unit"], s["labels"], name, s[name], radii[name][0], radii[name][1][k]]
               for k, s in enumerate(samples) for name in RADAR])
    radar_figure(os.path.join(args.out, "radar.png"), samples, radii)
    if spectra is None or not any(len(v) for v in spectra.values()):
        return
    scatter_figure(os.path.join(args.out, "ea_vs.png"), samples, INDICATORS, "mean_barrier", "Ē_A (eV)", boot)
    with_events = [s for s in samples if s["events"] > 0]
    write_csv(os.path.join(args.out, "polar.csv"),
              ["unit", "labels", "indicator", "value", "theta_deg", "mean_barrier", "sem_barrier"],
              [[s["unit"], s["labels"], name, s[name], theta, s["mean_barrier"], s["sem_barrier"]]
               for k, name in enumerate(POLAR_SECTORS)
               for s, theta in zip(with_events, polar_angles([s[name] for s in with_events], k))])
    polar_figure(os.path.join(args.out, "polar.png"), with_events)

    every = np.concatenate([v for v in spectra.values() if len(v)])
    top = args.bin_width * np.ceil(every.max() / args.bin_width)
    edges = np.arange(0.0, top + 0.5 * args.bin_width, args.bin_width)
    spectra_figure(os.path.join(args.out, "spectra.png"), samples, spectra, edges)

    samples = [s for s in samples if s["events"] > 0]
    n = len(samples)
    p = [histogram_density(spectra[s["unit"]], edges) for s in samples]
    d = np.array([[delta(p[i], p[j], edges) for j in range(n)] for i in range(n)])
    floor = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a, b = spectra[samples[i]["unit"]], spectra[samples[j]["unit"]]
            floor[i, j] = floor[j, i] = delta_floor(a, b, edges, rng)
    header = ["unit"] + [s["unit"] for s in samples]
    write_csv(os.path.join(args.out, "delta.csv"), header, [[s["unit"], *row] for s, row in zip(samples, d)])
    write_csv(os.path.join(args.out, "delta_floor.csv"), header,
              [[s["unit"], *row] for s, row in zip(samples, floor)])
    rank = {name: mantel(d, np.array([s[name] for s in samples]), rng) for name, _ in INDICATORS}
    write_csv(os.path.join(args.out, "delta_rank.csv"), ["indicator", "spearman_delta_vs_abs_difference",
                                                         "permutation_p"],
              [[name, *rank[name]] for name, _ in INDICATORS])
    delta_figure(os.path.join(args.out, "delta_maps.png"), samples, d, floor, rank)


if __name__ == "__main__":
    main()
