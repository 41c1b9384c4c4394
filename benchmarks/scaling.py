"""Speed-up of ``stance score --jobs 2`` over ``--jobs 1`` on the same collection (at least 2,000 articles).

Each run is a fresh ``python -m stance score`` process, timed from start to exit (start-up included, with the
package's bytecode compiled first, as ``pip install`` does);
the two outputs must be identical. The runs alternate and the best of ``--repeats`` is kept for each, since
other processes on a small machine make single timings noisy; the load average is printed too.

    python benchmarks/scaling.py [--articles 2000] [--jobs 2] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, articles, child_environment, write_jsonl


def run(source: Path, out: Path, jobs: int, batch_size: int, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "stance", "score", str(source), "-o", str(out), "--jobs", str(jobs),
                    "--batch-size", str(batch_size), "--quiet"], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    records, source = articles(args.articles)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        data = write_jsonl(folder / "in.jsonl", records)
        env = child_environment()
        load = os.getloadavg()[0]
        one = many = float("inf")
        for _ in range(args.repeats):
            one = min(one, run(data, folder / "one.jsonl", 1, args.batch_size, env))
            many = min(many, run(data, folder / "many.jsonl", args.jobs, args.batch_size, env))
        same = (folder / "one.jsonl").read_bytes() == (folder / "many.jsonl").read_bytes()
    print(f"input: {source}: {len(records)} articles; {os.cpu_count()} cores; load average before: {load:.2f}; "
          f"best of {args.repeats}")
    print(f"--jobs 1: {one:.1f} s ({len(records) / one:.0f} articles/s)")
    print(f"--jobs {args.jobs}: {many:.1f} s ({len(records) / many:.0f} articles/s)")
    print(f"speed-up: {one / many:.2f}x; identical output: {same}")


if __name__ == "__main__":
    main()
