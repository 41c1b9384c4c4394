"""Shared fixtures: the shipped model loaded once per test session, the actor finder and ``find`` for the finder
tests, a small article collection (JSON Lines) for the batch, reader and worker tests, and paths to optional
shared data."""

import json
from pathlib import Path

import pytest

import stance

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    return stance.load()


@pytest.fixture(scope="session")
def finder():
    return stance.ActorFinder(stance.Gazetteer.default())


def find(finder, text):
    """(mention text, actor name) for every mention the finder reports in ``text``."""
    from stance.text import split_sentences

    return [(m.text, m.actor.name) for m in finder.find(text, split_sentences(text))]


@pytest.fixture(scope="session")
def summit_text():
    return (ROOT / "datasets" / "samples" / "summit.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def summit(nlp, summit_text):
    return nlp(summit_text, id="summit")


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
