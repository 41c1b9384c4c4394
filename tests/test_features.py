"""Features of (sentence, actor) pairs: the cues that the stance classifier reads."""

from stance.features import pair_features


def _cues(text: str, mention: str) -> list[str]:
    start = text.index(mention)
    return [f for f in pair_features(text, [(start, start + len(mention))]) if "cue" in f]


def test_the_agent_of_a_passive_gets_the_cue_over_a_determiner_or_a_title():
    assert "cue_by=criticism" in _cues("The strikes were condemned by the Arab League.", "Arab League")
    assert "cue_by=criticism" in _cues("The plan was criticized by Senator Lindsey Graham.", "Lindsey Graham")
    # a longer phrase after "by" is no agent phrase of this actor
    assert "cue_by=support" not in _cues("It was backed by the plan of Ghana.", "Ghana")


def test_a_negated_cue_is_read_as_negated_only():
    cues = _cues("Pakistan did not reject the offer of mediation.", "Pakistan")
    assert "neg_cue_r=rejection" in cues and "cue_r=rejection" not in cues
    assert "cue_r=rejection" in _cues("Pakistan rejected the offer of mediation.", "Pakistan")


def test_phrasal_stance_verbs_are_one_cue():
    assert "neg_cue_r=rejection" in _cues("Netanyahu has not ruled out a ceasefire.", "Netanyahu")
    assert "cue_r=rejection" in _cues("Seoul turned down the offer.", "Seoul")
