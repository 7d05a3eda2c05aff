#!/usr/bin/python3
"""Sun & Gong analysis of a pelcamp store (physics.md §1; seeds 000/001): the figures 1–7 of
the paper and CSV tables, from the `cluster_temperature_point` units of a store.

usage: report_sun_gong.py STORE.h5 OUTDIR [--title TEXT] [--trace-temperature K]

Per flattening ε (units averaged over replicas at equal T):
  fig1_energy.png     E(T) per atom (E = K + φ*, mean)
  fig2_volume.png     V(T), the uniform-ellipsoid volume of the gyration tensor
  fig3_heat_capacity.png  C_v(T)/(N k_B) from fluctuations (points) and from dE/dT (lines)
  fig4_delta_r.png    ΔR(T) with the low- and high-T linear fits that give T_g
  fig5_diffusion.png  D(T) on log scale vs 1/T with two Arrhenius fits
  fig6_trace.png      E_c(t) and R_c(t) (Δt = window of the unit) at the T closest to 400 K
  fig7_temperatures.png   T_s, T_g, T_m vs ε
  points.csv          one row per (ε, T)
  summary.csv         one row per ε: T_s, T_g (from ΔR and from E), T_m, activation
                      energies, φ_s of eq. (3) and warnings

Rules (stated in summary.csv's header too):
  T_m  the interval between neighbouring temperatures with the largest rise of E(T); it is
       a jump (first-order-like) when that rise exceeds JUMP_FACTOR × the median rise of the
       other intervals and |ΔR| changes in the same interval by more than JUMP_FACTOR × the
       median change of ΔR (ΔR rises for Al55 and falls for the elongated Al43); T_m is the
       interval's midpoint.
  T_g  intersection of straight lines fitted to the lowest and highest FIT_FRACTION of the
       temperatures (at least 2 points each), for ΔR(T) (the paper's choice) and for E(T);
       only an intersection between the two fit windows counts (else NaN).
  T_s  the first temperature at which ΔR departs from the line through the ONSET_POINTS
       lowest temperatures (either way) by more
       than ONSET_SIGMA times the residual standard deviation of that fit, and by ONSET_MIN Å
       at least.
  D    two Arrhenius fits ln D = ln D₀ − E_a/(k_B T), below and above T_m (else T_g from ΔR,
       else T_g from E); E_a in eV. Points with D ≤ 0 (no measurable diffusion) are left out.
  φ_s  root of 1 + ε m (φ_s − φ₀)^(m−1) = 0, eq. (3): φ_s = φ₀ − sign(ε)|ε m|^(−1/(m−1)).
       For ε < 0 it lies above φ₀, where φ* = φ, so no extra stationary point exists. Warned
       when a unit flagged phi_s_near or when the sampled φ comes within N k_B T of φ_s.
"""
import argparse
import csv
import os
import warnings
from collections import defaultdict

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from pelcamp_store import parse_params, text  # noqa: E402

KIND = "cluster_temperature_point"
KB = 8.617333262e-5  # eV/K (metal units, as core/units.hpp)
JUMP_FACTOR = 4.0
FIT_FRACTION = 0.3
ONSET_SIGMA = 3.0
ONSET_MIN = 0.05
ONSET_POINTS = 4


