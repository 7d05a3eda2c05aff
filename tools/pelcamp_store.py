"""What the report scripts share when they read a pelcamp store with h5py: the ledger's text
columns and parameter strings, and unit ids in the store's hex form."""


def text(values):
    """A column of fixed or variable-length HDF5 strings as Python strings."""
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def parse_params(canonical):
    """The ledger's "a=1;b=x" parameter text as a dict of strings."""
    return dict(item.split("=", 1) for item in canonical.split(";") if "=" in item)


def as_number(value):
    """A parameter value as a float, or None when it is not a number."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def unit_ids(values):
    """Unit ids (uint64 in the store) as the 16-digit hex text of /units/depends_on."""
    return [f"{int(v):016x}" for v in values]


def art_configurations(f, row):
    """Saddle and final configurations stored by art_search unit `row` (its row in
    results/art_search/unit_id; the unit ran with store_configurations kept or all), as
    {event: (atoms, saddle, final)}: `event` is the event's row among the unit's rows of
    the `events` series (events/row_offset[row] + event in the table), `atoms` the sample
    atom indices (most displaced first), `saddle` and `final` their positions [n, 3]
    (final NaN when the saddle did not converge). Every other atom is at its sample
    position. Events without stored rows are absent."""
    import numpy as np

    group = f["results/art_search/configurations"]
    lo, hi = (int(v) for v in group["row_offset"][row:row + 2])
    event = group["event"][lo:hi]
    atom = group["atom"][lo:hi]
    saddle = group["saddle_position"][lo:hi]
    final = group["final_position"][lo:hi]
    missing = np.iinfo(np.int64).min
    out = {}
    for e in np.unique(event[event != missing]):
        rows = event == e
        out[int(e)] = (atom[rows], saddle[rows], final[rows])
    return out
