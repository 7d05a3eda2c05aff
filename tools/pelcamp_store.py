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
