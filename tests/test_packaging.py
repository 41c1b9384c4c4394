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


def _modules_after(code: str) -> set[str]:
    completed = subprocess.run([sys.executable, "-c", f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    return set(completed.stdout.split())


ANALYSIS_MODULES = {"numpy", "stance.analyzer", "stance.actors", "stance.model", "stance.document", "stance.render"}


def test_import_stance_loads_the_analysis_modules_only_when_a_name_is_used():
    assert not _modules_after("import stance") & ANALYSIS_MODULES
    assert {"stance.document"} <= _modules_after("import stance; stance.Document")
    assert {"stance.batch"} <= _modules_after("import stance; stance.batch")
    completed = subprocess.run([sys.executable, "-c", "import stance; print('Analyzer' in dir(stance)); stance.nope"],
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.stdout.strip() == "True"
    assert "module 'stance' has no attribute 'nope'" in completed.stderr


def test_the_parent_of_a_parallel_run_checks_its_options_without_the_analysis_modules():
    # it only hands articles to the workers: importing the analyzer would delay starting them
    modules = _modules_after("from stance.batch import score_collection\n"
                             "from stance.workers import options_spec\noptions_spec()")
    assert not modules & {"stance.analyzer", "stance.actors", "stance.features", "stance.text"}
