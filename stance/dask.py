"""Score Dask collections: ``score_bag`` (documents) and ``score_dataframe`` (one row per sentence and actor).

Needs the ``dask`` extra (``pip install 'stance[dask]'``). Each worker loads the model once (a
module-level cache keyed by the model, the actor list and the limits); only a small spec travels
with the task graph, never the model.

Examples
--------
>>> import dask.bag as db
>>> from stance.dask import score_bag
>>> bag = db.from_sequence([{"id": "a", "text": "NATO warned Moscow."}], npartitions=1)
>>> [d["actors"][0]["id"] for d in score_bag(bag).compute(scheduler="sync")]
['nato']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

try:
    import dask.bag  # noqa: F401
    import dask.dataframe  # noqa: F401
except ImportError as missing:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        f"stance.dask needs dask ({missing.name} is not installed): pip install 'stance[dask]'"
    ) from missing

from .exceptions import InvalidInputError
from .workers import RECORD_META, WorkerSpec, _csv_rows, worker_analyzer, worker_spec

__all__ = ["score_bag", "score_dataframe"]

_ERRORS = ("raise", "skip", "record")


def _spec(model: str | Path, actors: str | Path | None, max_length: int | None, analyzer,
          embeddings: bool = False) -> WorkerSpec:
    if analyzer is None:
        from . import load

        analyzer = load(model, actors=actors, max_length=max_length, embeddings=embeddings)
    return worker_spec(analyzer)


def _as_record(item: Any) -> tuple[Any, Any, dict]:
    if isinstance(item, dict):
        return item.get("text"), item.get("id"), {k: v for k, v in item.items() if k not in ("text", "id")}
    return item, None, {}


def _score_partition(items: Iterable[Any], spec: WorkerSpec, errors: str, batch_size: int = 64) -> list[dict]:
    from .analyzer import check_text

    analyzer = worker_analyzer(spec)
    results: list = []
    batch: list[tuple[int, tuple]] = []

    def flush() -> None:
        for (position, _), document in zip(batch, analyzer._analyse_batch([record for _, record in batch])):
            results[position] = document.to_dict()
        batch.clear()

    for item in items:
        text, doc_id, meta = _as_record(item)
        try:
            check_text(text, doc_id)
        except InvalidInputError as error:
            if errors == "raise":
                raise
            if errors == "record":
                results.append({"id": doc_id, "error": str(error)})
            continue
        results.append(None)  # filled in by flush(), in input order
        batch.append((len(results) - 1, (text, doc_id, meta)))
        if len(batch) >= batch_size:
            flush()
    flush()
    return results


def score_bag(bag, *, model: str | Path = "default", actors: str | Path | None = None,
              max_length: int | None = None, errors: str = "raise", analyzer=None, embeddings: bool = False):
    """Score a Dask bag of articles; return a bag of ``Document.to_dict()`` dicts, in the bag's order.

    Parameters
    ----------
    bag : dask.bag.Bag
        Items are strings, or dicts with ``text`` and optional ``id`` and other fields (passed through).
    model, actors, max_length, embeddings
        As in :func:`stance.load`; ignored when ``analyzer`` is given.
    errors : {"raise", "skip", "record"}, default="raise"
        What to do with an item whose text cannot be analysed: raise :class:`~stance.InvalidInputError`,
        leave it out, or put ``{"id": ..., "error": reason}`` in its place.
    analyzer : Analyzer, optional
        Score with this analyzer (each worker rebuilds it once from its model, actor list and limits).

    Returns
    -------
    dask.bag.Bag

    Examples
    --------
    >>> import dask.bag as db
    >>> bag = db.from_sequence(["The Kremlin rejected the plan.", None], npartitions=1)
    >>> [sorted(d) for d in score_bag(bag, errors="record").compute(scheduler="sync")][1]
    ['error', 'id']
    """
    if errors not in _ERRORS:
        raise InvalidInputError(f"errors must be one of {_ERRORS}, got {errors!r}")
    return bag.map_partitions(_score_partition, _spec(model, actors, max_length, analyzer, embeddings), errors)


def _score_frame(frame, spec: WorkerSpec, text_column: str, id_column: str | None, errors: str):
    import pandas as pd

    analyzer = worker_analyzer(spec)
    rows: list[list] = []
    ids = frame[id_column] if id_column is not None and id_column in frame.columns else frame.index.to_series()
    for doc_id, text in zip(ids.tolist(), frame[text_column].tolist()):
        try:
            if not isinstance(text, str):  # pandas gives NaN / None for missing cells
                raise InvalidInputError(f"text must be a str, got {type(text).__name__} (record {doc_id!r})")
            document = analyzer(text, id=doc_id).to_dict()
        except InvalidInputError:
            if errors == "raise":
                raise
            continue
        for row in _csv_rows(document, None, ""):
            rows.append([row[0], *row[2:14]])
    columns = list(RECORD_META)
    result = pd.DataFrame(rows, columns=columns)
    for column in ("sentence", "start", "end"):
        result[column] = pd.to_numeric(result[column].replace("", -1)).astype("int64")
    result["score"] = pd.to_numeric(result["score"].replace("", float("nan"))).astype("float64")
    for column, dtype in RECORD_META.items():
        if dtype == "object":
            result[column] = result[column].astype(object).where(result[column] != "", None)
    return result


def score_dataframe(ddf, text_column: str = "text", id_column: str | None = "id", *, model: str | Path = "default",
                    actors: str | Path | None = None, max_length: int | None = None, errors: str = "raise",
                    analyzer=None, embeddings: bool = False):
    """Score a Dask DataFrame of articles; return one row per (article, sentence, actor).

    Columns and types are :data:`stance.workers.RECORD_META`. An article with no actor gives one row
    with its id, ``sentence`` -1 and empty actor fields, so every article appears.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
    text_column : str, default="text"
    id_column : str or None, default="id"
        Column of the article ids (default: the index when the column is absent or None).
    model, actors, max_length, analyzer, embeddings
        As in :func:`score_bag`.
    errors : {"raise", "skip"}, default="raise"
        What to do with a row whose text is missing or not a string.

    Returns
    -------
    dask.dataframe.DataFrame

    Raises
    ------
    InvalidInputError
        If ``text_column`` is not a column of ``ddf``.

    Examples
    --------
    >>> import pandas as pd, dask.dataframe as dd
    >>> ddf = dd.from_pandas(pd.DataFrame({"id": ["a"], "text": ["NATO warned Moscow."]}), npartitions=1)
    >>> score_dataframe(ddf).compute(scheduler="sync")[["id", "actor_id", "stance"]].values.tolist()[0][:2]
    ['a', 'nato']
    """
    if errors not in ("raise", "skip"):
        raise InvalidInputError(f"errors must be 'raise' or 'skip', got {errors!r}")
    if text_column not in ddf.columns:
        raise InvalidInputError(f"no column {text_column!r} (columns: {', '.join(map(str, ddf.columns))})")
    import pandas as pd

    meta = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in RECORD_META.items()})
    spec = _spec(model, actors, max_length, analyzer, embeddings)
    return ddf.map_partitions(_score_frame, spec, text_column, id_column, errors, meta=meta,
                              enforce_metadata=False, align_dataframes=False)
