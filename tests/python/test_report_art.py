#!/usr/bin/python3
"""tools/report_art.py on a synthetic store laid out like pelcamp's (units ledger, series
with row_offset, H5MD particles): entropy, mean, δ and the failed-event filter against
numbers worked out by hand, and a two-mode fit that recovers the parameters of samples drawn
from seed 002's model within its stated errors."""
import csv
import os
import sys
import tempfile
import unittest

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import report_art as ra  # noqa: E402


def write_store(path, samples, verdicts=None, params=None, inputs=None):
    """samples: list of (centres, e_initial, e_saddle, e_final, outcome); one art_search unit
    each, depending on a minimize unit whose structure is stored (unit `inputs[k]` when
    given); `params`: the ledger's parameter text of each art_search unit."""
    n = len(samples)
    inputs = list(range(n)) if inputs is None else inputs
    with h5py.File(path, "w") as f:
        ids = np.arange(1, 2 * n + 1, dtype=np.uint64)  # minimize units 1..n, art_search n+1..2n
        u = f.create_group("units")
        u["id"] = ids
        u["stage"] = np.array([0] * n + [1] * n, dtype=np.int32)
        u["stage_names"] = np.array([b"quench", b"art"])
        u["depends_on"] = np.array([b""] * n + [b"%016x" % (inputs[k] + 1) for k in range(n)])
        if params is not None:
            u["params"] = np.array([b""] * n + [p.encode() for p in params])
        u["particle_group"] = np.array([0] * n + [-1] * n, dtype=np.int32)
        u["particle_frame"] = np.array(list(range(n)) + [0] * n, dtype=np.uint64)
        u["particle_group_names"] = np.array([b"quench"])
        g = f.create_group("particles/quench")
        rng = np.random.default_rng(1)
        g["position/value"] = rng.uniform(0, 8, size=(n, 8, 3))
        g["box/edges/value"] = np.tile(np.eye(3) * 8.0, (n, 1, 1))
        g["box/origin"] = np.zeros((n, 3))
        r = f.create_group("results/art_search")
        r["unit_id"] = ids[n:]
        offsets = np.cumsum([0] + [len(s[0]) for s in samples]).astype(np.uint64)
        ev = r.create_group("events")
        ev["row_offset"] = offsets
        for k, name in enumerate(["centre", "energy_initial", "energy_saddle", "energy_final", "outcome"]):
            values = np.concatenate([np.asarray(s[k], dtype=float) for s in samples])
            ev[name] = values.astype(np.int64) if name in ("centre", "outcome") else values
        if verdicts is not None:
            ev["verdict"] = np.concatenate(verdicts).astype(np.int64)


def read_csv(path):
    with open(path) as f:
        return list(csv.DictReader(f))


