"""Stance targets: whom or what an actor's stance is aimed at.

The candidates in a sentence are the other actors and short phrases that start after a stance word, a
preposition, a determiner or a mention ("criticized *the new tax*", "called for *an immediate ceasefire*"). A
linear model, the ``target`` component of a model directory, scores each candidate from where it stands (after
the actor, how far and across which words, right after a stance word of the label, inside a quote, ...) and the
best one is the target. Models without that component use :func:`rule_target`, the first stance word after the
actor.

The component is fitted by :func:`fit_target_model` on annotated stances: a candidate is right when it names the
annotated target (:func:`target_matches`).

Examples
--------
>>> import stance
>>> nlp = stance.load()
>>> doc = nlp("Germany sharply criticized Russia over the cyberattack.")
>>> [(a.name, a.stance.label, a.stance.target) for a in doc.sentences[0].actors]
[('Germany', 'criticism', 'Russia'), ('Russia', 'neutral', None)]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, NamedTuple, Sequence

import numpy as np

from .actors import slugify
from .features import _CUE_OF, _SPEECH, CUES
from .text import tokenize

if TYPE_CHECKING:
    from .corpus import GoldActor, GoldDocument, GoldSentence

__all__ = ["TargetCandidate", "ActorSpans", "SentenceTargets", "target_candidates", "choose_targets", "rule_target",
           "TARGET_LABEL", "target_matches", "target_rows", "fit_target_model", "aimed_stances", "article_actor_names",
           "content_words"]

#: The class of the ``target`` component that marks the right candidate (the other class is ``"other"``).
TARGET_LABEL = "target"
#: Longest phrase candidate, in words.
MAX_PHRASE_WORDS = 6

# words that end a phrase candidate (an auxiliary starts a predicate: "the ban was unconstitutional" gives "the ban")
_PHRASE_END = frozenset(",.;:!?\"\u201c\u201d()[]") | frozenset(
    "that and but which who as after before while because if when said says told adding saying".split()) | frozenset(
    "is was are were has have had will would could should can may might must".split()) | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow tonight".split())  # "on Tuesday"
# words after which a phrase candidate may start
_LEADS = frozenset("for to on of with about against at over in that from into toward towards by".split())
_DETERMINERS = frozenset("the a an its their his her our this these those any all new further".split())
# words a phrase candidate never starts with
_FUNCTION_WORDS = frozenset("a an the of to for on in and or with by at from its their his her more".split())
_VERB_LIKE = frozenset("to be is was are were".split())
_PHRASE_OPENERS = frozenset(_CUE_OF) | _LEADS | _DETERMINERS | _VERB_LIKE
_NO_PHRASE_START = _PHRASE_END | _FUNCTION_WORDS | _LEADS
_QUOTE_MARKS = frozenset("\"\u201c\u201d")
_WORD = re.compile(r"[a-z0-9]")


class ActorSpans(NamedTuple):
    """An actor of the sentence as the target finder sees it: id, name, type and mention spans."""

    id: str
    name: str
    type: str
    spans: Sequence[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class TargetCandidate:
    """A possible target: another actor's name or a phrase of the sentence, with the features that score it."""

    text: str
    kind: str  # "actor" or "phrase"
    start: int
    end: int
    features: list[str]


def _gap(distance: int, *edges: int) -> str:
    """A distance as a coarse bucket: '1', '2-3', ... for ``edges`` 1, 3, ...

    >>> [_gap(d, 1, 3, 7) for d in (0, 1, 2, 5, 9)]
    ['1', '1', '2-3', '4-7', '8+']
    """
    low = 0
    for edge in edges:
        if distance <= edge:
            return str(edge) if edge == low + 1 else f"{low + 1}-{edge}"
        low = edge
    return f"{low + 1}+"


_NEAR = [_gap(d, 1, 3, 7) for d in range(9)]  # the buckets of distances 0-8 (both sets of edges agree up to 3)
_FAR = [_gap(d, 1, 3) for d in range(5)]


def _near(distance: int) -> str:
    return _NEAR[distance] if distance < 8 else "8+"


def _far(distance: int) -> str:
    return _FAR[distance] if distance < 4 else "4+"


