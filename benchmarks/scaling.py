"""Speed-up of ``stance score --jobs 2`` over ``--jobs 1`` on the same collection (at least 2,000 articles).

Each run is a fresh ``python -m stance score`` process, timed from start to exit (start-up included, with the
package's bytecode compiled first, as ``pip install`` does);
the two outputs must be identical. The runs alternate and the best of ``--repeats`` is kept for each, since
other processes on a small machine make single timings noisy; the load average is printed too.

The peer, measured in the same run: the collection cut into ``--jobs`` parts, each scored by its own
``--jobs 1`` process, all at the same time. Independent processes share nothing, so their speed-up is what
this machine allows for N processes that each start Python and load the model; ``--jobs N`` is compared
with it too.

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
    subprocess.run(_command(source, out, jobs, batch_size), check=True, env=env, cwd=ROOT)
    return time.perf_counter() - started


def _command(source: Path, out: Path, jobs: int, batch_size: int) -> list[str]:
    return [sys.executable, "-m", "stance", "score", str(source), "-o", str(out), "--jobs", str(jobs),
            "--batch-size", str(batch_size), "--quiet"]


def run_side_by_side(parts: list[Path], batch_size: int, env: dict[str, str]) -> float:
    """Seconds until independent ``--jobs 1`` processes, one per part, started together, have all exited."""
    started = time.perf_counter()
    processes = [subprocess.Popen(_command(part, part.with_suffix(".out"), 1, batch_size), env=env, cwd=ROOT)
                 for part in parts]
    for process in processes:
        if process.wait() != 0:
            raise SystemExit(f"a side-by-side run failed: {process.args}")
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
        size = -(-len(records) // args.jobs)
        parts = [write_jsonl(folder / f"part{k}.jsonl", records[k * size:(k + 1) * size]) for k in range(args.jobs)]
        env = child_environment()
        load = os.getloadavg()[0]
        one = many = side = float("inf")
        for _ in range(args.repeats):
            one = min(one, run(data, folder / "one.jsonl", 1, args.batch_size, env))
            many = min(many, run(data, folder / "many.jsonl", args.jobs, args.batch_size, env))
            side = min(side, run_side_by_side(parts, args.batch_size, env))
        same = (folder / "one.jsonl").read_bytes() == (folder / "many.jsonl").read_bytes()
    print(f"input: {source}: {len(records)} articles; {os.cpu_count()} cores; load average before: {load:.2f}; "
          f"best of {args.repeats}")
    print(f"--jobs 1: {one:.1f} s ({len(records) / one:.0f} articles/s)")
    print(f"--jobs {args.jobs}: {many:.1f} s ({len(records) / many:.0f} articles/s)")
    print(f"speed-up: {one / many:.2f}x; identical output: {same}")
    print(f"peer: {args.jobs} independent --jobs 1 processes on 1/{args.jobs} each, side by side: {side:.1f} s, "
          f"{one / side:.2f}x; --jobs {args.jobs} reaches {side / many:.0%} of it")


if __name__ == "__main__":
    main()
