"""Result objects: light, frozen records with document-level offsets (schema ``stance.document/1``).

``Document`` → ``Sentence`` → ``SentenceActor`` (with ``Mention``, ``Stance``, ``Sentiment``), plus a
per-document ``ActorSummary``. ``Document.to_dict()`` is the JSON contract; keys never change
within a schema version.

Examples
--------
>>> s = Sentiment("neutral", 0.7)
>>> m = Mention(0, 7, "Kremlin")
>>> a = SentenceActor("kremlin", "Kremlin", "organization", "Russia", (m,), Stance("openness", 0.8, None), s)
>>> a.to_dict()["stance"]
{'label': 'openness', 'score': 0.8, 'target': None}
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .labels import SCHEMA, SENTIMENT_LABELS, STANCE_LABELS

__all__ = ["Token", "Mention", "Stance", "Sentiment", "SentenceActor", "Sentence", "ActorSummary", "Document"]


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``document.text[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention: ``document.text[start:end] == text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Stance:
    """The stance an actor takes in a sentence: a label, its calibrated probability, and a target."""

    label: str
    score: float
    target: str | None = None

    def to_dict(self) -> dict:
        return {"label": self.label, "score": self.score, "target": self.target}


@dataclass(frozen=True, slots=True)
class Sentiment:
    """A sentiment label (positive, neutral, negative) and its probability."""

    label: str
    score: float

    def to_dict(self) -> dict:
        return {"label": self.label, "score": self.score}


@dataclass(frozen=True, slots=True)
class SentenceActor:
    """An actor as it appears in one sentence: its mentions there, its stance, and how it is portrayed."""

    id: str
    name: str
    type: str
    affiliation: str | None
    mentions: tuple[Mention, ...]
    stance: Stance
    sentiment: Sentiment

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "affiliation": self.affiliation,
                "mentions": [m.to_dict() for m in self.mentions], "stance": self.stance.to_dict(),
                "sentiment": self.sentiment.to_dict()}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``document.text[start:end] == text``."""

    index: int
    start: int
    end: int
    text: str
    sentiment: Sentiment
    actors: tuple[SentenceActor, ...] = ()

    def tokens(self) -> tuple[Token, ...]:
        """The sentence's tokens with document-level offsets (computed on demand, not serialized).

        Examples
        --------
        >>> s = Sentence(0, 4, 18, "NATO warned it", Sentiment("neutral", 1.0))
        >>> [(t.start, t.text) for t in s.tokens()]
        [(4, 'NATO'), (9, 'warned'), (16, 'it')]
        """
        from .text import tokenize

        return tuple(Token(self.start + a, self.start + b, self.text[a:b]) for a, b in tokenize(self.text))

    def actor(self, actor_id: str) -> SentenceActor | None:
        """The actor with id ``actor_id`` in this sentence, or None."""
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_dict(self) -> dict:
        return {"index": self.index, "start": self.start, "end": self.end, "text": self.text,
                "sentiment": self.sentiment.to_dict(), "actors": [a.to_dict() for a in self.actors]}


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """One actor over a whole document: mention count, stance counts and sentiment counts."""

    id: str
    name: str
    type: str
    affiliation: str | None
    mentions: int
    stances: dict[str, int]
    sentiment: dict[str, int]

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "affiliation": self.affiliation,
                "mentions": self.mentions, "stances": dict(self.stances), "sentiment": dict(self.sentiment)}


def summarize_actors(sentences: tuple[Sentence, ...]) -> tuple[ActorSummary, ...]:
    first: dict[str, SentenceActor] = {}
    mentions: Counter = Counter()
    stances: dict[str, Counter] = {}
    sentiments: dict[str, Counter] = {}
    for sentence in sentences:
        for actor in sentence.actors:
            first.setdefault(actor.id, actor)
            mentions[actor.id] += len(actor.mentions)
            stances.setdefault(actor.id, Counter())[actor.stance.label] += 1
            sentiments.setdefault(actor.id, Counter())[actor.sentiment.label] += 1
    return tuple(
        ActorSummary(a.id, a.name, a.type, a.affiliation, mentions[a.id],
                     {label: stances[a.id][label] for label in STANCE_LABELS if stances[a.id][label]},
                     {label: sentiments[a.id][label] for label in SENTIMENT_LABELS})
        for a in first.values()
    )


@dataclass(frozen=True, slots=True)
class Document:
    """An analysed article.

    Attributes
    ----------
    id : str, int or None
    text : str
        The text that was analysed (after any truncation; see ``truncated``).
    sentences : tuple of Sentence
    actors : tuple of ActorSummary
        One entry per actor in the document, in order of first appearance.
    meta : dict
        Fields passed through from the input record (title, date, ...).
    truncated : bool
        True when the input was longer than the analyzer's ``max_length`` and was cut at a sentence boundary.
    """

    id: Any
    text: str
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[ActorSummary, ...] = ()
    meta: dict = field(default_factory=dict)
    truncated: bool = False

    def to_dict(self) -> dict:
        """The JSON-ready dict of schema ``stance.document/1`` (metadata and flags as extra keys)."""
        result = {"schema": SCHEMA, "id": self.id, "text": self.text,
                  "sentences": [s.to_dict() for s in self.sentences],
                  "actors": [a.to_dict() for a in self.actors]}
        if self.truncated:
            result["truncated"] = True
        for key, value in self.meta.items():
            result.setdefault(key, value)
        return result

    def to_json(self, **kwargs) -> str:
        """``json.dumps(self.to_dict())``; keyword arguments go to :func:`json.dumps`."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def to_html(self) -> str:
        """A self-contained HTML view of the article (see :mod:`stance.render`)."""
        from .render import document_html

        return document_html(self)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __len__(self) -> int:
        return len(self.sentences)
