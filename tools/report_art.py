#!/usr/bin/python3
"""Barrier-spectrum report of a pelcamp store (seeds 002, 003; physics.md §2–3).

usage: report_art.py STORE.h5 OUTDIR [--bin-width 0.05] [--cell 3.95] [--axis z]

Samples: the art_search units of one structure (same input unit, same `snapshot`, same
parameters but `batch`: the batches of one sample's centre atoms) pooled into one sample
(its `events` series), and every art_walk unit (its `attempts` series). A sample searched on
snapshot k of an inherent_structures unit whose input is a sample_prep quench is labelled
by the snapshot's target temperature (STAGE-T<K>), so the spectra, S and D come per
temperature of the quench (seed 002). A sample's barriers are E_saddle − E_initial of its kept events:
  art_search  rows whose `kept` column is 1 or whose `verdict` column (seed 003 filters
              applied by the unit, saddle/event_filter.hpp) is 0 (kept), else successful
              events (outcome 0) that pass seed 003's "failed" rule (E_sad − E_ini ≥ 0 and
              E_fin − E_sad ≤ 0);
  art_walk    successful attempts (attempt_outcome 0), barrier attempt_barrier.
Writes to OUTDIR:
  spectra.csv      per sample: events, Ē_A, S (nats, bins of --bin-width), D = exp(S), and the
                   two-mode fit of seed 002 Eq. 1, P = W/ε e^(−E/ε) + W′ E e^(−(E−μ)²/(2σ²)),
                   with standard errors (Poisson-weighted least squares, scipy curve_fit with
                   absolute_sigma) and χ²/dof
  histograms.csv   bin centre and density P(E) of every sample (common bins)
  delta.csv/.png   δᵢⱼ = Σ_k |p_i,k − p_j,k| = ∫|Pᵢ − Pⱼ| dE between samples (seed 003)
  spectra.png      histograms with their fits
  slabs-LABEL.csv/.png  art_search samples with a stored structure: per-atom mean barrier
                   coarse-grained in cells of --cell (3.95 Å, seed 002 Fig. 4) in slabs
                   perpendicular to --axis; the PNG shows the middle slab and the slab profile
The same definitions are implemented in C++ (include/pelcamp/analysis/barrier_spectrum.hpp);
this script is the store-side reader. Column names of the art_search events table are
looked up in EVENT_COLUMNS (several spellings accepted).
"""
import argparse
import csv
import math
import os
import sys

import numpy as np
from pelcamp_store import parse_params, text  # noqa: E402

INT64_MISSING = np.iinfo(np.int64).min

# art_search `events` series: meaning -> accepted column names (first found is used).
EVENT_COLUMNS = {
    "centre": ["centre", "center", "centre_atom", "event_centre"],
    "energy_initial": ["energy_initial", "e_initial", "event_energy_initial"],
    "energy_saddle": ["energy_saddle", "e_saddle", "event_energy_saddle"],
    "energy_final": ["energy_final", "e_final", "event_energy_final"],
    "outcome": ["outcome", "event_outcome"],
    "kept": ["kept", "event_kept"],
    # EventVerdict of src/saddle/event_filter (art branch): 0 kept, 1 failed,
    # 2 identical-to-start, 3 duplicate, 4 redundant.
    "verdict": ["verdict", "event_verdict", "filter_verdict"],
}


def column(group, meaning, required=True):
    for name in EVENT_COLUMNS[meaning]:
        if name in group:
            return group[name]
    if required:
        raise KeyError(f"{group.name}: no column for {meaning} (tried {', '.join(EVENT_COLUMNS[meaning])})")
    return None


def as_float(values):
    v = np.asarray(values)
    if v.dtype.kind in "iu":
        out = v.astype(float)
        out[v == INT64_MISSING] = np.nan
        return out
    return v.astype(float)


