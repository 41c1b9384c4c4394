"""What runs in worker processes: the picklable :class:`WorkerSpec` from which each worker rebuilds the caller's
analyzer once, :func:`score_chunk` (a chunk of records to output bytes) and the joblib loop over chunks.

Functions sent to workers are top-level functions of this module, so that every joblib backend
(loky, multiprocessing, threading, dask) can pickle them by reference.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import pickle
import re
import signal
import sys
import threading
import warnings
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .exceptions import StanceError
from .readers import InputRecord

__all__ = ["WorkerSpec", "worker_spec", "options_spec", "worker_analyzer", "score_chunk", "parallel_pipe",
           "stop_idle_workers", "CSV_COLUMNS", "RECORD_META"]

#: Columns of the per-(article, sentence, actor) CSV output. ``line`` is the input position (used by
#: ``resume``); ``mentions`` counts the actor's mentions in the sentence; ``date`` is the record's date, if any.
CSV_COLUMNS = ["id", "line", "sentence", "start", "end", "actor_id", "name", "type", "affiliation", "stance", "score",
               "target", "actor_sentiment", "sentence_sentiment", "mentions", "date"]
#: Column types of :func:`stance.dask.score_dataframe` output (one row per sentence and actor).
RECORD_META = {"id": "object", "sentence": "int64", "start": "int64", "end": "int64", "actor_id": "object",
               "name": "object", "type": "object", "affiliation": "object", "stance": "object", "score": "float64",
               "target": "object", "actor_sentiment": "object", "sentence_sentiment": "object"}


# --- the analyzer in each worker ---------------------------------------------------------------------------

@dataclass(frozen=True)
class WorkerSpec:
    """How a worker rebuilds the caller's analyzer: small, picklable, sent with each chunk (never the model)."""

    key: str
    model: str
    max_length: int
    find_unlisted: bool
    gazetteer: str  # "default", "extend" or "replace"
    actors: tuple = ()
    embeddings: bool = False
    word_pieces: bool = True


_WORKER_ANALYZERS: dict[str, Any] = {}
_WORKER_LOCK = threading.Lock()


def _model_reference(path: Path | None) -> str:
    """How a worker names a model: a shipped model by name, any other by its absolute path."""
    from .model import MODELS_DIR

    if path is None:
        return "default"
    path = Path(path).resolve()
    return path.name if path.parent == MODELS_DIR.resolve() else str(path)


def _spec(model: str, max_length: int, find_unlisted: bool, mode: str, actors: tuple,
          embeddings: bool = False, word_pieces: bool = True) -> WorkerSpec:
    options = (model, max_length, find_unlisted, mode, actors, embeddings, word_pieces)
    digest = hashlib.sha256(pickle.dumps(options)).hexdigest()[:16]
    return WorkerSpec(digest, *options)


def worker_spec(analyzer) -> WorkerSpec:
    """The :class:`WorkerSpec` that rebuilds ``analyzer`` (its model, actor list, limits); registers it in this process."""
    from .actors import Gazetteer

    default = Gazetteer.default()
    gazetteer = analyzer.gazetteer
    if gazetteer is default:
        mode, actors = "default", ()
    elif all(gazetteer.actors.get(key) is actor for key, actor in default.actors.items()):
        mode = "extend"
        actors = tuple(a for key, a in gazetteer.actors.items() if default.actors.get(key) is not a)
    else:
        mode, actors = "replace", tuple(gazetteer.actors.values())
    find_unlisted = bool(getattr(analyzer.finder, "find_unlisted", True))
    embeddings = getattr(analyzer, "encoder", None) is not None
    from .model import PIECE_VECTORS_COMPONENT

    # left out when the model has word pieces that the analyzer did not load (the embeddings mode never reads them)
    word_pieces = (embeddings or PIECE_VECTORS_COMPONENT in analyzer.model.classifiers
                   or PIECE_VECTORS_COMPONENT not in (analyzer.model.manifest.get("components") or {}))
    spec = _spec(_model_reference(analyzer.model.path), analyzer.max_length, find_unlisted, mode, actors, embeddings,
                 word_pieces)
    with _WORKER_LOCK:  # threads of this process reuse the caller's analyzer
        _WORKER_ANALYZERS.setdefault(spec.key, analyzer)
    return spec


