"""Limits that keep the work per article and per sentence bounded, whatever the input.

Kept apart (standard library only) so that a process that only hands articles to workers can apply them
without importing the analysis modules.
"""

from __future__ import annotations

__all__ = ["DEFAULT_MAX_LENGTH", "MAX_SENTENCE_CHARS"]

#: Longer texts are cut at a sentence boundary and flagged ``truncated``.
DEFAULT_MAX_LENGTH = 1_000_000

#: A "sentence" longer than this (e.g. a table or a text with no punctuation) is cut into
#: pieces at the last space before the limit, so that work per sentence stays bounded.
MAX_SENTENCE_CHARS = 2000
