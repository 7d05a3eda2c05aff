#!/usr/bin/python3
"""The statistics of tools/report_seed003.py on cases with known answers: Fisher's interval
of r = 0.5 from 20 pairs (textbook: 0.07 to 0.77), Spearman of a monotonic map and of tied
ranks, δ and its finite-sampling floor (identical distributions give a floor close to the
δ of two independent draws; disjoint ones give δ = 2), and the Mantel rank test (δ that
grows with |x_i − x_j| is found, shuffled δ is not)."""
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


if __name__ == "__main__":
    unittest.main()
