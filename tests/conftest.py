"""Shared fixtures: the shipped model loaded once per test session, and paths to optional shared data."""

from pathlib import Path

import pytest

import stance

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    return stance.load()


@pytest.fixture(scope="session")
def summit_text():
    return (ROOT / "datasets" / "samples" / "summit.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def summit(nlp, summit_text):
    return nlp(summit_text, id="summit")
