"""Batch scoring: readers, outputs, summary, resume, joblib workers, progress and the `stance score` command."""

import csv
import io
import json
import sys

import pytest
from joblib import parallel_config

import stance
from stance.actors import Actor
from stance.batch import CSV_COLUMNS, read_records, score_collection
from stance.cli import main

ARTICLES = [
    {"id": "a1", "title": "Talks", "date": "2024-03-01", "source": "wire",
     "text": "The Kremlin signalled openness to talks. NATO warned Moscow on Tuesday."},
    {"id": "a2", "date": "2024-03-02", "text": "The White House welcomed the deal.\nBeijing rejected the plan."},
    {"id": "a3", "date": "2024-03-02", "text": "It rained all day in the valley."},
    {"id": "a4", "text": "Germany criticized Russia. France urged restraint."},
]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def articles(tmp_path):
    return write_jsonl(tmp_path / "in.jsonl", ARTICLES)


# --- inputs ---------------------------------------------------------------------------------------------

def test_jsonl_records_keep_metadata_and_order(articles, tmp_path, nlp):
    out = tmp_path / "out.jsonl"
    stats = score_collection(articles, out, progress=False)
    rows = read_jsonl(out)
    assert (stats.scored, stats.failed) == (4, 0)
    assert [r["id"] for r in rows] == ["a1", "a2", "a3", "a4"]
    assert [r["line"] for r in rows] == [1, 2, 3, 4]
    assert rows[0]["title"] == "Talks" and rows[0]["source"] == "wire" and rows[0]["date"] == "2024-03-01"
    expected = nlp(ARTICLES[1]["text"], id="a2", meta={"date": "2024-03-02"}).to_dict()
    assert {k: v for k, v in rows[1].items() if k != "line"} == expected


def test_field_names_are_configurable(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"key": 7, "body": "NATO warned Moscow.", "text": "not this"}])
    out = tmp_path / "out.jsonl"
    score_collection(source, out, id_field="key", text_field="body", progress=False)
    row = read_jsonl(out)[0]
    assert row["id"] == 7 and row["text"] == "NATO warned Moscow."
    assert "key" not in row and "body" not in row


def test_csv_input_with_text_column(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text('doc,body,date\nx1,"NATO warned Moscow.\nThe Kremlin rejected the plan.",2024-01-01\n',
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    score_collection(source, out, id_field="doc", text_field="body", progress=False)
    row = read_jsonl(out)[0]
    assert row["id"] == "x1" and row["date"] == "2024-01-01" and len(row["sentences"]) == 2


def test_folder_ids_are_relative_paths(tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("NATO warned Moscow.", encoding="utf-8")
    (folder / "sub" / "a.txt").write_text("Beijing rejected the plan.", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    score_collection(folder, out, progress=False)
    assert [r["id"] for r in read_jsonl(out)] == ["b.txt", "sub/a.txt"]


def test_stdin_jsonl(monkeypatch, tmp_path):
    data = "".join(json.dumps(r) + "\n" for r in ARTICLES[:2]).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = tmp_path / "out.jsonl"
    assert main(["score", "-", "-o", str(out), "--quiet"]) == 0
    assert [r["id"] for r in read_jsonl(out)] == ["a1", "a2"]


def test_reading_is_a_stream():
    class Endless(io.RawIOBase):
        """An input that never ends: only a lazy reader can take records from it."""

        def readable(self):
            return True

        def readinto(self, buffer):
            line = b'{"id": 1, "text": "NATO warned Moscow."}\n'
            buffer[:len(line)] = line
            return len(line)

    records = read_records(io.BufferedReader(Endless()))
    first = [next(records) for _ in range(1000)]
    assert len(first) == 1000 and first[-1].line == 1000 and first[-1].text == "NATO warned Moscow."


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


# --- workers --------------------------------------------------------------------------------------------

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


def test_pipe_n_jobs_keeps_order_and_contexts(nlp):
    texts = [a["text"] for a in ARTICLES] * 3
    expected = [d.to_dict() for d in nlp.pipe(texts)]
    with parallel_config(backend="threading"):
        got = list(nlp.pipe(zip(texts, range(len(texts))), n_jobs=2, batch_size=2, as_tuples=True))
    assert [d.to_dict() for d, _ in got] == expected
    assert [c for _, c in got] == list(range(len(texts)))


@pytest.mark.slow
def test_pipe_n_jobs_with_loky_uses_the_callers_actor_list():
    nlp = stance.load(actors=[Actor("zorglub", "Zorglub", "person")])
    docs = list(nlp.pipe(["Zorglub rejected the plan."] * 4, n_jobs=2, batch_size=1))
    assert [d.sentences[0].actors[0].id for d in docs] == ["zorglub"] * 4


def test_pipe_n_jobs_raises_on_bad_text(nlp):
    with parallel_config(backend="threading"), pytest.raises(stance.InvalidInputError, match="None"):
        list(nlp.pipe(["NATO warned Moscow.", None], n_jobs=2))


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


def test_worker_spec_from_options_equals_that_of_the_loaded_analyzer(tmp_path):
    from stance.batch import options_spec, worker_spec

    assert options_spec() == worker_spec(stance.load())
    actors = tmp_path / "actors.json"
    actors.write_text(json.dumps([{"name": "Ruritanian Liberal Party", "type": "organization"}]), encoding="utf-8")
    assert options_spec(actors=actors, max_length=5000) == worker_spec(stance.load(actors=actors, max_length=5000))


def test_parallel_run_with_a_missing_model_fails_before_writing(tmp_path):
    from stance.exceptions import ModelNotFoundError

    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "NATO warned Moscow."}) + "\n", encoding="utf-8")
    with pytest.raises(ModelNotFoundError, match="no model"):
        stance.score_collection(source, out, jobs=2, model="no-such-model", progress=False)
    assert not out.exists()


def test_input_fields_named_like_output_keys_are_kept_under_another_name(tmp_path):
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"doc": "a", "text": "NATO warned Moscow.", "line": "page 3", "id": 77,
                                  "sentences": 4}) + "\n", encoding="utf-8")
    score_collection(source, out, id_field="doc", progress=False)
    record = json.loads(out.read_text(encoding="utf-8"))
    assert (record["line"], record["id"]) == (1, "a")  # the input position and the chosen id field
    assert (record["input_line"], record["input_id"], record["input_sentences"]) == ("page 3", 77, 4)
    assert isinstance(record["sentences"], list)
