"""Stance targets (stance/targets.py, training/targets.py): candidates, the learned choice, the rule, the score."""

import pytest

import stance
from stance.analyzer import Analyzer
from stance.corpus import GoldActor, GoldDocument, GoldSentence
from stance.estimator import LinearFeatureClassifier
from stance.model import ModelBundle
from stance.targets import TARGET_LABEL, ActorSpans, choose_targets, rule_target, target_candidates
from training.targets import evaluate_targets, fit_target_model, target_matches, target_rows

TEXT = "Germany sharply criticized Russia and called for new sanctions on Moscow."


def _actors(text, *names):
    return [ActorSpans(name.lower(), name, "country", [(text.index(name), text.index(name) + len(name))])
            for name in names]


def test_candidates_are_the_other_actors_and_phrases_with_offsets_into_the_text():
    actors = _actors(TEXT, "Germany", "Russia", "Moscow")
    candidates = target_candidates(TEXT, 0, len(TEXT), actors, "germany", "criticism")
    texts = [c.text for c in candidates]
    assert "Germany" not in texts  # never the actor itself
    assert {"Russia", "Moscow"} <= set(texts)
    assert "new sanctions" in texts  # stops before the next actor
    for candidate in candidates:
        assert candidate.kind in ("actor", "phrase") and "bias" in candidate.features
        if candidate.kind == "phrase":
            assert TEXT[candidate.start:candidate.end] == candidate.text


def test_candidate_features_say_where_the_candidate_stands():
    actors = _actors(TEXT, "Germany", "Russia", "Moscow")
    russia = next(c for c in target_candidates(TEXT, 0, len(TEXT), actors, "germany", "criticism") if c.text == "Russia")
    assert "where=after_actor" in russia.features
    assert "cue_gap=1_actor" in russia.features  # right after "criticized", a criticism word
    assert "cue_word=criticized" in russia.features


def test_no_candidates_for_an_actor_without_a_mention_in_the_sentence():
    actors = _actors(TEXT, "Russia")
    assert target_candidates(TEXT, 0, len(TEXT), actors, "germany", "criticism") == []


def test_choose_targets_takes_the_best_candidate_of_each_group_in_one_prediction():
    rows = [(["bias", "kind=actor"], TARGET_LABEL), (["bias", "kind=phrase"], "other")] * 20
    model = LinearFeatureClassifier(C=1.0, min_count=1).fit([r[0] for r in rows], [r[1] for r in rows])
    actors = _actors(TEXT, "Germany", "Russia", "Moscow")
    group = [c for c in target_candidates(TEXT, 0, len(TEXT), actors, "germany", "criticism") if c.text != "Moscow"]
    assert choose_targets(model, [group, [], list(reversed(group))]) == ["Russia", None, "Russia"]


def test_rule_target_takes_the_actor_or_phrase_after_the_first_stance_word():
    actors = _actors(TEXT, "Germany", "Russia", "Moscow")
    assert rule_target(TEXT, 0, len(TEXT), actors, "germany", "criticism") == "Russia"
    # an actor within 30 characters of the stance word wins over the phrase: the rule's known weakness
    assert rule_target(TEXT, 0, len(TEXT), actors, "germany", "appeal") == "Moscow"
    text = "Germany called for new sanctions, officials said."
    assert rule_target(text, 0, len(text), _actors(text, "Germany"), "germany", "appeal") == "new sanctions"


def test_the_shipped_model_aims_a_criticism_at_the_criticized_actor():
    doc = stance.load()("Germany sharply criticized Russia over the cyberattack.")
    germany = doc.sentences[0].actor("germany")
    assert germany.stance.label == "criticism"
    assert germany.stance.target == "Russia"


def test_a_model_without_a_target_component_uses_the_rule():
    nlp = stance.load()
    assert "target" in nlp.model.classifiers
    classifiers = {k: v for k, v in nlp.model.classifiers.items() if k != "target"}
    ruled = Analyzer(ModelBundle(nlp.model.manifest, classifiers, nlp.model.path), nlp.gazetteer)
    text = "Germany called for an immediate ceasefire in the region, officials said."
    germany = ruled(text).sentences[0].actor("germany")
    assert germany.stance.label == "appeal"
    assert germany.stance.target == "an immediate ceasefire in the region"


def test_score_target_names_a_target_for_a_stance():
    result = stance.load().score_target(TEXT, 0, len("Germany"))
    assert result["stance"]["label"] != "neutral"
    assert result["stance"]["target"] is not None


# -- training/targets.py --------------------------------------------------------------------------------------

