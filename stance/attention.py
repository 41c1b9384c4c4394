"""Stance from the transformer's token vectors: a small attention head that reads the sentence from the actor.

In the embeddings mode (``stance.load(embeddings=True)``) the stance of each (sentence, actor) pair mixes two
opinions: the features-only ``stance`` classifier and :class:`ActorAttentionHead`, which reads the contextual
token vectors of the sentence (from one of all-MiniLM-L6-v2's layers, :attr:`ActorAttentionHead.token_layer`, in
the pass the embeddings mode makes anyway).
The head starts from the actor's own vectors (the mean over its mentions' tokens), attends over every token of
the sentence with four heads that also know each token's distance to the actor, and feeds the actor, the
sentence and what it attended to through a small network. The mix is a weighted mean of the two log-probabilities
with a calibration temperature (:meth:`ActorAttentionHead.mix`).

Inference needs numpy alone; the head is fitted with torch by ``training.attention``. Its weights are stored as
``<name>.npz`` (read with ``allow_pickle=False``) and ``<name>.json``, like the linear classifiers.

Examples
--------
>>> import numpy as np
>>> head = ActorAttentionHead.initialized(["neutral", "criticism"], dimensions=8, attention_dimensions=4,
...                                       hidden=4, seed=0)
>>> states = [np.ones((5, 8), dtype=np.float32)]      # one sentence of 5 tokens
>>> head.predict_proba(states, [0], [np.array([1, 2])]).shape   # one actor, on tokens 1 and 2
(1, 2)
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Sequence

import numpy as np

__all__ = ["ActorAttentionHead", "relative_positions", "POSITION_WINDOW", "ATTENTION_HEADS", "ATTENTION_KIND",
           "POSITION_BUCKETS"]

#: The ``kind`` of an attention head in its JSON file and in a model's manifest (a component without one is linear).
ATTENTION_KIND = "actor_attention"
#: Distances to the actor up to this many tokens are told apart; farther tokens share the last bucket.
POSITION_WINDOW = 10
#: The attention heads; each reads ``attention_dimensions / ATTENTION_HEADS`` dimensions.
ATTENTION_HEADS = 4
#: Position buckets: -window..window outside the actor, one for the actor's own tokens, one for "no actor token".
POSITION_BUCKETS = 2 * POSITION_WINDOW + 3
_GELU_SCALE = math.sqrt(2.0 / math.pi)  # a Python float, so that float32 arrays stay float32
#: Pairs scored together (their tokens side by side in memory).
_PAIRS_AT_ONCE = 128
_WEIGHTS = ("query_weight", "query_bias", "key_value_weight", "key_value_bias", "key_positions", "value_positions",
            "norm_weight", "norm_bias", "hidden_weight", "hidden_bias", "output_weight", "output_bias")


def relative_positions(length: int, actor_tokens: np.ndarray) -> np.ndarray:
    """The position bucket of each of ``length`` tokens relative to the actor's tokens.

    Tokens before the actor get ``window - distance``, tokens after it ``window + distance`` (distances capped
    at the window), the actor's own tokens ``2 * window + 1``, and every token ``2 * window + 2`` when the actor
    covers none (past the encoder's 256 tokens).

    Examples
    --------
    >>> relative_positions(6, np.array([2, 3])).tolist()
    [8, 9, 21, 21, 11, 12]
    >>> relative_positions(2, np.array([], dtype=int)).tolist()
    [22, 22]
    """
    if len(actor_tokens) == 0:
        return np.full(length, POSITION_BUCKETS - 1, dtype=np.int64)
    index = np.arange(length)
    first, last = int(actor_tokens.min()), int(actor_tokens.max())
    distance = np.where(index < first, index - first, np.where(index > last, index - last, 0))
    buckets = np.clip(distance, -POSITION_WINDOW, POSITION_WINDOW) + POSITION_WINDOW
    buckets[actor_tokens] = 2 * POSITION_WINDOW + 1
    return buckets


class ActorAttentionHead:
    """Label probabilities of (sentence, actor) pairs from the sentence's token vectors (numpy inference).

    Attributes
    ----------
    classes_ : list of str
        The labels, in the order of the probability columns (the same as the features-only classifier's).
    weights : dict of str to ndarray
        The fitted arrays (see ``training.attention.fit_actor_attention``).
    mix_weight : float
        The share of the head's log-probabilities in :meth:`mix` (the features-only classifier has the rest).
    temperature : float
        Divides the mixed log-probabilities (fitted on held-out data so that scores are calibrated).
    token_layer : int or None
        The encoder layer whose token vectors the head reads (``token_layer`` of
        :meth:`stance.encoder.SentenceEncoder.encode_tokens`); None for the last.
    """

    def __init__(self, classes: Sequence[str], weights: dict[str, np.ndarray], *, mix_weight: float = 0.5,
                 temperature: float = 1.0, token_layer: int | None = None):
        self.classes_ = list(classes)
        self.weights = {name: np.ascontiguousarray(weights[name], dtype=np.float32) for name in _WEIGHTS}
        self.mix_weight = float(mix_weight)
        self.temperature = float(temperature)
        self.token_layer = None if token_layer is None else int(token_layer)

    @classmethod
    def initialized(cls, classes: Sequence[str], *, dimensions: int, attention_dimensions: int, hidden: int,
                    seed: int = 0) -> "ActorAttentionHead":
        """A head with small random weights (for tests and as a shape reference)."""
        rng = np.random.default_rng(seed)
        features = 2 * dimensions + attention_dimensions
        shapes = {"query_weight": (dimensions, attention_dimensions), "query_bias": (attention_dimensions,),
                  "key_value_weight": (dimensions, 2 * attention_dimensions),
                  "key_value_bias": (2 * attention_dimensions,),
                  "key_positions": (POSITION_BUCKETS, attention_dimensions),
                  "value_positions": (POSITION_BUCKETS, attention_dimensions),
                  "norm_weight": (features,), "norm_bias": (features,), "hidden_weight": (features, hidden),
                  "hidden_bias": (hidden,), "output_weight": (hidden, len(classes)), "output_bias": (len(classes),)}
        weights = {name: rng.normal(0, 0.3, shape) for name, shape in shapes.items()}
        weights["norm_weight"] = np.ones(features)
        return cls(classes, weights)

    @property
    def dimensions(self) -> int:
        """Length of the token vectors the head reads."""
        return int(self.weights["query_weight"].shape[0])

    def __repr__(self) -> str:
        layer = "last" if self.token_layer is None else self.token_layer
        return (f"ActorAttentionHead(labels={len(self.classes_)}, dimensions={self.dimensions}, token_layer={layer}, "
                f"mix_weight={self.mix_weight}, temperature={self.temperature:.3f})")

    def predict_proba(self, token_states: Sequence[np.ndarray], sentence_of_pair: Sequence[int],
                      actor_tokens: Sequence[np.ndarray], *,
                      key_values: Sequence[np.ndarray] | None = None) -> np.ndarray:
        """The head's own probabilities, one row per pair.

        Parameters
        ----------
        token_states : sequence of ndarray, each of shape (tokens, dimensions)
            The contextual token vectors of each sentence.
        sentence_of_pair : sequence of int
            For each pair, the index of its sentence in ``token_states``.
        actor_tokens : sequence of ndarray of int
            For each pair, the indices of the tokens its actor's mentions cover (may be empty).
        key_values : sequence of ndarray, optional
            :meth:`project` of each sentence's token vectors, when they are known already (static vectors can be
            projected once for good); else they are computed here.

        Every result depends on its own pair alone, never on the others scored with it: the matrix products that
        mix rows take one sentence or one pair at a time (a product over many rows may sum in an order that depends
        on how many there are), and the rest reduces within each pair's own tokens.
        """
        pairs = len(sentence_of_pair)
        if len(actor_tokens) != pairs:
            raise ValueError(f"{pairs} pairs but actor tokens for {len(actor_tokens)}")
        if pairs == 0:
            return np.zeros((0, len(self.classes_)))
        w = self.weights
        used = list(dict.fromkeys(int(k) for k in sentence_of_pair))
        states = [np.asarray(token_states[k], dtype=np.float32) for k in used]
        if any(len(s) == 0 for s in states):
            raise ValueError("a sentence has no token vectors (every sentence has at least [CLS] and [SEP])")
        projected = ([self.project(s) for s in states] if key_values is None
                     else [np.asarray(key_values[k], dtype=np.float32) for k in used])
        number = {k: n for n, k in enumerate(used)}
        lengths = np.array([len(s) for s in states])
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        means = np.stack([np.add.reduce(s, axis=0) / len(s) for s in states])
        sentences = (states, np.concatenate(projected), means, lengths, offsets)
        logits = np.empty((pairs, len(self.classes_)), dtype=np.float64)
        for first in range(0, pairs, _PAIRS_AT_ONCE):
            rows = range(first, min(pairs, first + _PAIRS_AT_ONCE))
            logits[first:first + len(rows)] = self._logits(
                sentences, np.array([number[int(sentence_of_pair[r])] for r in rows]),
                [np.asarray(actor_tokens[r], dtype=np.int64) for r in rows])
        return _softmax(logits)

    def project(self, token_states: np.ndarray) -> np.ndarray:
        """The keys and values (before positions) of token vectors: ``(tokens, 2 * attention dimensions)``."""
        weights = self.weights
        return np.asarray(token_states, dtype=np.float32) @ weights["key_value_weight"] + weights["key_value_bias"]

    def _logits(self, sentences, sentence_of_pair: np.ndarray, actor_tokens: list[np.ndarray]) -> np.ndarray:
        """The logits of some pairs; ``sentences`` holds the token vectors of their distinct sentences one after the
        other, their projections, their means, their lengths and where each starts."""
        w = self.weights
        states, all_projected, sentence_means, sentence_lengths, sentence_offsets = sentences
        size = w["query_weight"].shape[1]
        per_head = size // ATTENTION_HEADS
        pairs = len(sentence_of_pair)
        lengths = sentence_lengths[sentence_of_pair]
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        owner = np.repeat(np.arange(pairs), lengths)  # the pair of each token of the chunk
        index = np.arange(len(owner)) - starts[owner]  # its place in its sentence
        rows = sentence_offsets[sentence_of_pair][owner] + index  # its row in the sentences' arrays
        has_actor = np.array([len(tokens) > 0 for tokens in actor_tokens])
        first = np.array([int(tokens.min()) if len(tokens) else 0 for tokens in actor_tokens])[owner]
        last = np.array([int(tokens.max()) if len(tokens) else 0 for tokens in actor_tokens])[owner]
        distance = np.where(index < first, index - first, np.where(index > last, index - last, 0))
        positions = np.clip(distance, -POSITION_WINDOW, POSITION_WINDOW) + POSITION_WINDOW
        actor_rows = np.concatenate([starts[p] + tokens for p, tokens in enumerate(actor_tokens)])
        positions[actor_rows] = 2 * POSITION_WINDOW + 1
        positions[~has_actor[owner]] = POSITION_BUCKETS - 1
        actor = np.zeros((pairs, self.dimensions), dtype=np.float32)
        counts = np.array([len(tokens) for tokens in actor_tokens])
        if has_actor.any():
            actor_starts = np.concatenate([[0], np.cumsum(counts[has_actor])[:-1]])
            actor_states = np.concatenate([states[k][tokens] for k, tokens in zip(sentence_of_pair, actor_tokens)])
            sums = np.add.reduceat(actor_states, actor_starts, axis=0)
            actor[has_actor] = sums / counts[has_actor, None].astype(np.float32)
        key_values = all_projected[rows]
        values = (key_values[:, size:] + w["value_positions"][positions]).reshape(-1, ATTENTION_HEADS, per_head)
        query = (np.stack([a @ w["query_weight"] for a in actor]) + w["query_bias"]).reshape(-1, ATTENTION_HEADS,
                                                                                          per_head)
        # a key is its token's projection plus its position's vector: the positions' part of the scores is worked
        # out once per pair and position bucket, not once per token
        position_keys = w["key_positions"].reshape(1, POSITION_BUCKETS, ATTENTION_HEADS, per_head)
        position_scores = (position_keys * query[:, None]).sum(axis=3)  # (pairs, buckets, heads)
        token_keys = key_values[:, :size].reshape(-1, ATTENTION_HEADS, per_head)
        scores = ((token_keys * query[owner]).sum(axis=2) + position_scores[owner, positions]) / per_head ** 0.5
        scores = np.exp(scores - np.maximum.reduceat(scores, starts, axis=0)[owner])
        attended = (np.add.reduceat(scores[:, :, None] * values, starts, axis=0)
                    / np.add.reduceat(scores, starts, axis=0)[:, :, None])
        inputs = np.concatenate([actor, sentence_means[sentence_of_pair], attended.reshape(pairs, size)], axis=1)
        mean = inputs.mean(axis=1, keepdims=True)
        variance = inputs.var(axis=1, keepdims=True)
        normed = (inputs - mean) / np.sqrt(variance + 1e-5) * w["norm_weight"] + w["norm_bias"]
        hidden = _gelu(np.stack([row @ w["hidden_weight"] for row in normed]) + w["hidden_bias"])
        return np.stack([row @ w["output_weight"] for row in hidden]) + w["output_bias"]

    def predict_pairs_proba(self, encoder, pairs: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> np.ndarray:
        """The head's probabilities for ``(sentence, mention spans)`` pairs, read by ``encoder``
        (:meth:`stance.encoder.SentenceEncoder.encode_pairs`: each distinct sentence once)."""
        encoded, sentences, actor_rows = encoder.encode_pairs(pairs, token_layer=self.token_layer)
        return self.predict_proba(encoded.token_states, sentences, [encoded.actor_tokens[row] for row in actor_rows])

    def mix(self, linear_probabilities: np.ndarray, head_probabilities: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from the features-only classifier's and the head's (the same label order).

        Examples
        --------
        >>> head = ActorAttentionHead.initialized(["a", "b"], dimensions=4, attention_dimensions=4, hidden=2)
        >>> head.mix_weight = 0.5
        >>> head.mix(np.array([[0.9, 0.1]]), np.array([[0.1, 0.9]])).round(3).tolist()
        [[0.5, 0.5]]
        """
        return _softmax(self.mixed_scores(linear_probabilities, head_probabilities) / self.temperature)

    def mixed_scores(self, linear_probabilities: np.ndarray, head_probabilities: np.ndarray) -> np.ndarray:
        """The weighted mean of the two log-probabilities, before the temperature."""
        floor = 1e-9
        return ((1.0 - self.mix_weight) * np.log(np.asarray(linear_probabilities) + floor)
                + self.mix_weight * np.log(np.asarray(head_probabilities) + floor))

    def calibrate(self, linear_probabilities: np.ndarray, head_probabilities: np.ndarray,
                  labels: Sequence[str]) -> "ActorAttentionHead":
        """Choose the temperature of :meth:`mix` that minimizes log loss on held-out pairs with ``labels``."""
        from .model import best_temperature

        self.temperature = best_temperature(self.mixed_scores(linear_probabilities, head_probabilities),
                                            [self.classes_.index(label) for label in labels])
        return self

    def contribution(self, head_probabilities: np.ndarray, label: str) -> float:
        """What the head adds to ``label``'s mixed score, minus its mean over labels (for explanations)."""
        logs = np.log(np.asarray(head_probabilities, dtype=np.float64) + 1e-9)
        return float(self.mix_weight * (logs[self.classes_.index(label)] - logs.mean()))

    # -- safe serialization ----------------------------------------------------------------------------
    def to_files(self, directory: Path, name: str) -> list[Path]:
        """Write ``name.npz`` (the arrays) and ``name.json`` (labels, mix weight, temperature, token layer)."""
        directory = Path(directory)
        arrays, meta = directory / f"{name}.npz", directory / f"{name}.json"
        np.savez(arrays, **self.weights)
        meta.write_text(json.dumps({"kind": ATTENTION_KIND, "labels": self.classes_, "mix_weight": self.mix_weight,
                                    "temperature": self.temperature, "token_layer": self.token_layer,
                                    "position_window": POSITION_WINDOW,
                                    "attention_heads": ATTENTION_HEADS}, indent=1) + "\n", encoding="utf-8")
        return [arrays, meta]

    @classmethod
    def from_files(cls, directory: Path, name: str) -> "ActorAttentionHead":
        """Read what :meth:`to_files` wrote; no code is run from the files."""
        directory = Path(directory)
        meta = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
        if meta.get("position_window") != POSITION_WINDOW or meta.get("attention_heads") != ATTENTION_HEADS:
            raise ValueError(f"{name}: an attention head of window {meta.get('position_window')} and "
                             f"{meta.get('attention_heads')} heads; this library reads window {POSITION_WINDOW}, "
                             f"{ATTENTION_HEADS} heads")
        with np.load(directory / f"{name}.npz", allow_pickle=False) as arrays:
            weights = {key: arrays[key] for key in _WEIGHTS}
        return cls(meta["labels"], weights, mix_weight=meta["mix_weight"], temperature=meta["temperature"],
                   token_layer=meta.get("token_layer"))  # (heads written before the choice read the last layer)


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU, tanh form (as torch's ``GELU(approximate="tanh")`` that the head is trained with)."""
    return 0.5 * x * (1.0 + np.tanh(_GELU_SCALE * (x + 0.044715 * x * x * x)))


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    return scores / scores.sum(axis=1, keepdims=True)
