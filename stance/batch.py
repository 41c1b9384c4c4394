"""Batch scoring of article collections: records streamed from :mod:`stance.readers`, scored in chunks by
:mod:`stance.workers` (joblib), written by crash-safe writers; per-actor summaries of the output.

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

import csv
import io
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from .exceptions import InvalidInputError
from .readers import InputRecord, _count_records, _prepend, read_records
from .workers import (CSV_COLUMNS, _chunks, _date_of, _encode_csv, _encode_json, _run, options_spec, score_chunk,
                      worker_spec)

# Re-exported: these names lived here before stance.readers and stance.workers were split off.
from .readers import OUTPUT_KEYS, TEXT_SUFFIXES, decode_bytes  # noqa: F401
from .workers import RECORD_META, WorkerSpec, _csv_rows, parallel_pipe, worker_analyzer  # noqa: F401

__all__ = ["InputRecord", "read_records", "score_collection", "ScoreStats", "CSV_COLUMNS", "RECORD_META",
           "write_summary"]



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
                     analyzer=None, embeddings: bool = False, word_pieces: bool = True) -> ScoreStats:
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
        Use this analyzer (workers rebuild it from its model, actor list, limits and encoder).
    embeddings : bool, default=False
        As in :func:`stance.load`: sentiment and stance from transformer embeddings too (ignored when
        ``analyzer`` is given; needs ``pip install "stance[embeddings]"``).
    word_pieces : bool, default=True
        As in :func:`stance.load`: ``False`` scores stance with the features-only classifier alone, about a third
        faster (ignored when ``analyzer`` is given).

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

        spec = worker_spec(load(model, actors=actors, max_length=max_length, embeddings=embeddings,
                                word_pieces=word_pieces))
    else:  # the workers load the model; this process only reads, dispatches and writes
        spec = options_spec(model, actors, max_length, embeddings, word_pieces)
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