def read_units(path):
    """Per done temperature-point unit: params, atoms, scalar fields, series rows."""
    with h5py.File(path, "r") as f:
        u = f["units"]
        kinds = text(u["kind_names"][()])
        if KIND not in kinds:
            raise SystemExit(f"{path}: no {KIND} units")
        kind_code = kinds.index(KIND)
        status = u["state"][()]["status"]
        params = text(u["params"][()])
        rows = u["kind_row"][()]
        atoms = u["atoms"][()]
        group = f["results"][KIND]
        scalars = {name: ds[()] for name, ds in group.items()
                   if isinstance(ds, h5py.Dataset) and ds.ndim == 1 and name not in ("unit_id",)
                   and ds.shape[0] == len(group["unit_id"])}
        series = {}
        for name, sub in group.items():
            if isinstance(sub, h5py.Group) and "row_offset" in sub:
                series[name] = {field: ds[()] for field, ds in sub.items()}
        out = []
        for i in np.where((u["kind"][()] == kind_code) & (status == 1))[0]:
            p = parse_params(params[i])
            row = int(rows[i])
            rec = {"eps": float(p["epsilon"]), "T": float(p["temperature"]), "phi0": float(p["phi0_per_atom"]),
                   "m": int(p["m"]), "N": int(atoms[i])}
            rec.update({k: float(v[row]) for k, v in scalars.items()})
            for name, s in series.items():
                off = s["row_offset"]
                lo, hi = int(off[row]), int(off[row + 1])
                rec[name] = {field: v[lo:hi] for field, v in s.items() if field != "row_offset"}
            out.append(rec)
    return out


def line_fit(x, y):
    a, b = np.polyfit(x, y, 1)
    resid = y - (a * x + b)
    return a, b, float(np.std(resid)) if len(x) > 2 else 0.0


def glass_temperature(t, y):
    n = max(2, int(round(FIT_FRACTION * len(t))))
    if len(t) < 4 or 2 * n > len(t) + 1:
        return np.nan, None, None
    lo, hi = line_fit(t[:n], y[:n]), line_fit(t[-n:], y[-n:])
    if abs(lo[0] - hi[0]) < 1e-300:
        return np.nan, lo, hi
    tg = (hi[1] - lo[1]) / (lo[0] - hi[0])
    return (tg if t[n - 1] <= tg <= t[-n] else np.nan), lo, hi


def melting_jump(t, e, dr):
    if len(t) < 4:
        return np.nan, 0.0
    rises = np.diff(e)
    k = int(np.argmax(rises))
    others = np.delete(rises, k)
    ratio = rises[k] / max(np.median(others), 1e-12)
    shape = np.abs(np.diff(dr))
    shape_ratio = shape[k] / max(np.median(np.delete(shape, k)), 1e-12)
    if ratio > JUMP_FACTOR and shape_ratio > JUMP_FACTOR:
        return 0.5 * (t[k] + t[k + 1]), ratio
    return np.nan, ratio


def onset_temperature(t, dr):
    n = ONSET_POINTS
    if len(t) <= n:
        return np.nan
    a, b, sigma = line_fit(t[:n], dr[:n])
    excess = np.abs(dr - (a * t + b))
    above = np.where(excess > max(ONSET_SIGMA * sigma, ONSET_MIN))[0]
    return float(t[above[0]]) if len(above) else np.nan


def arrhenius(t, d):
    ok = d > 0
    if ok.sum() < 2:
        return np.nan, None
    slope, intercept = np.polyfit(1.0 / t[ok], np.log(d[ok]), 1)
    return -slope * KB, (slope, intercept)


