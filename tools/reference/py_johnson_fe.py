"""The modified Johnson Fe pair potential as a LAMMPS `pair_style python` class.

Used by make-potential-reference to evaluate `johnson/fe` with LAMMPS itself (the OpenKIM model
Pair_Johnson_Fe__MO_857282754307_002 is not in the Debian openkim-models collection). The
function is the KIM model's (file Pair_Johnson_Fe.F03): Morris, Aga, Levashov & Egami, PRB 77,
174201 (2008), after Srolovitz et al. (1981) and Johnson (1964). Written independently of
pelcamp's C++ evaluator, in the KIM model's power form rather than pelcamp's Horner form.
"""
import math

CUTOFF = 3.44
A0, B = 8752.934, 4.572488
A = (-0.2002108, -0.5047747, 1.372738, -15.09618, -12.90021)
B0, B1, B2 = -1.581570, 0.477871, -0.639230
C = (-0.1469636, 0.4521426, 0.2221241, 1.725326, -12.91063, 14.67111)


def phi_dphi(r):
    if r < 1.9:
        e = A0 * math.exp(-B * r)
        return e, -B * e
    if r < 2.4:
        x = r - 2.4
        return (sum(a * x ** k for k, a in enumerate(A)),
                sum(k * a * x ** (k - 1) for k, a in enumerate(A) if k > 0))
    if r < 3.0:
        z = r - 3.115829
        return B2 * z ** 3 + B1 * r + B0, 3.0 * B2 * z ** 2 + B1
    if r < CUTOFF:
        y = r - 3.0
        return (sum(c * y ** k for k, c in enumerate(C)),
                sum(k * c * y ** (k - 1) for k, c in enumerate(C) if k > 0))
    return 0.0, 0.0


class JohnsonFe(object):
    def __init__(self):
        self.pmap = dict()
        self.units = 'metal'

    def map_coeff(self, name, ltype):
        if name != 'Fe':
            raise Exception("JohnsonFe knows only the element Fe, not %s" % name)
        self.pmap[ltype] = name

    def check_units(self, units):
        if units != self.units:
            raise Exception("JohnsonFe needs units metal, not %s" % units)

    def compute_force(self, rsq, itype, jtype):
        r = math.sqrt(rsq)
        return -phi_dphi(r)[1] / r  # LAMMPS wants -phi'(r)/r

    def compute_energy(self, rsq, itype, jtype):
        return phi_dphi(math.sqrt(rsq))[0]
