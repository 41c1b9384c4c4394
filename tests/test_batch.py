"""Batch scoring (stance.batch): outputs, summary, parallel runs over chunks, progress and the `stance score` command.

Reading the input is tested in test_readers.py, what runs in the workers in test_workers.py."""

import csv
import io
import json
import sys

import pytest
from joblib import parallel_config

import stance
from stance.actors import Actor
from stance.batch import CSV_COLUMNS, score_collection
from stance.cli import main

from conftest import ARTICLES, write_jsonl


# --- outputs --------------------------------------------------------------------------------------------

def test_csv_output_one_row_per_sentence_and_actor(articles, tmp_path, nlp):
    out = tmp_path / "rows.csv"
    score_collection(articles, out, progress=False)
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == CSV_COLUMNS
    expected = [(s.index, a.id, a.stance.label) for s in nlp(ARTICLES[0]["text"]).sentences for a in s.actors]
    assert [(int(r["sentence"]), r["actor_id"], r["stance"]) for r in rows if r["id"] == "a1"] == expected
    no_actor = [r for r in rows if r["id"] == "a3"]
    assert len(no_actor) == 1 and no_actor[0]["actor_id"] == "" and no_actor[0]["line"] == "3"
    first = rows[0]
    assert ARTICLES[0]["text"][int(first["start"]):int(first["end"])].startswith("The Kremlin")
    assert first["date"] == "2024-03-01" and int(first["mentions"]) >= 1


def test_summary_per_actor_and_per_date(articles, tmp_path):
    for suffix in ("jsonl", "csv"):
        summary = tmp_path / f"actors-{suffix}.csv"
        score_collection(articles, tmp_path / f"out.{suffix}", summary=summary, progress=False)
        with open(summary, newline="", encoding="utf-8") as handle:
            rows = {(r["actor_id"], r["date"]): r for r in csv.DictReader(handle)}
        assert rows[("china", "")]["articles"] == "1" and rows[("china", "2024-03-02")]["rejection"] == "1"
        assert ("russia", "") in rows and ("russia", "2024-03-01") in rows
        assert rows[("russia", "")]["articles"] == "2" and rows[("russia", "2024-03-01")]["articles"] == "1"
        germany = rows[("germany", "")]
        assert germany["date"] == "" and germany["criticism"] == "1" and ("germany", "2024-03-02") not in rows


def test_file_object_output_and_custom_analyzer(tmp_path):
    nlp = stance.load(actors=[Actor("zorglub", "Zorglub", "person")])
    out = io.StringIO()
    score_collection(io.StringIO('{"id": 1, "text": "Zorglub rejected the plan."}\n'), out, analyzer=nlp,
                     progress=False)
    assert json.loads(out.getvalue())["actors"][0]["id"] == "zorglub"


# --- parallel runs --------------------------------------------------------------------------------------

@pytest.mark.slow
def test_jobs_two_gives_the_same_output_as_one(articles, tmp_path):
    many = write_jsonl(tmp_path / "many.jsonl", [dict(a, id=f"{a['id']}-{k}") for k in range(10) for a in ARTICLES])
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    score_collection(many, one, progress=False)
    score_collection(many, two, jobs=2, batch_size=3, progress=False)  # loky processes
    assert two.read_bytes() == one.read_bytes()


def test_backend_is_the_callers_choice(articles, tmp_path, monkeypatch):
    import threading

    seen = set()
    from stance import batch

    original = batch.score_chunk

    def spy(*args, **kwargs):
        seen.add(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(batch, "score_chunk", spy)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    score_collection(articles, one, batch_size=1, progress=False)
    seen.clear()
    with parallel_config(backend="threading"):
        score_collection(articles, two, jobs=2, batch_size=1, progress=False)
    assert seen and threading.main_thread().name not in seen  # ran in joblib's threads, not here
    assert two.read_bytes() == one.read_bytes()


# --- progress and the command -----------------------------------------------------------------------------

def test_progress_bar_only_on_a_terminal(articles, tmp_path, capsys, monkeypatch):
    score_collection(articles, tmp_path / "a.jsonl", progress=True)
    bar = capsys.readouterr().err
    assert "4/4" in bar and "articles/s" in bar  # done / total (for the ETA) and the rate
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    score_collection(articles, tmp_path / "b.jsonl")
    assert capsys.readouterr().err == ""


def test_cli_score_quiet_and_summary_line(articles, tmp_path, capsys):
    out = tmp_path / "out.csv"
    assert main(["score", str(articles), "-o", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["score", str(articles), "-o", str(tmp_path / "o.jsonl"), "--format", "jsonl"]) == 0
    err = capsys.readouterr().err
    assert "scored 4 articles, 0 failed" in err
    assert not (tmp_path / "o.errors.jsonl").exists()  # created only when a record fails
    with open(articles, "a") as handle:
        handle.write('{"id": "no text"}\n')
    assert main(["score", str(articles), "-o", str(tmp_path / "o.jsonl"), "--quiet"]) == 0
    assert f"see {tmp_path / 'o.errors.jsonl'}" in capsys.readouterr().err
    assert json.loads((tmp_path / "o.errors.jsonl").read_text())["id"] == "no text"
    assert out.read_text().splitlines()[0] == ",".join(CSV_COLUMNS)


def test_cli_usage_errors_for_bad_numbers(articles, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["score", str(articles), "-o", str(tmp_path / "o.jsonl"), "--max-length", "0"])
    assert exit_info.value.code == 2


def test_a_backend_without_streaming_results_works_too(articles, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    score_collection(articles, one, progress=False)
    with parallel_config(backend="multiprocessing"):  # cannot return a generator: chunks go in windows
        score_collection(articles, two, jobs=2, batch_size=1, progress=False)
    assert two.read_bytes() == one.read_bytes()


def test_output_never_overwrites_the_input(articles, tmp_path):
    before = articles.read_bytes()
    with pytest.raises(stance.InvalidInputError, match="also the input"):
        score_collection(articles, articles, progress=False)
    with pytest.raises(stance.InvalidInputError, match="also the output"):
        score_collection(articles, tmp_path / "o.jsonl", errors=tmp_path / "o.jsonl", progress=False)
    assert articles.read_bytes() == before and not (tmp_path / "o.jsonl").exists()


def test_parallel_run_with_a_missing_model_fails_before_writing(tmp_path):
    from stance.exceptions import ModelNotFoundError

    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "NATO warned Moscow."}) + "\n", encoding="utf-8")
    with pytest.raises(ModelNotFoundError, match="no model"):
        stance.score_collection(source, out, jobs=2, model="no-such-model", progress=False)
    assert not out.exists()
