"""Batch scoring of article collections: streaming readers, joblib over chunks, crash-safe writers.

Every input record ends up exactly once in the output or in the errors file. Each output record
carries ``line``, its position in the input (line number of a JSON Lines file, CSV row number,
or relative path in a folder). Output is written in input order, whole chunks at a time, and
flushed per chunk, so a process killed at any moment leaves a file that ``resume=True``
completes: a torn last line is cut off, records already written are skipped, and nothing is
written twice.

Examples
--------
>>> import io, json
>>> from stance.batch import score_collection
>>> src = io.StringIO('{"id": "a", "text": "NATO warned Moscow."}\\n{"id": "b"}\\n')
>>> out, errors = io.StringIO(), io.StringIO()
>>> stats = score_collection(src, out, errors=errors, progress=False)
>>> (stats.scored, stats.failed), json.loads(errors.getvalue())["reason"]
((1, 1), "field 'text' is missing")
>>> json.loads(out.getvalue())["line"]
1
"""

from __future__ import annotations

import codecs
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
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .exceptions import InvalidInputError, StanceError

__all__ = ["InputRecord", "read_records", "score_collection", "ScoreStats", "CSV_COLUMNS", "RECORD_META",
           "write_summary"]

#: Columns of the per-(article, sentence, actor) CSV output. ``line`` is the input position (used by
#: ``resume``); ``mentions`` counts the actor's mentions in the sentence; ``date`` is the record's date, if any.
CSV_COLUMNS = ["id", "line", "sentence", "start", "end", "actor_id", "name", "type", "affiliation", "stance", "score",
               "target", "actor_sentiment", "sentence_sentiment", "mentions", "date"]
#: Column types of :func:`stance.dask.score_dataframe` output (one row per sentence and actor).
RECORD_META = {"id": "object", "sentence": "int64", "start": "int64", "end": "int64", "actor_id": "object",
               "name": "object", "type": "object", "affiliation": "object", "stance": "object", "score": "float64",
               "target": "object", "actor_sentiment": "object", "sentence_sentiment": "object"}

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

#: Files of a folder input that are read as articles.
TEXT_SUFFIXES = (".txt", ".text")


@dataclass
class InputRecord:
    """One input record.

    Attributes
    ----------
    line : int or str
        Its position: line number (JSON Lines), row number (CSV) or relative path (folder).
    id : str, int or None
    text : str or None
    meta : dict
        Other fields of the record (title, date, ...), passed through to the output; a field whose
        name the output uses itself (``line``, ``id``, ``text``, ``sentences``, ...) as ``input_<name>``.
    error : str or None
        Why the record cannot be scored (then it goes to the errors file).
    """

    line: Any
    id: Any
    text: Any
    meta: dict = field(default_factory=dict)
    error: str | None = None


# --- readers ---------------------------------------------------------------------------------------------

def _split_lines(binary: IO[bytes]) -> Iterator[bytes]:
    """Yield lines of a binary stream without their ends; ``\\n``, ``\\r\\n`` and a lone ``\\r`` all end a line."""
    for raw in binary:
        if raw.endswith(b"\n"):
            raw = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
        if b"\r" in raw:  # lone CR line ends (a raw CR cannot occur inside a JSON string)
            yield from raw.split(b"\r")
        else:
            yield raw


def _decode_stream(binary: IO[bytes]) -> Iterator[tuple[int, str | None, str | None]]:
    """Yield (line number, text line, error) from a binary stream; detects UTF-8 and UTF-16 byte order marks."""
    head = binary.readline()
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = (head + binary.read()).decode("utf-16")
        except UnicodeDecodeError as error:
            yield 1, None, f"input starts with a UTF-16 byte order mark but is not valid UTF-16 ({error.reason})"
            return
        for number, line in enumerate(re.split(r"\r\n|\r|\n", text), 1):
            yield number, line, None
        return
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    for number, raw in enumerate(_split_lines(_prepend(head, binary)), 1):
        try:
            yield number, raw.decode("utf-8"), None
        except UnicodeDecodeError as error:
            yield number, None, f"line is not valid UTF-8 (byte {error.start}: {raw[error.start:error.start + 1]!r})"


