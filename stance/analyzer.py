"""The pipeline: text → sentences → actors → features → classifiers → :class:`~stance.document.Document`.

Examples
--------
>>> import stance
>>> nlp = stance.load()
>>> doc = nlp("Beijing expressed support for direct negotiations.", id="a1")
>>> [(a.name, a.stance.label) for a in doc.sentences[0].actors]
[('China', 'support')]
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

import numpy as np

from .actors import Actor, ActorFinder, FoundMention, Gazetteer
from .document import Document, Mention, Sentence, SentenceActor, Sentiment, Stance, summarize_actors
from .exceptions import InvalidInputError, ModelError
from .features import pair_features, sentence_features
from .attention import ActorAttentionHead
from .model import (EMBEDDINGS_COMPONENTS, PIECE_HEAD_COMPONENT, PIECE_VECTORS_COMPONENT, LinearModel, ModelBundle,
                    StackedLinearModels)
from .limits import DEFAULT_MAX_LENGTH
from .targets import TARGET_LABEL, ActorSpans, SentenceTargets, choose_targets, rule_target
from .text import split_sentences

__all__ = ["Analyzer", "DEFAULT_MAX_LENGTH", "EMBEDDINGS_COMPONENT", "check_text"]

#: Sentences whose word pieces the word-piece head reads together (with their actors).
_HEAD_SENTENCES_AT_ONCE = 64
#: The sentence-sentiment classifier that reads sentence embeddings beside the features (``embeddings=True``).
EMBEDDINGS_COMPONENT = EMBEDDINGS_COMPONENTS["sentence_sentiment"]


def check_text(text: Any, record: Any = None) -> str:
    """Return ``text`` if it can be analysed, else raise :class:`InvalidInputError` naming the record."""
    where = f" (record {record!r})" if record is not None else ""
    if text is None:
        raise InvalidInputError(f"text is None{where}: a str is expected")
    if isinstance(text, (bytes, bytearray)):
        raise InvalidInputError(f"text is bytes{where}: decode it first, e.g. data.decode('utf-8')")
    if not isinstance(text, str):
        raise InvalidInputError(f"text must be a str, got {type(text).__name__}{where}")
    return text


def _truncate(text: str, max_length: int) -> str:
    """Cut ``text`` to at most ``max_length`` characters, at the last sentence end (or space) before it."""
    head = text[:max_length]
    best = max(head.rfind(". "), head.rfind("! "), head.rfind("? "), head.rfind("\n"))
    if best > max_length // 2:
        return head[:best + 1]
    space = head.rfind(" ")
    return head[:space] if space > max_length // 2 else head


@dataclass
class _Pair:
    sentence: int
    actor: Actor
    mentions: list[FoundMention]
    features: list[str]


class Analyzer:
    """The callable pipeline: ``nlp(text) -> Document``; build it with :func:`stance.load`.

    Parameters
    ----------
    model : ModelBundle
        Classifiers ``stance``, ``actor_sentiment`` and ``sentence_sentiment``.
    gazetteer : Gazetteer
        Known actors.
    max_length : int, default=1_000_000
        Longer texts are cut at a sentence boundary and flagged ``truncated``.
    find_unlisted : bool, default=True
        Also report people and organizations that are in no list.
    encoder : SentenceEncoder, optional
        Score sentence sentiment, and actor sentiment, with the model's ``sentence_sentiment_embeddings`` and
        ``actor_sentiment_embeddings`` classifiers, which read this encoder's embedding of the sentence beside
        the features, and stance by mixing the features-only classifier with the model's ``stance_attention``
        head (when it has one), which reads the sentence's token vectors from the actor, from the same
        transformer pass (see :mod:`stance.encoder` and :mod:`stance.attention`). Without an encoder, stance mixes
        the features-only classifier with the model's ``stance_word_pieces`` head (when it has one), which reads
        static word-piece vectors (:mod:`stance.wordpieces`).

    Raises
    ------
    ModelError
        If ``encoder`` is given and the model has no classifier that reads embeddings.
    """

    def __init__(self, model: ModelBundle, gazetteer: Gazetteer, *, max_length: int = DEFAULT_MAX_LENGTH,
                 find_unlisted: bool = True, encoder: Any = None):
        self.model = model
        self.gazetteer = gazetteer
        self.max_length = max_length
        self.finder = ActorFinder(gazetteer, find_unlisted=find_unlisted)
        if encoder is not None and EMBEDDINGS_COMPONENT not in model.classifiers:
            raise ModelError(f"model {model.manifest.get('name')!r} ({model.path}) has no {EMBEDDINGS_COMPONENT!r} "
                             "classifier, so it cannot use sentence embeddings; load it without embeddings=True")
        self.encoder = encoder

    def _classifier(self, component: str) -> LinearModel:
        """The linear classifier in use for ``component``: its embeddings variant when there is an encoder and one."""
        if self.encoder is not None:
            variant = self.model.classifiers.get(EMBEDDINGS_COMPONENTS.get(component, ""))
            if isinstance(variant, LinearModel):
                return variant
        return self.model.classifiers[component]

    @property
    def _stance_head(self) -> ActorAttentionHead | None:
        """The attention head mixed into stance: with an encoder, the one over the transformer's token vectors;
        without, the one over the static word-piece vectors; None when the model has no such head."""
        if self.encoder is not None:
            head = self.model.classifiers.get(EMBEDDINGS_COMPONENTS["stance"])
        elif PIECE_VECTORS_COMPONENT in self.model.classifiers:
            head = self.model.classifiers.get(PIECE_HEAD_COMPONENT)
        else:
            head = None
        return head if isinstance(head, ActorAttentionHead) else None

    def _head_probabilities(self, head: ActorAttentionHead, texts: list[str],
                            actors: list[list[list[tuple[int, int]]]], sentence_of_pair: list[int]
                            ) -> tuple[np.ndarray, np.ndarray | None]:
        """``head``'s probabilities for the actors of ``texts`` (``actors`` gives each text's actors' mention spans;
        one row per actor, text after text, ``sentence_of_pair`` naming each one's text), and the sentence
        embeddings when the encoder made them in the same pass."""
        if self.encoder is not None:
            encoded = self.encoder.encode_tokens(texts, actors, token_layer=head.token_layer)
            return (head.predict_proba(encoded.token_states, sentence_of_pair, encoded.actor_tokens),
                    encoded.sentence_vectors)
        vectors, key_values = self.model.classifiers[PIECE_VECTORS_COMPONENT], self._piece_key_values
        with_actors = [k for k, spans in enumerate(actors) if spans]  # the others need no pieces
        probabilities = []
        for first in range(0, len(with_actors), _HEAD_SENTENCES_AT_ONCE):  # their vectors: a few MB at a time
            group = with_actors[first:first + _HEAD_SENTENCES_AT_ONCE]
            pieces, actor_tokens = vectors.pieces([texts[k] for k in group], [actors[k] for k in group])
            sentence_of_actor = [n for n, k in enumerate(group) for _ in actors[k]]
            probabilities.append(head.predict_proba([vectors.vectors(p.ids) for p in pieces], sentence_of_actor,
                                                    actor_tokens, key_values=[key_values[p.ids] for p in pieces]))
        return np.concatenate(probabilities) if probabilities else np.zeros((0, len(head.classes_))), None

    @functools.cached_property
    def _piece_key_values(self) -> np.ndarray:
        """The word-piece head's keys and values of every piece, projected once (they do not depend on the
        sentence): about 31 MB for the shipped model's 30,522 pieces, worked out on first use."""
        head = self.model.classifiers[PIECE_HEAD_COMPONENT]
        return self.model.classifiers[PIECE_VECTORS_COMPONENT].projected(head.project)

    @property
    def _sentence_model(self):
        return self._classifier("sentence_sentiment")

    @functools.cached_property
    def _pair_models(self) -> StackedLinearModels:
        """The stance and actor-sentiment models, which read the same pair features, stacked."""
        return StackedLinearModels([self.model.classifiers["stance"], self.model.classifiers["actor_sentiment"]])

    @property
    def labels(self) -> list[str]:
        """The stance labels of the loaded model."""
        return list(self.model.classifiers["stance"].classes_)

    def __repr__(self) -> str:
        manifest = self.model.manifest
        embeddings = " embeddings=True" if self.encoder is not None else ""
        return (f"<stance.Analyzer model={manifest.get('name')!r} version={manifest.get('version')!r} "
                f"actors={len(self.gazetteer)}{embeddings}>")

    # -- one document -------------------------------------------------------------------------------------
    def __call__(self, text: str, id: Any = None, meta: dict | None = None) -> Document:
        """Analyse one article.

        Parameters
        ----------
        text : str
            The article. Empty or whitespace-only text gives a Document with no sentences.
        id : str or int, optional
            Carried into the result.
        meta : dict, optional
            Extra fields passed through to ``Document.meta`` and ``to_dict()``.

        Raises
        ------
        InvalidInputError
            If ``text`` is not a str (None, bytes, numbers, ...).
        """
        return self._analyse_batch([(text, id, meta)])[0]

    def pipe(self, texts: Iterable[Any], *, batch_size: int = 64, n_jobs: int | None = None,
             as_tuples: bool = False) -> Iterator[Any]:
        """Analyse a stream of texts; yield Documents in input order.

        Parameters
        ----------
        texts : iterable
            Strings, or ``(text, context)`` pairs with ``as_tuples=True`` (then ``(Document, context)``
            pairs are yielded), or dicts with ``text`` and optional ``id`` and other metadata.
        batch_size : int, default=64
            Articles per batch (features and predictions are computed per batch).
        n_jobs : int, optional
            Worker processes (through joblib; the backend is the caller's ``joblib.parallel_config``).
        as_tuples : bool, default=False
        """
        if batch_size < 1:
            raise InvalidInputError(f"batch_size must be at least 1, got {batch_size}")
        if n_jobs not in (None, 1):
            from .workers import parallel_pipe

            yield from parallel_pipe(self, texts, batch_size=batch_size, n_jobs=n_jobs, as_tuples=as_tuples)
            return
        batch: list = []
        contexts: list = []
        for item in texts:
            if as_tuples:
                item, context = item
                contexts.append(context)
            batch.append(self._as_record(item))
            if len(batch) >= batch_size:
                yield from self._emit(batch, contexts, as_tuples)
                batch, contexts = [], []
        if batch:
            yield from self._emit(batch, contexts, as_tuples)

    def _emit(self, batch, contexts, as_tuples):
        documents = self._analyse_batch(batch)
        if as_tuples:
            yield from zip(documents, contexts)
        else:
            yield from documents

    @staticmethod
    def _as_record(item: Any) -> tuple[Any, Any, dict | None]:
        if isinstance(item, dict):
            meta = {k: v for k, v in item.items() if k not in ("text", "id")}
            return item.get("text"), item.get("id"), meta
        return item, None, None

    # -- the work -----------------------------------------------------------------------------------------
    def _analyse_batch(self, records: Sequence[tuple[Any, Any, dict | None]]) -> list[Document]:
        prepared = []
        pairs: list[tuple[int, _Pair]] = []
        sentence_rows: list[tuple[int, int, str]] = []
        for number, (text, doc_id, meta) in enumerate(records):
            text = check_text(text, doc_id)
            truncated = len(text) > self.max_length
            if truncated:
                text = _truncate(text, self.max_length)
            spans = split_sentences(text) if text.strip() else []
            mentions = self.finder.find(text, spans)
            doc_pairs = self._pairs(text, spans, mentions)
            prepared.append((text, doc_id, meta, truncated, spans, doc_pairs))
            for pair in doc_pairs:
                pairs.append((number, pair))
            for index, (s, e) in enumerate(spans):
                sentence_rows.append((number, index, text[s:e]))
        texts = [t for _, _, t in sentence_rows]
        stance_model, head = self._classifier("stance"), self._stance_head
        embeddings = head_probs = None
        pair_rows: list[int] = []  # each pair's sentence row, where embeddings are read
        if texts and (self.encoder is not None or head is not None):
            row_of = {(number, index): row for row, (number, index, _) in enumerate(sentence_rows)}
            pair_rows = [row_of[(number, pair.sentence)] for number, pair in pairs]
            if head is not None and pairs:  # with an encoder, its token vectors come from the sentences' one pass
                actors_of_row: list[list[list[tuple[int, int]]]] = [[] for _ in sentence_rows]
                for (number, pair), row in zip(pairs, pair_rows):
                    start = prepared[number][4][pair.sentence][0]
                    actors_of_row[row].append([(m.start - start, m.end - start) for m in pair.mentions])
                head_probs, embeddings = self._head_probabilities(head, texts, actors_of_row, pair_rows)
            if self.encoder is not None and embeddings is None:
                embeddings = self.encoder.encode(texts)
        sentence_probs = self._predict_sentences(texts, embeddings)
        actor_sent_model = self._classifier("actor_sentiment")
        if pairs:
            features_of_pairs = [p.features for _, p in pairs]
            stance_probs, actor_sent_probs = self._pair_models.predict_proba(features_of_pairs)
            if head_probs is not None:
                stance_probs = head.mix(stance_probs, head_probs)
            if actor_sent_model.reads_embeddings:
                actor_sent_probs = actor_sent_model.predict_proba(features_of_pairs, embeddings=embeddings[pair_rows])
        else:
            stance_probs = actor_sent_probs = np.zeros((0, 1))

        sentence_model = self._sentence_model
        per_doc_pairs: dict[tuple[int, int], list[SentenceActor]] = {}
        pairs_by_sentence: dict[tuple[int, int], list[_Pair]] = {}
        for number, pair in pairs:
            pairs_by_sentence.setdefault((number, pair.sentence), []).append(pair)
        stance_best = _best_of_rows(stance_model.classes_, stance_probs)
        aimed = [row for row, (label, _) in enumerate(stance_best) if label != "neutral"]
        requests = []
        for row in aimed:
            number, pair = pairs[row]
            s, e = prepared[number][4][pair.sentence]
            requests.append((prepared[number][0], s, e, pair, stance_best[row][0],
                             pairs_by_sentence[(number, pair.sentence)]))
        targets: dict[int, str | None] = dict(zip(aimed, self._targets(requests)))
        scored_pairs = zip(pairs, stance_best, _best_of_rows(actor_sent_model.classes_, actor_sent_probs), strict=True)
        for row, ((number, pair), (label, score), (sent_label, sent_score)) in enumerate(scored_pairs):
            per_doc_pairs.setdefault((number, pair.sentence), []).append(SentenceActor(
                pair.actor.id, pair.actor.name, pair.actor.type, pair.actor.affiliation,
                tuple(Mention(m.start, m.end, m.text) for m in pair.mentions),
                Stance(label, score, targets.get(row)), Sentiment(sent_label, sent_score)))
        documents = []
        sentence_best = _best_of_rows(sentence_model.classes_, sentence_probs)
        row = 0
        for number, (text, doc_id, meta, truncated, spans, _) in enumerate(prepared):
            sentences = []
            for index, (s, e) in enumerate(spans):
                label, score = sentence_best[row]
                row += 1
                sentences.append(Sentence(index, s, e, text[s:e], Sentiment(label, score),
                                          tuple(per_doc_pairs.get((number, index), ()))))
            sentences = tuple(sentences)
            documents.append(Document(doc_id, text, sentences, summarize_actors(sentences), dict(meta or {}), truncated))
        return documents

    def _predict_sentences(self, texts: list[str], embeddings: np.ndarray | None) -> np.ndarray:
        classifier = self._sentence_model
        if not texts:
            return np.zeros((0, len(classifier.classes_)))
        rows = [sentence_features(text) for text in texts]
        return classifier.predict_proba(rows, embeddings=embeddings if classifier.reads_embeddings else None)

    def _pairs(self, text: str, spans: list[tuple[int, int]], mentions: list[FoundMention]) -> list[_Pair]:
        pairs: list[_Pair] = []
        cursor = 0
        for index, (s, e) in enumerate(spans):
            in_sentence: list[FoundMention] = []
            while cursor < len(mentions) and mentions[cursor].start < e:
                if mentions[cursor].start >= s:
                    in_sentence.append(mentions[cursor])
                cursor += 1
            by_actor: OrderedDict[str, list[FoundMention]] = OrderedDict()
            for mention in in_sentence:
                by_actor.setdefault(mention.actor.id, []).append(mention)
            for actor_id, actor_mentions in by_actor.items():
                own = [(m.start, m.end) for m in actor_mentions]
                others = [(m.start, m.end) for m in in_sentence if m.actor.id != actor_id]
                features = pair_features(text[s:e], own, others, sentence_start=s, actor_type=actor_mentions[0].actor.type)
                pairs.append(_Pair(index, actor_mentions[0].actor, actor_mentions, features))
        return pairs

    def _targets(self, requests: Sequence[tuple[str, int, int, _Pair, str, list[_Pair]]]) -> list[str | None]:
        """The target of each ``(text, sentence start, sentence end, pair, label, pairs of the sentence)``: the best
        candidate by the model's ``target`` component, all scored in one prediction (see :mod:`stance.targets`), or
        by :func:`stance.targets.rule_target` for a model without one."""
        target_model = self.model.classifiers.get("target")
        if target_model is None:
            return [rule_target(text, s, e, _actor_spans(sentence_pairs), pair.actor.id, label)
                    for text, s, e, pair, label, sentence_pairs in requests]
        sentences: dict[int, SentenceTargets] = {}  # by the (live) list of the sentence's pairs: worked out once
        groups = []
        for text, s, e, pair, label, sentence_pairs in requests:
            if id(sentence_pairs) not in sentences:
                sentences[id(sentence_pairs)] = SentenceTargets(text, s, e, _actor_spans(sentence_pairs))
            groups.append(sentences[id(sentence_pairs)].candidates(pair.actor.id, label))
        return choose_targets(target_model, groups)

    # -- given-target mode and explanations -----------------------------------------------------------------
    def score_target(self, text: str, start: int, end: int) -> dict:
        """Stance and sentiment toward the span ``text[start:end]``, even where the finder sees no actor.

        Returns ``{"stance": {"label", "score", "target"}, "sentiment": {"label", "score"}}``; the target is found
        as for the actors of ``nlp(text)`` (another actor of the sentence, or the phrase after the stance word), and
        is None for a neutral stance.

        Examples
        --------
        >>> nlp = __import__("stance").load()
        >>> sorted(nlp.score_target("The senator rejected the plan.", 4, 11))
        ['sentiment', 'stance']
        """
        text = check_text(text)
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise InvalidInputError(f"span ({start!r}, {end!r}) is not inside the text of length {len(text)}")
        spans = split_sentences(text) or [(0, len(text))]
        s, e = next(((a, b) for a, b in spans if a <= start < b), (0, len(text)))
        e = max(e, end)
        others = [m for m in self.finder.find(text, [(s, e)]) if m.end <= start or m.start >= end]
        features = pair_features(text[s:e], [(start, end)], [(m.start, m.end) for m in others], sentence_start=s)
        stance_model, head = self._classifier("stance"), self._stance_head
        sentiment_model = self._classifier("actor_sentiment")
        embeddings = None
        stance_probs = stance_model.predict_proba([features])
        if head is not None:  # with an encoder, the span's tokens and the sentence's embedding from one pass
            head_probs, embeddings = self._head_probabilities(head, [text[s:e]], [[[(start - s, end - s)]]], [0])
            stance_probs = head.mix(stance_probs, head_probs)
        if embeddings is None and sentiment_model.reads_embeddings:
            embeddings = self.encoder.encode([text[s:e]])
        label, score = _best(stance_model.classes_, stance_probs[0])
        sent_label, sent_score = _best(sentiment_model.classes_,
                                       sentiment_model.predict_proba([features], embeddings=embeddings)[0])
        target = None
        if label != "neutral":  # aimed at the other actors of the sentence or a phrase, as for found actors
            given = Actor("given-span", text[start:end], "group")  # (a finder id is never hyphenated)
            pair = _Pair(0, given, [FoundMention(start, end, text[start:end], given, "given")], features)
            by_actor: OrderedDict[str, list[FoundMention]] = OrderedDict()
            for mention in others:
                by_actor.setdefault(mention.actor.id, []).append(mention)
            sentence_pairs = [pair] + [_Pair(0, mentions[0].actor, mentions, []) for mentions in by_actor.values()]
            target = self._targets([(text, s, e, pair, label, sentence_pairs)])[0]
        return {"stance": {"label": label, "score": score, "target": target},
                "sentiment": {"label": sent_label, "score": sent_score}}

    def explain(self, doc: Document, sentence_index: int, actor_id: str, *, top: int = 10,
                component: str = "stance") -> dict:
        """Why the actor got its stance: the features that pushed the decision, with signed weights.

        Returns ``{"label": ..., "score": ..., "features": [{"feature": ..., "weight": ...}, ...]}``, strongest first.
        ``component`` is ``"stance"``, ``"actor_sentiment"`` or ``"target"``: for the target, ``label`` is the
        target, ``score`` the classifier's probability that this candidate is the target, and ``candidates`` lists
        every candidate it weighed (``text``, ``kind``, ``start``, ``end``, ``score``), best first. When the model
        mixes an attention head into stance (over the static word-piece vectors by default, over the transformer's
        token vectors with embeddings), the features count for their share of the mix and the head is one more
        item, ``"(actor attention)"``; with embeddings, for actor sentiment, the sentence's embedding is
        ``"(sentence embedding)"``.

        Raises
        ------
        InvalidInputError
            If the sentence index or actor id is not in ``doc``, or a target is asked of a neutral stance.
        ModelError
            If a target is asked of a model with no ``target`` component (its targets come from a rule).

        Examples
        --------
        >>> nlp = __import__("stance").load()
        >>> doc = nlp("Germany sharply criticized Russia over the cyberattack.")
        >>> why = nlp.explain(doc, 0, "germany", component="target")
        >>> why["label"], why["candidates"][0]["text"]
        ('Russia', 'Russia')
        """
        if not (0 <= sentence_index < len(doc.sentences)):
            raise InvalidInputError(f"sentence index {sentence_index} is not in the document (0..{len(doc.sentences) - 1})")
        sentence = doc.sentences[sentence_index]
        actor = sentence.actor(actor_id)
        if actor is None:
            raise InvalidInputError(f"actor {actor_id!r} is not in sentence {sentence_index}; "
                                    f"actors there: {[a.id for a in sentence.actors]}")
        if component == "target":
            return self._explain_target(doc, sentence, actor, top)
        own = [(m.start, m.end) for m in actor.mentions]
        others = [(m.start, m.end) for a in sentence.actors if a.id != actor_id for m in a.mentions]
        features = pair_features(sentence.text, own, others, sentence_start=sentence.start, actor_type=actor.type)
        classifier = self._classifier(component)
        result = actor.stance if component == "stance" else actor.sentiment
        weights = classifier.contributions(features, result.label)
        head = self._stance_head if component == "stance" else None
        if head is not None:  # the features' share of the mix, and the head's as one more weighted item
            spans = [(m.start - sentence.start, m.end - sentence.start) for m in actor.mentions]
            head_probs = self._head_probabilities(head, [sentence.text], [[spans]], [0])[0][0]
            weights = [(f, (1.0 - head.mix_weight) * w) for f, w in weights]
            weights.append(("(actor attention)", head.contribution(head_probs, result.label)))
            weights.sort(key=lambda pair: -abs(pair[1]))
        elif classifier.reads_embeddings:  # the sentence's embedding counts as one more feature
            weights.append(("(sentence embedding)",
                            classifier.embedding_contribution(self.encoder.encode([sentence.text])[0], result.label)))
            weights.sort(key=lambda pair: -abs(pair[1]))
        return {"label": result.label, "score": result.score,
                "features": [{"feature": f, "weight": w} for f, w in weights if f != "bias"][:top]}

    def _explain_target(self, doc: Document, sentence: Sentence, actor: SentenceActor, top: int) -> dict:
        target_model = self.model.classifiers.get("target")
        if target_model is None:
            raise ModelError(f"model {self.model.manifest.get('name')!r} has no 'target' component: its targets come "
                             "from the first stance word after the actor (stance.targets.rule_target)")
        if actor.stance.label == "neutral":
            raise InvalidInputError(f"actor {actor.id!r} has a neutral stance in sentence {sentence.index}, so no target")
        actors = [ActorSpans(a.id, a.name, a.type, [(m.start, m.end) for m in a.mentions]) for a in sentence.actors]
        candidates = SentenceTargets(doc.text, sentence.start, sentence.end, actors).candidates(actor.id, actor.stance.label)
        if not candidates:
            return {"label": None, "score": 0.0, "features": [], "candidates": []}
        scores = target_model.predict_proba([c.features for c in candidates])[:, target_model.classes_.index(TARGET_LABEL)]
        ranked = sorted(zip(candidates, scores.tolist()), key=lambda pair: -pair[1])
        best, score = ranked[0]
        weights = target_model.contributions(best.features, TARGET_LABEL)
        return {"label": best.text, "score": score,
                "features": [{"feature": f, "weight": w} for f, w in weights if f != "bias"][:top],
                "candidates": [{"text": c.text, "kind": c.kind, "start": c.start, "end": c.end, "score": s}
                               for c, s in ranked]}


def _actor_spans(pairs: Sequence[_Pair]) -> list[ActorSpans]:
    return [ActorSpans(p.actor.id, p.actor.name, p.actor.type, [(m.start, m.end) for m in p.mentions]) for p in pairs]


def _best(classes: list[str], probabilities: np.ndarray) -> tuple[str, float]:
    index = int(np.argmax(probabilities))
    return classes[index], float(probabilities[index])


def _best_of_rows(classes: list[str], probabilities: np.ndarray) -> list[tuple[str, float]]:
    """:func:`_best` of each row of ``probabilities`` (one argmax for all rows).

    >>> _best_of_rows(["a", "b"], np.array([[0.3, 0.7], [0.9, 0.1]]))
    [('b', 0.7), ('a', 0.9)]
    """
    indices = probabilities.argmax(axis=1)
    scores = probabilities[np.arange(len(indices)), indices]
    return [(classes[index], score) for index, score in zip(indices.tolist(), scores.tolist())]
