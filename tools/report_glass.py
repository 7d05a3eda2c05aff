#!/usr/bin/python3
"""Figures and tables of glass-sample campaigns (seeds 002/003), read from a pelcamp store.

usage: report_glass.py STORE.h5 --out DIR

For every stage of kind
  sample_prep          STAGE.quench.png (V, U, H and C_p per atom against T along the quench,
                       with the kink fits and T_g of each sample) and STAGE.samples.csv (one row
                       per sample: parameters, T_g from V/U/H/C_p, E_IS, density, pressure);
  structure_analysis   STAGE.rdf.png + STAGE.rdf.csv (total and partial g(r) per sample),
                       STAGE.indicators.csv (f<0,0,12,0>, structural entropy, s2, <|u|>, E,
                       density per sample, with the parameters of the samples they analyse),
                       STAGE.icosahedral_fraction.png (f<0,0,12,0> over the two varying
                       numeric parameters, e.g. cooling rate x pressure),
                       STAGE.voronoi_indices.png + .csv (populations of the most frequent
                       Voronoi indices per sample);
  inherent_structures  STAGE.inherent.png + .csv (E_IS and volume of each snapshot's minimum
                       against the snapshot temperature).
T_g comes from the C++ fits the sample_prep unit stores (analysis/glass_transition.hpp:
continuous two-line least-squares fit, breakpoint = T_g; C_p step midpoint); this script only
draws them.
"""
import argparse
import csv
import os
from collections import Counter

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from pelcamp_store import as_number, parse_params, text  # noqa: E402

DPI = 90


class Store:
    def __init__(self, f):
        self.f = f
        u = f["units"]
        self.stage_names = text(u["stage_names"][()])
        self.kind_names = text(u["kind_names"][()])
        self.stage = u["stage"][()]
        self.kind = u["kind"][()]
        self.kind_row = u["kind_row"][()]
        self.params = [parse_params(p) for p in text(u["params"][()])]
        self.inherited = [parse_params(p) for p in text(u["inherited"][()])]
        self.ids = u["id"][()]
        self.depends_on = text(u["depends_on"][()])
        self.status = u["state"][()]["status"]
        self.wall = u["state"][()]["wall_seconds"]

    def members(self, s):
        return [int(u) for u in np.where((self.stage == s) & (self.status == 1))[0]]

    def kind_of_stage(self, s):
        units = np.where(self.stage == s)[0]
        return self.kind_names[self.kind[units[0]]] if len(units) else None

    def context(self, u):
        """Own parameters plus those inherited from the inputs (keys STAGE.PARAM)."""
        c = dict(self.inherited[u])
        c.update(self.params[u])
        return c

    def input_of(self, u):
        """Index of the first unit `u` depends on (None without one)."""
        first = self.depends_on[u].split(",")[0]
        if not first:
            return None
        hits = np.where(self.ids == np.uint64(int(first, 16)))[0]
        return int(hits[0]) if len(hits) else None

    def scalar(self, kind, field, u):
        return self.f["results"][kind][field][self.kind_row[u]]

    def per_atom(self, kind, field, u):
        g = self.f["results"][kind]
        offset = g["atom_offset"][()]
        r = int(self.kind_row[u])
        return g[field][offset[r]:offset[r + 1]]

    def series(self, kind, series, field, u):
        g = self.f["results"][kind][series]
        offset = g["row_offset"][()]
        r = int(self.kind_row[u])
        return g[field][offset[r]:offset[r + 1]]


def short(key):
    return key.split(".")[-1]


def varying_keys(store, members):
    """Numeric parameters (own or inherited) that vary over the members, replicas excluded."""
    contexts = [store.context(u) for u in members]
    keys = sorted({k for c in contexts for k in c})
    out = []
    for k in keys:
        if short(k) in ("replica", "structure", "potential"):
            continue
        values = {c.get(k) for c in contexts}
        if len(values) > 1 and all(as_number(c.get(k)) is not None for c in contexts):
            out.append(k)
    return out


def label(store, u, keys):
    c = store.context(u)
    def value(v):
        n = as_number(v)
        return f"{n:.3g}" if n is not None else v
    return ", ".join(f"{short(k)}={value(c[k])}" for k in keys) or f"unit {u}"


