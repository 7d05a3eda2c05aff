#!/usr/bin/python3
"""Figures of the intra-cage study (seed 004, campaigns/li-intracage.yaml) from its store.

usage: report_intracage.py STORE.h5 OUTDIR

Stages are recognised by name: `cycle-MODEL` (kind cyclic_loading) and `probe-MODEL` (kind
perturbation_probe), MODEL one of ka, lj5050, johnson, cuzr, b2. Writes to OUTDIR:
  delta.png            δ(γ) = RMS(Δσ_xy)/RMS(σ_xy,ini) of every model, mean ± standard error
                       over samples, log-log; open markers where some sample broke a cage;
                       right: δ against γ/γ_cb
  fwhm.png             FWHM of the histograms of Δσ_xy/RMS(σ_xy,ini) against γ/γ_cb (γ_cb:
                       first strain of each sample with Θ = 1), mean ± standard error over
                       samples; samples that never broke a cage are left out
  stress_histograms.png  those histograms (all samples pooled) at several γ/γ_cb per model
  omega.png            histograms of Ω(dE_atom<0)/4π per model with the mean, at omega_dr
                       and (outline) at the smallest dr
  maps.png             Mollweide maps of dE_atom of one atom per model at three dr
  curves.png           dE_atom(dr) along every direction for one atom per model, dE_sys inset
  dr_minimum.png       histogram of the dr at which dE_atom is smallest, per model
  summary.csv          per model: samples, atoms probed, mean Ω/4π, mean γ_cb
The Mollweide projection is `mollweide` below (tested by tests/python/test_mollweide.py).
"""
import os
import sys
from collections import defaultdict

import numpy as np
from pelcamp_store import parse_params, text  # noqa: E402

# A perfect crystal has σ_xy = 0 on every atom by symmetry, so its δ is round-off over
# round-off: it is left out of the δ and FWHM plots; summary.csv gives its RMS(Δσ_xy).
CRYSTALS = {"b2"}

def color(model):
    """The same colour for a model in every figure."""
    return "C%d" % [m for m, _ in MODELS].index(model)


MODELS = [  # stage suffix, label
    ("ka", "Kob–Andersen 80:20"),
    ("lj5050", "LJ 50:50"),
    ("johnson", "modified Johnson"),
    ("cuzr", "Cu$_{50}$Zr$_{50}$ EAM"),
    ("b2", "B2 CuZr crystal"),
]


def x_minus_sin(x):
    """x − sin x without cancellation for small x (series below 0.5, 9 terms: error < 1e-19)."""
    x = np.asarray(x, dtype=float)
    series = np.zeros_like(x)
    term = x**3 / 6
    for k in range(9):
        series += term
        term = -term * x**2 / ((2 * k + 4) * (2 * k + 5))
    return np.where(x < 0.5, series, x - np.sin(x))


def mollweide_auxiliary(latitude):
    """α with 2α + sin 2α = π sin φ. Solved for ε = π/2 − |α|, which satisfies
    2ε − sin 2ε = π (1 − sin|φ|) = 2π sin²((π/2 − |φ|)/2): both sides are free of
    cancellation near the poles, where α itself is ill-conditioned (dα ∝ (π/2 − |φ|)^(2/3))."""
    latitude = np.asarray(latitude, dtype=float)
    target = 2 * np.pi * np.sin((np.pi / 2 - np.abs(latitude)) / 2) ** 2
    lo = np.zeros(latitude.shape)
    hi = np.full(latitude.shape, np.pi / 2)
    for _ in range(64):  # 2ε − sin 2ε increases on [0, π/2]
        mid = 0.5 * (lo + hi)
        below = x_minus_sin(2 * mid) < target
        lo = np.where(below, mid, lo)
        hi = np.where(below, hi, mid)
    return np.sign(latitude) * (np.pi / 2 - 0.5 * (lo + hi))


