"""The command line: analyze, info, split, score; exit codes and messages."""

import json
import subprocess
import sys

from stance.cli import main

from conftest import ROOT

SAMPLE = str(ROOT / "datasets" / "samples" / "summit.txt")


def test_analyze_prints_a_table(capsys):
    assert main(["analyze", SAMPLE]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("sent "))
    assert header.split() == ["sent", "actor", "stance", "score", "target", "sentiment"]
    assert any(line.split()[:3] == ["0", "Kremlin", "openness"] for line in out.splitlines())


def test_analyze_json_and_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"NATO warned Moscow.")))
    assert main(["analyze", "-", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "stance.document/1" and data["sentences"][0]["actors"][0]["id"] == "nato"


def test_missing_file_is_a_one_line_error(capsys):
    assert main(["analyze", "/no/such/file.txt"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("stance: error:") and "Traceback" not in err


def test_info_and_split(capsys, tmp_path):
    assert main(["info"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "default"
    path = tmp_path / "a.txt"
    path.write_text("One. Two.")
    assert main(["split", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["0\t4\tOne.", "5\t9\tTwo."]


def test_usage_error_exit_code():
    completed = subprocess.run([sys.executable, "-m", "stance", "frobnicate"], capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 2


def test_python_dash_m_stance_works():
    completed = subprocess.run([sys.executable, "-m", "stance", "analyze", SAMPLE, "--json"], capture_output=True,
                               text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["id"] == "summit"