class Store:
    def __init__(self, f):
        self.f = f
        units = f["units"]
        self.ids = units["id"][()]
        self.index = {int(i): u for u, i in enumerate(self.ids)}
        self.depends = text(units["depends_on"][()])
        self.group = units["particle_group"][()]
        self.frame = units["particle_frame"][()]
        self.group_names = text(units["particle_group_names"][()]) if "particle_group_names" in units else []
        self.stage_names = text(units["stage_names"][()]) if "stage_names" in units else []
        self.stage = units["stage"][()] if "stage" in units else None
        self.params = [parse_params(p) for p in text(units["params"][()])] if "params" in units else None
        self.snapshot_group = units["snapshot_group"][()] if "snapshot_group" in units else None

    def unit(self, kind, row):
        return self.index[int(self.f[f"results/{kind}/unit_id"][row])]

    def input_of(self, u):
        """The unit u depends on first (its for_each input), or None."""
        return self.index[int(self.depends[u].split(",")[0], 16)] if self.depends[u] else None

    def snapshot(self, u):
        """The `snapshot` parameter of unit u (-1: none or not recorded)."""
        return int(self.params[u].get("snapshot", -1)) if self.params else -1

    def sample_key(self, kind, row):
        """Units of one sample: same input and parameters except `batch`."""
        u = self.unit(kind, row)
        if not self.params:
            return (kind, row)
        params = tuple(sorted((k, v) for k, v in self.params[u].items() if k != "batch"))
        return (kind, self.depends[u].split(",")[0], params)

    def snapshot_temperature(self, u):
        """Target temperature of snapshot `snapshot` of u's input's input (sample_prep), or None."""
        k = self.snapshot(u)
        source = self.input_of(u)
        prep = self.input_of(source) if source is not None else None
        path = "results/sample_prep/snapshot/snapshot_target_temperature"
        if k < 0 or prep is None or path not in self.f or "results/sample_prep/unit_id" not in self.f:
            return None
        rows = list(self.f["results/sample_prep/unit_id"][()])
        uid = self.ids[prep]
        if uid not in rows:
            return None
        lo = int(self.f["results/sample_prep/snapshot/row_offset"][rows.index(uid)])
        return float(self.f[path][lo + k])

    def label(self, kind, row, number=None):
        u = self.unit(kind, row)
        stage = self.stage_names[self.stage[u]] if self.stage is not None else kind
        temperature = self.snapshot_temperature(u)
        if temperature is not None:
            return f"{stage}-T{temperature:g}"
        return f"{stage}-{row if number is None else number}"

    def structure(self, kind, row):
        """(positions [N,3], edges [3,3] rows a,b,c, origin, periodic) of the unit's structure
        (its input's snapshot `snapshot` when it has one), else of its first dependency's;
        None when neither is stored."""
        u = self.unit(kind, row)
        k, source = self.snapshot(u), self.input_of(u)
        if k >= 0 and source is not None and self.snapshot_group is not None and self.snapshot_group[source] >= 0:
            g = self.f["particles/" + self.group_names[self.snapshot_group[source]]]
            edges = g["box/edges/value"][k]
            return g["position/value"][k], edges, g["box/origin"][k], bool(np.any(edges))
        for _ in range(2):
            if self.group[u] >= 0:
                g = self.f["particles/" + self.group_names[self.group[u]]]
                k = int(self.frame[u])
                edges = g["box/edges/value"][k]
                return g["position/value"][k], edges, g["box/origin"][k], bool(np.any(edges))
            if not self.depends[u]:
                return None
            u = self.index[int(self.depends[u].split(",")[0], 16)]
        return None


def rows_of(group, row):
    offset = group["row_offset"][()]
    return int(offset[row]), int(offset[row + 1])


def collect(f, store):
    """[(label, kind, row, barriers, centres or None)]"""
    samples = []
    if "results/art_search/events" in f:
        ev = f["results/art_search/events"]
        pooled = {}  # sample key -> index in `samples`
        for row in range(len(f["results/art_search/unit_id"])):
            lo, hi = rows_of(ev, row)
            e_i = as_float(column(ev, "energy_initial")[lo:hi])
            e_s = as_float(column(ev, "energy_saddle")[lo:hi])
            e_f = as_float(column(ev, "energy_final")[lo:hi])
            kept = column(ev, "kept", required=False)
            verdict = column(ev, "verdict", required=False)
            if kept is not None:
                keep = as_float(kept[lo:hi]) == 1
            elif verdict is not None:
                keep = as_float(verdict[lo:hi]) == 0
            else:
                keep = (as_float(column(ev, "outcome")[lo:hi]) == 0) & (e_s - e_i >= 0) & (e_f - e_s <= 0)
            centres = as_float(column(ev, "centre")[lo:hi])[keep].astype(int)
            key = store.sample_key("art_search", row)
            if key in pooled:
                label, kind, first, barriers, known = samples[pooled[key]]
                samples[pooled[key]] = (label, kind, first, np.concatenate([barriers, (e_s - e_i)[keep]]),
                                        np.concatenate([known, centres]))
            else:
                pooled[key] = len(samples)
                samples.append((store.label("art_search", row, len(pooled) - 1), "art_search", row,
                                (e_s - e_i)[keep], centres))
    seen = {}
    for k, sample in enumerate(samples):  # labels unique (e.g. one temperature, two quenches)
        seen[sample[0]] = seen.get(sample[0], 0) + 1
        if seen[sample[0]] > 1:
            samples[k] = (f"{sample[0]}-{seen[sample[0]] - 1}",) + sample[1:]
    if "results/art_walk/attempts" in f:
        at = f["results/art_walk/attempts"]
        for row in range(len(f["results/art_walk/unit_id"])):
            lo, hi = rows_of(at, row)
            ok = as_float(at["attempt_outcome"][lo:hi]) == 0
            samples.append((store.label("art_walk", row), "art_walk", row,
                            as_float(at["attempt_barrier"][lo:hi])[ok], None))
    return samples


