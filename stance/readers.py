"""Reading article collections (JSON Lines, CSV, folders of ``.txt`` files, stdin) as streams of :class:`InputRecord`.

A record that cannot be scored (invalid JSON or UTF-8, a missing text field, an unreadable file, ...)
is yielded with ``error`` set, never dropped, so that every input record can be accounted for.

Examples
--------
>>> import io
>>> from stance.readers import read_records
>>> src = io.StringIO('{"id": "a", "text": "NATO warned Moscow."}\\n{"id": "b"}\\n')
>>> [(r.line, r.id, r.error) for r in read_records(src)]
[(1, 'a', None), (2, 'b', "field 'text' is missing")]
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .exceptions import InvalidInputError

__all__ = ["InputRecord", "read_records", "decode_bytes", "TEXT_SUFFIXES", "OUTPUT_KEYS"]

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


def _prepend(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


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
