"""Actor finding, coreference and user actor lists in the finder."""

import json

import pytest

from stance.actors import ActorFinder, Gazetteer, load_actor_list
from stance.text import split_sentences


@pytest.fixture(scope="module")
def finder():
    return ActorFinder(Gazetteer.default())


def find(finder, text):
    return [(m.text, m.actor.name) for m in finder.find(text, split_sentences(text))]


def test_capital_as_agent_is_the_country_but_a_place_is_not(finder):
    assert find(finder, "Beijing said it opposed the plan.") == [("Beijing", "China"), ("it", "China")]
    assert find(finder, "Moscow rejected the offer.") == [("Moscow", "Russia")]
    assert find(finder, "The talks took place in Beijing.") == []


def test_role_compound_is_the_person_with_the_affiliation(finder):
    mentions = finder.find("Kremlin spokesman Dmitry Peskov said no date was set.", [(0, 52)])
    assert [(m.text, m.actor.name) for m in mentions] == [("Dmitry Peskov", "Dmitry Peskov")]
    assert mentions[0].actor.affiliation == "Russia"


def test_title_before_name_and_surname_and_title_coreference(finder):
    text = ("Russian President Vladimir Putin met envoys on Monday. Putin said talks could resume. "
            "The Russian president also criticized the sanctions.")
    found = find(finder, text)
    assert found == [("Vladimir Putin", "Vladimir Putin"), ("Putin", "Vladimir Putin"),
                     ("The Russian president", "Vladimir Putin")]


def test_pronoun_goes_to_the_most_recent_person_subject(finder):
    text = "Foreign Minister Penny Wong met her counterpart. She said the meeting was useful."
    assert find(finder, text)[-1] == ("She", "Penny Wong")


def test_unlisted_person_from_apposition_and_surname_later(finder):
    text = ("Jian Badrakhan, vice chairman of the Kurdish Center for Studies, said the offer was serious. "
            "Badrakhan added that talks would take months.")
    found = find(finder, text)
    assert ("Jian Badrakhan", "Jian Badrakhan") in found
    assert ("Badrakhan", "Jian Badrakhan") in found
    assert ("Kurdish Center for Studies", "Kurdish Center for Studies") in found


def test_unlisted_person_after_title_and_organization_by_keyword(finder):
    found = find(finder, "Opposition leader Tomas Verhoeven said the Coastal Farmers Union would strike.")
    assert ("Tomas Verhoeven", "Tomas Verhoeven") in found
    assert ("Coastal Farmers Union", "Coastal Farmers Union") in found


def test_sentence_openers_months_and_datelines_are_not_actors(finder):
    assert find(finder, "MOSCOW (Wire) - On Monday, thousands marched. In January, nothing happened.") == []


def test_mention_offsets_match_text(finder):
    text = "The White House welcomed Beijing's offer, and NATO's chief Mark Rutte agreed."
    for mention in finder.find(text, split_sentences(text)):
        assert text[mention.start:mention.end] == mention.text
    assert ("Beijing", "China") in find(finder, text)


def test_user_actor_list_json_and_csv(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"actors": [
        {"name": "Northern Fishers Guild", "aliases": ["NFG"], "type": "organization", "affiliation": "Norway"}]}))
    (tmp_path / "a.csv").write_text("name,aliases,type,affiliation\nAda Quist,Quist|A. Quist,person,Sweden\n")
    actors = load_actor_list(tmp_path / "a.json") + load_actor_list(tmp_path / "a.csv")
    gazetteer = Gazetteer.default().extended(actors)
    finder = ActorFinder(gazetteer)
    text = "The NFG rejected the quota. Quist welcomed it."
    assert [(m.text, m.actor.id) for m in finder.find(text, split_sentences(text))] == [
        ("NFG", "northern_fishers_guild"), ("Quist", "ada_quist")]
    only = ActorFinder(Gazetteer(actors), find_unlisted=False)
    assert [m.actor.name for m in only.find("Putin and Quist met.", [(0, 20)])] == ["Ada Quist"]


@pytest.mark.parametrize("text, not_found", [
    ("A U.S.-Japan nuclear consultative body would meet.", {"United States", "Japan"}),
    ("The talks follow U.S.-Ukraine talks in Jeddah.", {"United States", "Ukraine"}),
])
def test_names_joined_by_a_hyphen_modify_a_noun(finder, text, not_found):
    assert not {name for _, name in find(finder, text)} & not_found


def test_a_spaced_dash_is_not_a_hyphen_compound(finder):
    assert ("U.S.", "United States") in find(finder, "The U.S. - not Japan - said it was ready.")


def test_an_outlet_followed_by_a_pronoun_is_addressed_not_a_modifier(finder):
    assert ("VOA", "Voice of America") in find(finder, "The State Department told VOA it was aware of the report.")


def test_role_compound_with_a_common_word_as_given_name(finder):
    found = find(finder, "U.S. Defense Secretary Mark Esper said he is ready.")
    assert ("Mark Esper", "Mark Esper") in found
    assert "United States" not in {name for _, name in found}


def test_a_name_with_its_own_description_is_the_actor(finder):
    assert ("OPCW", "OPCW") in find(finder, "Experts from the OPCW chemical weapons watchdog will arrive on Monday.")
    assert "European Union" not in {name for _, name in find(finder, "EU pork imports rose sharply.")}


def test_they_opening_a_clause_refers_to_the_last_group_subject(finder):
    text = "The rebels rejected the offer. The talks failed, and they vowed to fight on."
    assert [name for word, name in find(finder, text) if word == "they"] == ["Rebels"]