def options_spec(model: str | Path = "default", actors: str | Path | None = None,
                 max_length: int | None = None, embeddings: bool = False, word_pieces: bool = True) -> WorkerSpec:
    """The :class:`WorkerSpec` of ``stance.load(model, actors=actors, max_length=max_length,
    embeddings=embeddings, word_pieces=word_pieces)``, without loading it.

    The model's manifest and the actor list are read and checked here, so that a wrong name or an
    incompatible model fails before any work starts; the workers load the model itself (and check its
    file hashes). Used when the work goes to worker processes, where this process needs no model.
    """
    from .limits import DEFAULT_MAX_LENGTH
    from .model import read_manifest, resolve_model_path

    directory = resolve_model_path(model)
    manifest = read_manifest(directory)
    if embeddings:
        from .analyzer import EMBEDDINGS_COMPONENT
        from .encoder import require_encoder
        from .exceptions import ModelError

        if EMBEDDINGS_COMPONENT not in manifest["components"]:
            raise ModelError(f"model {directory} has no {EMBEDDINGS_COMPONENT!r} classifier, so it cannot use "
                             "sentence embeddings")
        require_encoder()
    if actors is not None:
        from .gazetteer import load_actor_list

        extra = tuple(load_actor_list(actors))
    else:
        extra = ()
    return _spec(_model_reference(directory), max_length or DEFAULT_MAX_LENGTH, True,
                 "extend" if extra else "default", extra, embeddings, word_pieces)


def _leave_interrupts_to_the_parent() -> None:
    """In a worker process, ignore Ctrl-C (SIGINT reaches the whole process group): the parent stops the
    run, keeps what is written and reports; a worker waiting for work would otherwise print a traceback."""
    import multiprocessing

    if multiprocessing.current_process().name != "MainProcess" and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def worker_analyzer(spec: WorkerSpec):
    """The analyzer for ``spec`` in this process: built once per worker and kept in a module cache."""
    analyzer = _WORKER_ANALYZERS.get(spec.key)
    if analyzer is not None:
        return analyzer
    with _WORKER_LOCK:
        analyzer = _WORKER_ANALYZERS.get(spec.key)
        if analyzer is None:
            _leave_interrupts_to_the_parent()
            from .actors import Gazetteer
            from .analyzer import Analyzer
            from .model import load_analysis_model

            gazetteer = Gazetteer.default()
            if spec.gazetteer == "extend":
                gazetteer = gazetteer.extended(spec.actors)
            elif spec.gazetteer == "replace":
                gazetteer = Gazetteer(spec.actors)
            encoder = None
            if spec.embeddings:
                from .encoder import SentenceEncoder

                encoder = SentenceEncoder()
            bundle = load_analysis_model(spec.model, embeddings=spec.embeddings, word_pieces=spec.word_pieces)
            analyzer = Analyzer(bundle, gazetteer, max_length=spec.max_length, find_unlisted=spec.find_unlisted,
                                encoder=encoder)
            if len(_WORKER_ANALYZERS) >= 4:
                _WORKER_ANALYZERS.pop(next(iter(_WORKER_ANALYZERS)))
            _WORKER_ANALYZERS[spec.key] = analyzer
    return analyzer


# --- scoring --------------------------------------------------------------------------------------------

@dataclass
class _Result:
    """What a worker sends back for one record: small (the output bytes, not the document objects)."""

    line: Any
    id: Any
    payload: bytes | None
    error: str | None
    truncated: bool = False


def _date_of(meta: dict) -> str:
    value = meta.get("date") if meta else None
    if value is None or value == "":
        return ""
    value = str(value).strip()
    return value[:10] if re.match(r"\d{4}-\d{2}-\d{2}", value) else value


#: Characters that ``str.splitlines`` (and some JSON Lines readers) treat as line ends: escaped in the output.
_LINE_BREAKS = re.compile("[\x1c\x1d\x1e\x85\u2028\u2029]")


def _encode_json(document: dict) -> bytes:
    try:
        text = json.dumps(document, ensure_ascii=False)
        if _LINE_BREAKS.search(text):  # they can only be inside strings, where an escape means the same
            text = _LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (from "\\ud800" escapes in the input): keep them escaped
        return (json.dumps(document, ensure_ascii=True) + "\n").encode("ascii")


def _csv_rows(document: dict, line: Any, date: str) -> list[list]:
    rows = []
    for sentence in document["sentences"]:
        for actor in sentence["actors"]:
            rows.append([document["id"], line, sentence["index"], sentence["start"], sentence["end"], actor["id"],
                         actor["name"], actor["type"], actor["affiliation"], actor["stance"]["label"],
                         round(actor["stance"]["score"], 6), actor["stance"]["target"], actor["sentiment"]["label"],
                         sentence["sentiment"]["label"], len(actor["mentions"]), date])
    if not rows:  # every article appears, even with no actor
        rows.append([document["id"], line] + [""] * (len(CSV_COLUMNS) - 3) + [date])
    return rows


def _encode_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8", errors="replace")


def _payload(document, record: InputRecord, format: str) -> bytes:
    data = document.to_dict()
    if format == "csv":
        return _encode_csv(_csv_rows(data, record.line, _date_of(record.meta)))
    data = {"schema": data.pop("schema"), "line": record.line, **data}
    return _encode_json(data)


