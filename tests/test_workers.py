"""What runs in workers (stance.workers): Analyzer.pipe over joblib workers, and the spec each worker rebuilds from."""

import json
import os
import warnings

import pytest
from joblib import parallel_config

import stance
from stance.actors import Actor
from stance.cli import main
from stance.workers import options_spec, stop_idle_workers, worker_spec

from conftest import ARTICLES


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


def test_stopping_pipe_early_cancels_the_rest_without_warnings(nlp):
    with parallel_config(backend="threading"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = nlp.pipe(["NATO warned Moscow on Monday."] * 200, n_jobs=2, batch_size=1)
        first = next(docs)
        docs.close()
    assert first.sentences[0].actors
    assert [str(w.message) for w in caught] == []


def test_pipe_n_jobs_raises_on_bad_text(nlp):
    with parallel_config(backend="threading"), pytest.raises(stance.InvalidInputError, match="None"):
        list(nlp.pipe(["NATO warned Moscow.", None], n_jobs=2))


def test_worker_spec_from_options_equals_that_of_the_loaded_analyzer(tmp_path):
    assert options_spec() == worker_spec(stance.load())
    actors = tmp_path / "actors.json"
    actors.write_text(json.dumps([{"name": "Ruritanian Liberal Party", "type": "organization"}]), encoding="utf-8")
    assert options_spec(actors=actors, max_length=5000) == worker_spec(stance.load(actors=actors, max_length=5000))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _loky_worker_pids() -> set[int]:
    from joblib import Parallel, delayed

    return set(Parallel(n_jobs=2)(delayed(os.getpid)() for _ in range(8)))


@pytest.mark.slow
def test_stop_idle_workers_kills_the_reusable_loky_workers():
    pids = _loky_worker_pids()
    assert pids and os.getpid() not in pids and all(map(_alive, pids))
    stop_idle_workers()
    assert not any(map(_alive, pids))
    assert _loky_worker_pids().isdisjoint(pids)  # a later Parallel call starts new workers
    stop_idle_workers()


@pytest.mark.slow
def test_score_with_jobs_leaves_no_worker_behind(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"a{k}", "text": "NATO warned Moscow on Monday."}) + "\n"
                              for k in range(6)), encoding="utf-8")
    pids = _loky_worker_pids()
    assert main(["score", str(source), "-o", str(tmp_path / "out.jsonl"), "--jobs", "2", "--batch-size", "1",
                 "--quiet"]) == 0
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 6
    assert not any(map(_alive, pids))
