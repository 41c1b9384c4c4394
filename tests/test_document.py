"""Result objects and the JSON schema stance.document/1."""

import json

import pytest

import stance
from conftest import SHARED


def test_to_dict_has_the_schema_keys(summit):
    data = summit.to_dict()
    assert data["schema"] == "stance.document/1" and data["id"] == "summit"
    sentence = data["sentences"][0]
    assert set(sentence) == {"index", "start", "end", "text", "sentiment", "actors"}
    actor = sentence["actors"][0]
    assert set(actor) == {"id", "name", "type", "affiliation", "mentions", "stance", "sentiment"}
    assert set(actor["stance"]) == {"label", "score", "target"}
    summary = data["actors"][0]
    assert set(summary) == {"id", "name", "type", "affiliation", "mentions", "stances", "sentiment"}
    assert json.loads(summit.to_json()) == data


def test_offsets_and_counts_are_consistent(summit):
    for sentence in summit.sentences:
        assert summit.text[sentence.start:sentence.end] == sentence.text
        for actor in sentence.actors:
            assert actor.stance.label in stance.STANCE_LABELS
            assert 0.0 <= actor.stance.score <= 1.0
            for mention in actor.mentions:
                assert summit.text[mention.start:mention.end] == mention.text
    for summary in summit.actors:
        per_sentence = [a for s in summit.sentences for a in s.actors if a.id == summary.id]
        assert summary.mentions == sum(len(a.mentions) for a in per_sentence)
        assert sum(summary.stances.values()) == len(per_sentence)


def test_matches_the_shared_json_schema(summit):
    jsonschema = pytest.importorskip("jsonschema")
    path = SHARED / "schema" / "stance.document-1.schema.json"
    if not path.exists():
        pytest.skip("../shared/schema is not present")
    jsonschema.validate(summit.to_dict(), json.loads(path.read_text()))


def test_records_are_frozen(summit):
    with pytest.raises(AttributeError):
        summit.sentences[0].start = 3


def test_sentence_tokens_have_document_offsets(summit):
    for sentence in summit.sentences:
        tokens = sentence.tokens()
        assert tokens and all(summit.text[t.start:t.end] == t.text for t in tokens)
        assert sentence.start <= tokens[0].start and tokens[-1].end <= sentence.end
