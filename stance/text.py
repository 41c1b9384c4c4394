"""Sentences and tokens with document-level, end-exclusive character offsets.

Sentences come from Punkt with parameters shipped in
``stance/data/tokenizers/punkt_tab/english`` (trained with nltk by ``python -m training.punkt``;
applied by :mod:`stance.punkt`, which gives nltk's spans without importing nltk); nothing is
downloaded. Every newline-separated line (a headline, a paragraph) is split on
its own, so a headline without final punctuation is its own sentence.

Examples
--------
>>> from stance.text import split_sentences, tokenize
>>> text = "Sen. Warren spoke at 9 a.m. in the U.S. Capitol. She left.\\n\\nNext story"
>>> [text[s:e] for s, e in split_sentences(text)]
['Sen. Warren spoke at 9 a.m. in the U.S. Capitol.', 'She left.', 'Next story']
>>> [text[s:e] for s, e in tokenize(text, 0, 11)]
['Sen.', 'Warren']
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .exceptions import ModelNotFoundError
from .limits import DEFAULT_MAX_LENGTH, MAX_SENTENCE_CHARS  # noqa: F401  (re-exported)
from .punkt import PunktSplitter

__all__ = ["split_sentences", "tokenize", "sentence_splitter", "sentence_tokenizer", "PUNKT_DIR", "MAX_SENTENCE_CHARS", "DEFAULT_MAX_LENGTH"]

PUNKT_DIR = Path(__file__).parent / "data" / "tokenizers" / "punkt_tab" / "english"


_LINE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]+")

# Tokens: dotted abbreviations (U.S., a.m.), title abbreviations with their period (Sen., Gen.),
# words with inner apostrophes or hyphens, numbers, and any other single non-space character.
# Used with nltk's RegexpTokenizer, which needs no downloaded data.
TITLE_ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Gen", "Rep", "Gov", "Lt", "Col", "Adm", "Sgt", "Capt", "Maj",
    "Prof", "Rev", "St", "Jr", "Sr", "No", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
)
#: Titles (lowercase, without the period) that only ever come before a name, so that "Mr." never ends a sentence.
NAME_TITLES = frozenset({"mr", "mrs", "ms", "messrs", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "gens", "lt",
                         "col", "adm", "sgt", "capt", "maj", "prof", "rev"})
TOKEN_PATTERN = (
    r"(?:[^\W\d_]\.){2,}"
    r"|(?:" + "|".join(TITLE_ABBREVIATIONS) + r")\.(?=\s)"
    r"|\w+(?:['\u2019\-]\w+)*"
    r"|[^\w\s]"
)


def _read_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]


@functools.lru_cache(maxsize=1)
def punkt_parameters() -> dict:
    """The shipped Punkt parameters: abbreviations, collocations, sentence starters, orthographic context.

    Raises
    ------
    ModelNotFoundError
        If the shipped parameter files are missing (a broken install).
    """
    try:
        return {
            "abbreviations": frozenset(_read_lines(PUNKT_DIR / "abbrev_types.txt")),
            "sentence_starters": frozenset(_read_lines(PUNKT_DIR / "sent_starters.txt")),
            "collocations": frozenset(tuple(line.split("\t")) for line in _read_lines(PUNKT_DIR / "collocations.tab")),
            "orthographic_context": {word: int(value) for word, value in
                                     (line.split("\t") for line in _read_lines(PUNKT_DIR / "ortho_context.tab"))},
        }
    except FileNotFoundError as missing:
        raise ModelNotFoundError(
            f"the shipped sentence splitter parameters are missing ({missing.filename}); "
            "reinstall stance, or rebuild them with `python -m training.punkt`"
        ) from None


@functools.lru_cache(maxsize=1)
def sentence_splitter() -> PunktSplitter:
    """Return the shipped Punkt splitter that :func:`split_sentences` uses (built once, cached)."""
    return PunktSplitter(**punkt_parameters())


@functools.lru_cache(maxsize=1)
def sentence_tokenizer():
    """Return nltk's ``PunktSentenceTokenizer`` with the shipped parameters (built once, cached).

    It gives the same spans as :func:`sentence_splitter` (checked in the tests) but costs the nltk import.
    """
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    parameters = punkt_parameters()
    params = PunktParameters()
    params.abbrev_types = set(parameters["abbreviations"])
    params.sent_starters = set(parameters["sentence_starters"])
    params.collocations = set(parameters["collocations"])
    params.ortho_context.update(parameters["orthographic_context"])
    return PunktSentenceTokenizer(params)


def _cut_long(text: str, start: int, end: int):
    """Yield (start, end) pieces of at most MAX_SENTENCE_CHARS, cut at white space when possible."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def _ends_with_name_title(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a title that only ever comes before a name ("... met Mr.")."""
    if end - start < 3 or text[end - 1] != "." or not text[end - 2].isalpha():
        return False
    word_start = end - 2
    while word_start > start and text[word_start - 1].isalpha():
        word_start -= 1
    return text[word_start:end - 1].lower() in NAME_TITLES and (word_start == start or not text[word_start - 1].isalnum())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; return end-exclusive ``(start, end)`` offsets.

    Each span has no leading or trailing white space, spans are in order and do not
    overlap, and ``text[start:end]`` is the sentence. A title before a name never ends a
    sentence: Punkt would end one at "Mr." when the name is also an ordinary word ("Mr. Stone").

    Examples
    --------
    >>> text = "Police questioned Mr. Stone on Monday. Sen. Young objected."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Police questioned Mr. Stone on Monday.', 'Sen. Young objected.']
    """
    splitter = sentence_splitter()
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        line_text = line.group()
        if not line_text.strip():
            continue
        offset = line.start()
        pending = None  # a piece that ends with "Mr.": it goes on in the next piece
        for s, e in splitter.span_tokenize(line_text):
            while s < e and line_text[s].isspace():
                s += 1
            while e > s and line_text[e - 1].isspace():
                e -= 1
            if e <= s:
                continue
            if pending is not None:
                s = pending
            if _ends_with_name_title(line_text, s, e):
                pending, pending_end = s, e
                continue
            pending = None
            spans.extend(_cut_long(text, offset + s, offset + e))
        if pending is not None:
            spans.extend(_cut_long(text, offset + pending, offset + pending_end))
    return spans


_TOKEN = re.compile(TOKEN_PATTERN)


@functools.lru_cache(maxsize=1)
def word_tokenizer():
    """nltk's ``RegexpTokenizer`` with the token pattern of :func:`tokenize` (no downloaded data needed)."""
    from nltk.tokenize import RegexpTokenizer

    return RegexpTokenizer(TOKEN_PATTERN)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return token offsets (document-level, end-exclusive) for ``text[start:end]``.

    The pattern is that of nltk's ``RegexpTokenizer(TOKEN_PATTERN)`` (see :func:`word_tokenizer`),
    run on a compiled ``re`` pattern directly, without nltk's per-call regex guard, because
    tokenizing is on the hot path (nltk's engine may split rare Unicode digits differently). The
    pattern has no nested quantifiers, so it runs in linear time.
    """
    end = len(text) if end is None else end
    return [match.span() for match in _TOKEN.finditer(text, start, end)]