def _clean_id(value: Any) -> Any:
    """Ids are str, int or None in the output; anything else becomes its JSON text."""
    if value is None or isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _jsonl_records(lines: Iterable[tuple[int, str | None, str | None]], id_field: str, text_field: str) -> Iterator[InputRecord]:
    for number, line, error in lines:
        if error:
            yield InputRecord(number, None, None, error=error)
            continue
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as problem:
            yield InputRecord(number, None, None, error=f"invalid JSON ({problem.msg} at column {problem.colno})")
            continue
        except RecursionError:
            yield InputRecord(number, None, None, error="invalid JSON (nested too deeply)")
            continue
        if not isinstance(value, dict):
            yield InputRecord(number, None, None, error=f"a JSON object is expected, got {type(value).__name__}")
            continue
        yield _record_from_mapping(number, value, id_field, text_field)


#: Keys of an output record; input fields with these names are passed through as ``input_<name>``.
OUTPUT_KEYS = frozenset({"schema", "line", "id", "text", "sentences", "actors", "truncated"})


def _record_from_mapping(number, value: dict, id_field: str, text_field: str) -> InputRecord:
    record_id = _clean_id(value.get(id_field))
    meta = {f"input_{k}" if k in OUTPUT_KEYS else k: v for k, v in value.items() if k not in (id_field, text_field)}
    text = value.get(text_field)
    if text_field not in value:
        error = f"field {text_field!r} is missing"
    elif text is None:
        error = f"field {text_field!r} is null"
    elif not isinstance(text, str):
        error = f"field {text_field!r} must be a string, got {type(text).__name__}"
    else:
        error = None
    return InputRecord(number, record_id, text, meta, error)


_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _csv_records(handle: IO[str], id_field: str, text_field: str) -> Iterator[InputRecord]:
    reader = csv.reader(handle)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise InvalidInputError(f"cannot read the CSV header ({error})") from None
    if header is None:
        return
    if text_field not in header:
        raise InvalidInputError(f"the CSV header has no {text_field!r} column (columns: {', '.join(header)}); "
                                f"choose one with text_field= (--text-field)")
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield InputRecord(reader.line_num, None, None, error=f"malformed CSV row ({error})")
            continue
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        value = dict(zip(header, row))
        undecodable = next((cell for cell in row if _UNDECODABLE.search(cell)), None)
        if undecodable is not None:  # bytes that are not UTF-8 (kept as surrogates by the reader)
            byte = ord(_UNDECODABLE.search(undecodable).group()) - 0xDC00
            doc_id = value.get(id_field)
            yield InputRecord(number, None if doc_id is None or _UNDECODABLE.search(doc_id) else _clean_id(doc_id), None,
                              error=f"row is not valid UTF-8 (byte {bytes([byte])!r})")
            continue
        record = _record_from_mapping(number, value, id_field, text_field)
        if len(row) < len(header) and text_field not in value:
            record.error = f"row has {len(row)} cells but the header has {len(header)} (no {text_field!r})"
        yield record


def _folder_records(folder: Path, max_bytes: int | None) -> Iterator[InputRecord]:
    def walk(directory: Path, seen: frozenset) -> Iterator[Path]:
        try:
            entries = sorted(directory.iterdir())
        except OSError as error:
            yield from [directory / f"?{error.strerror}"]
            return
        for path in entries:
            if path.name.startswith("."):
                continue
            if path.is_dir():
                real = path.resolve()
                if real not in seen:  # symbolic link loops are followed once
                    yield from walk(path, seen | {real})
            else:
                yield path

    for path in walk(folder, frozenset({folder.resolve()})):
        relative = path.relative_to(folder).as_posix()
        if path.name.startswith("?"):
            yield InputRecord(relative, relative, None, error=f"cannot list folder ({path.name[1:]})")
            continue
        if path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        if path.is_symlink() and not path.exists():
            yield InputRecord(relative, relative, None, error="broken symbolic link")
            continue
        if not path.is_file():
            yield InputRecord(relative, relative, None, error="not a regular file")
            continue
        try:
            with open(path, "rb") as handle:
                raw = handle.read(max_bytes if max_bytes is not None else -1)
                cut = max_bytes is not None and len(raw) == max_bytes and bool(handle.read(1))
        except OSError as error:
            yield InputRecord(relative, relative, None, error=f"cannot read file ({error.strerror})")
            continue
        text, error = decode_bytes(raw, cut=cut)
        yield InputRecord(relative, relative, text, {}, error)


