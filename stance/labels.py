"""The label sets of schema ``stance.document/1`` (definitions: ``datasets/GUIDELINES.md``)."""

from __future__ import annotations

__all__ = ["STANCE_LABELS", "SENTIMENT_LABELS", "SCHEMA"]

SCHEMA = "stance.document/1"

STANCE_LABELS = ("openness", "support", "criticism", "rejection", "caution", "threat", "appeal", "neutral")

SENTIMENT_LABELS = ("positive", "neutral", "negative")
