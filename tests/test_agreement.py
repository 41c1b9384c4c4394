"""Agreement between two annotations (training/agreement.py): mentions by overlap, labels on matched pairs."""

from stance.corpus import GoldActor, GoldDocument, GoldSentence
from training.agreement import compare

TEXT = "Moscow rejected the plan. NATO and Kyiv welcomed it."


def _doc(sentences):
    return GoldDocument("story-1", TEXT, sentences, "voa")


def _actor(name, mentions, stance, sentiment="neutral"):
    return GoldActor(name, "country", None, mentions, stance, None, sentiment)


def test_second_annotation_scored_against_the_first():
    first = _doc([GoldSentence(0, 25, "negative", [_actor("Russia", [(0, 6)], "rejection")]),
                  GoldSentence(26, 52, "positive", [_actor("NATO", [(26, 30)], "support"),
                                                     _actor("Ukraine", [(35, 39)], "support")])])
    second = _doc([GoldSentence(0, 25, "neutral", [_actor("Russia", [(0, 6)], "criticism", "negative")]),
                   GoldSentence(26, 52, "positive", [_actor("NATO", [(26, 30)], "support")])])
    result = compare([first], [second])
    assert result["documents"] == 1
    assert result["mention_recall"] == 2 / 3  # Kyiv was not marked the second time
    assert result["mention_precision"] == 1.0
    assert result["stance"]["n"] == 2 and result["stance"]["accuracy"] == 0.5
    assert result["actor_sentiment"]["accuracy"] == 0.5
    assert result["sentence_sentiment"]["n"] == 2 and result["sentence_sentiment"]["accuracy"] == 0.5


def test_documents_only_in_one_annotation_are_ignored():
    first = _doc([GoldSentence(0, 25, "negative", [_actor("Russia", [(0, 6)], "rejection")])])
    other = GoldDocument("story-2", TEXT, [], "voa")
    assert compare([first], [other])["documents"] == 0
