"""Word-level tests the actor finder's parts share (stance.phrases), on token lists written inline."""

import pytest

from stance.phrases import (_addressed, _bare, _is_name_token, _plain_verb, _present_verb, _qualifies_next,
                            _stance_target, _title_run_length)


def words(text):
    return text.lower().split()


@pytest.mark.parametrize("text, expected", [
    ("a growing threat from china", True),       # the source of a threat acts
    ("closer ties to beijing", True),
    ("donated vaccines to the philippines", True),
    ("flights to moscow", False),                # a plain place
    ("returned from china", False),
])
def test_a_state_governed_by_a_word_of_stance_is_its_source_or_target(text, expected):
    tokens = words(text)
    assert _stance_target(tokens, len(tokens) - 1) is expected


def test_a_state_after_talking_to_is_addressed():
    assert _addressed(words("she was talking to the u.s."), 5)
    assert not _addressed(words("she flew to the u.s."), 4)


def test_title_runs_and_plain_verbs():
    assert _title_run_length(words("foreign minister sergei lavrov")) == 2
    assert _title_run_length(words("the meeting")) == 0
    assert _plain_verb(words("that beijing remove them"), 2)
    assert not _plain_verb(words("labour campaign spokesman tom"), 1)  # the start of a title, not a verb


def test_bare_tokens_and_name_tokens():
    assert _bare("Russia's") == "Russia"
    assert _bare("Ministers\u2019") == "Ministers"
    assert _is_name_token("Lavrov") and not _is_name_token("said")


@pytest.mark.parametrize("text, expected", [
    ("the military operation ended", True),     # an adjective of "operation"
    ("its military wing", True),
    ("the military said on monday", False),     # the body speaks
    ("military analysts say", False),           # a group of its own
    ("military chiefs met", False),
    ("the military continues to defy", False),  # a verb with an object after it
])
def test_military_as_an_adjective(text, expected):
    tokens = words(text)
    assert _qualifies_next(tokens, tokens.index("military")) is expected


@pytest.mark.parametrize("text, expected", [
    ("the us expects more talks", True),         # a present verb with an object
    ("the eu controls half the budget", True),
    ("the uk goes ahead with it", True),
    ("the us troops in the region", False),      # a plural noun the name modifies
    ("the us troops served there", False),
    ("the tory plans .", False),
    ("the iran arms deal", False),               # "arms" is a noun here
])
def test_present_verb_after_the_name(text, expected):
    assert _present_verb(words(text), 2) is expected