def mollweide(longitude, latitude):
    """Mollweide projection of the unit sphere (Snyder 1987; seed 004 §4.2):
    x = (2√2/π) λ cos α, y = √2 sin α, 2α + sin 2α = π sin φ, λ ∈ [−π, π], φ ∈ [−π/2, π/2].
    The map is the ellipse x²/8 + y²/2 ≤ 1, of area 4π (equal-area)."""
    alpha = mollweide_auxiliary(latitude)
    longitude = np.asarray(longitude, dtype=float)
    return 2 * np.sqrt(2) / np.pi * longitude * np.cos(alpha), np.sqrt(2) * np.sin(alpha)


def sphere_to_mollweide(theta, phi):
    """Probe directions (θ polar angle from +z, ϕ azimuth from +x in [0, 2π)) on the map:
    latitude π/2 − θ, longitude ϕ − π (so ϕ = π, the −x direction, is the central meridian)."""
    return mollweide(np.asarray(phi) - np.pi, np.pi / 2 - np.asarray(theta))


def fwhm(values, bins=81):
    """Full width at half maximum of the histogram of `values` (linear interpolation of the
    half-maximum crossings on each side of the highest bin); bins span ±4 standard deviations
    about the median, so single outliers do not set the bin width."""
    values = np.asarray(values)
    values = values[np.isfinite(values)]
    if values.size < 10:
        return np.nan
    centre, spread = np.median(values), 4 * np.std(values)
    if spread == 0:
        return 0.0
    counts, edges = np.histogram(values, bins=bins, range=(centre - spread, centre + spread))
    mids = 0.5 * (edges[1:] + edges[:-1])
    top = int(np.argmax(counts))
    half = counts[top] / 2

    def crossing(step):
        k = top
        while 0 <= k + step < len(counts) and counts[k + step] > half:
            k += step
        if not 0 <= k + step < len(counts):
            return mids[k]
        a, b = counts[k], counts[k + step]
        return mids[k] + step * (mids[1] - mids[0]) * (a - half) / (a - b)

    return crossing(1) - crossing(-1)


class Store:
    """The parts of a pelcamp store the figures need."""

    def __init__(self, f):
        u = f["units"]
        self.f = f
        self.stage_names = text(u["stage_names"][()])
        self.kind_names = text(u["kind_names"][()])
        self.stage = u["stage"][()]
        self.kind = u["kind"][()]
        self.kind_row = u["kind_row"][()]
        self.params = [parse_params(p) for p in text(u["params"][()])]
        self.depends_on = text(u["depends_on"][()])
        self.status = u["state"][()]["status"]
        self.wall = u["state"][()]["wall_seconds"]

    def units(self, stage_name):
        if stage_name not in self.stage_names:
            return []
        s = self.stage_names.index(stage_name)
        return [i for i in np.flatnonzero(self.stage == s) if self.status[i] == 1]

    def field(self, unit, name):
        kind = self.kind_names[self.kind[unit]]
        g = self.f["results"][kind]
        row = int(self.kind_row[unit])
        ds = g[name]
        if ds.attrs.get("rows", b"") in (b"per atom (see atom_offset)", "per atom (see atom_offset)"):
            off = g["atom_offset"]
            return ds[int(off[row]):int(off[row + 1])]
        return ds[row]

    def series(self, unit, series, name):
        kind = self.kind_names[self.kind[unit]]
        g = self.f["results"][kind][series]
        off = g["row_offset"]
        row = int(self.kind_row[unit])
        return g[name][int(off[row]):int(off[row + 1])]


def cycle_data(store, model):
    """Per sample: sorted (strain, δ, Θ, Δσ_xy/RMS(σ_xy,ini) per atom)."""
    samples = defaultdict(list)
    for u in store.units("cycle-" + model):
        strain = float(store.field(u, "strain"))
        ini = store.field(u, "stress_initial")
        fin = store.field(u, "stress_final")
        # Δσ_xy in units of the sample's RMS(σ_xy,ini), comparable across models.
        scale = float(store.field(u, "rms_initial_stress"))
        samples[store.depends_on[u]].append(
            (strain, float(store.field(u, "delta")), int(store.field(u, "cage_broken")),
             (fin[:, 3] - ini[:, 3]) / scale))
    return {k: sorted(v, key=lambda t: t[0]) for k, v in samples.items()}