def phi_s(eps, phi0, m):
    if eps == 0:
        return np.nan
    return phi0 - np.sign(eps) * abs(eps * m) ** (-1.0 / (m - 1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("store")
    ap.add_argument("out")
    ap.add_argument("--title", default="")
    ap.add_argument("--trace-temperature", type=float, default=400.0)
    args = ap.parse_args()
    warnings.simplefilter("ignore", RuntimeWarning)  # NaN means of unavailable D are expected
    os.makedirs(args.out, exist_ok=True)
    units = read_units(args.store)
    by_eps = defaultdict(lambda: defaultdict(list))
    for r in units:
        by_eps[r["eps"]][r["T"]].append(r)
    eps_list = sorted(by_eps)
    n_atoms = units[0]["N"]
    fields = ["total_energy", "heat_capacity", "volume", "delta_r", "diffusion", "phi_min", "phi_max", "phi_s_near"]
    curves, summary, points = {}, [], []
    for eps in eps_list:
        ts = np.array(sorted(by_eps[eps]))
        mean = {f: np.array([np.nanmean([r[f] for r in by_eps[eps][t]]) for t in ts]) for f in fields}
        e = mean["total_energy"] / n_atoms
        cv_fl = mean["heat_capacity"] / (n_atoms * KB)
        cv_de = np.gradient(e, ts) / KB if len(ts) > 1 else np.full_like(ts, np.nan)
        tm, jump_ratio = melting_jump(ts, e, mean["delta_r"])
        tg_dr, lo, hi = glass_temperature(ts, mean["delta_r"])
        tg_e = glass_temperature(ts, e)[0]
        t_s = onset_temperature(ts, mean["delta_r"])
        split = tm if np.isfinite(tm) else (tg_dr if np.isfinite(tg_dr) else tg_e)
        d = mean["diffusion"]
        ea_lo = ea_hi = np.nan
        fits = (None, None)
        if np.isfinite(split):
            ea_lo, f_lo = arrhenius(ts[ts < split], d[ts < split])
            ea_hi, f_hi = arrhenius(ts[ts > split], d[ts > split])
            fits = (f_lo, f_hi)
        r0 = by_eps[eps][ts[0]][0]
        ps = phi_s(eps, r0["phi0"] * n_atoms, r0["m"])
        warn = []
        if any(mean["phi_s_near"] > 0):
            warn.append("units flagged phi_s_near at T=" + ",".join(f"{t:g}" for t in ts[mean["phi_s_near"] > 0]))
        if np.isfinite(ps):
            gap = np.minimum(abs(mean["phi_min"] - ps), abs(mean["phi_max"] - ps))
            close = gap < n_atoms * KB * ts
            if close.any():
                warn.append("sampled phi within N k_B T of phi_s at T=" + ",".join(f"{t:g}" for t in ts[close]))
        curves[eps] = dict(T=ts, E=e, cv_fl=cv_fl, cv_de=cv_de, V=mean["volume"], dR=mean["delta_r"], D=d,
                           lo=lo, hi=hi, tg=tg_dr, tm=tm, ts=t_s, fits=fits, split=split)
        summary.append(dict(epsilon=eps, T_s=t_s, T_g_deltaR=tg_dr, T_g_energy=tg_e, T_m=tm,
                            jump_ratio=jump_ratio, Ea_low_eV=ea_lo, Ea_high_eV=ea_hi, phi_s_eV=ps,
                            phi0_eV=r0["phi0"] * n_atoms, m=r0["m"], warnings="; ".join(warn)))
        for i, t in enumerate(ts):
            points.append(dict(epsilon=eps, T=t, replicas=len(by_eps[eps][t]), E_per_atom=e[i], Cv_fluct_kB=cv_fl[i],
                               Cv_dEdT_kB=cv_de[i], volume=mean["volume"][i], delta_r=mean["delta_r"][i], D=d[i],
                               phi_min=mean["phi_min"][i], phi_max=mean["phi_max"][i]))
        for w in warn:
            print(f"WARNING eps={eps:g}: {w}")

    for name, rows in (("points.csv", points), ("summary.csv", summary)):
        with open(os.path.join(args.out, name), "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)

    title = args.title or os.path.basename(args.store)
    colors = plt.cm.viridis(np.linspace(0, 0.9, len(eps_list)))

    def per_eps_figure(fname, key, ylabel, log=False, extra=None):
        fig, ax = plt.subplots(figsize=(5, 3.6))
        for c, eps in zip(colors, eps_list):
            cv = curves[eps]
            ax.plot(cv["T"], cv[key], "o-", color=c, ms=3, label=f"ε = {eps:g}")
            if extra:
                extra(ax, cv, c)
        ax.set_xlabel("T (K)")
        ax.set_ylabel(ylabel)
        if log:
            ax.set_yscale("log")
        ax.set_title(title, fontsize=9)
        ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(os.path.join(args.out, fname), dpi=90)
        plt.close(fig)

    def mark_tm(ax, cv, c):
        if np.isfinite(cv["tm"]):
            ax.axvline(cv["tm"], color=c, ls=":", lw=0.8)

    per_eps_figure("fig1_energy.png", "E", "E per atom (eV)", extra=mark_tm)
    per_eps_figure("fig2_volume.png", "V", "V (Å³)", extra=mark_tm)

    def dedt(ax, cv, c):
        ax.plot(cv["T"], cv["cv_de"], "--", color=c, lw=1)
    per_eps_figure("fig3_heat_capacity.png", "cv_fl", "C_v / (N k_B): fluct. (o), dE/dT (--)", extra=dedt)

    def tg_lines(ax, cv, c):
        # Each branch's line from its end of the grid to T_g (or across the grid without T_g).
        t_lo, t_hi = cv["T"][0], cv["T"][-1]
        tg = cv["tg"] if np.isfinite(cv["tg"]) else None
        for fit, span in ((cv["lo"], (t_lo, tg or t_hi)), (cv["hi"], (tg or t_lo, t_hi))):
            if fit is not None:
                x = np.array(span)
                ax.plot(x, fit[0] * x + fit[1], "--", color=c, lw=0.8)
        if tg:
            ax.axvline(tg, color=c, ls=":", lw=0.8)
    per_eps_figure("fig4_delta_r.png", "dR", "ΔR = R_max − R_min (Å)", extra=tg_lines)

    fig, ax = plt.subplots(figsize=(5, 3.6))
    for c, eps in zip(colors, eps_list):
        cv = curves[eps]
        ok = cv["D"] > 0
        ax.plot(1000.0 / cv["T"][ok], cv["D"][ok], "o", color=c, ms=3, label=f"ε = {eps:g}")
        for fit, side in zip(cv["fits"], (cv["T"] < cv["split"], cv["T"] > cv["split"])):
            if fit is not None:
                x = 1.0 / cv["T"][side]
                ax.plot(1000 * x, np.exp(fit[0] * x + fit[1]), "-", color=c, lw=0.8)
    ax.set_yscale("log")
    ax.set_xlabel("1000 / T (1/K)")
    ax.set_ylabel("D (Å²/ps)")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "fig5_diffusion.png"), dpi=90)
    plt.close(fig)

    fig, axes = plt.subplots(len(eps_list), 1, figsize=(6, 1.8 * len(eps_list) + 0.6), squeeze=False)
    for ax, eps in zip(axes[:, 0], eps_list):
        t = min(by_eps[eps], key=lambda t: abs(t - args.trace_temperature))
        r = by_eps[eps][t][0]
        tr = r.get("trace")
        if not tr or len(tr["window_start"]) == 0:
            continue
        ok = np.isfinite(tr["e_c"])
        ax.plot(tr["window_start"][ok], tr["e_c"][ok] / n_atoms, "-", color="C0", lw=0.8)
        ax.set_ylabel("E_c/N (eV)", color="C0", fontsize=8)
        ax2 = ax.twinx()
        ax2.plot(tr["window_start"][ok], tr["r_c"][ok], "-", color="C3", lw=0.8)
        ax2.set_ylabel("R_c (Å)", color="C3", fontsize=8)
        ax.set_title(f"ε = {eps:g}, T = {t:g} K", fontsize=8)
    axes[-1, 0].set_xlabel("t (ps)")
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "fig6_trace.png"), dpi=90)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(5, 3.6))
    for key, marker in (("T_s", "s"), ("T_g_deltaR", "o"), ("T_m", "^")):
        ax.plot([s["epsilon"] for s in summary], [s[key] for s in summary], marker + "-", label=key)
    ax.set_xlabel("ε")
    ax.set_ylabel("T (K)")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "fig7_temperatures.png"), dpi=90)
    plt.close(fig)
    for s in summary:
        print("eps={epsilon:g}: T_s={T_s:.0f} T_g(ΔR)={T_g_deltaR:.0f} T_g(E)={T_g_energy:.0f} T_m={T_m:.0f} "
              "(jump ratio {jump_ratio:.1f}) Ea_low={Ea_low_eV:.3f} Ea_high={Ea_high_eV:.3f} phi_s={phi_s_eV:.2f}".format(**s))


if __name__ == "__main__":
    main()
