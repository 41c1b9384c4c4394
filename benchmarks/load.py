"""``stance.load()`` time (cold: a fresh process with imports; warm: again in the same process) and the
size on disk of what it reads (model, gazetteer, sentence splitter parameters).

    python benchmarks/load.py
"""

from __future__ import annotations

import subprocess
import sys

from common import ROOT, child_environment

CHILD = """
import time
started = time.perf_counter()
import stance
imported = time.perf_counter()
stance.load()
loaded = time.perf_counter()
from stance.actors import Gazetteer
Gazetteer.default.cache_clear()
again = time.perf_counter()
stance.load()
print(imported - started, loaded - imported, time.perf_counter() - again)
"""


def size(path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    env = child_environment()
    runs = []
    for _ in range(3):
        completed = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True, env=env)
        runs.append([float(x) for x in completed.stdout.split()])
    imported, loaded, again = (min(r[k] for r in runs) for k in range(3))
    package = ROOT / "stance"
    model = size(package / "models" / "default")
    gazetteer = size(package / "data" / "gazetteer")
    punkt = size(package / "data" / "tokenizers")
    # `import stance` loads the analysis modules (and numpy) on first use, so a fresh load() pays for them
    print(f"import stance: {imported:.2f} s; stance.load() in a fresh process (with the imports it triggers): "
          f"{loaded:.2f} s; both: {imported + loaded:.2f} s; reload (gazetteer cache cleared): {again:.2f} s  "
          f"(best of 3)")
    print(f"on disk: model {model / 2**20:.2f} MB, gazetteer {gazetteer / 2**20:.2f} MB, "
          f"sentence splitter {punkt / 2**20:.2f} MB, total {(model + gazetteer + punkt) / 2**20:.2f} MB")


if __name__ == "__main__":
    main()
