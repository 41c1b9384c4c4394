"""stance.dask: bags and dataframes, the friendly ImportError, and a real 2-process LocalCluster."""

import json
import logging
import os
import subprocess
import sys

import pytest

dask = pytest.importorskip("dask")
pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

import stance  # noqa: E402
from stance.batch import RECORD_META, score_collection  # noqa: E402
from stance.cli import main  # noqa: E402
from stance.dask import score_bag, score_dataframe  # noqa: E402

from conftest import ROOT  # noqa: E402

ARTICLES = [
    {"id": "a1", "date": "2024-03-01", "text": "The Kremlin signalled openness to talks. NATO warned Moscow."},
    {"id": "a2", "text": "The White House welcomed the deal.\nBeijing rejected the plan."},
    {"id": "a3", "text": "It rained all day."},
    {"id": "a4", "text": "Germany criticized Russia. France urged restraint."},
] * 3


def test_score_bag_equals_the_pipeline(nlp):
    bag = db.from_sequence(ARTICLES, npartitions=3)
    got = score_bag(bag).compute(scheduler="sync")
    expected = [nlp(a["text"], id=a["id"], meta={k: v for k, v in a.items() if k not in ("id", "text")}).to_dict()
                for a in ARTICLES]
    assert got == expected
    assert got[0]["date"] == "2024-03-01"


def test_score_bag_errors(nlp):
    bag = db.from_sequence(["NATO warned Moscow.", None, {"id": 9, "text": 3}], npartitions=2)
    assert [d.get("error", "ok")[:7] for d in score_bag(bag, errors="record").compute(scheduler="sync")] == \
        ["ok", "text is", "text mu"]
    assert len(score_bag(bag, errors="skip").compute(scheduler="sync")) == 1
    with pytest.raises(stance.InvalidInputError):
        score_bag(bag).compute(scheduler="sync")
    with pytest.raises(stance.InvalidInputError, match="errors must be"):
        score_bag(bag, errors="ignore")


def test_score_dataframe_rows_and_types(nlp):
    frame = pd.DataFrame(ARTICLES)
    rows = score_dataframe(dd.from_pandas(frame, npartitions=2), text_column="text").compute(scheduler="sync")
    assert list(rows.columns) == list(RECORD_META)
    assert {c: str(t) for c, t in rows.dtypes.items() if c in ("sentence", "start", "end", "score")} == \
        {"sentence": "int64", "start": "int64", "end": "int64", "score": "float64"}
    expected = [(a["id"], s.index, actor.id, actor.stance.label) for a in ARTICLES
                for s in nlp(a["text"]).sentences for actor in s.actors]
    got = [(r.id, r.sentence, r.actor_id, r.stance) for r in rows.itertuples() if r.actor_id is not None]
    assert got == expected
    assert list(rows[rows.id == "a3"].sentence) == [-1] * 3  # an article with no actor still appears
    with pytest.raises(stance.InvalidInputError, match="no column 'body'"):
        score_dataframe(dd.from_pandas(frame, npartitions=1), text_column="body")


def test_missing_dask_gives_a_friendly_import_error():
    code = ("import sys; sys.modules['dask'] = None; sys.modules['dask.bag'] = None\n"
            "try:\n    import stance.dask\nexcept ImportError as e:\n    print(e)")
    completed = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "pip install 'stance[dask]'" in completed.stdout, completed.stderr


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as local:
        yield local


def _articles_file(tmp_path):
    path = tmp_path / "in.jsonl"
    records = [dict(a, id=f"{a['id']}-{k}") for k, a in enumerate(ARTICLES * 5)] + [{"id": "bad", "text": None}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.slow
def test_local_cluster_output_equals_single_process(cluster, tmp_path):
    from distributed import Client

    source = _articles_file(tmp_path)
    single, single_errors = tmp_path / "single.jsonl", tmp_path / "single-errors.jsonl"
    score_collection(source, single, errors=single_errors, progress=False)
    on_cluster, cluster_errors = tmp_path / "cluster.jsonl", tmp_path / "cluster-errors.jsonl"
    assert main(["score", str(source), "-o", str(on_cluster), "--errors", str(cluster_errors), "--batch-size", "4",
                 "--scheduler", cluster.scheduler_address, "--quiet"]) == 0
    assert on_cluster.read_bytes() == single.read_bytes()
    assert cluster_errors.read_bytes() == single_errors.read_bytes()
    with Client(cluster) as client:
        workers = client.run(lambda: __import__("os").getpid())
        assert len(set(workers.values())) == 2 and os.getpid() not in workers.values()  # two other processes
        records = [json.loads(line) for line in source.read_text().splitlines() if '"bad"' not in line]
        bag = db.from_sequence(records, npartitions=4)
        from_bag = score_bag(bag).compute()
        frame = score_dataframe(dd.from_pandas(pd.DataFrame(records), npartitions=3)).compute()
    expected = [{k: v for k, v in json.loads(line).items() if k != "line"} for line in single.read_text().splitlines()]
    assert from_bag == expected
    assert len(frame) == sum(sum(len(s["actors"]) for s in d["sentences"]) or 1 for d in expected)


@pytest.mark.slow
def test_scheduler_that_cannot_be_reached_is_a_one_line_error(tmp_path, capsys):
    source = _articles_file(tmp_path)
    code = main(["score", str(source), "-o", str(tmp_path / "o.jsonl"), "--scheduler", "tcp://127.0.0.1:9", "--quiet"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("stance: error: cannot connect to the Dask scheduler") and len(err.splitlines()) == 1
