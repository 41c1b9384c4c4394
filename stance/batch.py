"""Batch scoring of article collections: streaming readers, joblib over chunks, crash-safe writers.

Every input record ends up exactly once in the output or in the errors file. Output lines are
written whole and flushed per chunk, so a process killed at any moment leaves a file that
``resume=True`` completes (a torn last line is cut off; records already written are skipped).

Examples
--------
>>> import io, json, stance
>>> from stance.batch import score_collection
>>> src = io.StringIO('{"id": "a", "text": "NATO warned Moscow."}\\n{"id": "b"}\\n')
>>> out, errors = io.StringIO(), io.StringIO()
>>> stats = score_collection(src, out, errors=errors, progress=False)
>>> (stats.scored, stats.failed), json.loads(errors.getvalue())["reason"]
((1, 1), "field 'text' is missing")
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .exceptions import InvalidInputError, StanceError

__all__ = ["InputRecord", "read_records", "score_collection", "ScoreStats", "parallel_pipe", "CSV_COLUMNS",
           "RECORD_META", "write_summary", "score_records"]

#: Columns of the per-(article, sentence, actor) CSV output.
CSV_COLUMNS = ["id", "line", "sentence", "start", "end", "actor_id", "name", "type", "affiliation", "stance", "score",
               "target", "actor_sentiment", "sentence_sentiment"]
#: Column types of :func:`stance.dask.score_dataframe` output (one row per sentence and actor).
RECORD_META = {"id": "object", "sentence": "int64", "start": "int64", "end": "int64", "actor_id": "object",
               "name": "object", "type": "object", "affiliation": "object", "stance": "object", "score": "float64",
               "target": "object", "actor_sentiment": "object", "sentence_sentiment": "object"}

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass
class InputRecord:
    """One input record: ``line`` is its position (line, row or file path); ``error`` is set when it cannot be scored."""

    line: Any
    id: Any
    text: Any
    meta: dict = field(default_factory=dict)
    error: str | None = None


# --- readers ---------------------------------------------------------------------------------------------

def _decode_stream(binary: IO[bytes]) -> Iterator[tuple[int, str | None, str | None]]:
    """Yield (line number, text line, error) from a binary stream; detects UTF-8/UTF-16 BOMs."""
    head = binary.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        rest = head + binary.read()
        try:
            text = rest.decode("utf-16")
        except UnicodeDecodeError as error:
            yield 1, None, f"input is not valid UTF-16 ({error.reason})"
            return
        for number, line in enumerate(text.splitlines(), 1):
            yield number, line, None
        return
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    pending = head
    number = 0
    for chunk in iter(lambda: binary.readline(), b""):
        pending += chunk
        if not pending.endswith(b"\n"):
            continue
        number += 1
        yield number, *_decode_line(pending, number)
        pending = b""
    if pending:
        number += 1
        yield number, *_decode_line(pending, number)


def _decode_line(raw: bytes, number: int) -> tuple[str | None, str | None]:
    try:
        return raw.decode("utf-8").rstrip("\r\n"), None
    except UnicodeDecodeError as error:
        return None, f"line is not valid UTF-8 (byte {error.start}: {raw[error.start:error.start + 1]!r})"


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
        if not isinstance(value, dict):
            yield InputRecord(number, None, None, error=f"a JSON object is expected, got {type(value).__name__}")
            continue
        yield _record_from_mapping(number, value, id_field, text_field)


def _record_from_mapping(number, value: dict, id_field: str, text_field: str) -> InputRecord:
    record_id = value.get(id_field)
    if isinstance(record_id, (dict, list)):
        record_id = json.dumps(record_id)
    meta = {k: v for k, v in value.items() if k not in (id_field, text_field)}
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


def _csv_records(handle: IO[str], id_field: str, text_field: str) -> Iterator[InputRecord]:
    reader = csv.DictReader(handle)
    if reader.fieldnames is None:
        return
    if text_field not in reader.fieldnames:
        raise InvalidInputError(f"the CSV header has no {text_field!r} column (columns: {', '.join(reader.fieldnames)}); "
                                f"choose one with text_field=")
    for row in reader:
        number = reader.line_num
        if None in row:  # more cells than header columns
            row.pop(None)
        missing = [name for name, value in row.items() if value is None]
        record = _record_from_mapping(number, row, id_field, text_field)
        if missing and text_field in missing:
            record.error = f"row has fewer cells than the header (no {text_field!r})"
        yield record


def _folder_records(folder: Path) -> Iterator[InputRecord]:
    for path in sorted(folder.rglob("*")):
        relative = str(path.relative_to(folder))
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.is_symlink() and not path.exists():
            yield InputRecord(relative, relative, None, error="broken symbolic link")
            continue
        if path.suffix.lower() not in (".txt", ".text", ""):
            continue
        try:
            raw = path.read_bytes()
        except OSError as error:
            yield InputRecord(relative, relative, None, error=f"cannot read file ({error.strerror})")
            continue
        text, error = _decode_file(raw)
        yield InputRecord(relative, relative, text, {}, error)


def _decode_file(raw: bytes) -> tuple[str | None, str | None]:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "file is not valid UTF-16"
    if b"\x00" in raw[:4096] and not raw.startswith(codecs.BOM_UTF8):
        return None, "binary file (contains NUL bytes)"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return None, f"file is not valid UTF-8 (byte {error.start})"


def read_records(source: str | Path | IO, *, format: str | None = None, id_field: str = "id",
                 text_field: str = "text") -> Iterator[InputRecord]:
    """Stream records from a folder of ``.txt`` files, a JSON Lines or CSV file, a file object, or ``-`` (stdin).

    Bad records are yielded with ``error`` set (never dropped). Memory does not grow with the input.

    Raises
    ------
    InvalidInputError
        If the source cannot be opened at all (missing file, unknown format).
    """
    if isinstance(source, (str, Path)) and str(source) == "-":
        yield from _jsonl_records(_decode_stream(sys.stdin.buffer), id_field, text_field)
        return
    if not isinstance(source, (str, Path)):  # a file object
        if format == "csv":
            yield from _csv_records(source, id_field, text_field)
        else:
            lines = ((n, line.rstrip("\r\n"), None) for n, line in enumerate(source, 1))
            yield from _jsonl_records(lines, id_field, text_field)
        return
    path = Path(source)
    if path.is_dir():
        yield from _folder_records(path)
        return
    if not path.exists():
        raise InvalidInputError(f"input {path} does not exist")
    format = format or ("csv" if path.suffix.lower() == ".csv" else "txt" if path.suffix.lower() == ".txt" else "jsonl")
    try:
        handle = open(path, "rb")
    except OSError as error:
        raise InvalidInputError(f"cannot open input {path}: {error.strerror}") from None
    with handle:
        if format == "csv":
            raw = handle.read(4)
            handle.seek(0)
            encoding = "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
            text_handle = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
            yield from _csv_records(text_handle, id_field, text_field)
        elif format == "txt":
            text, error = _decode_file(handle.read())
            yield InputRecord(path.name, path.stem, text, {}, error)
        else:
            yield from _jsonl_records(_decode_stream(handle), id_field, text_field)


# --- scoring --------------------------------------------------------------------------------------------

_WORKER_ANALYZERS: dict = {}


def _worker_analyzer(spec: tuple):
    """The analyzer for ``spec`` in this process (loaded once per worker, not sent per article)."""
    analyzer = _WORKER_ANALYZERS.get(spec)
    if analyzer is None:
        from . import load

        model, actors, max_length = spec
        analyzer = load(model, actors=actors, max_length=max_length)
        _WORKER_ANALYZERS.clear()
        _WORKER_ANALYZERS[spec] = analyzer
    return analyzer


def score_records(spec: tuple, records: list[InputRecord], analyzer=None) -> list[tuple[InputRecord, dict | None, str | None]]:
    """Score one chunk; return (record, document dict or None, error or None) in input order."""
    analyzer = analyzer or _worker_analyzer(spec)
    good = [r for r in records if r.error is None]
    results: dict[int, tuple] = {}
    try:
        documents = analyzer._analyse_batch([(r.text, r.id, r.meta) for r in good])
        for record, document in zip(good, documents):
            results[id(record)] = (document.to_dict(), None)
    except StanceError:
        for record in good:  # find the one that failed; score the rest
            try:
                results[id(record)] = (analyzer(record.text, id=record.id, meta=record.meta).to_dict(), None)
            except StanceError as error:
                results[id(record)] = (None, str(error))
    out = []
    for record in records:
        if record.error is not None:
            out.append((record, None, record.error))
        else:
            document, error = results[id(record)]
            out.append((record, document, error))
    return out


def _chunks(records: Iterable[InputRecord], size: int) -> Iterator[list[InputRecord]]:
    chunk: list[InputRecord] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _scored_chunks(spec: tuple, chunks: Iterable[list[InputRecord]], jobs: int, analyzer=None):
    if jobs == 1:
        for chunk in chunks:
            yield score_records(spec, chunk, analyzer)
        return
    from joblib import Parallel, delayed

    parallel = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs")
    yield from parallel(delayed(score_records)(spec, chunk) for chunk in chunks)


def parallel_pipe(analyzer, texts: Iterable[Any], *, batch_size: int, n_jobs: int, as_tuples: bool = False):
    """``Analyzer.pipe(..., n_jobs=N)``: documents in input order, computed by joblib workers."""
    from .document import Document  # noqa: F401  (documents are rebuilt from dicts)

    manifest_path = analyzer.model.path
    spec = (str(manifest_path) if manifest_path else "default", None, analyzer.max_length)
    contexts: list = []

    def records():
        for number, item in enumerate(texts):
            if as_tuples:
                item, context = item
                contexts.append(context)
            text, doc_id, meta = analyzer._as_record(item)
            from .analyzer import check_text

            check_text(text, doc_id)
            yield InputRecord(number, doc_id, text, meta or {})

    position = 0
    for chunk in _scored_chunks(spec, _chunks(records(), batch_size), n_jobs):
        for record, document, error in chunk:
            if error:
                raise InvalidInputError(f"record {record.id!r}: {error}")
            result = document_from_dict(document)
            yield (result, contexts[position]) if as_tuples else result
            position += 1


def document_from_dict(data: dict):
    """Rebuild a :class:`~stance.document.Document` from ``to_dict()`` output."""
    from .document import Document, Mention, Sentence, SentenceActor, Sentiment, Stance, summarize_actors

    sentences = tuple(
        Sentence(s["index"], s["start"], s["end"], s["text"], Sentiment(**s["sentiment"]), tuple(
            SentenceActor(a["id"], a["name"], a["type"], a["affiliation"], tuple(Mention(**m) for m in a["mentions"]),
                          Stance(**a["stance"]), Sentiment(**a["sentiment"])) for a in s["actors"]))
        for s in data["sentences"])
    known = {"schema", "id", "text", "sentences", "actors", "truncated"}
    meta = {k: v for k, v in data.items() if k not in known}
    return Document(data["id"], data["text"], sentences, summarize_actors(sentences), meta, bool(data.get("truncated")))


# --- writers and resume -------------------------------------------------------------------------------------

def _csv_rows(document: dict, line) -> list[list]:
    rows = []
    for sentence in document["sentences"]:
        for actor in sentence["actors"]:
            rows.append([document["id"], line, sentence["index"], sentence["start"], sentence["end"], actor["id"],
                         actor["name"], actor["type"], actor["affiliation"], actor["stance"]["label"],
                         round(actor["stance"]["score"], 6), actor["stance"]["target"], actor["sentiment"]["label"],
                         sentence["sentiment"]["label"]])
    if not rows:  # every article appears, even with no actor
        rows.append([document["id"], line] + [""] * (len(CSV_COLUMNS) - 2))
    return rows


def _repair_and_collect(path: Path, format: str) -> set:
    """Cut a torn last line (from a killed run) and return the input positions already written."""
    done: set = set()
    if not path.exists():
        return done
    with open(path, "rb+") as handle:
        data = handle.read()
        cut = data.rfind(b"\n") + 1
        if cut < len(data):
            handle.truncate(cut)
            data = data[:cut]
    text = data.decode("utf-8", errors="replace")
    if format == "csv":
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if header:
            position = header.index("line") if "line" in header else 1
            for row in reader:
                if len(row) > position:
                    done.add(row[position])
        return done
    for line in text.splitlines():
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict) and "line" in value:
            done.add(str(value["line"]))
    return done


@dataclass
class ScoreStats:
    """What a :func:`score_collection` run did."""

    scored: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    truncated: int = 0

    @property
    def articles_per_second(self) -> float:
        return (self.scored + self.failed) / self.seconds if self.seconds else 0.0


def score_collection(source, out, *, jobs: int = 1, batch_size: int = 32, resume: bool = False,
                     errors: str | Path | IO | None = None, format: str | None = None, input_format: str | None = None,
                     id_field: str = "id", text_field: str = "text", model: str | Path = "default",
                     actors: str | Path | None = None, max_length: int | None = None, progress: bool | None = None,
                     summary: str | Path | None = None, strict: bool = False, analyzer=None) -> ScoreStats:
    """Score a collection of articles into JSON Lines (one document per article) or CSV (one row per actor).

    Parameters
    ----------
    source : path, ``"-"`` or file object
        A folder of ``.txt`` files (id = relative path), a ``.jsonl`` or ``.csv`` file, or stdin.
    out : path or file object
        Where the results go. With a path, each chunk is flushed as it is done.
    jobs : int, default=1
        Worker processes through ``joblib.Parallel``; the backend is the caller's ``joblib.parallel_config``.
    batch_size : int, default=32
        Articles per chunk (one joblib task).
    resume : bool, default=False
        Keep what an earlier (killed) run wrote to ``out``/``errors`` and score only the rest.
    errors : path or file object, optional
        Where records that cannot be scored go (JSON Lines: line, id, reason). Without it, they are
        counted and reported on stderr only; with ``strict=True`` the first one raises.
    format : {"jsonl", "csv"}, optional
        Output format (default from the file suffix, else jsonl).
    input_format : {"jsonl", "csv", "txt"}, optional
    id_field, text_field : str
        Field (column) names of the id and the text in JSONL and CSV input.
    summary : path, optional
        Write a per-actor table (mentions and stance counts, per date when records have ``date``).

    Returns
    -------
    ScoreStats
    """
    from .labels import SCHEMA  # noqa: F401

    started = time.time()
    out_path = Path(out) if isinstance(out, (str, Path)) else None
    format = format or ("csv" if out_path is not None and out_path.suffix.lower() == ".csv" else "jsonl")
    if format not in ("jsonl", "csv"):
        raise InvalidInputError(f"output format must be 'jsonl' or 'csv', got {format!r}")
    errors_path = Path(errors) if isinstance(errors, (str, Path)) else None
    done: set = set()
    if resume:
        if out_path is not None:
            done |= _repair_and_collect(out_path, format)
        if errors_path is not None:
            done |= _repair_and_collect(errors_path, "jsonl")
    mode = "a" if resume else "w"
    out_handle = open(out_path, mode, encoding="utf-8", newline="") if out_path is not None else out
    errors_handle = open(errors_path, mode, encoding="utf-8") if errors_path is not None else errors
    csv_writer = csv.writer(out_handle, lineterminator="\n") if format == "csv" else None
    if csv_writer is not None and not (resume and out_path is not None and out_path.stat().st_size > 0):
        csv_writer.writerow(CSV_COLUMNS)
    stats = ScoreStats()
    spec = (str(model), str(actors) if actors else None, max_length)
    if jobs == 1 and analyzer is None:
        analyzer = _worker_analyzer(spec)
    bar = _progress_bar(progress)

    def pending():
        for record in read_records(source, format=input_format, id_field=id_field, text_field=text_field):
            if str(record.line) in done:
                stats.skipped += 1
                continue
            yield record

    try:
        for chunk in _scored_chunks(spec, _chunks(pending(), batch_size), jobs, analyzer):
            for record, document, error in chunk:
                if error is not None:
                    stats.failed += 1
                    entry = {"line": record.line, "id": record.id, "reason": error}
                    if strict:
                        raise InvalidInputError(f"record at line {record.line} (id {record.id!r}): {error}")
                    if errors_handle is not None:
                        errors_handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
                    continue
                stats.scored += 1
                stats.truncated += bool(document.get("truncated"))
                document["line"] = record.line
                if csv_writer is not None:
                    csv_writer.writerows(_csv_rows(document, record.line))
                else:
                    out_handle.write(json.dumps(document, ensure_ascii=False) + "\n")
            out_handle.flush()
            if errors_handle is not None:
                errors_handle.flush()
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
        if out_path is not None:
            out_handle.close()
        if errors_path is not None:
            errors_handle.close()
        stats.seconds = time.time() - started
    if summary is not None and out_path is not None:
        write_summary(out_path, summary, format)
    return stats


def _progress_bar(progress: bool | None):
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)


def write_summary(scores: str | Path, summary: str | Path, format: str = "jsonl") -> None:
    """Per-actor table from a scored file: mentions and stance counts, per date when documents have ``date``."""
    from .labels import STANCE_LABELS

    counts: dict[tuple, Counter] = {}
    names: dict[str, tuple] = {}
    with open(scores, encoding="utf-8", newline="") as handle:
        if format == "csv":
            for row in csv.DictReader(handle):
                if not row.get("actor_id"):
                    continue
                key = (row["actor_id"], "")
                names[row["actor_id"]] = (row["name"], row["type"], row["affiliation"])
                counter = counts.setdefault(key, Counter())
                counter["mentions"] += 1
                counter[row["stance"]] += 1
        else:
            for line in handle:
                try:
                    document = json.loads(line)
                except json.JSONDecodeError:
                    continue
                date = str(document.get("date") or "")[:10]
                for actor in document.get("actors", []):
                    names[actor["id"]] = (actor["name"], actor["type"], actor["affiliation"])
                    counter = counts.setdefault((actor["id"], date), Counter())
                    counter["mentions"] += actor["mentions"]
                    counter["articles"] += 1
                    for label, count in actor["stances"].items():
                        counter[label] += count
    with open(summary, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["actor_id", "name", "type", "affiliation", "date", "articles", "mentions", *STANCE_LABELS])
        for (actor_id, date), counter in sorted(counts.items(), key=lambda item: (-item[1]["mentions"], item[0])):
            writer.writerow([actor_id, *names[actor_id], date, counter["articles"], counter["mentions"],
                             *[counter[label] for label in STANCE_LABELS]])


def _environment_jobs(jobs: int) -> int:
    if jobs == -1:
        return os.cpu_count() or 1
    return jobs
