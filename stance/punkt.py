"""Punkt sentence boundaries from learned parameters, without importing nltk at run time.

The decisions are those of nltk's ``PunktSentenceTokenizer.span_tokenize`` (Kiss and Strunk 2006;
nltk 3.9-3.10, Apache License 2.0), ported to one small class, with the same regular expressions run by
the same engine (``regex``, which nltk itself uses). The reason is start-up cost: importing any nltk module runs ``nltk/__init__``, which imports scipy.stats and
scikit-learn (about 1.4 s), and every batch worker would pay it before scoring one article. The
parameters are the ones ``training/punkt.py`` learns with nltk's own trainer, and
``tests/test_punkt.py`` checks that the spans equal nltk's on every text of the team corpus (and on
the real news collections when ``../shared`` is present).

Examples
--------
>>> splitter = PunktSplitter(abbreviations={"sen", "u.s"})
>>> text = "Sen. Warren visited the U.S. Senate. She left."
>>> [text[s:e] for s, e in splitter.span_tokenize(text)]
['Sen. Warren visited the U.S. Senate.', 'She left.']
"""

from __future__ import annotations

import regex
import string
from typing import Iterable, Iterator, Mapping

__all__ = ["PunktSplitter"]

# Orthographic context flags (where a word type was seen with an upper or lower case first letter).
_BEGIN_UPPER, _MIDDLE_UPPER, _UNKNOWN_UPPER = 1 << 1, 1 << 2, 1 << 3
_BEGIN_LOWER, _MIDDLE_LOWER, _UNKNOWN_LOWER = 1 << 4, 1 << 5, 1 << 6
_UPPER = _BEGIN_UPPER | _MIDDLE_UPPER | _UNKNOWN_UPPER
_LOWER = _BEGIN_LOWER | _MIDDLE_LOWER | _UNKNOWN_LOWER

_SENTENCE_END_CHARS = (".", "?", "!")
_PUNCTUATION = tuple(";:,.!?")
_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb" + regex.escape("?!") + "])"
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"

