#!/usr/bin/python3
"""Minima/transition-state networks of ART walks: PATHSAMPLE export and disconnectivity graphs.

usage:
  art_network.py export STORE.h5 OUTDIR
      one directory OUTDIR/walk-ROW per art_walk unit (ROW: its row in /results/art_walk)
      holding min.data and ts.data (PATHSAMPLE/OPTIM format, see write_pathsample)
  art_network.py dgraph (STORE.h5 | DIR) OUT.png [--spacing DE] [--walk ROW] [--atoms N]
      disconnectivity graph of one walk of a store, or of DIR/min.data + DIR/ts.data

Disconnectivity graph (Becker & Karplus, J. Chem. Phys. 106, 1495 (1997); Wales, Miller &
Walsh, Nature 394, 758 (1998)): energy levels L_k = L_0 − k·ΔE from just above the highest
transition state downwards (ΔE = --spacing, default 1/20 of the energy range). At each
level the minima below it are grouped into superbasins: two minima are in the same
superbasin when a chain of transition states all below the level joins them. Each
superbasin is a node, joined to the superbasin containing it one level up; a superbasin of
one minimum becomes a leaf that ends at the minimum's energy. Energies are plotted relative
to the lowest minimum (per atom with --atoms N, as seed 002 Fig. 7).
"""
import argparse
import os
import sys

import numpy as np

INT64_MISSING = np.iinfo(np.int64).min


# --- PATHSAMPLE files -------------------------------------------------------------------

# min.data: "E  fvib  pgorder  I1  I2  I3" per minimum; ts.data: "E  fvib  pgorder  min1
# min2  I1  I2  I3" per transition state, min1/min2 1-based lines of min.data (OPTIM/
# PATHSAMPLE documentation; read the same way by pele's optim_compatibility). fvib is
# ln Π ω² over the non-zero normal-mode frequencies, which needs the Hessian's eigenvalues:
# ART walks do not compute them, so it is written as 0.0 (equal for every stationary point,
# i.e. no entropic term in PATHSAMPLE rates). The point-group order is written as 1 (no
# symmetry detection). I1–I3 are the principal moments of inertia.
FVIB_PLACEHOLDER = 0.0
PGORDER_PLACEHOLDER = 1


def write_pathsample(directory, min_energy, min_moments, ts_energy, ts_from, ts_to, ts_moments):
    """ts_from/ts_to are 0-based indices into the minima; written 1-based."""
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "min.data"), "w") as out:
        for e, m in zip(min_energy, min_moments):
            out.write(f"{e:.10f} {FVIB_PLACEHOLDER:.1f} {PGORDER_PLACEHOLDER} {m[0]:.8f} {m[1]:.8f} {m[2]:.8f}\n")
    with open(os.path.join(directory, "ts.data"), "w") as out:
        for e, a, b, m in zip(ts_energy, ts_from, ts_to, ts_moments):
            out.write(f"{e:.10f} {FVIB_PLACEHOLDER:.1f} {PGORDER_PLACEHOLDER} {int(a) + 1} {int(b) + 1} "
                      f"{m[0]:.8f} {m[1]:.8f} {m[2]:.8f}\n")


def read_pathsample(directory):
    """(min_energy, ts_energy, ts_from, ts_to) with 0-based minimum indices."""
    minima = np.loadtxt(os.path.join(directory, "min.data"), ndmin=2)
    ts = np.loadtxt(os.path.join(directory, "ts.data"), ndmin=2)
    if ts.size == 0:
        return minima[:, 0], np.zeros(0), np.zeros(0, int), np.zeros(0, int)
    return minima[:, 0], ts[:, 0], ts[:, 3].astype(int) - 1, ts[:, 4].astype(int) - 1


# --- the store ---------------------------------------------------------------------------

def _series_rows(group, row):
    """Row range of unit `row` in a series group (row_offset: prefix sums, units + 1)."""
    offset = group["row_offset"][()]
    return int(offset[row]), int(offset[row + 1])


def _valid(values):
    values = np.asarray(values)
    if values.dtype.kind == "f":
        return ~np.isnan(values if values.ndim == 1 else values[:, 0])
    return (values if values.ndim == 1 else values[:, 0]) != INT64_MISSING


def read_walk(store, row):
    """The network of art_walk unit `row`: dict of numpy arrays (0-based indices)."""
    walk = store["results/art_walk"]
    lo, hi = _series_rows(walk["minima"], row)
    e = walk["minima/minimum_energy"][lo:hi]
    keep = _valid(e)
    net = {"min_energy": e[keep], "min_moments": walk["minima/minimum_moments"][lo:hi][keep]}
    lo, hi = _series_rows(walk["transition_states"], row)
    e = walk["transition_states/ts_energy"][lo:hi]
    keep = _valid(e)
    net["ts_energy"] = e[keep]
    net["ts_from"] = walk["transition_states/ts_minimum_from"][lo:hi][keep].astype(int)
    net["ts_to"] = walk["transition_states/ts_minimum_to"][lo:hi][keep].astype(int)
    net["ts_moments"] = walk["transition_states/ts_moments"][lo:hi][keep]
    return net


def walk_count(store):
    return len(store["results/art_walk/unit_id"])


# --- disconnectivity graph ---------------------------------------------------------------

def superbasins(min_energy, ts_energy, ts_from, ts_to, level):
    """Partition of the minima below `level` into superbasins joined by transition states
    below `level`: sorted list of sorted tuples of minimum indices."""
    n = len(min_energy)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    below = [min_energy[i] < level for i in range(n)]
    for e, a, b in zip(ts_energy, ts_from, ts_to):
        if e < level and below[a] and below[b]:
            parent[find(a)] = find(b)
    groups = {}
    for i in range(n):
        if below[i]:
            groups.setdefault(find(i), []).append(i)
    return sorted(tuple(sorted(g)) for g in groups.values())