def write_csv(path, header, rows):
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def quench_report(store, s, out):
    name = store.stage_names[s]
    members = store.members(s)
    keys = varying_keys(store, members)
    panels = [("volume", "tg_volume", "V/N (Å³)"), ("potential_energy", "tg_energy", "U/N (eV)"),
              ("enthalpy", "tg_enthalpy", "H/N (eV)"), ("heat_capacity", None, "C_p = dH/dT (eV/K)")]
    rows = []
    fig, axes = plt.subplots(2, 2, figsize=(9, 6.5))
    cmap = plt.get_cmap("viridis")
    plotted = 0
    for i, u in enumerate(members):
        # The fits use the thermostat target as abscissa (noise-free); so do the plots.
        t = store.series("sample_prep", "trace", "target_temperature", u)
        if not np.isfinite(t).any():
            continue  # no quench (e.g. a crystal relaxed without a melt)
        color = cmap(i / max(1, len(members) - 1))
        for ax, (field, fit_field, ylabel) in zip(axes.flat, panels):
            y = store.series("sample_prep", "trace", field, u)
            ax.plot(t, y, ".", ms=2, color=color, label=label(store, u, keys) if field == "volume" else None)
            if fit_field:
                tg, yg, s_glass, s_liquid = store.scalar("sample_prep", fit_field, u)
                if np.isfinite(tg):
                    tt = np.array([np.nanmin(t), tg, np.nanmax(t)])
                    ax.plot(tt, yg + np.where(tt <= tg, s_glass, s_liquid) * (tt - tg), "-", lw=0.8, color=color)
                    ax.plot([tg], [yg], "o", color=color, ms=4)
            else:
                tg_cp = store.scalar("sample_prep", "tg_heat_capacity", u)
                if np.isfinite(tg_cp):
                    ax.axvline(tg_cp, color=color, lw=0.6, ls="--")
            ax.set_xlabel("T target (K)")
            ax.set_ylabel(ylabel)
        plotted += 1
        c = store.context(u)
        rows.append([u] + [c.get(k, "") for k in keys] +
                    [store.scalar("sample_prep", f, u)[0] for f in ("tg_volume", "tg_energy", "tg_enthalpy")] +
                    [store.scalar("sample_prep", f, u) for f in
                     ("tg_heat_capacity", "is_energy", "is_volume", "number_density", "mass_density",
                      "is_pressure", "quench_steps")] + [store.wall[u]])
    header = (["unit"] + [short(k) for k in keys] +
              ["tg_volume_K", "tg_energy_K", "tg_enthalpy_K", "tg_heat_capacity_K", "is_energy_eV_per_atom",
               "is_volume_A3_per_atom", "number_density_per_A3", "mass_density_g_cm3", "is_pressure_bar",
               "quench_steps", "wall_seconds"])
    write_csv(os.path.join(out, f"{name}.samples.csv"), header, rows)
    if plotted:
        if plotted <= 8:
            axes[0, 0].legend(fontsize="x-small")
        fig.suptitle(f"{name}: quench curves (lines: kink fits, dots: T_g; dashed: T_g from C_p)", fontsize=9)
        fig.tight_layout()
        fig.savefig(os.path.join(out, f"{name}.quench.png"), dpi=DPI)
    plt.close(fig)


