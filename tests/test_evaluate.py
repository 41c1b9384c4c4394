"""End-to-end evaluation (training/evaluate.py): mention recall and precision count (sentence, actor) pairs."""

import stance
from stance.corpus import GoldActor, GoldDocument, GoldSentence
from training.evaluate import evaluate_end_to_end, matched_actors

TEXT = '"I am pleased with the force," said Mohammed Abubakar. The weather stayed mild.'


def _abubakar_document(mentions):
    actor = GoldActor("Mohammed Abubakar", "person", "Nigeria", mentions, "support", None, "positive")
    return GoldDocument("story-1", TEXT, [GoldSentence(0, 54, "positive", [actor]),
                                          GoldSentence(55, 80, "neutral", [])], "voa")


def test_a_found_actor_is_right_when_any_of_its_mentions_is_marked():
    start = TEXT.index("Mohammed")
    result = evaluate_end_to_end(stance.load(), [_abubakar_document([(start, start + len("Mohammed Abubakar"))])])
    # the finder gives one actor with the quote's "I" first and the name second; the annotator marked only the name
    assert result["predicted_pairs"] == 1 and result["gold_pairs"] == 1
    assert result["mention_precision"] == 1.0
    assert result["mention_recall"] == 1.0
    assert result["stance_on_found_actors"]["n"] == 1


def test_an_actor_outside_the_marks_lowers_precision_not_recall():
    text_with_other = TEXT.replace("The weather stayed mild.", "Lavrov said it was late.")
    start = text_with_other.index("Mohammed")
    actor = GoldActor("Mohammed Abubakar", "person", "Nigeria", [(start, start + 17)], "support", None, "positive")
    document = GoldDocument("story-2", text_with_other, [GoldSentence(0, 54, "positive", [actor]),
                                                         GoldSentence(55, 79, "neutral", [])], "voa")
    result = evaluate_end_to_end(stance.load(), [document])
    assert result["predicted_pairs"] == 2  # Lavrov was found but not marked
    assert result["mention_precision"] == 0.5
    assert result["mention_recall"] == 1.0


def test_matched_actors_counts_pairs_not_mentions():
    gold = [[(0, 5), (20, 25)], [(40, 45)]]
    found = [[(21, 24)], [(60, 65)], [(1, 3)]]
    assert matched_actors(gold, found) == 1   # the first gold pair, once, though two found spans touch it
    assert matched_actors(found, gold) == 2   # the first and third found pairs
    assert matched_actors([], found) == 0


def test_newsmtsc_given_target_goes_through_score_target(monkeypatch):
    from training import evaluate
    from training.corpus import TargetExample

    text = "Critics praised Merkel for her courage, but the minister was mocked as a coward."
    examples = [TargetExample(text, text.index("Merkel"), text.index("Merkel") + 6, "positive"),
                TargetExample(text, text.index("the minister"), text.index("the minister") + 12, "negative")]
    monkeypatch.setattr(evaluate, "load_newsmtsc", lambda split: examples if split == "dev_rw" else [])
    nlp = stance.load()
    called = []
    real = nlp.score_target
    monkeypatch.setattr(nlp, "score_target", lambda *args: called.append(args) or real(*args))
    report = evaluate.evaluate_newsmtsc_given_target(nlp, "dev_rw")
    assert [args[1:] for args in called] == [(x.start, x.end) for x in examples]
    assert report["n"] == 2
    expected = [real(x.text, x.start, x.end)["sentiment"]["label"] == x.sentiment for x in examples]
    assert report["accuracy"] == sum(expected) / 2
    assert evaluate.evaluate_newsmtsc_given_target(nlp, "dev_mt") is None


def test_the_command_prints_the_default_stance_and_the_features_alone(tmp_path, capsys):
    import json

    from training.evaluate import main

    record = {"id": "e1", "sentences": [
        {"text": "Germany sharply criticized Russia over the cyberattack.", "sentiment": "negative", "actors": [
            {"mentions": ["Germany"], "actor": "Germany", "stance": "criticism", "sentiment": "neutral"},
            {"mentions": ["Russia"], "actor": "Russia", "stance": "neutral", "sentiment": "negative"}]}]}
    data = tmp_path / "labels.jsonl"
    data.write_text(json.dumps(record) + "\n")
    assert main(["--data", str(data)]) == 0
    printed = capsys.readouterr().out
    assert "### stance (gold mentions)" in printed and "### stance_features_only (gold mentions)" in printed
    assert "actor mentions: recall" in printed