class SentenceTargets:
    """The candidate targets in one sentence, worked out once for all its actors; ``text``, ``start``, ``end``
    and ``actors`` are those of :func:`target_candidates`, which calls :meth:`candidates` for one actor."""

    def __init__(self, text: str, start: int, end: int, actors: Sequence[ActorSpans]):
        self.actors = actors
        spans = self.spans = tokenize(text, start, end)
        starts = [s for s, _ in spans]
        owner: list[str | None] = [None] * len(spans)
        self.positions: dict[str, list[int]] = {}
        for actor in actors:
            for s, e in actor.spans:
                k = max(bisect.bisect_right(starts, s) - 1, 0)
                while k < len(spans) and spans[k][0] < e:
                    if spans[k][1] > s:
                        owner[k] = actor.id
                    k += 1
        for k, actor_id in enumerate(owner):
            if actor_id is not None:
                self.positions.setdefault(actor_id, []).append(k)
        self.owner = owner
        words = [text[s:e] for s, e in spans]
        lower = self.lower = [w.lower() for w in words]
        self.quotes = [k for k, w in enumerate(lower) if w in _QUOTE_MARKS]
        self.cues = [k for k, w in enumerate(lower) if w in _CUE_OF]
        self.phrases: list[tuple[str, int, int]] = []  # text, first word, end word
        seen: set[str] = set()
        for k, word in enumerate(lower):
            if owner[k] is not None or word in _NO_PHRASE_START or not _WORD.match(word):
                continue
            begin = k
            before = lower[k - 1] if k else "<s>"
            if before in _DETERMINERS and k > 1:
                begin, before = k - 1, lower[k - 2]
            if not (k == 0 or before in _PHRASE_OPENERS or owner[k - 1] is not None or before.endswith(("ed", "es"))):
                continue
            stop = k
            while stop < len(words) and stop - k < MAX_PHRASE_WORDS and owner[stop] is None \
                    and lower[stop] not in _PHRASE_END:
                stop += 1
            while lower[stop - 1] in _FUNCTION_WORDS or lower[stop - 1] in _LEADS:
                stop -= 1  # "new sanctions on [Moscow]": no dangling preposition
            phrase = " ".join(text[spans[begin][0]:spans[stop - 1][1]].split())  # "U.S.-backed" stays one word
            if phrase.lower() not in seen:
                seen.add(phrase.lower())
                self.phrases.append((phrase, begin, stop))
        # each candidate with the features that describe it alone, whoever's target it may be:
        # (text, kind, first word, end word, features, actor id or None for a phrase)
        self.found: list[tuple[str, str, int, int, list[str], str | None]] = []
        for actor in actors:
            if actor.id in self.positions:
                where = self.positions[actor.id]
                self.found.append((actor.name, "actor", where[0], where[-1] + 1,
                                   self._candidate_features("actor", where[0], where[-1] + 1, actor.type), actor.id))
        for phrase, begin, stop in self.phrases:
            self.found.append((phrase, "phrase", begin, stop, self._candidate_features("phrase", begin, stop, "-"), None))

    def _candidate_features(self, kind: str, k: int, stop: int, actor_type: str) -> list[str]:
        lower = self.lower
        before = lower[k - 1] if k else "<s>"
        return ["bias", f"kind={kind}", f"before={before}_{kind}", f"before2={lower[k - 2] if k > 1 else '<s>'}_{before}",
                f"in_quote={bisect.bisect_left(self.quotes, k) % 2 == 1}",
                f"length={min(stop - k, MAX_PHRASE_WORDS)}_{kind}", f"actor_type={actor_type}", f"first={lower[k]}",
                f"last={lower[stop - 1]}_{kind}"]

    def candidates(self, actor_id: str, label: str) -> list[TargetCandidate]:
        """The candidate targets of ``actor_id``'s stance ``label`` (none when the actor has no mention here)."""
        own = self.positions.get(actor_id)
        if not own:
            return []
        lower, spans, cues, owner = self.lower, self.spans, self.cues, self.owner
        first, last = own[0], own[-1]
        holder_type = next((a.type for a in self.actors if a.id == actor_id), "")  # whose stance it is
        label_cues = [k for k in cues if label in _CUE_OF[lower[k]]]
        found = [candidate for candidate in self.found if candidate[5] != actor_id]
        rank_after: dict[int, str] = {}
        for rank, k in enumerate(sorted(c[2] for c in found if c[2] > last)):
            rank_after.setdefault(k, str(min(rank, 3)))
        holder = {"actor": f"own_type={holder_type}_actor", "phrase": f"own_type={holder_type}_phrase"}
        candidates = []
        for name, kind, k, stop, candidate_features, _ in found:
            if k > last:
                where, distance = "after", k - last
            elif stop <= first:
                where, distance = "before", first - stop
            else:
                where, distance = "inside", 0
            cue = label_cues[bisect.bisect_left(label_cues, k) - 1] if label_cues and label_cues[0] < k else None
            any_cue = cues[bisect.bisect_left(cues, k) - 1] if cues and cues[0] < k else None
            rank = rank_after.get(k, "b")
            cue_gap = "none" if cue is None else _near(k - cue)
            features = candidate_features + [
                f"kind_label={kind}_{label}", f"where={where}_{kind}", f"distance={_near(distance)}_{where}_{kind}",
                f"cue_gap={cue_gap}_{kind}", f"cue_gap_label={cue_gap}_{label}",
                f"any_cue_gap={'none' if any_cue is None else _far(k - any_cue)}_{kind}",
                f"cue_word={lower[cue] if cue is not None and k - cue <= 3 else '-'}",
                f"rank={rank}_{kind}", f"rank_label={rank}_{label}", f"first_label={lower[k]}_{label}", holder[kind],
            ]
            # the words between the actor and the candidate: "criticized", "said the government should review"
            low, high = (last + 1, k) if k > last else (stop, first)
            between = lower[low:high]
            features.append(f"n_between={min(len(between), 6)}_{kind}")
            features.extend(f"between={word}_{kind}" for word in between[-3:])
            if not _SPEECH.isdisjoint(between):
                features.append(f"speech_between_{kind}")
            if any(owner[j] not in (None, actor_id) for j in range(low, high)):
                features.append(f"actor_between_{kind}")
            candidates.append(TargetCandidate(name, kind, spans[k][0], spans[stop - 1][1], features))
        return candidates


