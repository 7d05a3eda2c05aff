#!/usr/bin/python3
"""Mollweide projection of tools/report_intracage.py on known points: poles, equator,
central and edge meridians, and the equal-area property (the map area above a parallel is
the sphere's area above it, (1 − sin φ)/2 of the whole)."""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools"))
from report_intracage import mollweide, mollweide_auxiliary, sphere_to_mollweide  # noqa: E402

R2 = np.sqrt(2.0)


class Mollweide(unittest.TestCase):
    def test_poles_map_to_the_top_and_bottom_of_the_ellipse(self):
        for lon in (-np.pi, -1.0, 0.0, 2.5, np.pi):
            x, y = mollweide(lon, np.pi / 2)
            self.assertAlmostEqual(float(x), 0.0, places=12)
            self.assertAlmostEqual(float(y), R2, places=12)
            x, y = mollweide(lon, -np.pi / 2)
            self.assertAlmostEqual(float(x), 0.0, places=12)
            self.assertAlmostEqual(float(y), -R2, places=12)

    def test_equator_is_linear_in_longitude(self):
        lon = np.linspace(-np.pi, np.pi, 9)
        x, y = mollweide(lon, np.zeros_like(lon))
        np.testing.assert_allclose(x, 2 * R2 / np.pi * lon, atol=1e-14)
        np.testing.assert_allclose(y, 0.0, atol=1e-14)
        self.assertAlmostEqual(float(mollweide(np.pi, 0.0)[0]), 2 * R2, places=14)

    def test_central_meridian_is_the_y_axis_and_edge_meridians_the_ellipse(self):
        lat = np.linspace(-np.pi / 2, np.pi / 2, 31)
        x, y = mollweide(np.zeros_like(lat), lat)
        np.testing.assert_allclose(x, 0.0, atol=1e-15)
        self.assertTrue(np.all(np.diff(y) > 0))
        for lon in (-np.pi, np.pi):
            x, y = mollweide(np.full_like(lat, lon), lat)
            np.testing.assert_allclose(x**2 / 8 + y**2 / 2, 1.0, atol=1e-12)
        # A meridian at half the longitude lies halfway in x at every latitude.
        xh, _ = mollweide(np.full_like(lat, np.pi / 2), lat)
        xe, _ = mollweide(np.full_like(lat, np.pi), lat)
        np.testing.assert_allclose(xh, xe / 2, atol=1e-14)

    def test_equal_area_above_a_parallel(self):
        for lat in (-1.2, -0.4, 0.0, 0.3, np.pi / 4, 1.4):
            a = float(mollweide_auxiliary(lat))
            self.assertAlmostEqual(2 * a + np.sin(2 * a), np.pi * np.sin(lat), places=12)
            # Fraction of the ellipse above y = √2 sin α (a unit-circle segment, scaled).
            fraction = (np.pi - 2 * a - np.sin(2 * a)) / (2 * np.pi)
            self.assertAlmostEqual(fraction, (1 - np.sin(lat)) / 2, places=12)

    def test_probe_directions(self):
        # +z (θ = 0) is the north pole; −x (θ = π/2, ϕ = π) the map centre; +y the equator
        # halfway to the left edge.
        np.testing.assert_allclose(sphere_to_mollweide(0.0, 1.0), (0.0, R2), atol=1e-12)
        np.testing.assert_allclose(sphere_to_mollweide(np.pi / 2, np.pi), (0.0, 0.0), atol=1e-14)
        np.testing.assert_allclose(sphere_to_mollweide(np.pi / 2, np.pi / 2), (-R2, 0.0), atol=1e-14)


if __name__ == "__main__":
    unittest.main()
