"""The team's annotated data: every file validates, the corpus meets its size goals, and the real-news
labels join with their texts when ../shared is present."""

import pytest

from conftest import ROOT, SHARED
from stance.labels import STANCE_LABELS
import json

from training.corpus import (CorpusError, basil_articles, basil_text, corpus_statistics, load_basil_labels, load_news_labels, load_newsmtsc_stance,
                             load_team_corpus, load_voa, load_voa_second_pass, main as validate, split_of)


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
    assert load_basil_labels(articles=tmp_path / "absent") == []
    assert (ROOT / "datasets" / "voa" / "labels.jsonl").exists()


def _basil_article(folder, uuid, triplet, paragraphs):
    (folder / "2016").mkdir(parents=True, exist_ok=True)
    record = {"uuid": uuid, "triplet-uuid": triplet, "source": "nyt", "body-paragraphs": paragraphs}
    (folder / "2016" / f"{uuid}.json").write_text(json.dumps(record), encoding="utf-8")


def test_basil_labels_join_by_offsets_and_split_by_event(tmp_path):
    articles, labels = tmp_path / "articles", tmp_path / "labels"
    labels.mkdir()
    paragraphs = [["The Senate voted on Tuesday.", "Obama criticized the vote."], ["Aides said little."]]
    for uuid in ("fox-story", "nyt-story"):
        _basil_article(articles, uuid, "event-7", paragraphs)
    text = basil_text({"body-paragraphs": paragraphs})
    assert text == "The Senate voted on Tuesday. Obama criticized the vote.\n\nAides said little."
    start = text.index("Obama")
    rows = [{"article": uuid, "start": start, "end": start + len("Obama criticized the vote."), "sentiment": "negative",
             "actors": [{"actor": "Barack Obama", "type": "person", "affiliation": "United States",
                         "mentions": [[start, start + 5]], "stance": "criticism", "target": "the Senate vote",
                         "sentiment": "neutral"}]} for uuid in ("fox-story", "nyt-story")]
    (labels / "labels_basil_t.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    documents = load_basil_labels(labels, articles)
    assert [d.id for d in documents] == ["fox-story", "nyt-story"]
    actor = documents[0].sentences[0].actors[0]
    assert documents[0].text[slice(*actor.mentions[0])] == "Obama" and actor.stance == "criticism"
    assert {d.split for d in documents} == {split_of("event-7")}  # one event's reports share a split


def test_basil_labels_name_the_row_with_bad_offsets(tmp_path):
    articles, labels = tmp_path / "articles", tmp_path / "labels"
    labels.mkdir()
    _basil_article(articles, "story", "event", [["Short."]])
    (labels / "labels_basil_x.jsonl").write_text(json.dumps({"article": "story", "start": 0, "end": 99,
                                                             "sentiment": "neutral", "actors": []}), encoding="utf-8")
    with pytest.raises(CorpusError, match="labels_basil_x.jsonl:1.*bad sentence offsets"):
        load_basil_labels(labels, articles)


def test_news_articles_with_the_same_text_share_a_split(tmp_path):
    ids = [f"wire-{k}" for k in range(40)]
    first = ids[0]
    other = next(i for i in ids if split_of(i) != split_of(first))  # would land in another split on its own
    text = "Ministers rejected the plan on Monday."
    articles = tmp_path / "articles.jsonl"
    articles.write_text("\n".join(json.dumps({"id": i, "text": text}) for i in (first, other)), encoding="utf-8")
    labels = tmp_path / "labels"
    labels.mkdir()
    rows = [{"article": i, "start": 0, "end": len(text), "sentiment": "negative", "actors": []} for i in (first, other)]
    (labels / "labels_wire.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    documents = load_news_labels(labels, articles)
    assert {d.id for d in documents} == {first, other}
    assert {d.split for d in documents} == {split_of(min(first, other))}


def test_basil_articles_with_a_shared_uuid_are_named_by_their_file(tmp_path):
    _basil_article(tmp_path, "unique-uuid", "event-1", [["One."]])
    for stem, words in (("aaa_2", "Two."), ("bbb_3", "Three.")):
        _basil_article(tmp_path, stem, "event-2", [[words]])
        record = json.loads((tmp_path / "2016" / f"{stem}.json").read_text(encoding="utf-8"))
        record["uuid"] = "empty"  # as four articles of the real collection say
        (tmp_path / "2016" / f"{stem}.json").write_text(json.dumps(record), encoding="utf-8")
    articles = basil_articles(tmp_path)
    assert articles == {"unique-uuid": ("One.", "event-1"), "aaa_2": ("Two.", "event-2"), "bbb_3": ("Three.", "event-2")}


@pytest.mark.skipif(not (SHARED / "data").exists(), reason="../shared is not present")
def test_targets_are_written_by_the_team_not_copied_from_the_article():
    documents = load_voa() + load_voa_second_pass() + load_news_labels() + load_basil_labels()
    actor_names = {actor.actor for d in documents for s in d.sentences for actor in s.actors}
    copied = [(d.id, actor.target) for d in documents for s in d.sentences for actor in s.actors
              if actor.target and len(actor.target.split()) >= 6 and actor.target in d.text
              and actor.target not in actor_names]  # an organisation's full name may be a target
    assert not copied, copied[:5]


def test_a_mention_string_is_found_after_a_wire_dateline_when_it_occurs_there():
    from stance.corpus import compile_article

    def first_mention(text):
        record = {"id": "a", "sentences": [{"text": text, "sentiment": "neutral", "actors": [
            {"actor": "Ukraine", "type": "country", "mentions": ["Ukraine"], "stance": "rejection", "target": None,
             "sentiment": "neutral"}]}]}
        document = compile_article(record, "test")
        return document.sentences[0].actors[0].mentions[0]

    assert first_mention("KYIV, Ukraine (Wire) - Ukraine rejected the demand.") == (23, 30)  # the subject
    assert first_mention("KYIV, Ukraine (Wire) - Officials met.") == (6, 13)  # only there: kept, not lost
    assert first_mention("Ukraine rejected the demand from Ukraine's neighbour.") == (0, 7)
