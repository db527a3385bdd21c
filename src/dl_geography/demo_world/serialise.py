"""JSON serialisation that accepts numpy scalars."""

import json

import numpy as np


def plain(x):
    """``json.dumps`` default: numpy scalars as Python numbers and booleans."""
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.floating):
        return float(x)
    if isinstance(x, np.bool_):
        return bool(x)
    raise TypeError(f"not JSON serialisable: {type(x).__name__}")


def dumps(obj, **kwargs) -> str:
    kwargs.setdefault("ensure_ascii", True)
    return json.dumps(obj, default=plain, **kwargs)
