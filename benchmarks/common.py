"""Shared helpers of the benchmark scripts: where the articles come from.

The scripts read the team's shared news collection (``../shared/data/news/articles.jsonl``, next to
the repository) when it is there, and fall back to the samples in ``datasets/`` otherwise. Nothing is
copied into the repository.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_NEWS = ROOT.parent / "shared" / "data" / "news" / "articles.jsonl"

if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))


def articles(count: int) -> tuple[list[dict], str]:
    """``count`` articles ({"id", "text", ...}) and a description of where they came from (repeated if needed)."""
    if SHARED_NEWS.exists():
        with open(SHARED_NEWS, encoding="utf-8") as handle:
            pool = [json.loads(line) for line in itertools.islice(handle, count)]
        source = f"{SHARED_NEWS} (first {len(pool)} articles)"
    else:
        pool = []
        for path in sorted((ROOT / "datasets" / "samples").glob("*.txt")):
            pool.append({"id": path.stem, "text": path.read_text(encoding="utf-8")})
        for path in sorted((ROOT / "datasets" / "stance" / "articles").glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                if isinstance(record.get("text"), str):
                    pool.append({"id": record.get("id"), "text": record["text"]})
        source = "datasets/samples and datasets/stance (../shared/data/news is absent)"
    if not pool:
        raise SystemExit("no articles found")
    repeated = [dict(pool[k % len(pool)], id=f"{pool[k % len(pool)].get('id')}#{k}") for k in range(count)]
    if len(pool) < count:
        source += f", repeated to {count}"
    return repeated, source


def write_jsonl(path: Path, records: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