def _document():
    germany = GoldActor("Germany", "country", None, [(0, 7)], "criticism", "Russia", "neutral")
    russia = GoldActor("Russia", "country", None, [(TEXT.index("Russia"), TEXT.index("Russia") + 6)], "neutral", None,
                       "negative")
    return GoldDocument("doc-1", TEXT, [GoldSentence(0, len(TEXT), "negative", [germany, russia])], "team")


@pytest.mark.parametrize("predicted, gold, names, right", [
    ("Russia", "Russia", {"Russia"}, True),
    ("Moscow", "Russia", {"Russia"}, False),
    (None, "Russia", {"Russia"}, False),
    ("new sanctions on Moscow", "sanctions", set(), True),      # F1 2/3 with {sanction}
    ("the plan to build a border wall", "the wall", set(), False),  # F1 2/5 with {plan, build, border, wall}
])
def test_target_matches(predicted, gold, names, right):
    assert target_matches(predicted, gold, names) is right


def test_target_rows_mark_the_annotated_target_among_the_candidates():
    rows = target_rows([_document()])
    labels = [label for _, label in rows]
    assert labels.count(TARGET_LABEL) == 1  # Russia, the annotated target (Moscow is another actor name)
    assert len(rows) > 1


def test_evaluate_targets_scores_model_and_rule_on_the_same_stances():
    documents = [_document()]
    model = fit_target_model([(documents * 5, 1.0)], {"C": 1.0, "min_count": 1})
    report = evaluate_targets(model, documents)
    assert report["model"]["n"] == report["rule"]["n"] == 1
    assert report["rule"]["right"] == 1.0  # "criticized Russia"
    assert report["model"]["actor_targets"] == 1 and report["model"]["phrase_targets"] == 0
    assert report["model"]["right"] == 1.0  # learned from the very same stance


def test_a_phrase_candidate_ends_before_a_weekday_and_a_dangling_preposition():
    text = "Beijing rejected the proposal on Tuesday."
    actors = _actors(text, "Beijing")
    assert "the proposal" in [c.text for c in target_candidates(text, 0, len(text), actors, "beijing", "rejection")]


def test_a_phrase_candidate_ends_before_the_predicate_of_its_clause():
    text = "The court feared the ban would be lifted."
    actors = [ActorSpans("court", "Court", "organization", [(0, 9)])]
    phrases = [c.text for c in target_candidates(text, 0, len(text), actors, "court", "caution")]
    assert "the ban" in phrases
    assert not any(" would " in f" {p} " for p in phrases)


def test_explain_shows_why_the_target_was_chosen_and_the_alternatives():
    nlp = stance.load()
    doc = nlp("Sybiha called for an immediate ceasefire and urged Washington to keep up the pressure on Russia.")
    sybiha = next(a for a in doc.sentences[0].actors if a.stance.label != "neutral")
    why = nlp.explain(doc, 0, sybiha.id, component="target", top=5)
    assert why["label"] == sybiha.stance.target  # the same choice as the pipeline's
    scores = [c["score"] for c in why["candidates"]]
    assert scores == sorted(scores, reverse=True) and why["score"] == scores[0]
    assert {"United States", "Russia"} <= {c["text"] for c in why["candidates"]}
    assert all(doc.text[c["start"]:c["end"]] == c["text"] for c in why["candidates"] if c["kind"] == "phrase")
    assert 0 < len(why["features"]) <= 5 and all(isinstance(f["weight"], float) for f in why["features"])


def test_explain_target_refuses_a_neutral_stance_and_a_model_without_targets():
    from stance.exceptions import InvalidInputError, ModelError

    nlp = stance.load()
    doc = nlp("Germany sharply criticized Russia over the cyberattack.")
    with pytest.raises(InvalidInputError, match="neutral"):
        nlp.explain(doc, 0, "russia", component="target")
    classifiers = {k: v for k, v in nlp.model.classifiers.items() if k != "target"}
    ruled = Analyzer(ModelBundle(nlp.model.manifest, classifiers, nlp.model.path), nlp.gazetteer)
    with pytest.raises(ModelError, match="rule"):
        ruled.explain(doc, 0, "germany", component="target")


def test_a_phrase_keeps_the_words_of_the_text_as_written():
    text = "Germany rejected the U.S.-backed  plan."
    actors = _actors(text, "Germany")
    phrases = [c.text for c in target_candidates(text, 0, len(text), actors, "germany", "rejection") if c.kind == "phrase"]
    assert "the U.S.-backed plan" in phrases  # the text's own hyphen, spaces collapsed
