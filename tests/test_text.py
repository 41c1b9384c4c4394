"""Sentences and tokens: offsets, abbreviations, headlines, quotes."""

import pytest
from hypothesis import given, settings, strategies as st

from stance.text import MAX_SENTENCE_CHARS, split_sentences, tokenize


def texts(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_headline_without_punctuation_is_its_own_sentence():
    text = "Kremlin signals openness to talks\n\nMOSCOW - The Kremlin said on Tuesday it was ready. Talks may follow."
    assert texts(text) == ["Kremlin signals openness to talks", "MOSCOW - The Kremlin said on Tuesday it was ready.",
                           "Talks may follow."]


@pytest.mark.parametrize("abbreviation", ["U.S.", "U.N.", "Mr.", "Gen.", "Sen.", "Jan.", "Sept.", "No."])
def test_news_abbreviations_do_not_split(abbreviation):
    text = f"The envoy met the {abbreviation} Smith delegation on Monday. They spoke for an hour."
    assert len(texts(text)) == 2


def test_times_and_titles_do_not_split():
    text = "Sen. Warren spoke at 9 a.m. in the U.S. Capitol. Gen. Lee listened."
    assert texts(text) == ["Sen. Warren spoke at 9 a.m. in the U.S. Capitol.", "Gen. Lee listened."]


def test_quotes_stay_with_their_sentence():
    text = '"We are ready to talk," the minister said. "The door is open." He then left.'
    assert texts(text) == ['"We are ready to talk," the minister said.', '"The door is open."', "He then left."]


def test_paragraph_without_final_punctuation():
    assert texts("First paragraph without a stop\nSecond one.") == ["First paragraph without a stop", "Second one."]


def test_very_long_unpunctuated_text_is_cut_into_bounded_pieces():
    text = "word " * 50_000
    spans = split_sentences(text)
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")


def test_tokens_keep_abbreviations_and_offsets():
    text = "Sen. Warren met U.S. officials at 9 a.m."
    assert [text[s:e] for s, e in tokenize(text)] == ["Sen.", "Warren", "met", "U.S.", "officials", "at", "9", "a.m."]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_sentence_offsets_property(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        previous_end = end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["The U.S. envoy", "said", "Mr. Smith", "rejected", "talks.", "\n", "Moscow!",
                                 '"We will see,"', "he said.", "Gen.", "a.m.", "  ", "Beijing?"]), max_size=30))
def test_sentence_and_token_offsets_on_newsy_text(words):
    text = " ".join(words)
    for start, end in split_sentences(text):
        for s, e in tokenize(text, start, end):
            assert start <= s < e <= end
            assert text[s:e].strip() == text[s:e]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(list("abcXYZ019 .,'-\"\u2019\u201c\u201déçñ\n") + ["U.S.", "Sen. ", "a.m."]), max_size=100))
def test_tokens_equal_nltk_regexp_tokenizer(pieces):
    text = "".join(pieces)
    from stance.text import word_tokenizer

    assert tokenize(text) == list(word_tokenizer().span_tokenize(text))


def test_title_after_abbreviation_does_not_split():
    text = "U.S. President Donald Trump spoke. Later the U.N. Secretary-General and Sen. Warren replied."
    assert texts(text) == ["U.S. President Donald Trump spoke.", "Later the U.N. Secretary-General and Sen. Warren replied."]


def test_abbreviation_at_sentence_end_before_a_common_starter_splits():
    assert texts("Sanctions hit the U.S. The move angered China.") == ["Sanctions hit the U.S.", "The move angered China."]


def test_a_title_before_a_name_never_ends_a_sentence():
    # Punkt alone ends a sentence at "Mr." or "Sens." when the name is also an ordinary word
    text = "Police questioned Mr. Stone on Monday. Later Sens. Young and Price objected.\nWe asked Mr."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Police questioned Mr. Stone on Monday.", "Later Sens. Young and Price objected.", "We asked Mr."]


def test_other_abbreviations_still_end_sentences():
    text = "He lives on Main St. The house is old. It was built by Smith Jr. The roof is new."
    assert len(split_sentences(text)) == 4
