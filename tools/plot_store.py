#!/usr/bin/python3
"""Figures of a pelcamp store, read directly with h5py (works on a copy of the store alone).

usage: plot_store.py STORE.h5 OUTDIR

Writes OUTDIR/status.png (units per stage and status), OUTDIR/wall_seconds.png (time per
unit, by stage) and, for every stage and every per-unit scalar output, OUTDIR/STAGE.FIELD.png:
the output against the first numeric parameter that varies in the stage, one line per
combination of the other varying parameters, mean over replicas with the standard deviation
as error bars.
"""
import os
import sys
from collections import defaultdict

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from pelcamp_store import as_number, parse_params, text  # noqa: E402

STATUSES = ["pending", "done", "failed", "skipped", "quarantined"]


def main(store_path, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    with h5py.File(store_path, "r") as f:
        units = f["units"]
        stage_names = text(units["stage_names"][()])
        kind_names = text(units["kind_names"][()])
        stage = units["stage"][()]
        kind = units["kind"][()]
        kind_row = units["kind_row"][()]
        params = [parse_params(p) for p in text(units["params"][()])]
        inherited = [parse_params(p) for p in text(units["inherited"][()])]
        state = units["state"][()]
        status = state["status"]
        wall = state["wall_seconds"]

        # Units per stage and status.
        fig, ax = plt.subplots(figsize=(max(4, 1.2 * len(stage_names)), 3.5))
        bottom = np.zeros(len(stage_names))
        for code, name in enumerate(STATUSES):
            counts = np.array([np.sum((stage == s) & (status == code)) for s in range(len(stage_names))])
            if counts.any():
                ax.bar(stage_names, counts, bottom=bottom, label=name)
                bottom += counts
        ax.set_ylabel("units")
        ax.set_title(os.path.basename(store_path))
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(out_dir, "status.png"), dpi=120)
        plt.close(fig)

        done = status == 1
        if done.any():
            fig, ax = plt.subplots(figsize=(5, 3.5))
            for s, name in enumerate(stage_names):
                w = wall[done & (stage == s)]
                if len(w):
                    ax.hist(w, bins=30, alpha=0.6, label=name)
            ax.set_xlabel("wall time per unit (s)")
            ax.set_ylabel("units")
            ax.legend()
            fig.tight_layout()
            fig.savefig(os.path.join(out_dir, "wall_seconds.png"), dpi=120)
            plt.close(fig)

        for s, stage_name in enumerate(stage_names):
            members = np.where((stage == s) & done)[0]
            if len(members) == 0:
                continue
            k = kind[members[0]]
            group = f["results"][kind_names[k]]
            context = [dict(inherited[u], **params[u]) for u in members]
            # The stage's own parameters first, then those inherited from its inputs; replica
            # numbers (own or inherited) are averaged over, never plotted against.
            own = sorted({key for u in members for key in params[u]})
            keys = own + sorted({key for c in context for key in c} - set(own))
            varying = [key for key in keys
                       if key != "replica" and not key.endswith(".replica")
                       and len({c.get(key) for c in context}) > 1]
            numeric = [key for key in varying if all(as_number(c.get(key, "")) is not None for c in context)]
            if not numeric:
                continue
            x_key = numeric[0]
            others = [key for key in varying if key != x_key]
            for series, table in group.items():
                if isinstance(table, h5py.Group):
                    plot_series(stage_name, series, table, [int(kind_row[u]) for u in members], out_dir)
            for field, dataset in group.items():
                if not isinstance(dataset, h5py.Dataset) or field in ("unit_id", "atom_offset") or dataset.ndim != 1:
                    continue
                if dataset.attrs.get("rows", b"") not in (b"per unit (kind_row)", "per unit (kind_row)"):
                    continue
                values = dataset[()]
                lines = defaultdict(lambda: defaultdict(list))
                for u, c in zip(members, context):
                    label = ", ".join(f"{o}={c.get(o)}" for o in others)
                    lines[label][as_number(c[x_key])].append(float(values[kind_row[u]]))
                fig, ax = plt.subplots(figsize=(5, 3.5))
                for label, points in sorted(lines.items()):
                    xs = sorted(points)
                    ys = [np.mean(points[x]) for x in xs]
                    es = [np.std(points[x]) for x in xs]
                    if not np.isfinite(ys).any():
                        continue  # a field the units do not have (all NaN)
                    ax.errorbar(xs, ys, yerr=es, marker="o", capsize=3, label=label or None)
                unit = dataset.attrs.get("unit", "")
                unit = unit.decode() if isinstance(unit, bytes) else unit
                ax.set_xlabel(x_key)
                ax.set_ylabel(f"{field} [{unit}]" if unit else field)
                ax.set_title(f"{stage_name}: {field}")
                if any(label for label in lines):
                    ax.legend(fontsize="small")
                fig.tight_layout()
                fig.savefig(os.path.join(out_dir, f"{stage_name}.{field}.png"), dpi=120)
                plt.close(fig)
    return 0


def plot_series(stage_name, series, table, rows, out_dir, max_lines=12):
    """One figure per column of a series against its first column, a line per unit."""
    offset = table["row_offset"][()]
    columns = [name for name, d in table.items() if name != "row_offset" and d.ndim == 1]
    if len(columns) < 2:
        return
    x_name = columns[0]
    x_all = table[x_name][()].astype(float)
    for y_name in columns[1:]:
        y_all = table[y_name][()].astype(float)
        fig, ax = plt.subplots(figsize=(5, 3.5))
        for row in rows[:max_lines]:
            part = slice(offset[row], offset[row + 1])
            ax.plot(x_all[part], y_all[part], lw=1)
        ax.set_xlabel(x_name)
        ax.set_ylabel(y_name)
        ax.set_title(f"{stage_name}: {series}" + (f" (first {max_lines} units)" if len(rows) > max_lines else ""))
        fig.tight_layout()
        fig.savefig(os.path.join(out_dir, f"{stage_name}.{series}.{y_name}.png"), dpi=120)
        plt.close(fig)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