_WORD = regex.compile(
    r"""(
        %(MultiChar)s
        |
        (?=%(WordStart)s)\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            %(NonWord)s|%(MultiChar)s|          # Punctuation
            ,(?=$|\s|%(NonWord)s|%(MultiChar)s) # Comma if at end of word
        )
        |
        \S
    )""" % {"NonWord": _NON_WORD, "MultiChar": _MULTI_CHAR, "WordStart": _WORD_START},
    regex.UNICODE | regex.VERBOSE,
)
_PERIOD_CONTEXT = regex.compile(
    r"""
        %(SentEndChars)s             # a potential sentence ending
        (?=(?P<after_tok>
            %(NonWord)s              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))""" % {"NonWord": _NON_WORD, "SentEndChars": "[%s]" % regex.escape("".join(_SENTENCE_END_CHARS))},
    regex.UNICODE | regex.VERBOSE,
)
_BOUNDARY_REALIGNMENT = regex.compile(r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', regex.MULTILINE)
_NUMERIC = regex.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_ELLIPSIS = regex.compile(r"\.\.+$")
_INITIAL = regex.compile(r"[^\W\d]\.$", regex.UNICODE)
_ASCII_WHITESPACE = tuple(string.whitespace)


class _Token:
    """A word of a candidate context with the annotations Punkt makes."""

    __slots__ = ("text", "type", "period_final", "sentence_break", "abbreviation", "ellipsis")

    def __init__(self, text: str):
        self.text = text
        self.type = _NUMERIC.sub("##number##", text.lower())
        self.period_final = text.endswith(".")
        self.sentence_break = False
        self.abbreviation = False
        self.ellipsis = False

    @property
    def type_without_period(self) -> str:
        return self.type[:-1] if len(self.type) > 1 and self.type[-1] == "." else self.type

    @property
    def type_without_sentence_period(self) -> str:
        return self.type_without_period if self.sentence_break else self.type


class PunktSplitter:
    """Sentence spans by the Punkt algorithm, from learned parameters.

    Parameters
    ----------
    abbreviations : iterable of str
        Abbreviation types, lowercase and without the final period (``"sen"``, ``"u.s"``).
    collocations : iterable of (str, str)
        Word-type pairs whose first word ends in a period that is not a sentence break.
    sentence_starters : iterable of str
        Word types that often start a sentence.
    orthographic_context : mapping of str to int
        Punkt's orthographic flags of each word type.
    """

    def __init__(self, abbreviations: Iterable[str] = (), collocations: Iterable[tuple[str, str]] = (),
                 sentence_starters: Iterable[str] = (), orthographic_context: Mapping[str, int] | None = None):
        self.abbreviations = frozenset(abbreviations)
        self.collocations = frozenset(tuple(pair) for pair in collocations)
        self.sentence_starters = frozenset(sentence_starters)
        self.orthographic_context = dict(orthographic_context or {})

    # -- spans ----------------------------------------------------------------------------------------------
    def span_tokenize(self, text: str) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` of each sentence of ``text`` (as nltk's ``span_tokenize``)."""
        yield from self._realign_boundaries(text, self._slices(text))

    def _slices(self, text: str) -> Iterator[tuple[int, int]]:
        last_break = 0
        for match, context in self._end_contexts(text):
            if self._contains_sentence_break(context):
                yield last_break, match.end()
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        yield last_break, len(text.rstrip())

    @staticmethod
    def _end_contexts(text: str) -> Iterator[tuple[regex.Match, str]]:
        """Each candidate end (. ? !) with the text from the word before it to the word after it."""
        previous_start = previous_stop = 0
        previous_match = None
        for match in _PERIOD_CONTEXT.finditer(text):
            before = text[previous_stop:match.start()]
            last_space = max(max(before.rfind(c) for c in _ASCII_WHITESPACE), 0)
            word_start = last_space + previous_stop + 1 if last_space else previous_start
            if previous_match is not None and previous_stop <= word_start:
                yield previous_match, (text[previous_start:previous_stop] + previous_match.group()
                                       + previous_match.group("after_tok"))
            previous_match = match
            previous_start, previous_stop = word_start, match.start()
        if previous_match is not None:
            yield previous_match, (text[previous_start:previous_stop] + previous_match.group()
                                   + previous_match.group("after_tok"))

    @staticmethod
    def _realign_boundaries(text: str, slices: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """Move closing quotes and brackets after a break onto the sentence they close."""
        realign = 0
        pending = next(slices, None)
        while pending is not None:
            following = next(slices, None)
            start, stop = pending[0] + realign, pending[1]
            if following is None:
                if text[start:stop]:
                    yield start, stop
                break
            match = _BOUNDARY_REALIGNMENT.match(text[following[0]:following[1]])
            if match:
                yield start, following[0] + len(match.group(0).rstrip())
                realign = match.end()
            else:
                realign = 0
                if text[start:stop]:
                    yield start, stop
            pending = following

    # -- decisions ------------------------------------------------------------------------------------------
    def _contains_sentence_break(self, context: str) -> bool:
        tokens = [_Token(word) for line in context.split("\n") if line.strip() for word in _WORD.findall(line)]
        for token in tokens:
            self._first_pass(token)
        for index, token in enumerate(tokens):
            if index + 1 < len(tokens):
                self._second_pass(token, tokens[index + 1])
            if token.sentence_break:
                return index + 1 < len(tokens)
        return False

    def _first_pass(self, token: _Token) -> None:
        text = token.text
        if text in _SENTENCE_END_CHARS:
            token.sentence_break = True
        elif _ELLIPSIS.match(text):
            token.ellipsis = True
        elif token.period_final and not text.endswith(".."):
            word = text[:-1].lower()
            if word in self.abbreviations or word.split("-")[-1] in self.abbreviations:
                token.abbreviation = True
            else:
                token.sentence_break = True

    def _second_pass(self, token: _Token, following: _Token) -> None:
        if not token.period_final:
            return
        word_type = token.type_without_period
        next_type = following.type_without_sentence_period
        is_initial = bool(_INITIAL.match(token.text))
        if (word_type, next_type) in self.collocations:
            token.sentence_break, token.abbreviation = False, True
            return
        if (token.abbreviation or token.ellipsis) and not is_initial:
            if self._starts_sentence(following) is True:
                token.sentence_break = True
                return
            if following.text[0].isupper() and next_type in self.sentence_starters:
                token.sentence_break = True
                return
        if is_initial or word_type == "##number##":
            starts = self._starts_sentence(following)
            if starts is False:
                token.sentence_break, token.abbreviation = False, True
                return
            if (starts is None and is_initial and following.text[0].isupper()
                    and not self.orthographic_context.get(next_type, 0) & _LOWER):
                token.sentence_break, token.abbreviation = False, True

    def _starts_sentence(self, token: _Token) -> bool | None:
        """The orthographic heuristic: True, False, or None when the evidence is unclear."""
        if token.text in _PUNCTUATION:
            return False
        context = self.orthographic_context.get(token.type_without_sentence_period, 0)
        first = token.text[0]
        if first.isupper() and context & _LOWER and not context & _MIDDLE_UPPER:
            return True
        if first.islower() and (context & _UPPER or not context & _BEGIN_LOWER):
            return False
        return None