def decode_bytes(raw: bytes, cut: bool = False) -> tuple[str | None, str | None]:
    """Decode a whole file: UTF-8 (with or without BOM) or UTF-16 with BOM; return (text, None) or (None, reason).

    With ``cut=True`` (only the head of a longer file was read), a character split at the end is dropped.
    """
    if cut:
        utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        for drop in range(4):
            head = raw[:len(raw) - drop]
            if utf16 and len(head) % 2:
                continue
            try:
                head.decode("utf-16" if utf16 else "utf-8-sig")
            except UnicodeDecodeError:
                continue
            raw = head
            break
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "file starts with a UTF-16 byte order mark but is not valid UTF-16"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if b"\x00" in raw[:4096]:
            return None, "binary file (not text)"
        return None, f"file is not valid UTF-8 (byte {error.start}: {raw[error.start:error.start + 1]!r})"
    if "\x00" in text[:4096] and text[:4096].count("\x00") * 10 > min(len(text), 4096):
        return None, "binary file (mostly NUL bytes)"
    return text, None


_decode_file = decode_bytes  # the name stance.cli uses


def read_records(source: str | Path | IO, *, format: str | None = None, id_field: str = "id",
                 text_field: str = "text", max_length: int | None = None) -> Iterator[InputRecord]:
    """Stream records from a folder of ``.txt`` files, a JSON Lines or CSV file, a file object, or ``-`` (stdin).

    Bad records are yielded with ``error`` set, never dropped. Memory does not grow with the input.

    Parameters
    ----------
    source : path, ``"-"`` or file object
    format : {"jsonl", "csv", "txt"}, optional
        Default: from the file suffix (``.csv``, ``.txt``, else JSON Lines).
    id_field, text_field : str
        Field (column) names of the id and the text.
    max_length : int, optional
        Read at most enough bytes of each ``.txt`` file for this many characters (and one more, so
        that the analyzer still sees the text is too long and flags it ``truncated``).

    Raises
    ------
    InvalidInputError
        If the source cannot be opened at all (missing file, unknown format, CSV without the text column).

    Examples
    --------
    >>> import io
    >>> [(r.line, r.id, r.error) for r in read_records(io.StringIO('{"id": 1, "text": "x"}\\n[1]\\n'))]
    [(1, 1, None), (2, None, 'a JSON object is expected, got list')]
    """
    if format not in (None, "jsonl", "csv", "txt"):
        raise InvalidInputError(f"input format must be 'jsonl', 'csv' or 'txt', got {format!r}")
    if isinstance(source, (str, Path)) and str(source) == "-":
        stream = sys.stdin.buffer if format != "csv" else io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig",
                                                                            errors="surrogateescape", newline="")
        if format == "csv":
            yield from _csv_records(stream, id_field, text_field)
        else:
            yield from _jsonl_records(_decode_stream(stream), id_field, text_field)
        return
    if not isinstance(source, (str, Path)):  # a file object
        if format == "csv":
            yield from _csv_records(source, id_field, text_field)
        elif isinstance(source, io.TextIOBase):
            lines = ((n, line.rstrip("\r\n"), None) for n, line in enumerate(source, 1))
            yield from _jsonl_records(lines, id_field, text_field)
        else:
            yield from _jsonl_records(_decode_stream(source), id_field, text_field)
        return
    path = Path(source)
    if path.is_dir():
        yield from _folder_records(path, _max_bytes(max_length))
        return
    if not path.exists():
        raise InvalidInputError(f"input {path} does not exist")
    suffix = path.suffix.lower()
    format = format or ("csv" if suffix == ".csv" else "txt" if suffix in TEXT_SUFFIXES else "jsonl")
    try:
        handle = open(path, "rb")
    except OSError as error:
        raise InvalidInputError(f"cannot open input {path}: {error.strerror}") from None
    with handle:
        if format == "csv":
            raw = handle.read(4)
            handle.seek(0)
            encoding = "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
            text_handle = io.TextIOWrapper(handle, encoding=encoding, errors="surrogateescape", newline="")
            yield from _csv_records(text_handle, id_field, text_field)
        elif format == "txt":
            limit = _max_bytes(max_length)
            raw = handle.read(limit if limit is not None else -1)
            text, error = decode_bytes(raw, cut=limit is not None and len(raw) == limit and bool(handle.read(1)))
            yield InputRecord(path.name, path.stem, text, {}, error)
        else:
            yield from _jsonl_records(_decode_stream(handle), id_field, text_field)