def score_chunk(spec: WorkerSpec, records: list[InputRecord], format: str = "jsonl") -> list[_Result]:
    """Score one chunk in a worker; return one result per record, in input order.

    A record whose text cannot be analysed (or that trips an unexpected error) becomes an error
    result; the other records of the chunk are still scored.
    """
    analyzer = worker_analyzer(spec)
    good = [r for r in records if r.error is None]
    payloads: dict[int, tuple] = {}
    try:
        documents = analyzer._analyse_batch([(r.text, r.id, r.meta) for r in good])
        for record, document in zip(good, documents):
            payloads[id(record)] = (_payload(document, record, format), None, document.truncated)
    except Exception:  # noqa: BLE001 - find the record that failed; score the others one by one
        for record in good:
            try:
                document = analyzer._analyse_batch([(record.text, record.id, record.meta)])[0]
                payloads[id(record)] = (_payload(document, record, format), None, document.truncated)
            except StanceError as error:
                payloads[id(record)] = (None, str(error), False)
            except Exception as error:  # noqa: BLE001 - one bad article must not stop a million-article run
                payloads[id(record)] = (None, f"internal error ({type(error).__name__}: {error}); "
                                              "please report it with this record", False)
    results = []
    for record in records:
        if record.error is not None:
            results.append(_Result(record.line, record.id, None, record.error))
        else:
            payload, error, truncated = payloads[id(record)]
            results.append(_Result(record.line, record.id, payload, error, truncated))
    return results


def _documents_chunk(spec: WorkerSpec, items: list[tuple]) -> list:
    """Score one chunk of (text, id, meta) in a worker and return Documents (for ``Analyzer.pipe``)."""
    return worker_analyzer(spec)._analyse_batch(items)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _close_quietly(outputs) -> None:
    """Close a joblib output generator without joblib's warning about tasks left unused.

    A caller that stops early (``break`` out of ``pipe``, Ctrl-C during ``score``) means it: the
    pending tasks are cancelled, and the warning would only add noise to a clean stop.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*(successfully executed|still being processed).*",
                                category=UserWarning)
        outputs.close()


def _run(function, spec: WorkerSpec, chunks: Iterable[list], jobs: int | None, *args) -> Iterator[list]:
    """``function(spec, chunk, *args)`` for each chunk, in input order; through joblib when ``jobs != 1``.

    No backend is named here: the caller chooses it with ``joblib.parallel_config`` (loky, threading,
    multiprocessing, dask, ...). Backends that cannot stream results get the chunks in bounded windows.
    """
    if jobs == 1:
        for chunk in chunks:
            yield function(spec, chunk, *args)
        return
    from joblib import Parallel, delayed

    try:
        parallel = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs")
    except ValueError:  # e.g. the multiprocessing backend: no generator output
        parallel = None
    if parallel is not None:
        outputs = parallel(delayed(function)(spec, chunk, *args) for chunk in chunks)
        try:
            for output in outputs:
                yield output
        finally:
            _close_quietly(outputs)
        return
    from joblib import effective_n_jobs

    window = 4 * effective_n_jobs(jobs)
    with Parallel(n_jobs=jobs) as parallel:
        while True:
            batch = list(itertools.islice(chunks, window))
            if not batch:
                return
            yield from parallel(delayed(function)(spec, chunk, *args) for chunk in batch)


def parallel_pipe(analyzer, texts: Iterable[Any], *, batch_size: int, n_jobs: int | None,
                  as_tuples: bool = False) -> Iterator[Any]:
    """``Analyzer.pipe(..., n_jobs=N)``: Documents in input order, computed by joblib workers.

    Each worker rebuilds the caller's analyzer once (same model, actor list and limits); chunks of
    ``batch_size`` texts are the tasks. The backend is the caller's ``joblib.parallel_config``.
    """
    from .analyzer import check_text

    spec = worker_spec(analyzer)
    contexts: deque = deque()

    def items():
        for item in texts:
            if as_tuples:
                item, context = item
                contexts.append(context)
            text, doc_id, meta = analyzer._as_record(item)
            check_text(text, doc_id)
            yield (text, doc_id, meta)

    for documents in _run(_documents_chunk, spec, _chunks(items(), batch_size), n_jobs):
        for document in documents:
            yield (document, contexts.popleft()) if as_tuples else document


def stop_idle_workers() -> None:
    """Stop the worker processes that joblib's default (loky) backend keeps for reuse.

    For a program that has finished its parallel work and is about to exit (``stance score``): the workers
    are killed at once instead of each tearing down its interpreter and model while the program waits for
    them at exit. A library call never does this, since the next ``Parallel`` call would reuse them.
    """
    if "joblib.externals.loky.reusable_executor" not in sys.modules:  # no worker was ever started here
        return
    from joblib.externals.loky import reusable_executor

    executor = getattr(reusable_executor, "_executor", None)
    if executor is not None:
        executor.shutdown(wait=True, kill_workers=True)