def first_cage_breaking(points):
    broken = [s for s, _, theta, _ in points if theta == 1]
    return min(broken) if broken else np.nan


def mean_se(rows):
    rows = np.asarray(rows, dtype=float)
    n = np.sum(np.isfinite(rows), axis=0)
    mean = np.nanmean(rows, axis=0)
    se = np.where(n > 1, np.nanstd(rows, axis=0, ddof=1) / np.sqrt(np.maximum(n, 1)), 0.0)
    return mean, se


def plot_delta(store, out, plt):
    fig, (ax, rax) = plt.subplots(1, 2, figsize=(10, 4))
    for model, label in MODELS:
        data = cycle_data(store, model)
        if not data or model in CRYSTALS:
            continue
        ratios = defaultdict(list)
        for pts in data.values():
            gcb = first_cage_breaking(pts)
            for s, delta, _, _ in pts:
                if np.isfinite(gcb):
                    ratios[round(s / gcb, 3)].append(delta)
        if ratios:
            keys = sorted(ratios)
            rm = [np.mean(ratios[k]) for k in keys]
            rse = [np.std(ratios[k], ddof=1) / np.sqrt(len(ratios[k])) if len(ratios[k]) > 1 else 0 for k in keys]
            rax.errorbar(keys, rm, yerr=[np.minimum(rse, 0.9 * np.array(rm)), rse], marker="o", ms=4, capsize=2,
                         label=label, color=color(model))
        strains = sorted({s for pts in data.values() for s, *_ in pts})
        table = np.full((len(data), len(strains)), np.nan)
        broken = np.zeros(len(strains), bool)
        for r, pts in enumerate(data.values()):
            for s, delta, theta, _ in pts:
                table[r, strains.index(s)] = delta
                broken[strains.index(s)] |= theta == 1
        mean, se = mean_se(table)
        # Lower bars clipped at 90 % of the mean: the axis is logarithmic.
        line = ax.errorbar(strains, mean, yerr=[np.minimum(se, 0.9 * mean), se], marker="o", ms=4, capsize=2,
                           label=label, color=color(model))
        for r in range(len(data)):
            ax.plot(strains, table[r], color=line[0].get_color(), lw=0.5, alpha=0.35)
        ax.plot(np.array(strains)[broken], mean[broken], "o", mfc="white", mec=line[0].get_color(), ms=6)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("shear strain amplitude γ")
    ax.set_ylabel("δ(γ) = RMS(Δσ$_{xy}$) / RMS(σ$_{xy}$)")
    ax.set_title("cyclic loading: mean ± s.e., thin lines: samples (open: a cage broke)", fontsize=9)
    ax.legend(fontsize=7)
    rax.set_xscale("log")
    rax.set_yscale("log")
    rax.axvline(1.0, color="k", lw=0.6, ls=":")
    rax.set_xlabel("γ / γ$_{cb}$ (each sample's first cage-breaking strain)")
    rax.set_ylabel("δ")
    rax.set_title("mean ± standard error over samples that broke a cage", fontsize=9)
    rax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "delta.png"), dpi=90)
    plt.close(fig)


