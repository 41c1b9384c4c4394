"""Word pieces without the transformer: BERT's uncased tokenizer in plain Python, and a table of static piece vectors.

The default pipeline (no embeddings extra) mixes one more opinion into stance: an attention head
(:class:`stance.attention.ActorAttentionHead`) that reads, for every word piece of the sentence, a fixed vector
looked up in a table, not computed by a transformer. The table holds all-MiniLM-L6-v2's own input vectors of its
30,522 word pieces (the piece embedding plus the segment embedding, layer-normalized, as the transformer's first
layer receives them, without the position), stored as 8-bit integers with one scale per dimension, so that the
head needs only numpy and a dictionary lookup per word.

:class:`WordPieceTokenizer` splits text as the transformer's own tokenizer does (lowercased, accents stripped,
punctuation and CJK characters apart, then greedy longest-match pieces with ``##`` continuations), and keeps each
piece's character offsets in the original text, so that an actor's mentions can be matched to its pieces.

Examples
--------
>>> tokenizer = WordPieceTokenizer(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "talks", "un", "##able", ",", "."])
>>> pieces = tokenizer.tokenize("The talks, unable.")
>>> [tokenizer.vocabulary[i] for i in pieces.ids]
['[CLS]', 'the', 'talks', ',', 'un', '##able', '.', '[SEP]']
>>> pieces.starts.tolist(), pieces.ends.tolist()
([0, 0, 4, 9, 11, 13, 17, 0], [0, 3, 9, 10, 13, 17, 18, 0])
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

__all__ = ["WordPieceTokenizer", "WordPieces", "WordPieceVectors", "PIECE_VECTORS_KIND", "MAX_PIECES"]

#: The ``kind`` of a word-piece table in its JSON file and in a model's manifest.
PIECE_VECTORS_KIND = "word_piece_vectors"
#: At most this many pieces per sentence, ``[CLS]`` and ``[SEP]`` included (as the transformer reads).
MAX_PIECES = 256
_MAX_WORD_CHARACTERS = 100  # a longer word is one unknown piece, as in BERT
_CACHE_LIMIT = 50_000  # words whose pieces are remembered; the cache starts again when it is full
#: A run of characters that are neither whitespace nor ASCII punctuation, or one ASCII punctuation mark.
_WORD = re.compile(r"[^\s!-/:-@\[-`{-~]+|[!-/:-@\[-`{-~]")


@dataclass
class WordPieces:
    """The word pieces of one text: vocabulary ids, and each piece's start and end in the text.

    ``[CLS]`` and ``[SEP]`` open and close the list with empty spans (0, 0).
    """

    ids: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    def covered_by(self, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Indices of the pieces that overlap any of ``spans`` (character offsets into the same text)."""
        covered = np.zeros(len(self.ids), dtype=bool)
        for start, end in spans:
            covered |= (self.starts < end) & (self.ends > start) & (self.ends > self.starts)
        return np.flatnonzero(covered)


class WordPieceTokenizer:
    """BERT's uncased word-piece tokenizer, in plain Python, with character offsets.

    Parameters
    ----------
    vocabulary : sequence of str
        The pieces, in id order (``vocab.txt``); must hold ``[UNK]``, ``[CLS]`` and ``[SEP]``.
    """

    def __init__(self, vocabulary: Sequence[str]):
        self.vocabulary = list(vocabulary)
        self.index = {piece: number for number, piece in enumerate(self.vocabulary)}
        missing = [t for t in ("[UNK]", "[CLS]", "[SEP]") if t not in self.index]
        if missing:
            raise ValueError(f"a word-piece vocabulary needs {', '.join(missing)}")
        self.unknown, self.first, self.last = self.index["[UNK]"], self.index["[CLS]"], self.index["[SEP]"]
        self._pieces_of_word: dict[str, tuple[tuple[int, int, int], ...]] = {}

    def tokenize(self, text: str) -> WordPieces:
        """The pieces of ``text`` (at most :data:`MAX_PIECES`, ``[CLS]`` and ``[SEP]`` included)."""
        ids, starts, ends = [self.first], [0], [0]
        add_id, add_start, add_end = ids.append, starts.append, ends.append
        room = MAX_PIECES - 1
        pieces_of_chunk = self._pieces_of_word.get
        for match in _WORD.finditer(text):
            chunk, offset = match.group(), match.start()
            for piece, start, end in pieces_of_chunk(chunk) or self._chunk_pieces(chunk):
                add_id(piece)
                add_start(offset + start)
                add_end(offset + end)
            if len(ids) >= room:
                del ids[room:], starts[room:], ends[room:]
                break
        add_id(self.last)
        add_start(0)
        add_end(0)
        return WordPieces(np.array(ids, dtype=np.int32), np.array(starts, dtype=np.int32),
                          np.array(ends, dtype=np.int32))

    def _chunk_pieces(self, chunk: str) -> tuple[tuple[int, int, int], ...]:
        """The pieces of a run of text without whitespace or ASCII punctuation (or of one ASCII punctuation mark),
        with their offsets in it; remembered for the next time."""
        if chunk.isascii():  # letters and digits, or one punctuation mark: one word, offsets stay exact
            return self._pieces(chunk, chunk.lower())
        pieces = []
        for word_start, word_end, normalized in _unicode_words(chunk, 0, len(chunk)):
            exact = len(normalized) == word_end - word_start  # else each piece spans the whole word
            for piece, piece_start, piece_end in self._pieces(normalized, normalized):
                pieces.append((piece, word_start + piece_start if exact else word_start,
                               word_start + piece_end if exact else word_end))
        self._pieces_of_word[chunk] = result = tuple(pieces)
        return result

    def _pieces(self, key: str, word: str) -> tuple[tuple[int, int, int], ...]:
        """The pieces of the normalized ``word``, remembered under ``key`` (the word as it stands in the text)."""
        if len(self._pieces_of_word) >= _CACHE_LIMIT:
            self._pieces_of_word.clear()
        pieces: list[tuple[int, int, int]] = []
        if len(word) > _MAX_WORD_CHARACTERS:
            pieces = [(self.unknown, 0, len(word))]
        else:
            start = 0
            while start < len(word):
                end, found = len(word), None
                while start < end:
                    candidate = word[start:end] if start == 0 else "##" + word[start:end]
                    if candidate in self.index:
                        found = self.index[candidate]
                        break
                    end -= 1
                if found is None:  # one piece that no entry matches makes the whole word unknown
                    pieces = [(self.unknown, 0, len(word))]
                    break
                pieces.append((found, start, end))
                start = end
        self._pieces_of_word[key] = result = tuple(pieces)
        return result


