"""Reads an extxyz file with ASE's reader and reports what ASE sees, then writes the frames
back with ASE's own writer. Used by tests/unit/io/test_extxyz_ase.cpp.

usage: ase_extxyz_check.py IN.xyz REPORT.txt OUT.xyz

REPORT has one line per quantity (empty when absent), floats in shortest round-trip form:
frame count, then per frame: atom count, symbols, cell rows a b c, pbc, positions, masses,
ids, energy, forces, per-atom energies, stress (3x3, ASE sign), virials column.
"""
import sys

from ase.io import read, write


def put(out, values):
    out.write(' '.join(repr(float(v)) if not isinstance(v, str) else v for v in values))
    out.write('\n')


def main(source, report, rewritten):
    frames = read(source, index=':', format='extxyz')
    with open(report, 'w') as out:
        put(out, [len(frames)])
        for atoms in frames:
            calc = atoms.calc
            results = calc.results if calc is not None else {}
            put(out, [len(atoms)])
            put(out, atoms.get_chemical_symbols())
            put(out, atoms.cell.array.reshape(-1))
            put(out, [int(p) for p in atoms.pbc])
            put(out, atoms.positions.reshape(-1))
            put(out, atoms.get_masses())
            put(out, atoms.arrays['id'] if 'id' in atoms.arrays else [])
            put(out, [calc.get_potential_energy()] if 'energy' in results else [])
            put(out, calc.get_forces().reshape(-1) if 'forces' in results else [])
            put(out, calc.get_potential_energies() if 'energies' in results else [])
            put(out, atoms.get_stress(voigt=False).reshape(-1) if 'stress' in results else [])
            put(out, atoms.arrays['virials'].reshape(-1) if 'virials' in atoms.arrays else [])
    write(rewritten, frames, format='extxyz')


if __name__ == '__main__':
    main(*sys.argv[1:4])
