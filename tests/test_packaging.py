"""The wheel carries everything the library reads at run time: models, gazetteer, splitter parameters."""

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_wheel_contains_models_and_data(tmp_path):
    pytest.importorskip("build")
    completed = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path),
                                str(ROOT)], capture_output=True, text=True)
    if completed.returncode != 0 and "No module named" in completed.stderr:
        pytest.skip(f"cannot build without isolation here: {completed.stderr.strip().splitlines()[-1]}")
    assert completed.returncode == 0, completed.stderr[-2000:]
    wheel = next(tmp_path.glob("stance-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("stance/models/default/manifest.json", "stance/models/default/stance.npz",
                     "stance/models/default/MODEL_CARD.md", "stance/data/gazetteer/countries.json",
                     "stance/data/tokenizers/punkt_tab/english/abbrev_types.txt", "stance/data/common_words.txt",
                     "stance/py.typed"):
        assert required in names, required
    assert not any(name.startswith(("training/", "tests/", "datasets/")) for name in names)