def plot_fwhm_and_histograms(store, out, plt):
    fig, ax = plt.subplots(figsize=(5.5, 4))
    present = [(m, l) for m, l in MODELS if cycle_data(store, m) and m not in CRYSTALS]
    hfig, hax = plt.subplots(1, max(1, len(present)), figsize=(3.2 * max(1, len(present)), 3), squeeze=False)
    for col, (model, label) in enumerate(present):
        data = cycle_data(store, model)
        by_ratio = defaultdict(list)
        hist_by_ratio = defaultdict(list)
        for pts in data.values():
            gcb = first_cage_breaking(pts)
            if not np.isfinite(gcb):
                continue
            for s, _, _, dsig in pts:
                ratio = round(s / gcb, 3)
                by_ratio[ratio].append(fwhm(dsig))
                hist_by_ratio[ratio].append(dsig)
        if not by_ratio:
            continue
        ratios = sorted(by_ratio)
        mean = [np.nanmean(by_ratio[r]) for r in ratios]
        se = [np.nanstd(by_ratio[r], ddof=1) / np.sqrt(len(by_ratio[r])) if len(by_ratio[r]) > 1 else 0 for r in ratios]
        mean, se = np.array(mean), np.array(se)
        ax.errorbar(ratios, mean, yerr=[np.minimum(se, 0.9 * mean), se], marker="o", ms=4, capsize=2, label=label,
                    color=color(model))
        h = hax[0, col]
        chosen = [r for r in ratios if r <= 1.0][-4:]
        # Logarithmic bins on both sides of a linear core: the widths span ten decades.
        side = np.logspace(-12, 1, 53)
        edges = np.concatenate([-side[::-1], side])
        for r in chosen:
            values = np.concatenate(hist_by_ratio[r])
            h.hist(values, bins=edges, histtype="step", label=f"γ/γ$_{{cb}}$={r:g}")
        h.set_xscale("symlog", linthresh=1e-12)
        h.set_xticks([-1, -1e-4, -1e-8, 0, 1e-8, 1e-4, 1])
        h.minorticks_off()
        h.set_yscale("log")
        h.set_ylabel("atoms per bin", fontsize=8)
        h.set_title(label, fontsize=8)
        h.set_xlabel("Δσ$_{xy}$ / RMS(σ$_{xy}$)", fontsize=8)
        h.tick_params(labelsize=7)
        h.legend(fontsize=6)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("γ / γ$_{cb}$")
    ax.set_ylabel("FWHM of Δσ$_{xy}$ / RMS(σ$_{xy}$) histogram")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "fwhm.png"), dpi=90)
    hfig.tight_layout()
    hfig.savefig(os.path.join(out, "stress_histograms.png"), dpi=80)
    plt.close(fig)
    plt.close(hfig)


def probe_units(store, model):
    return store.units("probe-" + model)


def per_atom(store, model, name):
    values = [store.field(u, name) for u in probe_units(store, model)]
    values = np.concatenate(values) if values else np.array([])
    return values[np.isfinite(values)]


def plot_omega(store, out, plt, summary):
    present = [(m, l) for m, l in MODELS if probe_units(store, m)]
    fig, axes = plt.subplots(1, max(1, len(present)), figsize=(2.8 * max(1, len(present)), 2.8), squeeze=False)
    for ax, (model, label) in zip(axes[0], present):
        omega = per_atom(store, model, "omega_fraction")
        dr = float(store.field(probe_units(store, model)[0], "omega_dr"))
        smallest = per_atom(store, model, "omega_fraction_smallest_dr")
        mapped = store.series(probe_units(store, model)[0], "map", "dr")
        dr_min = float(np.min(mapped)) if mapped.size else np.nan
        ax.hist(omega, bins=np.linspace(0, 1, 26), color=color(model), label=f"dr={dr:.3g}")
        ax.hist(smallest, bins=np.linspace(0, 1, 26), histtype="step", color="k", label=f"dr={dr_min:.3g}")
        mean = omega.mean() if omega.size else np.nan
        ax.axvline(mean, color="k", ls="--")
        ax.legend(fontsize=6)
        ax.set_title(f"{label}\nmean {mean:.3f} at dr={dr:.3g}, {omega.size} atoms", fontsize=7)
        summary[model]["mean_omega_fraction_smallest_dr"] = smallest.mean() if smallest.size else np.nan
        ax.set_xlabel("Ω(dE$_{atom}$<0)/4π", fontsize=8)
        ax.tick_params(labelsize=7)
        summary[model]["atoms_probed"] = omega.size
        summary[model]["mean_omega_fraction"] = mean
        summary[model]["omega_dr"] = dr
    fig.tight_layout()
    fig.savefig(os.path.join(out, "omega.png"), dpi=90)
    plt.close(fig)


