#!/usr/bin/python3
"""The statistics of tools/report_seed003.py on cases with known answers: Fisher's interval
of r = 0.5 from 20 pairs (textbook: 0.07 to 0.77), Spearman of a monotonic map and of tied
ranks, δ and its finite-sampling floor (identical distributions give a floor close to the
δ of two independent draws; disjoint ones give δ = 2), the Mantel rank test (δ that
grows with |x_i − x_j| is found, shuffled δ is not), and the geometry of the Fig. 2 views:
radar radii |x|/max|x| (negative E_IS and s₂ by magnitude) and polar angles (min–max of
each indicator in its 36° sector, less the margins)."""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import report_seed003 as rs  # noqa: E402


class Statistics(unittest.TestCase):
    def test_fisher_interval_of_r_one_half_from_twenty_pairs(self):
        lo, hi = rs.fisher_interval(0.5, 20)
        # z = atanh(0.5) = 0.54931, 1.96/√17 = 0.47536: tanh of 0.07395 and 1.02467.
        self.assertAlmostEqual(lo, 0.074, places=3)
        self.assertAlmostEqual(hi, 0.772, places=3)
        self.assertTrue(np.isnan(rs.fisher_interval(0.5, 3)[0]))

    def test_spearman_is_one_for_a_monotonic_map_and_handles_ties(self):
        x = np.linspace(0.1, 3.0, 12)
        self.assertAlmostEqual(rs.spearman(x, np.exp(x) - x ** 0.5), 1.0)
        np.testing.assert_allclose(rs.ranks([3.0, 1.0, 1.0, 2.0]), [3.0, 0.5, 0.5, 2.0])

    def test_delta_and_its_floor(self):
        rng = np.random.default_rng(1)
        edges = np.arange(0.0, 6.01, 0.25)
        a, b = rng.normal(2.0, 0.7, 200), rng.normal(2.0, 0.7, 200)
        d = rs.delta(rs.histogram_density(a, edges), rs.histogram_density(b, edges), edges)
        floor = rs.delta_floor(a, b, edges, rng)
        self.assertGreater(floor, 0.5 * d)
        self.assertLess(floor, 2.0 * d)
        disjoint_edges = np.arange(0.0, 20.01, 0.25)
        self.assertAlmostEqual(rs.delta(rs.histogram_density(np.full(5, 1.1), disjoint_edges),
                                        rs.histogram_density(np.full(5, 7.1), disjoint_edges),
                                        disjoint_edges), 2.0)

    def test_mantel_finds_delta_growing_with_the_indicator_difference(self):
        rng = np.random.default_rng(2)
        x = rng.uniform(0.0, 1.0, 15)
        d = np.abs(x[:, None] - x[None, :]) + 0.02 * rng.random((15, 15))
        d = 0.5 * (d + d.T)
        rho, p = rs.mantel(d, x, rng, permutations=500)
        self.assertGreater(rho, 0.9)
        self.assertLess(p, 0.01)
        y = rng.uniform(0.0, 1.0, 15)
        rho, p = rs.mantel(d, y, rng, permutations=500)
        self.assertLess(abs(rho), 0.4)
        self.assertGreater(p, 0.01)



def synthetic_samples():
    """Three samples with hand-picked indicators: E_IS and s₂ negative, the rest positive."""
    values = {"energy_is": [-4.80, -4.90, -4.85], "psi_per_atom": [80.0, 100.0, 90.0],
              "centroid_offset": [0.15, 0.12, 0.20], "s2": [-9.0, -8.0, -8.5],
              "number_density": [0.056, 0.057, 0.0565]}
    return [{name: v[k] for name, v in values.items()} for k in range(3)]


class Figure2Geometry(unittest.TestCase):
    def test_radar_radii_are_magnitudes_over_the_largest_magnitude(self):
        radii = rs.radar_radii(synthetic_samples())
        self.assertEqual(list(radii), ["energy_is", "psi_per_atom", "centroid_offset", "s2", "number_density"])
        expected = {"energy_is": (4.90, [4.80 / 4.90, 1.0, 4.85 / 4.90]),
                    "psi_per_atom": (100.0, [0.8, 1.0, 0.9]),
                    "centroid_offset": (0.20, [0.75, 0.6, 1.0]),
                    "s2": (9.0, [1.0, 8.0 / 9.0, 8.5 / 9.0]),
                    "number_density": (0.057, [0.056 / 0.057, 1.0, 0.0565 / 0.057])}
        for name, (scale, r) in expected.items():
            self.assertAlmostEqual(radii[name][0], scale, msg=name)
            np.testing.assert_allclose(radii[name][1], r, rtol=1e-12, err_msg=name)

    def test_radar_refuses_an_indicator_of_both_signs(self):
        samples = synthetic_samples()
        samples[0]["s2"] = 0.5
        with self.assertRaises(ValueError):
            rs.radar_radii(samples)

    def test_polar_angles_span_each_sector_less_its_margins(self):
        # Sector 1 (E_IS): [36°, 72°], margins 3.6°: the smallest value at 39.6°, the largest
        # at 68.4°, the middle value half-way.
        np.testing.assert_allclose(rs.polar_angles([-4.80, -4.90, -4.85], 1), [68.4, 39.6, 54.0])
        np.testing.assert_allclose(rs.polar_angles([0.056, 0.057, 0.0565], 4), [147.6, 176.4, 162.0])
        np.testing.assert_allclose(rs.polar_angles([2.0, 2.0], 0), [18.0, 18.0])
        self.assertEqual(rs.POLAR_SECTORS, ["psi_per_atom", "energy_is", "centroid_offset", "s2", "number_density"])


if __name__ == "__main__":
    unittest.main()