def histogram(barriers, width, nbins):
    counts = np.bincount(np.floor(barriers / width).astype(int), minlength=nbins)[:nbins]
    return counts


def entropy(counts):
    p = counts[counts > 0] / counts.sum()
    return float(-np.sum(p * np.log(p))) + 0.0  # + 0.0: no "-0.0" for a single bin


def model(e, w, eps, wp, mu, sigma):
    return w / eps * np.exp(-e / eps) + wp * e * np.exp(-((e - mu) ** 2) / (2 * sigma**2))


def fit(counts, width):
    """Poisson-weighted least squares of the model to the density; (params, errors, χ²/dof)
    or None when it fails or there are fewer than 6 non-empty bins."""
    from scipy.optimize import curve_fit

    n = counts.sum()
    centre = (np.arange(len(counts)) + 0.5) * width
    nz = counts > 0
    if nz.sum() < 6:
        return None
    density = counts[nz] / (n * width)
    sigma_y = np.sqrt(counts[nz]) / (n * width)
    x = centre[nz]
    mean = float(np.sum(centre * counts) / n)
    spread = float(np.sqrt(max(np.sum(centre**2 * counts) / n - mean**2, 1e-12)))
    best = None
    for fraction in (0.2, 0.5, 0.9):
        for eps_scale in (0.1, 0.3):
            ray = spread**2 * np.exp(-mean**2 / (2 * spread**2)) + mean * spread * np.sqrt(np.pi / 2) * (
                1 + math.erf(mean / (spread * np.sqrt(2))))
            p0 = [1 - fraction, eps_scale * mean, fraction / ray, mean, spread]
            try:
                p, cov = curve_fit(model, x, density, p0=p0, sigma=sigma_y, absolute_sigma=True,
                                   bounds=([-np.inf, 1e-9, -np.inf, -np.inf, 1e-9], np.inf), maxfev=20000)
            except (RuntimeError, ValueError):
                continue
            chi2 = float(np.sum(((density - model(x, *p)) / sigma_y) ** 2))
            if best is None or chi2 < best[2]:
                best = (p, np.sqrt(np.diag(cov)), chi2)
    if best is None:
        return None
    return best[0], best[1], best[2] / (nz.sum() - 5)


