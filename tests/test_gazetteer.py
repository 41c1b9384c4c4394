"""The gazetteer: actor records, users' actor lists and surface-form lookup."""

import pytest

import stance.actors
from stance.exceptions import InvalidInputError
from stance.gazetteer import Actor, Gazetteer, load_actor_list, slugify

from conftest import find


def test_gazetteer_covers_countries_institutions_and_people():
    gazetteer = Gazetteer.default()
    types = [a.type for a in gazetteer.actors.values()]
    assert types.count("country") >= 193
    assert types.count("person") >= 300
    for name in ("Kremlin", "White House", "State Department", "Pentagon", "Downing Street", "NATO", "European Union"):
        assert gazetteer.lookup(tuple(name.split())) is not None, name


@pytest.mark.parametrize("content, message", [
    ("{not json", "invalid JSON"),
    ('{"actors": [{"aliases": ["x"]}]}', "'name'"),
    ('{"actors": [{"name": "X", "type": "planet"}]}', "'type'"),
    ('{"actors": 3}', "list of actors"),
])
def test_bad_actor_lists_name_the_problem(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(InvalidInputError, match=message):
        load_actor_list(path)


def test_slugify_is_stable_ascii():
    assert slugify("Côte d'Ivoire") == "cote_d_ivoire"
    assert slugify("Ahmed al-Sharaa") == "ahmed_al_sharaa"


def test_actor_is_frozen():
    actor = Actor("x", "X", "person")
    with pytest.raises(AttributeError):
        actor.name = "Y"


def test_user_entries_win_over_shipped_ones_with_the_same_form():
    shipped = Gazetteer.default()
    assert shipped.lookup(("Moscow",)).name == "Russia"
    local = Actor("moscow_fc", "Moscow FC", "organization", aliases=("Moscow",))
    extended = shipped.extended([local])
    assert extended.lookup(("Moscow",)) == local
    assert shipped.lookup(("Moscow",)).name == "Russia"  # the shipped gazetteer is unchanged
    assert len(extended) == len(shipped) + 1 and "moscow_fc" in extended


def test_lookup_tells_names_aliases_capitals_and_demonyms_apart():
    gazetteer = Gazetteer.default()
    assert gazetteer.lookup_with_kind(("China",))[1] == "name"
    assert gazetteer.lookup_with_kind(("Beijing",))[1] == "capital"
    assert gazetteer.demonym("French").name == "France"
    assert gazetteer.country("France").type == "country"
    assert gazetteer.lookup(("Nowhere", "Land")) is None and gazetteer.country(None) is None


def test_first_names_of_listed_people_leave_out_common_words():
    first_names = Gazetteer.default().first_names
    assert "Vladimir" in first_names
    assert not {name for name in first_names if name.lower() in {"will", "mark", "rose"}}


def test_the_finder_module_re_exports_the_gazetteer_names():
    assert stance.actors.Gazetteer is Gazetteer and stance.actors.Actor is Actor
    assert stance.actors.load_actor_list is load_actor_list


def test_broadcasters_firms_and_bodies_of_political_news_are_listed(finder):
    found = find(finder, "According to state broadcaster CCTV, Huawei said it would sue, and Walmart agreed.")
    assert found == [("CCTV", "CCTV"), ("Huawei", "Huawei"), ("it", "Huawei"), ("Walmart", "Walmart")]
    assert find(finder, "The Legislative Yuan passed the bill.") == [("Legislative Yuan", "Legislative Yuan")]
    walmart = finder.gazetteer.lookup(("Wal-Mart",))
    assert walmart is not None and walmart.type == "organization" and walmart.affiliation == "United States"


def test_british_and_european_bodies_of_older_news_are_listed(finder):
    assert find(finder, "Diplomats said the EC is keen to negotiate.") \
        == [("Diplomats", "Diplomats"), ("EC", "European Community")]
    assert find(finder, "The Scottish Executive will not merge the services.") \
        == [("Scottish Executive", "Scottish Executive")]
    assert find(finder, "Law Lords ruled that the men were held unlawfully.") == [("Law Lords", "Law Lords")]
