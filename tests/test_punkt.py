"""The Punkt port gives nltk's sentence spans, and scoring does not import nltk."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from stance.corpus import read_annotated
from stance.punkt import PunktSplitter
from stance.text import sentence_splitter, sentence_tokenizer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def _lines(texts):
    return [line for text in texts for line in text.split("\n") if line.strip()]


def _differences(lines):
    ours, theirs = sentence_splitter(), sentence_tokenizer()
    return [(line, list(ours.span_tokenize(line)), list(theirs.span_tokenize(line)))
            for line in lines if list(ours.span_tokenize(line)) != list(theirs.span_tokenize(line))]


def test_same_spans_as_nltk_on_every_line_of_the_team_corpus():
    texts = [document.text for path in sorted((ROOT / "datasets" / "stance" / "articles").glob("*.jsonl"))
             for document in read_annotated(path)]
    lines = _lines(texts)
    assert len(lines) > 2000
    assert _differences(lines) == []


@pytest.mark.skipif(not (SHARED / "news" / "articles.jsonl").exists(), reason="needs ../shared/data/news")
def test_same_spans_as_nltk_on_real_news():
    with open(SHARED / "news" / "articles.jsonl", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for _, line in zip(range(3000), handle)]
    assert _differences(_lines(texts)) == []


_PIECES = list("abcXYZ .?!,;:'\"()-\u2013\u2014\u2019\u201c\u201d\t\x1f\xa0\u200b\u0301\u00e912.") + [
    "Mr.", "U.S.", "Dr.", " He", " the", "...", "--", "e\u0301", "J. ", "No. 5", " Sen.", "a.m."]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join))
def test_same_spans_as_nltk_on_odd_text(text):
    assert list(sentence_splitter().span_tokenize(text)) == list(sentence_tokenizer().span_tokenize(text))


def test_learned_parameters_change_the_decisions():
    text = "They met Gen. Lee on Monday. Talks followed."
    assert [text[s:e] for s, e in PunktSplitter().span_tokenize(text)] == [
        "They met Gen.", "Lee on Monday.", "Talks followed."]
    with_abbreviation = PunktSplitter(abbreviations={"gen"})
    assert [text[s:e] for s, e in with_abbreviation.span_tokenize(text)] == [
        "They met Gen. Lee on Monday.", "Talks followed."]


def test_analysing_text_imports_neither_nltk_nor_scikit_learn():
    code = ("import sys, stance; nlp = stance.load(); nlp('Sen. Warren met the U.S. envoy. She said talks helped.'); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'nltk', 'sklearn', 'scipy'}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _seconds(text):
    import time

    from stance.text import split_sentences

    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        split_sentences(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["!", ". ", "a.a. ", 'A. "b." ', "...", "Mr. ", "x" * 50 + ". "])
def test_splitting_time_is_linear_in_length_on_adversarial_runs(unit):
    short = (unit * (20_000 // len(unit) + 1))[:20_000]
    long = (unit * (160_000 // len(unit) + 1))[:160_000]
    ratio = _seconds(long) / max(_seconds(short), 1e-4)
    assert ratio < 8 * 2.5, f"an 8x longer run of {unit!r} took {ratio:.1f}x longer"  # quadratic would be 64x