def target_candidates(text: str, start: int, end: int, actors: Sequence[ActorSpans], actor_id: str,
                      label: str) -> list[TargetCandidate]:
    """The candidate targets of ``actor_id``'s stance ``label`` in the sentence ``text[start:end]``.

    Parameters
    ----------
    text : str
        The document.
    start, end : int
        The sentence's offsets in ``text``.
    actors : sequence of ActorSpans
        Every actor of the sentence, ``actor_id`` included, with mention spans in document offsets.
    actor_id : str
        The actor whose stance is aimed.
    label : str
        Its stance label (not neutral).

    Examples
    --------
    >>> text = "Germany criticized Russia and called for new sanctions."
    >>> actors = [ActorSpans("germany", "Germany", "country", [(0, 7)]),
    ...           ActorSpans("russia", "Russia", "country", [(19, 25)])]
    >>> [c.text for c in target_candidates(text, 0, len(text), actors, "germany", "criticism")]
    ['Russia', 'criticized', 'new sanctions']
    """
    return SentenceTargets(text, start, end, actors).candidates(actor_id, label)


#: Words that do not count when a phrase target is compared with the annotated one.
IGNORED_WORDS = frozenset("a an the of to for on in and or with by at from its their his her new any further more".split())
TARGET_PARAMS = {"C": 0.1, "min_count": 2}


def content_words(phrase: str) -> set[str]:
    """The words of ``phrase`` that count in a comparison, lowercased and without a plural ``s``.

    >>> sorted(content_words("The new sanctions on Russia"))
    ['russia', 'sanction']
    """
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", phrase.lower()) if w not in IGNORED_WORDS}


def target_matches(predicted: str | None, gold: str, actor_names: set[str]) -> bool:
    """Whether ``predicted`` names the annotated target ``gold``; ``actor_names`` are the article's actors.

    >>> target_matches("Vladimir Putin", "Vladimir Putin", {"Vladimir Putin"})
    True
    >>> target_matches("an immediate ceasefire in Gaza", "a ceasefire", set())
    True
    >>> target_matches("the talks", "a ceasefire", set())
    False
    """
    if predicted is None:
        return False
    if gold in actor_names:
        return slugify(predicted) == slugify(gold)
    wanted, given = content_words(gold), content_words(predicted)
    common = len(wanted & given)
    return common > 0 and 2 * common / (len(wanted) + len(given)) >= 0.5