def map_of(store, model):
    """(atom, dr, θ, ϕ, dE_atom, dE_sys) of the first mapped atom of the model, or None."""
    for u in probe_units(store, model):
        atom = store.series(u, "map", "atom")
        if atom.size == 0:
            continue
        first = atom == atom[0]
        cols = [store.series(u, "map", c)[first] for c in ("dr", "theta", "phi", "de_atom", "de_sys")]
        return (atom[0], *cols)
    return None


def plot_maps(store, out, plt, matplotlib):
    present = [(m, l, map_of(store, m)) for m, l in MODELS]
    present = [p for p in present if p[2] is not None]
    if not present:
        return
    fig, axes = plt.subplots(len(present), 3, figsize=(8.5, 1.9 * len(present)), squeeze=False)
    for row, (model, label, (atom, dr, theta, phi, de_atom, _)) in enumerate(present):
        values = np.unique(dr)
        picks = [values[0], values[len(values) // 2], values[-1]]
        n_theta = len(np.unique(theta))
        n_phi = len(np.unique(phi))
        for col, d in enumerate(picks):
            ax = axes[row, col]
            sel = dr == d
            e = de_atom[sel].reshape(n_theta, n_phi)
            # Cell corners on the sphere → map; pcolormesh of the (θ, ϕ) cells.
            t_edges = np.linspace(0, np.pi, n_theta + 1)
            p_edges = np.linspace(0, 2 * np.pi, n_phi + 1)
            P, T = np.meshgrid(p_edges, t_edges)
            x, y = sphere_to_mollweide(T, P)
            if e.min() < 0 < e.max():  # white at dE_atom = 0, blue below, red above
                norm = matplotlib.colors.TwoSlopeNorm(vmin=e.min(), vcenter=0.0, vmax=e.max())
                mesh = ax.pcolormesh(x, y, e, cmap="RdBu_r", norm=norm, shading="flat")
            else:  # one sign: show its variation
                mesh = ax.pcolormesh(x, y, e, cmap="Reds" if e.min() >= 0 else "Blues_r", shading="flat")
            ax.set_aspect("equal")
            ax.set_axis_off()
            negative = np.mean(e < 0)
            ax.set_title(f"{label}, atom {atom}: dr={d:.2g}\n(cells with dE<0: {negative:.0%})", fontsize=6)
            cb = fig.colorbar(mesh, ax=ax, shrink=0.7)
            cb.ax.tick_params(labelsize=5)
            cb.ax.yaxis.get_offset_text().set_fontsize(5)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "maps.png"), dpi=80)
    plt.close(fig)