def slab_map(positions, values, edges, origin, periodic, axis, cell):
    """Cells of about `cell` tiling the box (fractional coordinates) or the bounding box."""
    if periodic:
        frac = (positions - origin) @ np.linalg.inv(edges)  # rows of edges are the cell vectors
        frac -= np.floor(frac)
        lengths = np.abs(np.linalg.det(edges)) / np.array(
            [np.linalg.norm(np.cross(edges[(d + 1) % 3], edges[(d + 2) % 3])) for d in range(3)])
    else:
        lo, hi = positions.min(axis=0), positions.max(axis=0)
        lengths = np.maximum(hi - lo, 0.0)
        frac = np.where(hi > lo, (positions - lo) / np.where(hi > lo, hi - lo, 1.0), 0.0)
    cells = np.maximum(1, np.rint(lengths / cell).astype(int))
    index = np.minimum((frac * cells).astype(int), cells - 1)
    total = np.zeros(cells)
    count = np.zeros(cells)
    ok = ~np.isnan(values)
    np.add.at(total, tuple(index[ok].T), values[ok])
    np.add.at(count, tuple(index[ok].T), 1)
    with np.errstate(invalid="ignore"):
        mean = total / count
    profile_axes = tuple(d for d in range(3) if d != axis)
    with np.errstate(invalid="ignore"):
        profile = total.sum(axis=profile_axes) / count.sum(axis=profile_axes)
    return mean, count, profile, lengths / cells


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store")
    parser.add_argument("outdir")
    parser.add_argument("--bin-width", type=float, default=0.05, help="energy units (default 0.05 eV)")
    parser.add_argument("--cell", type=float, default=3.95, help="slab thickness and cell size (length)")
    parser.add_argument("--axis", choices="xyz", default="z")
    parser.add_argument("--min-fit-events", type=int, default=100,
                        help="fit the two-mode model only to samples with at least this many events")
    args = parser.parse_args(argv)
    if args.bin_width <= 0:
        parser.error("--bin-width must be > 0")
    import h5py
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(args.outdir, exist_ok=True)
    with h5py.File(args.store, "r") as f:
        store = Store(f)
        samples = [s for s in collect(f, store) if len(s[3]) > 0]
        if not samples:
            print("no kept events in the store", file=sys.stderr)
            return 1
        for s in samples:
            if np.any(s[3] < 0):
                raise SystemExit(f"{s[0]}: negative barriers among kept events")
        nbins = int(max(np.max(s[3]) for s in samples) // args.bin_width) + 1
        hists = [histogram(s[3], args.bin_width, nbins) for s in samples]
        centres = (np.arange(nbins) + 0.5) * args.bin_width

        with open(os.path.join(args.outdir, "spectra.csv"), "w", newline="") as out:
            w = csv.writer(out)
            names = ["W", "epsilon", "W_prime", "mu", "sigma"]
            w.writerow(["sample", "kind", "row", "events", "mean_barrier", "entropy_nats", "diversity", "bin_width"]
                       + [c for n in names for c in (n, n + "_err")] + ["chi2_per_dof"])
            fits = []
            for s, h in zip(samples, hists):
                r = fit(h, args.bin_width) if len(s[3]) >= args.min_fit_events else None
                fits.append(r)
                fitted = [v for k in range(5) for v in (r[0][k], r[1][k])] + [r[2]] if r else [""] * 11
                S = entropy(h)
                w.writerow([s[0], s[1], s[2], len(s[3]), float(np.mean(s[3])), S, float(np.exp(S)), args.bin_width]
                           + fitted)
        with open(os.path.join(args.outdir, "histograms.csv"), "w", newline="") as out:
            w = csv.writer(out)
            w.writerow(["bin_centre"] + [s[0] for s in samples])
            for k in range(nbins):
                w.writerow([centres[k]] + [h[k] / (h.sum() * args.bin_width) for h in hists])
        p = [h / h.sum() for h in hists]
        delta = np.array([[np.abs(a - b).sum() for b in p] for a in p])
        with open(os.path.join(args.outdir, "delta.csv"), "w", newline="") as out:
            w = csv.writer(out)
            w.writerow([""] + [s[0] for s in samples])
            for s, row in zip(samples, delta):
                w.writerow([s[0]] + list(row))

        fig, ax = plt.subplots(figsize=(7, 4.5))
        for s, h, r in zip(samples, hists, fits):
            line, = ax.step(centres, h / (h.sum() * args.bin_width), where="mid", lw=0.8, label=s[0])
            if r:
                fine = np.linspace(1e-6, centres[-1], 400)
                ax.plot(fine, model(fine, *r[0]), color=line.get_color(), lw=1.5)
        ax.set_xlabel("barrier E_saddle − E_initial (energy)")
        ax.set_ylabel("P(E)")
        if len(samples) <= 12:
            ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(os.path.join(args.outdir, "spectra.png"), dpi=130)
        plt.close(fig)

        fig, ax = plt.subplots(figsize=(5, 4.5))
        im = ax.imshow(delta, cmap="viridis", vmin=0)
        fig.colorbar(im, ax=ax, label="δᵢⱼ")
        ax.set_xticks(range(len(samples)), [s[0] for s in samples], rotation=90, fontsize=6)
        ax.set_yticks(range(len(samples)), [s[0] for s in samples], fontsize=6)
        fig.tight_layout()
        fig.savefig(os.path.join(args.outdir, "delta.png"), dpi=130)
        plt.close(fig)

        axis = "xyz".index(args.axis)
        for s in samples:
            if s[4] is None:
                continue
            structure = store.structure(s[1], s[2])
            if structure is None:
                continue
            positions, edges, origin, periodic = structure
            n = len(positions)
            total = np.bincount(s[4], weights=s[3], minlength=n)
            count = np.bincount(s[4], minlength=n)
            with np.errstate(invalid="ignore"):
                per_atom = total / count
            mean, cnt, profile, size = slab_map(positions, per_atom, edges, origin, periodic, axis, args.cell)
            with open(os.path.join(args.outdir, f"slabs-{s[0]}.csv"), "w", newline="") as out:
                w = csv.writer(out)
                w.writerow(["i0", "i1", "i2", "atoms_with_events", "mean_barrier"])
                for idx in np.ndindex(mean.shape):
                    w.writerow(list(idx) + [int(cnt[idx]), mean[idx]])
            fig, (a0, a1) = plt.subplots(1, 2, figsize=(9, 4))
            middle = np.take(mean, mean.shape[axis] // 2, axis=axis)
            im = a0.imshow(middle.T, origin="lower", cmap="coolwarm")
            fig.colorbar(im, ax=a0, label="mean barrier")
            a0.set_title(f"slab {mean.shape[axis] // 2} normal to {args.axis}, cells {size.round(2)}")
            a1.plot((np.arange(len(profile)) + 0.5) * size[axis], profile, "o-")
            a1.set_xlabel(f"{args.axis} (fractional cell × length)")
            a1.set_ylabel("slab mean barrier")
            fig.tight_layout()
            fig.savefig(os.path.join(args.outdir, f"slabs-{s[0]}.png"), dpi=130)
            plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