def _max_bytes(max_length: int | None) -> int | None:
    """Bytes that hold at least ``max_length + 1`` characters in any encoding we read (4 bytes per character, a BOM)."""
    return None if max_length is None else 4 * (max_length + 1) + 4


def _count_records(source, format: str | None) -> int | None:
    """A cheap count of the records of a file or folder, for the progress bar's ETA (None for streams)."""
    if not isinstance(source, (str, Path)) or str(source) == "-":
        return None
    path = Path(source)
    try:
        if path.is_dir():
            return sum(1 for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES)
        suffix = path.suffix.lower()
        format = format or ("csv" if suffix == ".csv" else "txt" if suffix in TEXT_SUFFIXES else "jsonl")
        if format == "txt":
            return 1
        if format == "csv":
            with open(path, encoding="utf-8", errors="replace", newline="") as handle:
                return max(sum(1 for _ in csv.reader(handle)) - 1, 0)
        with open(path, "rb") as handle:
            return sum(1 for line in _split_lines(handle) if line.strip())
    except (OSError, csv.Error):
        return None


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


_WORKER_ANALYZERS: dict[str, Any] = {}
_WORKER_LOCK = threading.Lock()


def _model_reference(path: Path | None) -> str:
    """How a worker names a model: a shipped model by name, any other by its absolute path."""
    from .model import MODELS_DIR

    if path is None:
        return "default"
    path = Path(path).resolve()
    return path.name if path.parent == MODELS_DIR.resolve() else str(path)


def _spec(model: str, max_length: int, find_unlisted: bool, mode: str, actors: tuple) -> WorkerSpec:
    digest = hashlib.sha256(pickle.dumps((model, max_length, find_unlisted, mode, actors))).hexdigest()[:16]
    return WorkerSpec(digest, model, max_length, find_unlisted, mode, actors)


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
    spec = _spec(_model_reference(analyzer.model.path), analyzer.max_length, find_unlisted, mode, actors)
    with _WORKER_LOCK:  # threads of this process reuse the caller's analyzer
        _WORKER_ANALYZERS.setdefault(spec.key, analyzer)
    return spec


def options_spec(model: str | Path = "default", actors: str | Path | None = None,
                 max_length: int | None = None) -> WorkerSpec:
    """The :class:`WorkerSpec` of ``stance.load(model, actors=actors, max_length=max_length)``, without loading it.

    The model's manifest and the actor list are read and checked here, so that a wrong name or an
    incompatible model fails before any work starts; the workers load the model itself (and check its
    file hashes). Used when the work goes to worker processes, where this process needs no model.
    """
    from .actors import load_actor_list
    from .analyzer import DEFAULT_MAX_LENGTH
    from .model import read_manifest, resolve_model_path

    directory = resolve_model_path(model)
    read_manifest(directory)
    extra = tuple(load_actor_list(actors)) if actors is not None else ()
    return _spec(_model_reference(directory), max_length or DEFAULT_MAX_LENGTH, True,
                 "extend" if extra else "default", extra)


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
            from .model import load_model

            gazetteer = Gazetteer.default()
            if spec.gazetteer == "extend":
                gazetteer = gazetteer.extended(spec.actors)
            elif spec.gazetteer == "replace":
                gazetteer = Gazetteer(spec.actors)
            analyzer = Analyzer(load_model(spec.model), gazetteer, max_length=spec.max_length,
                                find_unlisted=spec.find_unlisted)
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
        yield from parallel(delayed(function)(spec, chunk, *args) for chunk in chunks)
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


# --- writers and resume -------------------------------------------------------------------------------------

class _Sink:
    """Bytes out to a path (binary, appended or new) or to a caller's file object (text or binary)."""

    def __init__(self, target, append: bool, lazy: bool = False):
        self.path = Path(target) if isinstance(target, (str, Path)) else None
        self.handle = None
        self.text = False
        if self.path is not None:
            if lazy and not append:  # created on the first write; a stale file from an earlier run goes now
                self.path.unlink(missing_ok=True)
            self.mode = "ab" if append or lazy else "wb"
            if not lazy:
                self.handle = open(self.path, self.mode)
        else:
            self.handle = target
            self.text = isinstance(target, io.TextIOBase) or hasattr(target, "encoding")

    def write(self, data: bytes) -> None:
        if self.handle is None:
            self.handle = open(self.path, self.mode)
        self.handle.write(data.decode("utf-8") if self.text else data)

    def flush(self) -> None:
        if self.handle is not None:
            self.handle.flush()

    def close(self) -> None:
        if self.path is not None and self.handle is not None:
            self.handle.close()