def plot_curves(store, out, plt):
    present = [(m, l, map_of(store, m)) for m, l in MODELS]
    present = [p for p in present if p[2] is not None]
    if not present:
        return
    fig, axes = plt.subplots(1, len(present), figsize=(3.0 * len(present), 3), squeeze=False)
    for ax, (model, label, (atom, dr, theta, phi, de_atom, de_sys)) in zip(axes[0], present):
        drs = np.unique(dr)
        directions = np.flatnonzero(dr == drs[0]).size
        e_atom = np.stack([de_atom[dr == d] for d in drs])  # [dr, direction]
        e_sys = np.stack([de_sys[dr == d] for d in drs])
        colors = np.where(e_atom.min(axis=0) < 0, "C3", "C0")
        for k in range(directions):
            ax.plot(drs, e_atom[:, k], color=colors[k], lw=0.4, alpha=0.5)
        ax.axhline(0, color="k", lw=0.6)
        ax.set_xscale("log")
        ax.set_yscale("symlog", linthresh=max(1e-8, np.min(np.abs(e_atom[e_atom != 0])) if np.any(e_atom) else 1e-8))
        ax.set_xlabel("dr", fontsize=8)
        ax.set_ylabel("dE$_{atom}$", fontsize=8)
        ax.set_title(f"{label}, atom {atom}\n(red: directions with dE$_{{atom}}$<0)", fontsize=7)
        ax.tick_params(labelsize=6)
        inset = ax.inset_axes([0.6, 0.1, 0.36, 0.32])
        for k in range(directions):
            inset.plot(drs, e_sys[:, k], color="C2", lw=0.4, alpha=0.5)
        inset.set_xscale("log")
        inset.set_yscale("log" if np.all(e_sys > 0) else "symlog")
        inset.set_title("dE$_{sys}$", fontsize=6)
        inset.tick_params(labelsize=5)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "curves.png"), dpi=80)
    plt.close(fig)


def plot_dr_minimum(store, out, plt):
    present = [(m, l) for m, l in MODELS if probe_units(store, m)]
    if not present:
        return
    fig, ax = plt.subplots(figsize=(5, 3.5))
    for model, label in present:
        dr = per_atom(store, model, "dr_at_minimum")
        if dr.size == 0:
            continue
        grid = np.unique(dr)
        edges = np.sqrt(grid[1:] * grid[:-1]) if grid.size > 1 else np.array([])
        edges = np.concatenate([[grid[0] / 1.2], edges, [grid[-1] * 1.2]])
        ax.hist(dr, bins=edges, histtype="step", lw=1.2, label=label, density=False, color=color(model))
    ax.set_xscale("log")
    ax.set_xlabel("dr at the minimum of dE$_{atom}$ (length units of the model)")
    ax.set_ylabel("atoms")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "dr_minimum.png"), dpi=90)
    plt.close(fig)


def main(store_path, out):
    import h5py
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(out, exist_ok=True)
    summary = defaultdict(dict)
    with h5py.File(store_path, "r") as f:
        store = Store(f)
        plot_delta(store, out, plt)
        plot_fwhm_and_histograms(store, out, plt)
        plot_omega(store, out, plt, summary)
        plot_maps(store, out, plt, matplotlib)
        plot_curves(store, out, plt)
        plot_dr_minimum(store, out, plt)
        for model, _ in MODELS:
            data = cycle_data(store, model)
            if data:
                gcb = [first_cage_breaking(p) for p in data.values()]
                summary[model]["samples"] = len(data)
                summary[model]["mean_gamma_cb"] = np.nanmean(gcb) if np.any(np.isfinite(gcb)) else np.nan
                summary[model]["samples_without_cage_breaking"] = int(np.sum(~np.isfinite(gcb)))
            cycles = store.units("cycle-" + model)
            if cycles:
                summary[model]["unconverged_cycles"] = sum(int(store.field(u, "converged")) == 0 for u in cycles)
                summary[model]["max_rms_dsigma_xy_theta0"] = max(
                    [float(store.field(u, "rms_stress_change")) for u in cycles
                     if int(store.field(u, "cage_broken")) == 0] or [np.nan])
            units = probe_units(store, model)
            if units:
                evaluations = sum(int(store.field(u, "evaluations")) for u in units)
                seconds = sum(store.wall[u] for u in units)
                summary[model]["probe_evaluations_per_second"] = evaluations / seconds if seconds > 0 else np.nan
    keys = sorted({k for v in summary.values() for k in v})
    with open(os.path.join(out, "summary.csv"), "w") as s:
        s.write(",".join(["model"] + keys) + "\n")
        for model, _ in MODELS:
            if model in summary:
                s.write(",".join([model] + [f"{summary[model].get(k, np.nan):.6g}" for k in keys]) + "\n")
    print(open(os.path.join(out, "summary.csv")).read(), end="")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