def levels_for(min_energy, ts_energy, spacing=None):
    """Levels from just above the highest transition state (or minimum) down past the
    lowest minimum, `spacing` apart (default: 1/20 of the energy range)."""
    top = max(np.max(ts_energy) if len(ts_energy) else -np.inf, np.max(min_energy))
    bottom = np.min(min_energy)
    if spacing is None:
        spacing = (top - bottom) / 20 if top > bottom else 1.0
    if spacing <= 0:
        raise ValueError(f"level spacing must be > 0, got {spacing}")
    first = top + 0.5 * spacing
    count = int(np.ceil((first - bottom) / spacing)) + 1
    return first - spacing * np.arange(count), spacing


def build_tree(min_energy, ts_energy, ts_from, ts_to, levels):
    """Disconnectivity tree. Returns the root nodes (superbasins at levels[0]); a node is
    {"level": k, "minima": tuple, "children": [...]} and a leaf is {"minimum": i}."""
    partitions = [superbasins(min_energy, ts_energy, ts_from, ts_to, l) for l in levels]

    def node(k, minima):
        if len(minima) == 1:
            return {"minimum": minima[0]}
        children = []
        if k + 1 < len(levels):
            inside = set(minima)
            children = [node(k + 1, b) for b in partitions[k + 1] if b[0] in inside]
        present = {i for c in children for i in _minima_of(c)}
        children += [{"minimum": i} for i in minima if i not in present]  # drop out above L_k+1
        children.sort(key=lambda c: min(min_energy[i] for i in _minima_of(c)))
        return {"level": k, "minima": minima, "children": children}

    return [node(0, b) for b in partitions[0]]


def _minima_of(n):
    return (n["minimum"],) if "minimum" in n else n["minima"]


def _layout(n, next_x, xs):
    if "minimum" in n:
        xs[id(n)] = next_x[0]
        next_x[0] += 1.0
    else:
        for c in n["children"]:
            _layout(c, next_x, xs)
        xs[id(n)] = float(np.mean([xs[id(c)] for c in n["children"]]))


def draw(ax, roots, levels, min_energy, reference=0.0, scale=1.0):
    """Draws the tree on a matplotlib axis; energies plotted as (E − reference)·scale."""
    xs = {}
    counter = [0.0]
    for r in roots:
        _layout(r, counter, xs)

    def y(e):
        return (e - reference) * scale

    def visit(n, top):
        x = xs[id(n)]
        if "minimum" in n:
            e = min_energy[n["minimum"]]
            ax.plot([x, x], [y(top), y(e)], "k-", lw=0.6)
            return
        level = levels[n["level"]]
        ax.plot([x, x], [y(top), y(level)], "k-", lw=0.6)
        for c in n["children"]:
            below = levels[n["level"] + 1] if n["level"] + 1 < len(levels) else level
            cx = xs[id(c)]
            end = below if "minimum" not in c else max(min_energy[c["minimum"]], below)
            ax.plot([x, cx], [y(level), y(end)], "k-", lw=0.6)
            if "minimum" in c:
                ax.plot([cx, cx], [y(end), y(min_energy[c["minimum"]])], "k-", lw=0.6)
            else:
                visit(c, end)

    for r in roots:
        if "minimum" in r:
            visit(r, levels[0])
        else:
            visit(r, levels[r["level"]])
    ax.set_xticks([])


def plot_network(net, out_png, spacing=None, atoms=None, title=""):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    levels, spacing = levels_for(net["min_energy"], net["ts_energy"], spacing)
    roots = build_tree(net["min_energy"], net["ts_energy"], net["ts_from"], net["ts_to"], levels)
    fig, ax = plt.subplots(figsize=(7, 5))
    scale = 1.0 / atoms if atoms else 1.0
    draw(ax, roots, levels, net["min_energy"], reference=float(np.min(net["min_energy"])), scale=scale)
    ax.set_ylabel("E − E_min" + (" per atom" if atoms else "") + " (energy units)")
    ax.set_title(f"{title} {len(net['min_energy'])} minima, {len(net['ts_energy'])} TS, "
                 f"levels every {spacing:.3g}")
    fig.tight_layout()
    fig.savefig(out_png, dpi=130)
    plt.close(fig)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export")
    export.add_argument("store")
    export.add_argument("outdir")
    dgraph = sub.add_parser("dgraph")
    dgraph.add_argument("source", help="STORE.h5 or a directory with min.data and ts.data")
    dgraph.add_argument("out")
    dgraph.add_argument("--spacing", type=float, default=None, help="level spacing (energy)")
    dgraph.add_argument("--walk", type=int, default=0, help="row of the art_walk unit in the store")
    dgraph.add_argument("--atoms", type=int, default=None, help="plot energies per atom")
    args = parser.parse_args(argv)

    if args.command == "export":
        import h5py

        with h5py.File(args.store, "r") as store:
            for row in range(walk_count(store)):
                net = read_walk(store, row)
                write_pathsample(os.path.join(args.outdir, f"walk-{row}"), net["min_energy"], net["min_moments"],
                                 net["ts_energy"], net["ts_from"], net["ts_to"], net["ts_moments"])
        return 0
    if os.path.isdir(args.source):
        e, ts_e, a, b = read_pathsample(args.source)
        net = {"min_energy": e, "ts_energy": ts_e, "ts_from": a, "ts_to": b}
    else:
        import h5py

        with h5py.File(args.source, "r") as store:
            net = read_walk(store, args.walk)
    plot_network(net, args.out, args.spacing, args.atoms, title=os.path.basename(args.source))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