class ReportArt(unittest.TestCase):
    def test_entropy_mean_delta_and_filter(self):
        # Sample 0: barriers 0.01, 0.06, 0.07, 0.08 (bins 0 and 1 hold ¼ and ¾) plus a failed
        # event (E_sad < E_ini) and an unsuccessful one (outcome 1), both dropped.
        s0 = ([0, 1, 2, 3, 4, 5], [0] * 6, [0.01, 0.06, 0.07, 0.08, -0.1, 0.5],
              [-0.1] * 6, [0, 0, 0, 0, 0, 1])
        # Sample 1: the same four barriers in another order: δ = 0 to sample 0.
        s1 = ([7, 6, 5, 4], [1.0] * 4, [1.08, 1.07, 1.01, 1.06], [0.9] * 4, [0] * 4)
        with tempfile.TemporaryDirectory() as d:
            store = os.path.join(d, "s.h5")
            write_store(store, [s0, s1])
            self.assertEqual(ra.main([store, os.path.join(d, "out")]), 0)
            rows = read_csv(os.path.join(d, "out", "spectra.csv"))
            self.assertEqual([r["sample"] for r in rows], ["art-0", "art-1"])
            expected = -0.25 * np.log(0.25) - 0.75 * np.log(0.75)
            for r in rows:
                self.assertEqual(int(r["events"]), 4)
                self.assertAlmostEqual(float(r["entropy_nats"]), expected, places=12)
                self.assertAlmostEqual(float(r["diversity"]), np.exp(expected), places=12)
                self.assertAlmostEqual(float(r["mean_barrier"]), 0.055, places=12)
            with open(os.path.join(d, "out", "delta.csv")) as f:
                delta = [row[1:] for row in csv.reader(f)][1:]
            self.assertAlmostEqual(float(delta[0][1]), 0.0, places=14)
            slabs = read_csv(os.path.join(d, "out", "slabs-art-0.csv"))
            self.assertEqual(len(slabs), 8)  # 8 Å box, 3.95 Å cells: 2 × 2 × 2
            self.assertEqual(sum(int(r["atoms_with_events"]) for r in slabs), 4)  # atoms 0–3
            for name in ("spectra.png", "delta.png", "slabs-art-0.png"):
                self.assertTrue(os.path.exists(os.path.join(d, "out", name)))

    def test_filter_verdicts_of_the_unit_are_used(self):
        # verdict 0 = kept; the duplicate (3) and the failed (1) events are left out even
        # though they look successful.
        s0 = ([0, 1, 2, 3], [0] * 4, [0.01, 0.06, 0.07, 0.08], [-0.1] * 4, [0] * 4)
        with tempfile.TemporaryDirectory() as d:
            store = os.path.join(d, "s.h5")
            write_store(store, [s0], verdicts=[np.array([0, 3, 0, 1])])
            self.assertEqual(ra.main([store, os.path.join(d, "out")]), 0)
            row = read_csv(os.path.join(d, "out", "spectra.csv"))[0]
            self.assertEqual(int(row["events"]), 2)
            self.assertAlmostEqual(float(row["mean_barrier"]), 0.04, places=12)
            self.assertAlmostEqual(float(row["entropy_nats"]), np.log(2), places=12)

    def test_batches_of_one_sample_are_pooled(self):
        # Units 0 and 1: batches 0 and 1 of one sample (same input, same parameters but
        # `batch`); unit 2: the same parameters on another input, its own sample.
        a = ([0, 1], [0] * 2, [0.01, 0.06], [-0.1] * 2, [0] * 2)
        b = ([2, 3], [0] * 2, [0.07, 0.08], [-0.1] * 2, [0] * 2)
        c = ([0, 1], [0] * 2, [0.5, 0.5], [-0.1] * 2, [0] * 2)
        params = ["atoms=first:4;batch=0;snapshot=-1", "atoms=first:4;batch=1;snapshot=-1",
                  "atoms=first:4;batch=0;snapshot=-1"]
        with tempfile.TemporaryDirectory() as d:
            store = os.path.join(d, "s.h5")
            write_store(store, [a, b, c], params=params, inputs=[0, 0, 1])
            self.assertEqual(ra.main([store, os.path.join(d, "out")]), 0)
            rows = read_csv(os.path.join(d, "out", "spectra.csv"))
            self.assertEqual([r["sample"] for r in rows], ["art-0", "art-1"])
            self.assertEqual([int(r["events"]) for r in rows], [4, 2])
            self.assertAlmostEqual(float(rows[0]["mean_barrier"]), 0.055, places=12)
            slabs = read_csv(os.path.join(d, "out", "slabs-art-0.csv"))
            self.assertEqual(sum(int(r["atoms_with_events"]) for r in slabs), 4)

    def test_art_configurations_by_event(self):
        import pelcamp_store
        missing = np.iinfo(np.int64).min
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "s.h5")
            with h5py.File(path, "w") as f:
                g = f.create_group("results/art_search/configurations")
                g["row_offset"] = np.array([0, 4, 6], dtype=np.uint64)  # 2 atoms per event
                g["event"] = np.array([0, 0, missing, missing, 1, missing], dtype=np.int64)
                g["atom"] = np.array([5, 2, missing, missing, 7, missing], dtype=np.int64)
                g["saddle_position"] = np.arange(18, dtype=float).reshape(6, 3)
                g["final_position"] = np.full((6, 3), np.nan)
            with h5py.File(path, "r") as f:
                first = pelcamp_store.art_configurations(f, 0)
                second = pelcamp_store.art_configurations(f, 1)
            self.assertEqual(sorted(first), [0])
            atoms, saddle, final = first[0]
            self.assertEqual(list(atoms), [5, 2])
            self.assertEqual(saddle.tolist(), [[0, 1, 2], [3, 4, 5]])
            self.assertTrue(np.all(np.isnan(final)))
            self.assertEqual(list(second[1][0]), [7])  # one moved atom: the other row unused

    def test_fit_recovers_model_parameters(self):
        rng = np.random.default_rng(7)
        w, eps, mu, sigma, n = 0.25, 0.14, 1.2, 0.64, 40000
        mode_one = rng.random(n) < w
        barriers = np.where(mode_one, rng.exponential(eps, n), 0.0)
        # Mode II, density ∝ E exp(−(E−μ)²/(2σ²)) on E ≥ 0, by rejection.
        top = mu + 8 * sigma
        grid = np.linspace(0, top, 10001)
        peak = np.max(grid * np.exp(-((grid - mu) ** 2) / (2 * sigma**2)))
        need = np.flatnonzero(~mode_one)
        drawn = []
        while len(drawn) < len(need):
            e = rng.uniform(0, top, 4 * len(need))
            ok = rng.uniform(0, 1.01 * peak, e.size) < e * np.exp(-((e - mu) ** 2) / (2 * sigma**2))
            drawn.extend(e[ok])
        barriers[need] = drawn[: len(need)]
        counts = ra.histogram(barriers, 0.05, int(barriers.max() // 0.05) + 1)
        p, err, reduced = ra.fit(counts, 0.05)
        ray = sigma**2 * np.exp(-mu**2 / (2 * sigma**2)) + mu * sigma * np.sqrt(np.pi / 2) * (
            1 + np.vectorize(__import__("math").erf)(mu / (sigma * np.sqrt(2))))
        truth = [w, eps, (1 - w) / ray, mu, sigma]
        self.assertLess(reduced, 1.5)
        for k in range(5):
            self.assertLess(abs(p[k] - truth[k]), 4 * err[k], f"parameter {k}")


if __name__ == "__main__":
    unittest.main()
