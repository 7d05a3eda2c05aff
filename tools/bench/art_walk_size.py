#!/usr/bin/python3
"""What an `art_walk` unit keeps, from its store (a benchmark aid, not a test): per walk the
searches, outcome mix, accepted events, distinct minima, revisits and uncertain matches;
the atoms each new minimum keeps in memory (`minimum_stored_atoms`: 4-byte index + 3
doubles = 28 bytes per atom in saddle/art_walk's SparseMinima, against 24 bytes per sample
atom for a dense copy); and the bytes the HDF5 store holds for the kind (datasets'
allocated storage, h5py `get_storage_size`), per series row, per distinct minimum and per
accepted event. The series are allocated at plan time for `max_attempts` rows (minima: one
more), so the store grows with the searches planned, not with what they find.

usage: art_walk_size.py STORE.h5 [--cpu SECONDS]   (--cpu: the run's user + system time)
"""
import argparse

import h5py
import numpy as np

OUTCOMES = ["success", "basin_not_left", "eigenvalue_lost", "max_activation_steps", "not_connected",
            "final_is_initial"]
SPARSE_BYTES_PER_ATOM = 4 + 3 * 8
DENSE_BYTES_PER_ATOM = 3 * 8


def storage(group):
    """Allocated bytes of every dataset under `group`."""
    sizes = []
    group.visititems(lambda _, obj: sizes.append(obj.id.get_storage_size()) if isinstance(obj, h5py.Dataset) else None)
    return sum(sizes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store")
    parser.add_argument("--cpu", type=float, help="CPU seconds of the run (user + system)")
    args = parser.parse_args()
    with h5py.File(args.store, "r") as f:
        r = f["results/art_walk"]
        natoms = np.diff(r["atom_offset"][()]) if "atom_offset" in r else None  # of the final structures
        for row in range(len(r["unit_id"])):
            def series(name, field):
                offsets = r[name]["row_offset"][()]
                return r[name][field][offsets[row]:offsets[row + 1]]
            outcome = series("attempts", "attempt_outcome")
            searches = int(r["searches"][row])
            accepted = int(r["accepted_events"][row])
            minima = int(r["distinct_minima"][row])
            stored = series("minima", "minimum_stored_atoms")[1:minima].astype(float)
            print(f"unit {int(r['unit_id'][row]):016x}" + (f" (structure of {natoms[row]} atoms)" if natoms is not None else ""))
            print(f"  searches {searches}: " + ", ".join(f"{name} {int(np.sum(outcome[:searches] == k))}"
                                                       for k, name in enumerate(OUTCOMES)))
            print(f"  accepted events {accepted}, distinct minima {minima}, distinct transition states "
                  f"{int(r['distinct_transition_states'][row])}, revisits {int(r['revisits'][row])}, "
                  f"uncertain matches {int(r['uncertain_matches'][row])}, force calls {int(r['force_calls'][row])}")
            if len(stored):
                print(f"  atoms kept per new minimum: mean {stored.mean():.0f}, median {np.median(stored):.0f}, "
                      f"min {stored.min():.0f}, max {stored.max():.0f}; in memory "
                      f"{SPARSE_BYTES_PER_ATOM * stored.mean() / 1e3:.1f} kB per minimum, "
                      f"{SPARSE_BYTES_PER_ATOM * stored.sum() / 1e6:.2f} MB in all")
            if args.cpu:
                print(f"  CPU-s per search {args.cpu / max(searches, 1):.2f}, per accepted event "
                      f"{args.cpu / max(accepted, 1):.1f}")
        total = storage(r)
        rows = {name: len(r[name][next(k for k in r[name] if k != "row_offset")]) for name in
                ("minima", "transition_states", "attempts")}
        print(f"store: file {f.id.get_filesize()} bytes; results/art_walk {total} bytes allocated "
              f"({len(r['unit_id'])} unit(s)), /particles (final structures) {storage(f['particles'])}, "
              f"/provenance (campaign, potential files) {storage(f['provenance'])}")
        for name, n in rows.items():
            b = storage(r[name])
            print(f"  {name}: {n} rows allocated, {b} bytes, {b / n:.0f} bytes per row")
        if len(r["unit_id"]) == 1:
            print(f"  per distinct minimum {total / max(int(r['distinct_minima'][0]), 1):.0f} bytes, per accepted "
                  f"event {total / max(int(r['accepted_events'][0]), 1):.0f} bytes (series allocated for "
                  f"max_attempts)")


if __name__ == "__main__":
    main()
