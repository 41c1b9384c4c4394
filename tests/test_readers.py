"""Reading input collections (stance.readers): JSON Lines, CSV, folders, stdin, fields and metadata, streaming."""

import io
import json
import sys

from stance.batch import score_collection
from stance.cli import main
from stance.readers import read_records

from conftest import ARTICLES, read_jsonl, write_jsonl


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


def test_input_fields_named_like_output_keys_are_kept_under_another_name(tmp_path):
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"doc": "a", "text": "NATO warned Moscow.", "line": "page 3", "id": 77,
                                  "sentences": 4}) + "\n", encoding="utf-8")
    score_collection(source, out, id_field="doc", progress=False)
    record = json.loads(out.read_text(encoding="utf-8"))
    assert (record["line"], record["id"]) == (1, "a")  # the input position and the chosen id field
    assert (record["input_line"], record["input_id"], record["input_sentences"]) == ("page 3", 77, 4)
    assert isinstance(record["sentences"], list)