_JSONL_KEY = re.compile(rb'^\{"(?:schema": "[^"]*", ")?line": ("(?:[^"\\]|\\.)*"|-?\d+)[,}]')


def _resume_jsonl(path: Path) -> set:
    """Cut a torn last line off a JSON Lines file (from a killed run); return the input positions it holds."""
    done: set = set()
    end = 0
    with open(path, "rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            end += len(raw)
            match = _JSONL_KEY.match(raw)
            try:
                value = json.loads(match.group(1)) if match else json.loads(raw).get("line")
            except (ValueError, AttributeError):
                continue
            if value is not None:
                done.add(str(value))
    _truncate(path, end)
    return done


def _resume_csv(path: Path) -> set:
    """Drop the last article of a CSV output (it may be incomplete) and any torn row; return the positions kept."""
    offsets = [0]

    def lines(handle):
        for raw in handle:
            if not raw.endswith(b"\n"):
                return
            offsets[0] += len(raw)
            yield raw.decode("utf-8", errors="replace")

    done: set = set()
    with open(path, "rb") as handle:
        source = lines(handle)
        reader = csv.reader(source)
        try:
            header = next(reader, None)
        except csv.Error:
            header = None
        header_end = offsets[0] if header == CSV_COLUMNS else 0
        keep = header_end
        last, last_start = None, header_end
        if header_end:
            position = CSV_COLUMNS.index("line")
            while True:
                row_start = offsets[0]
                try:
                    row = next(reader)
                except (StopIteration, csv.Error):
                    break
                if len(row) != len(CSV_COLUMNS):
                    break
                if row[position] != last:
                    if last is not None:
                        done.add(last)
                    last, last_start = row[position], row_start
            keep = last_start  # the last article is scored again: its rows may be incomplete
    _truncate(path, keep)
    return done


def _truncate(path: Path, size: int) -> None:
    if path.stat().st_size != size:
        with open(path, "rb+") as handle:
            handle.truncate(size)


@dataclass
class ScoreStats:
    """What a :func:`score_collection` run did.

    Attributes
    ----------
    scored : int
        Records written to the output in this run.
    failed : int
        Records written to the errors file in this run.
    skipped : int
        Records already done by an earlier run (with ``resume=True``).
    truncated : int
        Scored records whose text was cut at ``max_length``.
    seconds : float
    """

    scored: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    truncated: int = 0

    @property
    def articles_per_second(self) -> float:
        """Records handled (scored or failed) per second of this run."""
        return (self.scored + self.failed) / self.seconds if self.seconds else 0.0


def score_collection(source: str | Path | IO, out: str | Path | IO, *, jobs: int | None = 1, batch_size: int = 32,
                     resume: bool = False, errors: str | Path | IO | None = None, format: str | None = None,
                     input_format: str | None = None, id_field: str = "id", text_field: str = "text",
                     model: str | Path = "default", actors: str | Path | None = None, max_length: int | None = None,
                     progress: bool | None = None, summary: str | Path | None = None, strict: bool = False,
                     analyzer=None) -> ScoreStats:
    """Score a collection of articles into JSON Lines (one document per article) or CSV (one row per actor).

    Parameters
    ----------
    source : path, ``"-"`` or file object
        A folder of ``.txt`` files (id = relative path), a ``.jsonl`` or ``.csv`` file, or ``"-"`` for
        JSON Lines on stdin. Read as a stream: memory does not grow with the collection.
    out : path or file object
        Where the results go. Output order is input order; each chunk is flushed when done.
    jobs : int or None, default=1
        Parallel workers through ``joblib.Parallel`` over chunks (-1: all cores; None: the ``n_jobs`` of
        the active ``joblib.parallel_config``). The backend is the caller's ``joblib.parallel_config``.
        Each worker loads the model once.
    batch_size : int, default=32
        Articles per chunk (one joblib task).
    resume : bool, default=False
        Keep what an earlier (killed) run wrote to ``out`` and ``errors`` and score only the rest.
    errors : path or file object, optional
        Where records that cannot be scored go, as JSON Lines ``{"line", "id", "reason"}`` (a file is
        created at the first such record). Without it they are only counted (``ScoreStats.failed``);
        ``stance score`` always writes them (default: ``OUT.errors.jsonl`` next to the output).
    format : {"jsonl", "csv"}, optional
        Output format (default: ``csv`` for a ``.csv`` path, else ``jsonl``). JSON Lines records are
        ``Document.to_dict()`` plus ``line`` (the input position) and the record's other fields (a field
        named like an output key, such as ``line``, is kept as ``input_line``).
    input_format : {"jsonl", "csv", "txt"}, optional
        Input format (default: from the suffix).
    id_field, text_field : str
        Field (column) names of the id and the text in JSON Lines and CSV input.
    model, actors, max_length
        As in :func:`stance.load` (ignored when ``analyzer`` is given).
    progress : bool, optional
        Show a progress bar (articles done, rate, ETA) on stderr; default: only when stderr is a terminal.
    summary : path, optional
        Write a per-actor CSV table (articles, mentions and stance counts), with one more row per date
        when records have a ``date``.
    strict : bool, default=False
        Raise :class:`~stance.InvalidInputError` at the first record that cannot be scored (it is
        still written to ``errors``).
    analyzer : Analyzer, optional
        Use this analyzer (workers rebuild it from its model, actor list and limits).

    Returns
    -------
    ScoreStats

    Raises
    ------
    InvalidInputError
        If the input cannot be opened or read at all, or (with ``strict``) at the first bad record.
    ModelError
        If the model cannot be loaded.

    See Also
    --------
    stance.Analyzer.pipe : the generator form, in memory.

    Examples
    --------
    >>> import io, json
    >>> out = io.StringIO()
    >>> src = io.StringIO('{"id": "a", "text": "The Kremlin rejected the plan.", "date": "2024-05-01"}\\n')
    >>> score_collection(src, out, progress=False).scored
    1
    >>> row = json.loads(out.getvalue())
    >>> row["id"], row["date"], row["actors"][0]["name"]
    ('a', '2024-05-01', 'Kremlin')
    """
    started = time.time()
    if batch_size < 1:
        raise InvalidInputError(f"batch_size must be at least 1, got {batch_size}")
    out_path = Path(out) if isinstance(out, (str, Path)) else None
    if format is None:
        format = "csv" if out_path is not None and out_path.suffix.lower() == ".csv" else "jsonl"
    if format not in ("jsonl", "csv"):
        raise InvalidInputError(f"output format must be 'jsonl' or 'csv', got {format!r}")
    if analyzer is not None:
        spec = worker_spec(analyzer)
    elif jobs == 1:
        from . import load

        spec = worker_spec(load(model, actors=actors, max_length=max_length))
    else:  # the workers load the model; this process only reads, dispatches and writes
        spec = options_spec(model, actors, max_length)
    errors_path = Path(errors) if isinstance(errors, (str, Path)) else None
    _check_distinct(source, out_path, errors_path, summary)
    records = read_records(source, format=input_format, id_field=id_field, text_field=text_field,
                           max_length=spec.max_length)
    first = next(records, None)  # opens the input: fail before touching the output
    done: set = set()
    if resume:
        if out_path is not None and out_path.exists():
            done |= _resume_csv(out_path) if format == "csv" else _resume_jsonl(out_path)
        if errors_path is not None and errors_path.exists():
            done |= _resume_jsonl(errors_path)
    append = resume
    out_sink = _Sink(out, append)
    errors_sink = _Sink(errors, append, lazy=True) if errors is not None else None
    stats = ScoreStats()
    bar = _progress_bar(progress, source, input_format, len(done))

    def pending() -> Iterator[InputRecord]:
        if first is None:
            return
        for record in _prepend(first, records):
            if done and str(record.line) in done:
                stats.skipped += 1
                continue
            yield record

    try:
        if format == "csv" and not (out_path is not None and append and out_path.stat().st_size > 0):
            out_sink.write(_encode_csv([CSV_COLUMNS]))
        for results in _run(score_chunk, spec, _chunks(pending(), batch_size), jobs, format):
            problem = None
            for result in results:
                if result.error is None:
                    stats.scored += 1
                    stats.truncated += result.truncated
                    out_sink.write(result.payload)
                    continue
                stats.failed += 1
                if errors_sink is not None:
                    entry = {"line": result.line, "id": result.id, "reason": result.error}
                    errors_sink.write(_encode_json(entry))
                if strict and problem is None:
                    problem = result
            out_sink.flush()
            if errors_sink is not None:
                errors_sink.flush()
            if bar is not None:
                bar.update(len(results))
            if problem is not None:
                raise InvalidInputError(f"record at line {problem.line} (id {problem.id!r}): {problem.error}")
    finally:
        if bar is not None:
            bar.close()
        out_sink.close()
        if errors_sink is not None:
            errors_sink.close()
        stats.seconds = time.time() - started
    if summary is not None:
        if out_path is None:
            raise InvalidInputError("summary needs the output to be a file (it is computed from it)")
        write_summary(out_path, summary, format)
    return stats


def _check_distinct(source, out_path: Path | None, errors_path: Path | None, summary) -> None:
    """Refuse to write a file over the input or over another output of the same run."""
    named = [("input", source), ("output", out_path), ("errors", errors_path), ("summary", summary)]
    seen: dict[Path, str] = {}
    for role, value in named:
        if not isinstance(value, (str, Path)) or str(value) == "-":
            continue
        resolved = Path(value).resolve()
        if resolved in seen:
            raise InvalidInputError(f"the {role} file {value} is also the {seen[resolved]}: choose another name")
        seen[resolved] = role


def _prepend(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def _progress_bar(progress: bool | None, source, input_format: str | None, done: int):
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    total = _count_records(source, input_format)
    import shutil

    size = shutil.get_terminal_size((100, 20))  # a terminal that reports no size (0 x 0) gets 100 x 20
    return tqdm(total=max(total - done, 0) if total is not None else None, unit=" articles", file=sys.stderr,
                ncols=min(size.columns, 120), nrows=max(size.lines, 2), smoothing=0.1, mininterval=0.5)


def write_summary(scores: str | Path, summary: str | Path, format: str = "jsonl") -> None:
    """Write a per-actor table computed from a scored file (JSON Lines or CSV output of :func:`score_collection`).

    One row per actor (``date`` empty) with ``articles``, ``mentions`` and the number of sentences with
    each stance; when records have a ``date``, one more row per actor and date.

    Examples
    --------
    >>> import io, json, tempfile, pathlib, csv
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> src = io.StringIO(json.dumps({"id": 1, "text": "NATO warned Moscow.", "date": "2024-01-02"}) + "\\n")
    >>> _ = score_collection(src, folder / "out.jsonl", progress=False, summary=folder / "actors.csv")
    >>> [(r["actor_id"], r["date"], r["mentions"]) for r in csv.DictReader(open(folder / "actors.csv"))][:2]
    [('nato', '', '1'), ('nato', '2024-01-02', '1')]
    """
    from .labels import STANCE_LABELS

    counts: dict[tuple[str, str], Counter] = {}
    names: dict[str, tuple] = {}

    def add(actor_id: str, date: str, mentions: int, stances: dict, new_article: bool) -> None:
        for key in {(actor_id, ""), (actor_id, date)}:
            counter = counts.setdefault(key, Counter())
            counter["mentions"] += mentions
            counter["articles"] += new_article
            counter.update(stances)

    with open(scores, encoding="utf-8", newline="") as handle:
        if format == "csv":
            last_line: dict[tuple[str, str], str] = {}
            for row in csv.DictReader(handle):
                if not row.get("actor_id"):
                    continue
                actor_id, date = row["actor_id"], row.get("date") or ""
                names[actor_id] = (row["name"], row["type"], row["affiliation"])
                new = last_line.get((actor_id, date)) != row["line"]
                last_line[(actor_id, date)] = row["line"]
                add(actor_id, date, int(row.get("mentions") or 1), {row["stance"]: 1}, new)
        else:
            for line in handle:
                try:
                    document = json.loads(line)
                except json.JSONDecodeError:
                    continue
                date = _date_of(document)
                for actor in document.get("actors", []):
                    names[actor["id"]] = (actor["name"], actor["type"], actor["affiliation"] or "")
                    add(actor["id"], date, actor["mentions"], actor["stances"], True)
    totals = {actor_id: counts[(actor_id, "")]["mentions"] for actor_id in names}
    with open(summary, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["actor_id", "name", "type", "affiliation", "date", "articles", "mentions", *STANCE_LABELS])
        for (actor_id, date), counter in sorted(counts.items(), key=lambda item: (-totals[item[0][0]], item[0])):
            writer.writerow([actor_id, *names[actor_id], date, counter["articles"], counter["mentions"],
                             *[counter[label] for label in STANCE_LABELS]])
