"""Collection settings for the doctests under ``stance/``: skip the Dask helpers when dask is not installed."""

import importlib.util

collect_ignore = []
if importlib.util.find_spec("dask") is None or importlib.util.find_spec("distributed") is None:
    collect_ignore.append("stance/dask.py")
