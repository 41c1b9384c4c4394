"""Shared helpers of the benchmark scripts: where the articles come from.

The scripts read the team's shared news collection (``../shared/data/news/articles.jsonl``, next to
the repository) when it is there, and fall back to the samples in ``datasets/`` otherwise. Nothing is
copied into the repository.
"""

from __future__ import annotations

import compileall
import itertools
import json
import os
import sys
import tempfile
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


_BYTECODE = Path(tempfile.gettempdir()) / "stance-benchmark-bytecode"


def child_environment() -> dict[str, str]:
    """Environment for timed child processes: this checkout first on the path, its bytecode compiled.

    ``pip install`` compiles a package's bytecode; a checkout run with ``PYTHONDONTWRITEBYTECODE`` set
    would instead compile every module again in every process (workers included), which is not what
    users pay. The bytecode goes to a folder outside the repository (``PYTHONPYCACHEPREFIX``).
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "PYTHONPYCACHEPREFIX": str(_BYTECODE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    previous = sys.pycache_prefix
    sys.pycache_prefix = str(_BYTECODE)
    try:
        compileall.compile_dir(str(ROOT / "stance"), quiet=1)
    finally:
        sys.pycache_prefix = previous
    return env
