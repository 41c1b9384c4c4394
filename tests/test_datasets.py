"""The team's annotated data: every file validates, the corpus meets its size goals, and the real-news
labels join with their texts when ../shared is present."""

import pytest

from conftest import ROOT, SHARED
from stance.labels import STANCE_LABELS
from training.corpus import (corpus_statistics, load_news_labels, load_newsmtsc_stance, load_team_corpus, load_voa,
                             load_voa_second_pass,
                             main as validate)


@pytest.fixture(scope="module")
def team():
    return load_team_corpus()


def test_validator_passes_on_every_file(capsys):
    assert validate([]) == 0, capsys.readouterr().err


def test_team_corpus_size_and_coverage(team):
    stats = corpus_statistics(team)
    assert stats["documents"] >= 600 and stats["pairs"] >= 6000
    assert stats["distinct_actors"] >= 500
    assert set(stats["stance_labels"]) == set(STANCE_LABELS)
    assert all(count >= 400 for label, count in stats["stance_labels"].items() if label != "neutral")


def test_offsets_of_the_compiled_corpus(team):
    for document in team:
        for sentence in document.sentences:
            assert 0 <= sentence.start < sentence.end <= len(document.text)
            for actor in sentence.actors:
                for start, end in actor.mentions:
                    assert sentence.start <= start < end <= sentence.end


def test_splits_are_by_article_and_all_present(team):
    splits = {d.split for d in team}
    assert splits == {"train", "dev", "test"}
    assert len({d.id for d in team}) == len(team)


@pytest.mark.skipif(not (SHARED / "data").exists(), reason="../shared is not present")
def test_real_news_labels_join_with_their_texts():
    voa, news, mtsc, second = load_voa(), load_news_labels(), load_newsmtsc_stance(), load_voa_second_pass()
    assert sum(len(d.sentences) for d in voa) >= 800
    assert news and mtsc and second
    assert {d.id for d in second} <= {d.id for d in voa}  # a second annotation of stories the first pass has
    for document in voa + news + second:
        for sentence in document.sentences:
            assert document.text[sentence.start:sentence.end].strip() == document.text[sentence.start:sentence.end]


def test_real_news_loaders_skip_cleanly_without_shared(tmp_path):
    assert load_voa(stories=tmp_path / "absent.jsonl") == []
    assert load_news_labels(articles=tmp_path / "absent.jsonl") == []
    assert (ROOT / "datasets" / "voa" / "labels.jsonl").exists()