def _unicode_words(text: str, first: int, last: int):
    """``(start, end, normalized word)`` for the words of ``text[first:last]`` (no whitespace, no ASCII punctuation
    inside) as BERT's basic tokenizer splits them: around each other punctuation mark and CJK character, dropping
    control characters (a word around one stays whole); lowercased, with accents stripped."""
    start = None
    for position in range(first, last):
        character = text[position]
        if _is_separate(character):
            if start is not None:
                yield from _normalized(text, start, position)
                start = None
            yield from _normalized(text, position, position + 1)
        elif start is None and not _is_dropped(character):
            start = position
    if start is not None:
        yield from _normalized(text, start, last)


def _normalized(text: str, start: int, end: int):
    word = text[start:end]
    if not word.isascii():  # a dropped character inside a word joins its two halves
        word = "".join(c for c in unicodedata.normalize("NFD", word.lower())
                       if unicodedata.category(c) != "Mn" and not _is_dropped(c))
    else:
        word = word.lower()
    if word:
        yield start, end, word


def _is_separate(character: str) -> bool:
    """A punctuation mark (ASCII's, or any Unicode P category) or a CJK ideograph: a word of its own."""
    code = ord(character)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    if code < 128:
        return False
    return unicodedata.category(character).startswith("P") or _is_cjk(code)


def _is_dropped(character: str) -> bool:
    """Control and format characters, and the replacement character: BERT removes them."""
    code = ord(character)
    return code == 0 or code == 0xFFFD or (unicodedata.category(character) in ("Cc", "Cf")
                                           and character not in "\t\n\r")


def _is_cjk(code: int) -> bool:
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F or 0x2B820 <= code <= 0x2CEAF
            or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F)


