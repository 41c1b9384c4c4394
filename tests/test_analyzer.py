"""The pipeline on a team-written wire story, bad input, pipe, explain and given-target scoring."""

import pytest

import stance
from stance.exceptions import InvalidInputError


def actor_in(doc, sentence_index, actor_id):
    actor = doc.sentences[sentence_index].actor(actor_id)
    assert actor is not None, [a.id for a in doc.sentences[sentence_index].actors]
    return actor


def test_headline_and_lead_give_the_signalling_organization_openness(summit):
    assert actor_in(summit, 0, "kremlin").stance.label == "openness"
    assert actor_in(summit, 1, "kremlin").stance.label == "openness"


def test_spokesman_time_not_yet_come_is_caution(summit):
    assert actor_in(summit, 2, "dmitry_peskov").stance.label == "caution"


def test_criticism_names_the_other_leader_as_target(summit):
    trump = actor_in(summit, 4, "donald_trump")
    assert trump.stance.label == "criticism" and trump.stance.target == "Vladimir Putin"
    assert actor_in(summit, 4, "vladimir_putin").sentiment.label == "negative"


def test_capital_metonym_support(summit):
    china = actor_in(summit, 5, "china")
    assert china.stance.label == "support"
    assert china.mentions[0].text == "Beijing"


def test_minister_calling_for_ceasefire_is_appeal(summit):
    # "called for an immediate ceasefire and urged Washington to keep up the pressure": the target of an appeal is
    # whom the call is addressed to, when named (GUIDELINES section 6)
    minister = [a for a in summit.sentences[6].actors if a.type == "person"][0]
    assert minister.stance.label == "appeal" and minister.stance.target == "United States"


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["a list"], {"text": 1}])
def test_non_text_input_is_a_clear_error(nlp, bad):
    with pytest.raises(InvalidInputError, match="str|bytes|None"):
        nlp(bad)


@pytest.mark.parametrize("empty", ["", "   ", "\n\n\t"])
def test_empty_text_gives_an_empty_document(nlp, empty):
    doc = nlp(empty, id="e")
    assert doc.sentences == () and doc.actors == () and doc.to_dict()["id"] == "e"


def test_control_characters_and_long_text(nlp):
    doc = nlp("NATO\x00 warned\x07 Moscow.\x1b Beijing rejected it.")
    for sentence in doc.sentences:
        assert doc.text[sentence.start:sentence.end] == sentence.text
    long_text = ("The Kremlin said it was ready to talk. " * 60_000)[:2_000_000]
    long_doc = stance.load(max_length=100_000)(long_text)
    assert long_doc.truncated and len(long_doc.text) <= 100_000
    assert long_doc.to_dict()["truncated"] is True


def test_pipe_keeps_order_and_accepts_tuples_and_dicts(nlp):
    texts = [f"Minister {name} rejected the plan." for name in ("Ana Ruiz", "Li Wen Bo", "Omar Haddad")]
    docs = list(nlp.pipe(texts, batch_size=2))
    assert [d.text for d in docs] == texts
    pairs = list(nlp.pipe(((t, k) for k, t in enumerate(texts)), as_tuples=True))
    assert [k for _, k in pairs] == [0, 1, 2]
    records = list(nlp.pipe([{"id": "x", "text": texts[0], "date": "2025-01-01"}]))
    assert records[0].id == "x" and records[0].to_dict()["date"] == "2025-01-01"
    assert [d.to_dict() for d in docs] == [nlp(t).to_dict() for t in texts]


def test_pipe_with_two_jobs_equals_one_job(nlp):
    texts = ["NATO warned Moscow.", "Beijing expressed support for talks.", "", "The EU urged restraint."] * 3
    assert [d.to_dict() for d in nlp.pipe(texts, n_jobs=2, batch_size=3)] == [d.to_dict() for d in nlp.pipe(texts)]


def test_explain_returns_signed_cue_features(nlp, summit):
    explanation = nlp.explain(summit, 6, summit.sentences[6].actors[0].id)
    assert explanation["label"] == "appeal"
    weights = {f["feature"]: f["weight"] for f in explanation["features"]}
    assert any(w > 0 for w in weights.values())
    assert any("call" in name or "appeal" in name for name in weights)
    with pytest.raises(InvalidInputError, match="not in sentence"):
        nlp.explain(summit, 0, "nobody")


def test_score_target_on_a_span_the_finder_ignores(nlp):
    text = "The little-known committee flatly rejected the proposal on Friday."
    result = nlp.score_target(text, 4, 26)
    assert result["stance"]["label"] == "rejection"
    assert set(result["sentiment"]) == {"label", "score"}
    with pytest.raises(InvalidInputError, match="not inside"):
        nlp.score_target(text, 10, 500)


def test_score_target_finds_the_target_as_the_pipeline_does(nlp):
    text = "Germany sharply criticized Russia over the attack."
    germany = nlp.score_target(text, 0, 7)["stance"]
    assert (germany["label"], germany["target"]) == ("criticism", "Russia")
    appeal = "The senator called for an immediate ceasefire in Gaza."
    assert nlp.score_target(appeal, 4, 11)["stance"]["target"] == nlp(appeal).sentences[0].actors[0].stance.target
    neutral = "The committee met on Friday in the capital."
    result = nlp.score_target(neutral, 4, 13)["stance"]
    assert result["label"] == "neutral" and result["target"] is None


def test_results_are_deterministic(nlp, summit_text):
    assert nlp(summit_text).to_dict() == nlp(summit_text).to_dict()


def test_module_level_analyze():
    assert stance.analyze("The White House welcomed the deal.").sentences[0].actors[0].name == "White House"
