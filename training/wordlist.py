"""Build ``stance/data/common_words.txt``: words seen in lowercase in running text.

A capitalized word that is usually written in lowercase ("Police", "Sources", "Critics") is not a
name, so the actor finder does not take it for an unlisted person. The list is computed from
team-written text and, when present, the NewsMTSC sentences (only single words are kept, no text).

Usage: ``python -m training.wordlist``
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from .corpus import NEWSMTSC_DIR, iter_team_texts

OUT = Path(__file__).resolve().parent.parent / "stance" / "data" / "common_words.txt"
WORD = re.compile(r"(?<![\w'\u2019.-])([a-z][a-z'\u2019-]+)(?![\w'\u2019-])")


def count_lowercase_words(texts) -> Counter:
    counts: Counter = Counter()
    for text in texts:
        counts.update(match.group(1) for match in WORD.finditer(text))
    return counts


def main() -> int:
    texts = list(iter_team_texts())
    path = NEWSMTSC_DIR / "train.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["sentence_normalized"] for line in handle)
    counts = count_lowercase_words(texts)
    words = sorted(w for w, c in counts.items() if c >= 3 and len(w) > 1)
    OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} common lowercase words from {len(texts)} texts -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
