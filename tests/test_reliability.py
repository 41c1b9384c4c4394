"""Reliability: the bad-input matrix (API and `stance score`), limits, crash safety, properties over any text."""

import csv
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from joblib import parallel_config

import stance
from stance import batch, readers
from stance.batch import score_collection
from stance.cli import main
from stance.text import MAX_SENTENCE_CHARS

from conftest import ROOT

GOOD = "NATO warned Moscow on Tuesday. The Kremlin rejected the plan."
FIVE_MB = "The committee met again on Tuesday to discuss the budget for next year. " * 70_000  # 5.04 MB


def jsonl(*records) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records)


def good(record_id, text=GOOD, **meta):
    return {"id": record_id, "text": text, **meta}


# --- the bad-input matrix --------------------------------------------------------------------------------
# Each case: files to write, then what must come out: the ids scored (in order) and, for the errors file,
# (line, reason fragment) pairs. "Every record with text gives a result; every one without, an error entry."

def _folder(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # not a .txt: not an article
    (folder / "link.txt").symlink_to(folder / "a.txt")
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    (folder / "secret.txt").write_text(GOOD, encoding="utf-8")
    (folder / "secret.txt").chmod(0)
    (folder / "sub").mkdir()
    (folder / "sub" / "b.txt").write_text("Beijing expressed support for the talks.", encoding="utf-8")
    (folder / "sub" / "loop").symlink_to(folder)  # a folder symlink loop must not hang the reader
    return folder


MATRIX = {
    "invalid_json": (
        lambda p: p.write_bytes(jsonl(good("a"), b'{"id": "b", "text": "no end', good("c"), b"{'single': 1}")),
        ["a", "c"], [(2, "invalid JSON"), (4, "invalid JSON")]),
    "not_an_object": (
        lambda p: p.write_bytes(jsonl([1, 2], "text", 42, None, good("a"))),
        ["a"], [(1, "got list"), (2, "got str"), (3, "got int"), (4, "got NoneType")]),
    "text_missing_null_or_number": (
        lambda p: p.write_bytes(jsonl({"id": "m"}, {"id": "n", "text": None}, {"id": "k", "text": 5}, good("a"))),
        ["a"], [(1, "'text' is missing"), (2, "'text' is null"), (3, "must be a string, got int")]),
    "duplicate_ids": (
        lambda p: p.write_bytes(jsonl(good("d"), good("d", "Beijing rejected the plan."))),
        ["d", "d"], []),
    "missing_ids": (
        lambda p: p.write_bytes(jsonl({"text": GOOD}, {"id": None, "text": GOOD}, {"id": 3.5, "text": GOOD})),
        [None, None, "3.5"], []),
    "empty_file": (lambda p: p.write_bytes(b""), [], []),
    "latin1": (
        lambda p: p.write_bytes(jsonl(good("a"), '{"id": "l", "text": "Caf\xe9 NATO."}'.encode("latin-1"))),
        ["a"], [(2, "not valid UTF-8")]),
    "utf16_with_bom": (
        lambda p: p.write_bytes(jsonl(good("a"), good("b", "Café NATO déclare.")).decode().encode("utf-16")),
        ["a", "b"], []),
    "random_bytes": (
        lambda p: p.write_bytes(bytes(random.Random(5).randrange(1, 256) for _ in range(3000)).replace(b"\n", b"").replace(b"\r", b"")),
        [], [(1, "")]),
    "utf8_bom": (lambda p: p.write_bytes(b"\xef\xbb\xbf" + jsonl(good("a"), good("b"))), ["a", "b"], []),
    "crlf_and_lone_cr": (
        lambda p: p.write_bytes(jsonl(good("a")).replace(b"\n", b"\r\n") + jsonl(good("b")).replace(b"\n", b"\r")
                                + jsonl(good("c"))),
        ["a", "b", "c"], []),
    "control_characters": (
        lambda p: p.write_bytes(jsonl(good("a", "NATO\x00 warned\x07 Moscow.\x1b[0m\x0b\x0cThe\x7f Kremlin\x85 agreed."))),
        ["a"], []),
    "zero_width_and_rtl_marks": (
        lambda p: p.write_bytes(jsonl(good("a", "\u200fNATO\u200b warned\u200d Mos\u200ccow.\u202e The Kremlin\u2066 agreed."),
                                      good("b", "\u0627\u0644\u0646\u0627\u062a\u0648 NATO \u200f\u0645\u0648\u0633\u0643\u0648."))),
        ["a", "b"], []),
    "emoji": (lambda p: p.write_bytes(jsonl(good("a", "🇺🇸 NATO 😡 warned Moscow 👍🏽. The Kremlin 🤝 agreed."))),
              ["a"], []),
    "html": (
        lambda p: p.write_bytes(jsonl(good("a", "<p>NATO &amp; the EU <b>warned</b> Moscow&nbsp;&#8212; "
                                                "<a href='x'>the Kremlin</a> rejected&#x2019;it.</p><script>x()</script>"))),
        ["a"], []),
    "lone_surrogate_escape": (lambda p: p.write_bytes(jsonl(b'{"id": "s", "text": "NATO \\ud800 warned Moscow."}')),
                              ["s"], []),
    "long_sentence_without_punctuation": (
        lambda p: p.write_bytes(jsonl(good("a", ("word NATO " + "lorem ipsum dolor sit amet " * 7407)[:200_000]))),
        ["a"], []),
}


def _csv_case(path):
    path.write_text('id,text,date\r\nc1,"NATO warned Moscow.\r\nThe Kremlin, it said, ""rejected"" it.",2024-01-01\r\n'
                    'c2\r\nc3,Beijing rejected the plan.,2024-01-02,extra\r\n', encoding="utf-8")


MATRIX["csv_quoted_newlines_and_missing_column"] = (_csv_case, ["c1", "c3"], [(4, "has 1 cells but the header has 3")])
MATRIX["csv_latin1_row"] = (
    lambda p: p.write_bytes(b"id,text\nc1,NATO warned Moscow.\nc2,Caf\xe9 NATO said no.\nc3,Beijing rejected it.\n"),
    ["c1", "c3"], [(3, "not valid UTF-8")])


def _write_case(name, tmp_path):
    make, ids, errors = MATRIX[name]
    if name == "folder":
        return _folder(tmp_path), ids, errors
    path = tmp_path / ("in.csv" if name.startswith("csv") else "in.jsonl")
    make(path)
    return path, ids, errors


MATRIX["folder"] = (None, ["a.txt", "empty.txt", "link.txt", "sub/b.txt"],
                    [("binary.txt", "binary file"), ("broken.txt", "broken symbolic link"),
                     ("secret.txt", "cannot read file")])


@pytest.fixture
def unreadable(monkeypatch):
    """Make files with no permissions unreadable even for root (who ignores permission bits)."""
    if os.geteuid() == 0:
        real_open = open

        def guarded(path, *args, **kwargs):
            if isinstance(path, (str, os.PathLike)) and os.path.exists(path) and os.stat(path).st_mode & 0o777 == 0:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(readers, "open", guarded, raising=False)


def _check(name, output, errors_path, ids, expected_errors):
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    entries = [json.loads(line) for line in errors_path.read_text(encoding="utf-8").splitlines()] \
        if errors_path.exists() else []
    assert [r["id"] for r in rows] == ids, name
    for (line, fragment), entry in zip(expected_errors, entries):
        assert entry["line"] == line and fragment in entry["reason"] and set(entry) == {"line", "id", "reason"}, name
    assert len(entries) == len(expected_errors), name
    for row in rows:  # a valid result: offsets inside the text, spans equal to the text they report
        assert row["schema"] == "stance.document/1"
        for sentence in row["sentences"]:
            assert row["text"][sentence["start"]:sentence["end"]] == sentence["text"]
            for actor in sentence["actors"]:
                for mention in actor["mentions"]:
                    assert row["text"][mention["start"]:mention["end"]] == mention["text"]
    return rows


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_bad_input_through_the_api(name, tmp_path, unreadable):
    source, ids, expected_errors = _write_case(name, tmp_path)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    stats = score_collection(source, out, errors=errors, progress=False)
    rows = _check(name, out, errors, ids, expected_errors)
    assert stats.scored == len(ids)
    if name == "long_sentence_without_punctuation":
        assert all(s["end"] - s["start"] <= MAX_SENTENCE_CHARS for s in rows[0]["sentences"])
        assert rows[0]["sentences"][0]["actors"][0]["id"] == "nato"
    if name == "utf16_with_bom":
        assert rows[1]["text"] == "Café NATO déclare."
    if name == "lone_surrogate_escape":
        assert rows[0]["text"] == "NATO \ud800 warned Moscow." and out.read_bytes().isascii()
    if name == "csv_quoted_newlines_and_missing_column":
        assert len(rows[0]["sentences"]) == 2 and rows[1]["date"] == "2024-01-02"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_bad_input_through_the_command(name, tmp_path, capsys, unreadable):
    source, ids, expected_errors = _write_case(name, tmp_path)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    assert main(["score", str(source), "-o", str(out), "--errors", str(errors), "--quiet"]) == 0
    _check(name, out, errors, ids, expected_errors)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err == "" if not expected_errors else (len(err.splitlines()) == 1 and f"see {errors}" in err)
    reference = tmp_path / "api.jsonl"
    score_collection(source, reference, progress=False)
    assert out.read_bytes() == reference.read_bytes()  # the command is the API
    strict = main(["score", str(source), "-o", str(tmp_path / "strict.jsonl"), "--strict", "--quiet"])
    err = capsys.readouterr().err
    assert strict == (1 if expected_errors else 0)
    if expected_errors:
        assert err.startswith("stance: error: record at line") and len(err.splitlines()) == 1 and "Traceback" not in err


@pytest.mark.slow
def test_five_megabyte_article_is_truncated_at_a_sentence(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(good("big", FIVE_MB), good("small")))
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    assert main(["score", str(source), "-o", str(out), "--errors", str(errors), "--quiet"]) == 0
    big, small = _check("5mb", out, errors, ["big", "small"], [])
    assert big["truncated"] is True and "truncated" not in small
    assert 900_000 < len(big["text"]) <= 1_000_000 and big["text"].endswith("year.")
    assert FIVE_MB.startswith(big["text"])


def test_errors_go_to_stderr_as_one_line_and_tracebacks_only_with_debug(tmp_path, capsys):
    assert main(["score", str(tmp_path / "nowhere.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err == f"stance: error: input {tmp_path / 'nowhere.jsonl'} does not exist\n"
    assert not (tmp_path / "o.jsonl").exists()  # nothing is created when the input cannot be opened
    assert main(["--debug", "score", str(tmp_path / "nowhere.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 1
    assert "Traceback" in capsys.readouterr().err
    bad_csv = tmp_path / "in.csv"
    bad_csv.write_text("id,body\n1,NATO warned Moscow.\n")
    assert main(["score", str(bad_csv), "-o", str(tmp_path / "o.jsonl")]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "no 'text' column" in err and "--text-field" in err


def test_strict_keeps_what_was_done_and_records_the_bad_one(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(good("a"), {"id": "b"}, good("c")))
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    with pytest.raises(stance.InvalidInputError, match="line 2.*'b'.*missing"):
        score_collection(source, out, errors=errors, strict=True, batch_size=1, progress=False)
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a"]
    assert json.loads(errors.read_text())["id"] == "b"


# --- limits ------------------------------------------------------------------------------------------------

def test_max_length_cuts_at_a_sentence_boundary_and_flags_it(tmp_path):
    assert stance.load().max_length == 1_000_000
    text = "NATO warned Moscow on Tuesday. " * 10
    doc = stance.load(max_length=100)(text)
    assert doc.truncated and len(doc.text) <= 100 and text.startswith(doc.text) and doc.text.endswith("Tuesday.")
    assert doc.to_dict()["truncated"] is True and "truncated" not in stance.load()(text).to_dict()
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(jsonl(good("a", text), good("b", "Short.")))
    assert main(["score", str(source), "-o", str(out), "--max-length", "100", "--quiet"]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0]["truncated"] is True and rows[0]["text"] == doc.text and "truncated" not in rows[1]


def _seconds(nlp, text, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        nlp(text)
        best = min(best, time.perf_counter() - started)
    return best


def _length_ratio(nlp, unit, short=50_000, factor=8):
    short_text = (unit * (short // len(unit) + 1))[:short]
    long_text = (unit * (short * factor // len(unit) + 1))[:short * factor]
    return _seconds(nlp, long_text, 2) / _seconds(nlp, short_text)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["news", "no_punctuation"])
def test_scoring_time_is_linear_in_length(nlp, summit_text, kind):
    ratio = _length_ratio(nlp, summit_text if kind == "news" else "lorem ipsum dolor sit amet NATO ")
    assert ratio < 8 * 2.5, f"an 8x longer text took {ratio:.1f}x longer"  # linear with a generous margin; quadratic is 64x


@pytest.mark.slow
def test_scoring_time_is_linear_for_stance_dense_text(nlp):
    ratio = _length_ratio(nlp, "The Kremlin rejected the plan. NATO warned Moscow on Tuesday. ")
    assert ratio < 8 * 2.5, f"an 8x longer text took {ratio:.1f}x longer"


# --- crash safety ------------------------------------------------------------------------------------------

SENTENCES = ["The Kremlin signalled openness to talks.", "NATO warned Moscow on Tuesday.",
             "The White House welcomed the deal.", "Beijing rejected the plan.", "It rained all day.",
             "Germany criticized Russia.", "France urged restraint.", "Ukraine appealed for more air defence."]


def _collection(path, count, seed=0):
    rng = random.Random(seed)
    records = []
    for k in range(count):
        if k % 37 == 5:
            records.append({"id": f"bad{k}", "text": None})  # a few records go to the errors file
        else:
            records.append({"id": f"n{k}", "date": f"2024-01-{k % 28 + 1:02d}",
                            "text": " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(8, 30)))})
    path.write_bytes(jsonl(*records))
    return [r["id"] for r in records]


def _command(source, out, errors, *extra):
    return [sys.executable, "-m", "stance", "score", str(source), "-o", str(out), "--errors", str(errors),
            "--batch-size", "4", "--quiet", *extra]


def _env():
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _default_interrupts():
    """Ctrl-C as in a terminal, even when the tests run in the background (``pytest &``): a shell without job
    control starts background commands with SIGINT ignored, and a child process inherits that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run_until(command, watch, size, sig=signal.SIGKILL):
    """Start the command and send ``sig`` as soon as ``watch`` holds ``size`` bytes; return (process, stderr)."""
    process = subprocess.Popen(command, cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True, preexec_fn=_default_interrupts)
    deadline = time.time() + 120
    while process.poll() is None and time.time() < deadline:
        if watch.exists() and watch.stat().st_size >= size:
            os.killpg(process.pid, sig)
            break
        time.sleep(0.005)
    _, stderr = process.communicate(timeout=120)
    return process, stderr


def _exactly_once(out, errors, ids, format="jsonl"):
    if format == "csv":
        with open(out, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        done = list(dict.fromkeys((r["line"], r["id"]) for r in rows))  # rows of one article are contiguous
        done_ids = [i for _, i in done]
        assert len(done) == len({line for line, _ in done})
    else:
        done_ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    failed = [json.loads(line)["id"] for line in errors.read_text(encoding="utf-8").splitlines()]
    assert sorted(done_ids + failed) == sorted(ids)  # every id exactly once, nothing duplicated, nothing lost
    assert done_ids == [i for i in ids if not i.startswith("bad")]  # and in input order


@pytest.mark.slow
@pytest.mark.parametrize("format,jobs", [("jsonl", "1"), ("csv", "1"), ("jsonl", "2")])
def test_sigkill_at_several_points_then_resume(tmp_path, format, jobs):
    source = tmp_path / "in.jsonl"
    ids = _collection(source, 400)
    reference, reference_errors = tmp_path / f"ref.{format}", tmp_path / "ref-errors.jsonl"
    score_collection(source, reference, errors=reference_errors, batch_size=4, progress=False)
    full = reference.stat().st_size
    out, errors = tmp_path / f"out.{format}", tmp_path / "errors.jsonl"
    command = _command(source, out, errors, "--jobs", jobs)
    killed = 0
    for fraction in (0.15, 0.5, 0.85):  # kill the first run, then each resumed run, at a later point
        process, _ = _run_until(command + (["--resume"] if killed else []), out, int(full * fraction))
        killed += process.returncode == -signal.SIGKILL
    assert killed >= 2, "the runs finished before they could be killed"
    completed = subprocess.run(command + ["--resume"], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    for line in out.read_text(encoding="utf-8").splitlines() if format == "jsonl" else []:
        json.loads(line)  # every line is valid JSON
    for line in errors.read_text(encoding="utf-8").splitlines():
        json.loads(line)
    _exactly_once(out, errors, ids, format)
    assert out.read_bytes() == reference.read_bytes()
    assert errors.read_bytes() == reference_errors.read_bytes()


@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_resume_completes_an_output_cut_at_any_byte(tmp_path, format):
    source = tmp_path / "in.jsonl"
    ids = _collection(source, 40, seed=1)
    reference, reference_errors = tmp_path / f"ref.{format}", tmp_path / "ref-errors.jsonl"
    score_collection(source, reference, errors=reference_errors, batch_size=3, progress=False)
    data, error_data = reference.read_bytes(), reference_errors.read_bytes()
    rng = random.Random(3)
    cuts = [0, 1, len(data) - 1, len(data)] + rng.sample(range(2, len(data) - 1), 8)
    for cut in cuts:  # what a process killed at that moment leaves: a prefix of the output
        out, errors = tmp_path / f"out.{format}", tmp_path / "errors.jsonl"
        out.write_bytes(data[:cut])
        errors.write_bytes(error_data[:rng.randrange(len(error_data) + 1)])
        stats = score_collection(source, out, errors=errors, resume=True, batch_size=3, progress=False)
        _exactly_once(out, errors, ids, format)
        assert out.read_bytes() == data, cut
        assert stats.skipped > 0 or cut < len(data) // 4


def test_resume_of_a_folder_keeps_paths(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for k in range(6):
        (folder / f"{k}.txt").write_text(SENTENCES[k], encoding="utf-8")
    out = tmp_path / "out.jsonl"
    score_collection(folder, out, progress=False)
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:3]) + lines[3][:10])
    stats = score_collection(folder, out, resume=True, progress=False)
    assert (stats.skipped, stats.scored) == (3, 3)
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [f"{k}.txt" for k in range(6)]


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_stops_cleanly_and_says_how_to_resume(tmp_path, jobs):
    source = tmp_path / "in.jsonl"
    ids = _collection(source, 1200, seed=2)  # seconds of work after the signal is due, even on a loaded machine
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    process, stderr = _run_until(_command(source, out, errors, "--jobs", jobs), out, 20_000, signal.SIGINT)
    assert process.returncode == 130, stderr
    assert stderr == "stance: interrupted. Run the same command with --resume to continue.\n"
    completed = subprocess.run(_command(source, out, errors, "--jobs", jobs, "--resume"), cwd=ROOT, env=_env(),
                               capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    _exactly_once(out, errors, ids)


# --- properties over any text ------------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=400) | st.lists(
    st.sampled_from(list(". \n\r\t\u2028\x00\u200f") + ["NATO", "Moscow", "Mr.", "U.S.", "said", "Kremlin", "é"]),
    max_size=60).map("".join)


def _valid(doc, text):
    assert doc.text == text[:len(doc.text)]
    for sentence in doc.sentences:
        assert 0 <= sentence.start < sentence.end <= len(doc.text)
        assert doc.text[sentence.start:sentence.end] == sentence.text
        for actor in sentence.actors:
            for mention in actor.mentions:
                assert sentence.start <= mention.start < mention.end <= sentence.end
                assert doc.text[mention.start:mention.end] == mention.text


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ANY_TEXT)
def test_any_text_gives_valid_offsets_and_the_same_result_twice(nlp, text):
    doc = nlp(text, id="x")
    _valid(doc, text)
    assert nlp(text, id="x").to_dict() == doc.to_dict()
    json.loads(doc.to_json())


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.none(), st.integers(), st.floats(), st.binary(), st.lists(st.text(max_size=5), max_size=3),
                       st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3)))
def test_anything_that_is_not_text_raises_a_stance_error(nlp, value):
    with pytest.raises(stance.StanceError):
        nlp(value)


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600) | st.lists(st.one_of(st.text(max_size=40).map(lambda t: json.dumps({"text": t})),
                                                         st.text(max_size=30)), max_size=8).map("\n".join).map(str.encode))
def test_any_bytes_as_input_lose_nothing(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    source, out, errors = folder / "in.jsonl", folder / "out.jsonl", folder / "errors.jsonl"
    source.write_bytes(data)
    stats = score_collection(source, out, errors=errors, batch_size=3, progress=False)
    scored = out.read_text(encoding="utf-8").splitlines()
    failed = errors.read_text(encoding="utf-8").splitlines() if errors.exists() else []
    assert (len(scored), len(failed)) == (stats.scored, stats.failed)
    positions = [json.loads(line)["line"] for line in scored + failed]
    assert len(positions) == len(set(positions))  # no record twice
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):  # (UTF-16 is decoded as a whole)
        lines = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        records = 0
        for line in lines:
            try:
                records += bool(line.decode("utf-8").strip())
            except UnicodeDecodeError:
                records += 1
        assert len(positions) == records  # every non-blank line is in the output or in the errors


@settings(max_examples=15, deadline=None, database=None)
@given(texts=st.lists(ANY_TEXT, min_size=1, max_size=12))
def test_same_results_across_jobs(texts):
    nlp = stance.load()
    expected = [d.to_dict() for d in nlp.pipe(texts)]
    with parallel_config(backend="threading"):
        assert [d.to_dict() for d in nlp.pipe(texts, n_jobs=2, batch_size=2)] == expected


@pytest.mark.slow
def test_same_output_across_jobs_with_worker_processes(tmp_path):
    rng = random.Random(11)
    alphabet = "abc NATO Moscow. \n\t\u200f\u00e9\U0001f600\x00\u2028".split(" ") + ["Kremlin", "said", ".", " "]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(60)]
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(*[{"id": k, "text": t} for k, t in enumerate(texts)]))
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        completed = subprocess.run([sys.executable, "-m", "stance", "score", str(source), "-o", str(out), "--jobs", jobs,
                                    "--batch-size", "5", "--quiet"], cwd=ROOT, env=_env(), capture_output=True,
                                   text=True, timeout=300)
        assert completed.returncode == 0, completed.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == 60


def test_a_huge_text_file_is_read_only_as_far_as_needed(tmp_path, monkeypatch):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "big.txt").write_text("NATO warned Moscow on Tuesday. " * 1000 + "é" * 10, encoding="utf-8")
    (folder / "wide.txt").write_bytes("\U0001f600".encode("utf-8") * 5000)  # 4 bytes per character
    read = []
    original = readers.decode_bytes
    monkeypatch.setattr(readers, "decode_bytes", lambda raw, cut=False: read.append(len(raw)) or original(raw, cut))
    out = tmp_path / "out.jsonl"
    stats = score_collection(folder, out, max_length=1000, progress=False)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert stats.truncated == 2 and all(r["truncated"] for r in rows) and all(n <= 4 * 1001 + 4 for n in read)
    assert rows[0]["text"].endswith("Tuesday.") and rows[1]["text"] and set(rows[1]["text"]) == {"\U0001f600"}


def test_error_messages_stay_on_one_line(tmp_path, capsys, monkeypatch):
    def explode(*args, **kwargs):
        raise stance.InvalidInputError("first line\nsecond line")

    monkeypatch.setattr(batch, "score_collection", explode)
    assert main(["score", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 1
    assert capsys.readouterr().err == "stance: error: first line second line\n"
    monkeypatch.setattr(batch, "score_collection", lambda *a, **k: {}["surprise"])
    assert main(["score", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("stance: internal error: KeyError") and "--debug" in err and len(err.splitlines()) == 1
