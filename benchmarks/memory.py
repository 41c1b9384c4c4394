"""Peak memory (RSS) of scoring N and 10N articles, each in a fresh process: the growth must stay small.

    python benchmarks/memory.py [--articles 500] [--factor 10]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, articles, child_environment, write_jsonl

CHILD = """
import resource, sys
import stance
stats = stance.score_collection(sys.argv[1], sys.argv[2], progress=False)
print(stats.scored, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss(source: Path, out: Path) -> tuple[int, float]:
    env = child_environment()
    completed = subprocess.run([sys.executable, "-c", CHILD, str(source), str(out)], capture_output=True, text=True,
                               check=True, env=env, cwd=ROOT)
    scored, kilobytes = completed.stdout.split()
    return int(scored), int(kilobytes) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    records, source = articles(args.articles * args.factor)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        small = write_jsonl(folder / "small.jsonl", records[:args.articles])
        large = write_jsonl(folder / "large.jsonl", records)
        n_small, rss_small = peak_rss(small, folder / "small-out.jsonl")
        n_large, rss_large = peak_rss(large, folder / "large-out.jsonl")
        sizes = [p.stat().st_size / 2**20 for p in (small, large)]
    print(f"input: {source}")
    print(f"{n_small} articles ({sizes[0]:.1f} MB): peak RSS {rss_small:.0f} MB")
    print(f"{n_large} articles ({sizes[1]:.1f} MB): peak RSS {rss_large:.0f} MB")
    print(f"growth: {100 * (rss_large / rss_small - 1):+.1f}% for {args.factor}x the articles")
    print(json.dumps({"small_mb": round(rss_small, 1), "large_mb": round(rss_large, 1)}))


if __name__ == "__main__":
    main()
