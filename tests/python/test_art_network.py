#!/usr/bin/python3
"""tools/art_network.py on a hand-made network of four minima:

    minima  0: −3.0   1: −2.0   2: −2.5   3: −1.0
    TS      0–1 at −1.5,  1–2 at −0.5,  2–3 at +0.5

Superbasins by hand: below 1.0 all four are joined; below 0.0 {0,1,2} and {3}; below −1.0
{0,1} and {2} (minimum 3 is not below); below −2.2 {0} and {2}.
"""
import os
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import art_network as an  # noqa: E402

MIN_E = np.array([-3.0, -2.0, -2.5, -1.0])
TS_E = np.array([-1.5, -0.5, 0.5])
TS_A = np.array([0, 1, 2])
TS_B = np.array([1, 2, 3])


def shape(n):
    if "minimum" in n:
        return n["minimum"]
    return (n["level"], n["minima"], [shape(c) for c in n["children"]])


class Superbasins(unittest.TestCase):
    def test_partitions_at_levels(self):
        self.assertEqual(an.superbasins(MIN_E, TS_E, TS_A, TS_B, 1.0), [(0, 1, 2, 3)])
        self.assertEqual(an.superbasins(MIN_E, TS_E, TS_A, TS_B, 0.0), [(0, 1, 2), (3,)])
        self.assertEqual(an.superbasins(MIN_E, TS_E, TS_A, TS_B, -1.0), [(0, 1), (2,)])
        self.assertEqual(an.superbasins(MIN_E, TS_E, TS_A, TS_B, -2.2), [(0,), (2,)])
        self.assertEqual(an.superbasins(MIN_E, TS_E, TS_A, TS_B, -2.8), [(0,)])

    def test_levels(self):
        levels, spacing = an.levels_for(MIN_E, TS_E, 1.0)
        np.testing.assert_allclose(levels, [1.0, 0.0, -1.0, -2.0, -3.0])
        self.assertEqual(spacing, 1.0)
        with self.assertRaises(ValueError):
            an.levels_for(MIN_E, TS_E, 0.0)

    def test_tree(self):
        levels, _ = an.levels_for(MIN_E, TS_E, 1.0)
        roots = an.build_tree(MIN_E, TS_E, TS_A, TS_B, levels)
        # Level 0 (1.0): everything; level 1 (0.0): {0,1,2} + leaf 3; level 2 (−1.0): {0,1}
        # + leaf 2; level 3 (−2.0): leaf 0, and minimum 1 (E = −2.0) drops out as a leaf.
        self.assertEqual([shape(r) for r in roots],
                         [(0, (0, 1, 2, 3), [(1, (0, 1, 2), [(2, (0, 1), [0, 1]), 2]), 3])])

    def test_disconnected_minimum_is_its_own_root(self):
        levels, _ = an.levels_for(np.append(MIN_E, -0.2), TS_E, 1.0)
        roots = an.build_tree(np.append(MIN_E, -0.2), TS_E, TS_A, TS_B, levels)
        self.assertEqual(sorted(shape(r) if "minimum" in r else -1 for r in roots), [-1, 4])


class Pathsample(unittest.TestCase):
    def test_round_trip_and_columns(self):
        with tempfile.TemporaryDirectory() as d:
            moments = np.arange(12.0).reshape(4, 3)
            an.write_pathsample(d, MIN_E, moments, TS_E, TS_A, TS_B, moments[:3])
            with open(os.path.join(d, "ts.data")) as f:
                rows = [line.split() for line in f]
            self.assertEqual(len(rows), 3)
            self.assertEqual(len(rows[0]), 8)  # E fvib pgorder min1 min2 I1 I2 I3
            self.assertEqual((rows[0][3], rows[0][4]), ("1", "2"))  # 1-based
            with open(os.path.join(d, "min.data")) as f:
                self.assertEqual(len(f.readline().split()), 6)
            e, ts_e, a, b = an.read_pathsample(d)
            np.testing.assert_allclose(e, MIN_E)
            np.testing.assert_allclose(ts_e, TS_E)
            np.testing.assert_array_equal(a, TS_A)
            np.testing.assert_array_equal(b, TS_B)
            out = os.path.join(d, "dg.png")
            an.main(["dgraph", d, out, "--spacing", "0.5"])
            self.assertGreater(os.path.getsize(out), 1000)


if __name__ == "__main__":
    unittest.main()
