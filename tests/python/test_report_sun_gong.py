#!/usr/bin/python3
"""The rules of tools/report_sun_gong.py on hand-made curves with known answers:
a step in E(T) with a change of ΔR gives T_m at the step's midpoint, a smooth curve none;
two straight branches meeting at a kink give T_g at the kink; ΔR leaving a flat line
gives T_s; Arrhenius data give back their activation energy; φ_s solves eq. (3)."""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import report_sun_gong as rsg  # noqa: E402

T = np.arange(300.0, 900.0, 25.0)


class Rules(unittest.TestCase):
    def test_step_gives_melting_temperature_and_smooth_curve_none(self):
        e = 1e-4 * T + np.where(T >= 650, 0.05, 0.0)
        dr = 0.1 + np.where(T >= 650, 0.3, 0.0) + 1e-5 * T
        tm, ratio = rsg.melting_jump(T, e, dr)
        self.assertEqual(tm, 637.5)
        self.assertGreater(ratio, rsg.JUMP_FACTOR)
        # ΔR falling at the step (elongated Al43) counts the same.
        self.assertEqual(rsg.melting_jump(T, e, 1.0 - (dr - 0.1))[0], 637.5)
        # The same energy step without any change of shape is no melting.
        self.assertTrue(np.isnan(rsg.melting_jump(T, e, 0.1 + 1e-5 * T)[0]))
        self.assertTrue(np.isnan(rsg.melting_jump(T, 1e-4 * T + 1e-7 * T**2, dr)[0]))

    def test_kink_gives_glass_temperature(self):
        y = np.where(T < 520, 1e-4 * T, 1e-4 * 520 + 4e-4 * (T - 520))
        tg, lo, hi = rsg.glass_temperature(T, y)
        self.assertAlmostEqual(tg, 520.0, places=6)
        self.assertAlmostEqual(lo[0], 1e-4)
        self.assertAlmostEqual(hi[0], 4e-4)
        # Parallel branches never cross: no T_g.
        self.assertTrue(np.isnan(rsg.glass_temperature(T, 1e-4 * T)[0]))

    def test_onset_where_delta_r_leaves_its_low_temperature_line(self):
        # 0.06 Å above the line at 500 K (more than ONSET_MIN), nothing before.
        dr = 0.1 + 1e-5 * T + np.where(T >= 500, 3e-3 * (T - 480), 0.0)
        self.assertEqual(rsg.onset_temperature(T, dr), 500.0)
        self.assertEqual(rsg.onset_temperature(T, 0.2 - (dr - 0.1)), 500.0)  # either way
        self.assertTrue(np.isnan(rsg.onset_temperature(T, 0.1 + 1e-5 * T)))

    def test_arrhenius_gives_back_the_activation_energy(self):
        ea, fit = rsg.arrhenius(T, 0.5 * np.exp(-0.3 / (rsg.KB * T)))
        self.assertAlmostEqual(ea, 0.3, places=10)
        self.assertTrue(np.isnan(rsg.arrhenius(T[:1], np.ones(1))[0]))

    def test_phi_s_solves_equation_3(self):
        for eps, phi0, m in ((2e-4, -141.9, 4), (-4e-5, -110.94, 6)):
            ps = rsg.phi_s(eps, phi0, m)
            self.assertAlmostEqual(1 + eps * m * (ps - phi0) ** (m - 1), 0.0, places=10)
        self.assertTrue(np.isnan(rsg.phi_s(0.0, -141.9, 4)))


if __name__ == "__main__":
    unittest.main()