class WordPieceVectors:
    """A fixed vector for every word piece, and the tokenizer that finds the pieces of a text.

    What :class:`stance.attention.ActorAttentionHead` reads in the default pipeline in place of the transformer's
    token vectors (see the module docstring).

    Parameters
    ----------
    vocabulary : sequence of str
        The pieces, in id order.
    codes : ndarray of int8, shape (pieces, dimensions)
        The vectors, quantized: ``codes * scales`` is the vector.
    scales : ndarray of float, shape (dimensions,)
        One scale per dimension.
    source : str
        Where the vectors come from (for the manifest and the model card).

    Examples
    --------
    >>> vectors = WordPieceVectors.quantized(["[UNK]", "[CLS]", "[SEP]", "peace", "talks"],
    ...                                      np.arange(10, dtype=np.float32).reshape(5, 2))
    >>> states, actors = vectors.encode_tokens(["Peace talks"], [[[(0, 5)]]])
    >>> states[0].shape, actors[0].tolist()
    ((4, 2), [1])
    >>> states[0][1].round(1).tolist()
    [6.0, 7.0]
    """

    def __init__(self, vocabulary: Sequence[str], codes: np.ndarray, scales: np.ndarray, *, source: str = ""):
        codes, scales = np.asarray(codes), np.asarray(scales, dtype=np.float32)
        if codes.dtype != np.int8 or codes.ndim != 2 or codes.shape[0] != len(vocabulary):
            raise ValueError(f"piece vectors: {codes.dtype} codes of shape {codes.shape} for {len(vocabulary)} "
                             "pieces; int8, one row per piece expected")
        if scales.shape != (codes.shape[1],):
            raise ValueError(f"piece vectors: {scales.shape} scales for {codes.shape[1]} dimensions")
        self.tokenizer = WordPieceTokenizer(vocabulary)
        self.codes, self.scales, self.source = codes, scales, source

    @classmethod
    def quantized(cls, vocabulary: Sequence[str], vectors: np.ndarray, *, source: str = "") -> "WordPieceVectors":
        """The table of ``vectors`` (one row per piece) in 8 bits: each dimension scaled by its largest magnitude."""
        vectors = np.asarray(vectors, dtype=np.float32)
        scales = np.abs(vectors).max(axis=0) / 127.0
        scales[scales == 0] = 1.0
        codes = np.clip(np.rint(vectors / scales), -127, 127).astype(np.int8)
        return cls(vocabulary, codes, scales, source=source)

    @property
    def dimensions(self) -> int:
        """Length of each piece's vector."""
        return int(self.codes.shape[1])

    def __repr__(self) -> str:
        return f"WordPieceVectors(pieces={len(self.codes)}, dimensions={self.dimensions})"

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The float32 vectors of the pieces ``ids``."""
        return self.codes[ids].astype(np.float32) * self.scales

    def encode_tokens(self, texts: Sequence[str], actors: Sequence[Sequence[Sequence[tuple[int, int]]]]
                      ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Each text's piece vectors, and the pieces of each actor (what the attention head reads).

        Parameters
        ----------
        texts : sequence of str
            The sentences.
        actors : sequence of sequences of spans
            For each sentence, its actors, each as the ``(start, end)`` offsets (into that sentence) of its mentions.

        Returns
        -------
        token_states : list of ndarray, each (pieces, dimensions)
            One per text, ``[CLS]`` and ``[SEP]`` included.
        actor_tokens : list of ndarray of int
            One per actor, sentence after sentence: the indices of the pieces its mentions overlap.
        """
        pieces, actor_tokens = self.pieces(texts, actors)
        return [self.vectors(p.ids) for p in pieces], actor_tokens

    def pieces(self, texts: Sequence[str], actors: Sequence[Sequence[Sequence[tuple[int, int]]]]
               ) -> tuple[list[WordPieces], list[np.ndarray]]:
        """What :meth:`encode_tokens` reads: each text's pieces, and the pieces of each actor."""
        if len(texts) != len(actors):
            raise ValueError(f"{len(texts)} texts but actor spans for {len(actors)}")
        pieces_of_texts, actor_tokens = [], []
        for text, spans_of_actors in zip(texts, actors):
            pieces = self.tokenizer.tokenize(text)
            pieces_of_texts.append(pieces)
            actor_tokens.extend(pieces.covered_by(spans) for spans in spans_of_actors)
        return pieces_of_texts, actor_tokens

    def projected(self, project, rows_at_once: int = 4096) -> np.ndarray:
        """``project`` (a function of float32 vectors, such as :meth:`stance.attention.ActorAttentionHead.project`)
        of every piece's vector, one row per piece; computed in blocks, so that the float32 copy of the whole table
        never exists at once."""
        result = None
        for first in range(0, len(self.codes), rows_at_once):
            block = project(self.vectors(np.arange(first, min(first + rows_at_once, len(self.codes)))))
            if result is None:
                result = np.empty((len(self.codes), block.shape[1]), dtype=block.dtype)
            result[first:first + len(block)] = block
        return result

    def encode_pairs(self, pairs: Sequence[tuple[str, Sequence[tuple[int, int]]]]
                     ) -> tuple[list[np.ndarray], list[int], list[np.ndarray]]:
        """For ``(sentence, mention spans)`` pairs: the piece vectors of each distinct sentence (read once), each
        pair's sentence index, and each pair's actor pieces."""
        sentence_of_text: dict[str, int] = {}
        pieces_of_sentence: list[WordPieces] = []
        sentences, actor_tokens = [], []
        for text, spans in pairs:
            if text not in sentence_of_text:
                sentence_of_text[text] = len(pieces_of_sentence)
                pieces_of_sentence.append(self.tokenizer.tokenize(text))
            number = sentence_of_text[text]
            sentences.append(number)
            actor_tokens.append(pieces_of_sentence[number].covered_by(spans))
        return [self.vectors(p.ids) for p in pieces_of_sentence], sentences, actor_tokens

    # -- safe serialization ----------------------------------------------------------------------------
    def to_files(self, directory: Path, name: str) -> list[Path]:
        """Write ``name.npz`` (codes and scales) and ``name.json`` (the vocabulary and the source)."""
        directory = Path(directory)
        arrays, meta = directory / f"{name}.npz", directory / f"{name}.json"
        np.savez(arrays, codes=self.codes, scales=self.scales)
        meta.write_text(json.dumps({"kind": PIECE_VECTORS_KIND, "source": self.source,
                                    "vocabulary": self.tokenizer.vocabulary}, indent=0) + "\n", encoding="utf-8")
        return [arrays, meta]

    @classmethod
    def from_files(cls, directory: Path, name: str) -> "WordPieceVectors":
        """Read what :meth:`to_files` wrote; no code is run from the files."""
        directory = Path(directory)
        meta = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
        with np.load(directory / f"{name}.npz", allow_pickle=False) as arrays:
            codes, scales = arrays["codes"], arrays["scales"]
        return cls(meta["vocabulary"], codes, scales, source=meta.get("source", ""))