def structure_report(store, s, out):
    name = store.stage_names[s]
    kind = "structure_analysis"
    members = store.members(s)
    keys = varying_keys(store, members)
    scalars = ["icosahedral_fraction", "structural_entropy", "structural_diversity", "excess_entropy",
               "mean_centroid_offset", "energy", "fmax", "number_density", "mass_density", "pressure"]
    # f<0,0,12,0> among the atoms of species 0 and 1 (type order: Cu, Zr for the CuZr files).
    write_csv(os.path.join(out, f"{name}.indicators.csv"),
              ["unit"] + [short(k) for k in keys] + scalars + ["icosahedral_fraction_type0",
                                                               "icosahedral_fraction_type1"],
              [[u] + [store.context(u).get(k, "") for k in keys] +
               [store.scalar(kind, f, u) for f in scalars] +
               list(store.scalar(kind, "icosahedral_fraction_by_species", u)[:2]) for u in members])

    # RDFs: total g(r) of every sample, shifted for legibility (as seed 003, Fig. S1).
    rdf_rows = []
    fig, ax = plt.subplots(figsize=(5.5, max(3.5, 0.35 * len(members) + 2)))
    order = sorted(members, key=lambda u: [as_number(store.context(u).get(k)) for k in keys])
    for i, u in enumerate(order):
        r = store.series(kind, "rdf", "r", u)
        g = store.series(kind, "rdf", "g", u)
        gp = store.series(kind, "rdf", "g_partial", u)
        ax.plot(r, g + 1.0 * i, lw=0.8)
        ax.text(r[-1], 1.0 * i + 1.05, label(store, u, keys), fontsize=5, ha="right")
        for k in range(len(r)):
            rdf_rows.append([u, r[k], g[k]] + list(gp[k]))
    ax.set_xlabel("r (Å)")
    ax.set_ylabel("g(r) + offset")
    ax.set_title(f"{name}: total RDF per sample", fontsize=9)
    fig.tight_layout()
    fig.savefig(os.path.join(out, f"{name}.rdf.png"), dpi=DPI)
    plt.close(fig)
    write_csv(os.path.join(out, f"{name}.rdf.csv"),
              ["unit", "r", "g", "g_00", "g_01", "g_02", "g_11", "g_12", "g_22"], rdf_rows)

    # f<0,0,12,0> over the grid of the first two varying parameters.
    if len(keys) >= 2:
        kx, ky = keys[0], keys[1]
        xs = sorted({as_number(store.context(u)[kx]) for u in members})
        ys = sorted({as_number(store.context(u)[ky]) for u in members})
        grid = np.full((len(ys), len(xs)), np.nan)
        for u in members:
            c = store.context(u)
            i, j = ys.index(as_number(c[ky])), xs.index(as_number(c[kx]))
            grid[i, j] = np.nanmean([grid[i, j], store.scalar(kind, "icosahedral_fraction", u)])
        fig, ax = plt.subplots(figsize=(5, 4))
        im = ax.imshow(grid, origin="lower", aspect="auto", cmap="magma")
        ax.set_xticks(range(len(xs)), [f"{x:.3g}" for x in xs], fontsize=7)
        ax.set_yticks(range(len(ys)), [f"{y:.3g}" for y in ys], fontsize=7)
        ax.set_xlabel(short(kx))
        ax.set_ylabel(short(ky))
        for i in range(len(ys)):
            for j in range(len(xs)):
                if np.isfinite(grid[i, j]):
                    light = im.norm(grid[i, j]) > 0.6
                    ax.text(j, i, f"{grid[i, j]:.3f}", ha="center", va="center", fontsize=6,
                            color="k" if light else "w")
        fig.colorbar(im, label="f<0,0,12,0>")
        ax.set_title(f"{name}: icosahedral fraction", fontsize=9)
        fig.tight_layout()
        fig.savefig(os.path.join(out, f"{name}.icosahedral_fraction.png"), dpi=DPI)
        plt.close(fig)

    # Voronoi-index populations: the 12 most frequent indices over the stage.
    per_unit = {}
    for u in members:
        idx = store.per_atom(kind, "voronoi_index", u)
        per_unit[u] = Counter(tuple(int(v) for v in row) for row in idx)
    total = Counter()
    for c in per_unit.values():
        total.update(c)
    top = [k for k, _ in total.most_common(12)]
    write_csv(os.path.join(out, f"{name}.voronoi_indices.csv"),
              ["unit"] + [short(k) for k in keys] + ["<%d,%d,%d,%d>" % k for k in top],
              [[u] + [store.context(u).get(k, "") for k in keys] +
               [per_unit[u][k] / sum(per_unit[u].values()) for k in top] for u in members])
    shown = order if len(order) <= 6 else [order[0], order[len(order) // 2], order[-1]]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    width = 0.8 / len(shown)
    for n, u in enumerate(shown):
        frac = [per_unit[u][k] / sum(per_unit[u].values()) for k in top]
        ax.bar(np.arange(len(top)) + n * width, frac, width, label=label(store, u, keys))
    ax.set_xticks(np.arange(len(top)) + 0.4 - width / 2, ["<%d,%d,%d,%d>" % k for k in top], rotation=60, fontsize=6)
    ax.set_ylabel("fraction of atoms")
    ax.legend(fontsize="x-small")
    ax.set_title(f"{name}: Voronoi-index populations", fontsize=9)
    fig.tight_layout()
    fig.savefig(os.path.join(out, f"{name}.voronoi_indices.png"), dpi=DPI)
    plt.close(fig)


def inherent_report(store, s, out):
    name = store.stage_names[s]
    kind = "inherent_structures"
    members = store.members(s)
    rows = []
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.2))
    for u in members:
        # The target temperature of each snapshot from the sample_prep unit that took it.
        source = store.input_of(u)
        t = store.series("sample_prep", "snapshot", "snapshot_target_temperature", source)
        e = store.series(kind, "minimum", "is_energy", u)
        v = store.series(kind, "minimum", "is_volume", u)
        axes[0].plot(t, e, "o-", ms=3, label=f"unit {u}")
        axes[1].plot(t, v, "o-", ms=3)
        rows += [[u, t[k], store.series(kind, "minimum", "snapshot_temperature", u)[k], e[k], v[k]]
                 for k in range(len(t))]
    axes[0].set_xlabel("snapshot target T (K)")
    axes[0].set_ylabel("E_IS (eV/atom)")
    axes[1].set_xlabel("snapshot target T (K)")
    axes[1].set_ylabel("V/N of the snapshot (Å³)")
    fig.suptitle(f"{name}: inherent structures along the quench", fontsize=9)
    fig.tight_layout()
    fig.savefig(os.path.join(out, f"{name}.inherent.png"), dpi=DPI)
    plt.close(fig)
    write_csv(os.path.join(out, f"{name}.inherent.csv"),
              ["unit", "snapshot_target_temperature_K", "snapshot_kinetic_temperature_K", "is_energy_eV_per_atom",
               "volume_A3_per_atom"], rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    reports = {"sample_prep": quench_report, "structure_analysis": structure_report,
               "inherent_structures": inherent_report}
    with h5py.File(args.store, "r") as f:
        store = Store(f)
        for s, stage_name in enumerate(store.stage_names):
            kind = store.kind_of_stage(s)
            if kind in reports and store.members(s):
                reports[kind](store, s, args.out)
                print(f"{stage_name}: {kind} report written")


if __name__ == "__main__":
    main()
