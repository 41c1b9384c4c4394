"""Annotated training data in the stance corpus format: read it, check it, compile it to offsets.

One article per JSON line::

    {"id": "a1", "sentences": [
       {"text": "Kremlin signals openness to talks", "headline": true, "sentiment": "neutral",
        "actors": [{"actor": "Kremlin", "type": "organization", "affiliation": "Russia", "mentions": ["Kremlin"],
                    "stance": "openness", "target": null, "sentiment": "neutral"}]},
       {"text": "Moscow said it was ready.", "paragraph": true, "sentiment": "neutral", "actors": []}]}

The article text is the headline, a blank line, then the body sentences joined by one space (a
sentence with ``"paragraph": true`` starts a new paragraph). ``mentions`` are exact, whole-word
strings of the sentence; a string listed twice means its first two occurrences (after the
dateline of a wire story, "KYIV, Ukraine (Wire) - ", when the string occurs that often after it: places
of filing are no actors). Errors name the file, line, sentence and field (:class:`~stance.exceptions.TrainingDataError`).

Examples
--------
>>> doc = compile_article({"id": "a", "sentences": [{"text": "NATO warned Moscow.", "sentiment": "negative",
...     "actors": [{"actor": "NATO", "type": "organization", "mentions": ["NATO"], "stance": "threat",
...                 "target": "Russia", "sentiment": "neutral"}]}]}, "example")
>>> doc.text[slice(*doc.sentences[0].actors[0].mentions[0])]
'NATO'
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .actors import ACTOR_TYPES, slugify
from .exceptions import TrainingDataError
from .labels import SENTIMENT_LABELS, STANCE_LABELS

__all__ = ["GoldActor", "GoldSentence", "GoldDocument", "compile_article", "read_annotated", "split_of",
           "read_jsonl"]

CorpusError = TrainingDataError


@dataclass
class GoldActor:
    actor: str
    type: str
    affiliation: str | None
    mentions: list[tuple[int, int]]
    stance: str
    target: str | None
    sentiment: str

    @property
    def id(self) -> str:
        return slugify(self.actor)


@dataclass
class GoldSentence:
    start: int
    end: int
    sentiment: str | None
    actors: list[GoldActor] = field(default_factory=list)
    headline: bool = False


@dataclass
class GoldDocument:
    id: str
    text: str
    sentences: list[GoldSentence]
    source: str
    split: str = "train"
    topic: str | None = None
    region: str | None = None


def split_of(article_id: str) -> str:
    """Deterministic train/dev/test split by article id (80/10/10)."""
    bucket = zlib.crc32(article_id.encode("utf-8")) % 10
    return "test" if bucket == 0 else "dev" if bucket == 1 else "train"


# A wire story's dateline: "KYIV, Ukraine (Wire) - ", "BRUSSELS (Wire) - ".
_DATELINE = re.compile(r"^[A-Z][A-Z.'\- ]+(?:, [A-Z][^()]{0,60})? \([A-Za-z ]+\) [-\u2013\u2014] ")


def _count_words(text: str, needle: str, start: int) -> int:
    return len(re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)").findall(text, start))


def _find_word(text: str, needle: str, start: int) -> int:
    match = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)").search(text, start)
    return -1 if match is None else match.start()


def _check(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise CorpusError(f"{where}: {message}")


def compile_article(record: dict, where: str, *, stance_labels: tuple[str, ...] | None = STANCE_LABELS) -> GoldDocument:
    """Turn one authoring-format article into a document with offsets."""
    _check(isinstance(record, dict), where, "a JSON object is expected")
    for key in ("id", "sentences"):
        _check(key in record, where, f"missing field {key!r}")
    pieces: list[str] = []
    sentences: list[GoldSentence] = []
    position = 0
    for index, sentence in enumerate(record["sentences"]):
        at = f"{where}: sentence {index}"
        text = sentence.get("text")
        _check(isinstance(text, str) and text and text == text.strip(), at, "field 'text' must be a non-empty, unpadded string")
        if pieces:
            separator = "\n\n" if (sentence.get("paragraph") or sentences[-1].headline) else " "
            pieces.append(separator)
            position += len(separator)
        start = position
        pieces.append(text)
        position += len(text)
        _check(sentence.get("sentiment") in SENTIMENT_LABELS or (stance_labels is None and sentence.get("sentiment") is None), at,
               f"field 'sentiment' must be one of {SENTIMENT_LABELS}")
        gold = GoldSentence(start, position, sentence.get("sentiment"), headline=bool(sentence.get("headline")))
        used: Counter = Counter()
        dateline = _DATELINE.match(text)
        dateline_end = dateline.end() if dateline else 0
        for actor in sentence.get("actors", []):
            name = actor.get("actor")
            _check(isinstance(name, str) and name.strip(), at, "field 'actor' must be a name")
            if stance_labels is None:
                _check(isinstance(actor.get("stance"), str) and actor.get("stance"), at, f"actor {name!r}: field 'stance' must be a label string")
            else:
                _check(actor.get("stance") in stance_labels, at, f"actor {name!r}: field 'stance' must be one of {stance_labels}")
            _check(actor.get("sentiment", "neutral") in SENTIMENT_LABELS or (stance_labels is None and actor.get("sentiment") is None), at,
                   f"actor {name!r}: field 'sentiment' must be one of {SENTIMENT_LABELS}")
            _check(actor.get("type", "person") in ACTOR_TYPES, at, f"actor {name!r}: field 'type' must be one of {ACTOR_TYPES}")
            mentions = []
            for mention in actor.get("mentions") or []:
                found, cursor = -1, 0
                if dateline_end and _count_words(text, mention, dateline_end) > used[mention]:
                    cursor = dateline_end  # "KYIV, Ukraine (Wire) - Ukraine said": the subject, not the place of filing
                for _ in range(used[mention] + 1):
                    found = _find_word(text, mention, cursor)
                    if found < 0:
                        break
                    cursor = found + len(mention)
                _check(found >= 0, at, f"actor {name!r}: mention {mention!r} not found in the sentence")
                used[mention] += 1
                mentions.append((start + found, start + found + len(mention)))
            _check(bool(mentions), at, f"actor {name!r}: field 'mentions' is empty")
            gold.actors.append(
                GoldActor(name, actor.get("type", "person"), actor.get("affiliation"), sorted(mentions), actor["stance"],
                          actor.get("target"), actor.get("sentiment"))
            )
        sentences.append(gold)
    article_id = str(record["id"])
    return GoldDocument(article_id, "".join(pieces), sentences, source="team", split=split_of(article_id),
                        topic=record.get("topic"), region=record.get("region"))


def read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusError(f"{path.name}:{number}: invalid JSON ({error.msg}, column {error.colno})") from None




def read_annotated(path: str | Path, *, stance_labels: tuple[str, ...] | None = STANCE_LABELS) -> list[GoldDocument]:
    """Read and compile every article of an annotated file (or of every ``*.jsonl`` in a folder).

    Parameters
    ----------
    path : str or Path
    stance_labels : tuple of str or None
        The allowed stance labels; None accepts any label (a user's own label set).

    Raises
    ------
    TrainingDataError
        On the first malformed record (the message names file, line and field).
    """
    path = Path(path)
    if not path.exists():
        raise TrainingDataError(f"training data {path} does not exist")
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    documents, seen = [], {}
    for file in files:
        for number, record in read_jsonl(file):
            document = compile_article(record, f"{file.name}:{number}", stance_labels=stance_labels)
            if document.id in seen:
                raise TrainingDataError(f"{file.name}:{number}: duplicate article id {document.id!r} (first in {seen[document.id]})")
            seen[document.id] = f"{file.name}:{number}"
            documents.append(document)
    if not documents:
        raise TrainingDataError(f"{path}: no annotated articles found")
    return documents