def aimed_stances(documents: Sequence[GoldDocument]) -> Iterator[tuple[GoldDocument, GoldSentence, GoldActor,
                                                                      list[ActorSpans]]]:
    """(document, sentence, actor, actors of the sentence) for every annotated stance with a target (of a label
    other than neutral)."""
    for document in documents:
        for sentence in document.sentences:
            actors = [ActorSpans(a.id, a.actor, a.type, a.mentions) for a in sentence.actors]
            for actor in sentence.actors:
                if actor.stance != "neutral" and actor.target is not None and actor.mentions:
                    yield document, sentence, actor, actors


def article_actor_names(document: GoldDocument) -> set[str]:
    """The canonical names of the annotated actors of ``document``: a target among them is an actor target."""
    return {a.actor for s in document.sentences for a in s.actors}


def target_rows(documents: Sequence[GoldDocument]) -> list[tuple[list[str], str]]:
    """One ``(features, "target" or "other")`` row per candidate target of every annotated stance."""
    rows = []
    names: dict[str, set[str]] = {}
    for document, sentence, actor, actors in aimed_stances(documents):
        known = names.setdefault(document.id, article_actor_names(document))
        for candidate in target_candidates(document.text, sentence.start, sentence.end, actors, actor.id, actor.stance):
            right = target_matches(candidate.text, actor.target, known)
            rows.append((candidate.features, TARGET_LABEL if right else "other"))
    return rows


def fit_target_model(sources: Sequence[tuple[Sequence[GoldDocument], float]], params: dict | None = None):
    """Fit the ``target`` component on ``(documents, sample weight)`` sources."""
    X, y, w = [], [], []
    for documents, weight in sources:
        for features, label in target_rows(documents):
            X.append(features)
            y.append(label)
            w.append(weight)
    from .estimator import LinearFeatureClassifier  # scikit-learn: only for fitting

    return LinearFeatureClassifier(**(params or TARGET_PARAMS)).fit(X, y, sample_weight=w)


def choose_targets(model, groups: Sequence[Sequence[TargetCandidate]]) -> list[str | None]:
    """The best candidate of each group by the ``target`` component ``model`` (None for an empty group).

    All candidates of all groups are scored in one prediction.
    """
    rows = [c.features for group in groups for c in group]
    if not rows:
        return [None] * len(groups)
    column = list(model.classes_).index(TARGET_LABEL)
    scores = model.predict_proba(rows)[:, column]
    chosen: list[str | None] = []
    offset = 0
    for group in groups:
        if not group:
            chosen.append(None)
            continue
        chosen.append(group[int(np.argmax(scores[offset:offset + len(group)]))].text)
        offset += len(group)
    return chosen


_RULE_PHRASE_STOP = re.compile(r"[,.;:!?\"\u201c\u201d()]| that | and | but | which | who | as | after | before | while ")
_RULE_LEADING = {"for", "to", "on", "of", "with", "about", "against", "at", "over", "in", "that"}


def rule_target(text: str, start: int, end: int, actors: Sequence[ActorSpans], actor_id: str,
                label: str) -> str | None:
    """The target by the first stance word of ``label`` after the actor, for models with no ``target`` component.

    Another actor within a few characters after that word is the target ("criticized Putin"); else the phrase
    after it ("called for an immediate ceasefire"); else the nearest other actor after the actor; else None.

    Examples
    --------
    >>> text = "Germany called for an immediate ceasefire."
    >>> rule_target(text, 0, len(text), [ActorSpans("germany", "Germany", "country", [(0, 7)])], "germany", "appeal")
    'an immediate ceasefire'
    """
    own = next(a for a in actors if a.id == actor_id)
    own_end = min(own.spans)[1]
    others = sorted((s, a.name) for a in actors if a.id != actor_id for s, _ in a.spans)
    after = [o for o in others if o[0] >= own_end]
    cues = CUES.get(label, frozenset())
    for match in re.finditer(r"[A-Za-z][A-Za-z'\-]*", text[own_end:end]):
        if match.group().lower() not in cues:
            continue
        cue_end = own_end + match.end()
        near = [o for o in after if cue_end <= o[0] <= cue_end + 30]
        if near:
            return near[0][1]
        if label == "caution":
            break
        rest = text[cue_end:end]
        stop = _RULE_PHRASE_STOP.search(rest)
        words = (rest[:stop.start()] if stop else rest).split()
        while words and words[0].lower() in _RULE_LEADING:
            words = words[1:]
        if words and len(words) <= 8:
            return " ".join(words[:6])
        break
    if after:
        return after[0][1]
    return None
