"""Collection settings for the doctests under ``stance/`` and ``training/``: skip the Dask helpers when dask is not
installed, and the attention head's trainer when torch is not (both are extras)."""

import importlib.util

collect_ignore = []
if importlib.util.find_spec("dask") is None or importlib.util.find_spec("distributed") is None:
    collect_ignore.append("stance/dask.py")
if importlib.util.find_spec("torch") is None:
    collect_ignore.append("training/attention.py")
