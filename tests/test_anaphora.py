"""Mentions without a name (stance.anaphora): quoted "I"/"we" for the speaker, generic phrases, unnamed speakers
and groups, title phrases and pronouns, resolved to the actors named around them."""

from conftest import find


def test_pronoun_goes_to_the_most_recent_person_subject(finder):
    text = "Foreign Minister Penny Wong met her counterpart. She said the meeting was useful."
    assert find(finder, text)[-1] == ("She", "Penny Wong")


def test_they_opening_a_clause_refers_to_the_last_group_subject(finder):
    text = "The rebels rejected the offer. The talks failed, and they vowed to fight on."
    assert [name for word, name in find(finder, text) if word == "they"] == ["Rebels"]


def test_pronoun_written_together_with_its_verb(finder):
    text = "The Taliban lost ground. They're planning a comeback, and Senator Ana Ruiz says she's ready."
    found = find(finder, text)
    assert ("They", "Taliban") in found
    assert ("she", "Ana Ruiz") in found


def test_i_in_a_quote_with_a_contraction_is_the_speaker(finder):
    found = find(finder, '"I\'m not leaving," Senator Ana Ruiz said.')
    assert ("I", "Ana Ruiz") in found


def test_a_person_says_i_and_a_body_says_we(finder):
    assert ("We", "Coastal Farmers Union") in find(finder, '"We will strike," the Coastal Farmers Union said.')
    found = find(finder, '"We will win and I will lead," Senator Ana Ruiz said.')
    assert ("I", "Ana Ruiz") in found
    assert "We" not in {word for word, _ in found}  # her party or country, not the senator herself


def test_a_reopened_quote_does_not_flip_quote_tracking(finder):
    text = ('Senator Ana Ruiz told reporters: "It is wrong. "The law must apply to all." '
            'The Coastal Farmers Union disagreed. "I see no problem," Mayor Tom Hale said.')
    assert ("I", "Tom Hale") in find(finder, text)


def test_quote_speaker_named_before_a_distant_speech_verb(finder):
    text = 'Ana Ruiz, a senator from the coastal district and a former judge, said: "I will vote no."'
    assert ("I", "Ana Ruiz") in find(finder, text)
    text = 'Ana Ruiz criticised the plan, saying "I cannot support it."'
    assert ("I", "Ana Ruiz") in find(finder, text)


def test_they_needs_no_verb_list_but_not_after_a_plural_noun(finder):
    text = "The rebels rejected the offer, as they usually do."
    assert ("they", "Rebels") in find(finder, text)
    text = "The rebels freed the hostages after they paid a ransom."
    assert "they" not in {word for word, _ in find(finder, text)}


def test_speaking_groups_are_actors(finder):
    assert ("Critics", "Critics") in find(finder, "Critics said the bill went too far.")
    assert ("protesters", "Protesters") in find(finder, "Outside, protesters demanded new elections.")
    assert ("aides", "Aides") in find(finder, "He will skip the tour of early-voting states, aides said.")
    assert ("Councils", "Councils") in find(finder, "Councils will struggle to keep services, a spokesman said.")
    assert ("commentators", "Commentators") in find(finder, "Some commentators suggested ambitions were behind it.")
    assert ("governments", "Governments") in find(finder, "Western governments say the currency is overvalued.")


def test_unnamed_speaker_with_a_title_is_an_actor(finder):
    found = find(finder, "The ministry declined to comment. The spokesman said talks would go on.")
    assert ("The spokesman", "Unnamed spokesman") in found
    assert ("a spokesman", "Unnamed spokesman") in find(finder, "The talks went on, a spokesman said.")
    assert find(finder, "He met a spokesman for the club.") == []


def test_unnamed_sources_and_the_international_community(finder):
    found = find(finder, "The deal is close, the sources said, and the international community agreed.")
    assert ("the sources", "Sources") in found
    assert ("the international community", "International community") in found


def test_generic_actor_with_a_possessive(finder):
    assert ("the government", "Government") in find(finder, "Critics attacked the government's plans.")


def test_unnamed_court_or_body_that_acts(finder):
    assert ("A regional court", "Court") in find(finder, "A regional court sentenced him to six years.")
    assert find(finder, "He went to a court hearing.") == []
    assert ("the committee", "Committee") in find(finder, "Later the committee said the rules were clear.")


def test_it_inside_a_quote_is_not_the_body(finder):
    text = 'The ministry said it was ready. "It is a hard time," the ministry said.'
    assert [m[0] for m in find(finder, text)] == ["The ministry", "it", "the ministry"]


def test_groups_that_think_or_are_cited(finder):
    assert find(finder, "Experts think the plan will fail.") == [("Experts", "Experts")]
    assert find(finder, "The deal will hold, according to analysts.") == [("analysts", "Analysts")]


def test_anaphor_as_a_setting_or_in_a_role_phrase(finder):
    assert find(finder, "Labour held a debate in the party about its leader.") == [("Labour", "Labour Party")]
    assert find(finder, "Sir Andrew Green, chairman of the organisation, says there is no need.") == [
        ("Sir Andrew Green", "Sir Andrew Green")]


def test_the_country_as_a_subject_is_the_state_named_before(finder):
    found = find(finder, "Chile raised rates. The country has also cut spending.")
    assert ("The country", "Chile") in found
    assert ("the country", "Chile") in find(finder, "Chile's minister warned that the country would act.")
    assert [m[0] for m in find(finder, "Chile grew. Many people left the country last year.")] == ["Chile"]
    assert [m[0] for m in find(finder, "The country has cut spending.")] == []


# -- round 6: agents of passives, departments and papers, market speakers, "this government", title phrases


def test_a_generic_group_as_the_agent_of_a_passive(finder):
    assert find(finder, "The men were led away by police.") == [("police", "Police")]


def test_departments_panels_and_papers_that_act(finder):
    assert ("The department", "Department") in find(finder, "The department said it would appeal.")
    assert find(finder, "The paper said the deal was dead.") == [("The paper", "Paper")]


def test_market_speakers(finder):
    assert find(finder, "Prices rose on Monday, traders said.") == [("traders", "Traders")]


def test_this_government(finder):
    assert ("This government", "Government") in find(finder, '"This government has failed," he said.')


def test_a_title_phrase_that_owns_something(finder):
    assert ("the president", "President") in find(finder, "Reporters followed the president's Asia trip.")


def test_more_title_words(finder):
    found = find(finder, "Rep. Tom Reed spoke. Later the congressman said he would vote no.")
    assert "the congressman" in [m[0] for m in found]
    assert [m[0] for m in find(finder, "The shadow chancellor said the plan would fail.")] == ["The shadow chancellor"]


# -- round 7: "military" as an adjective, offices, the machinery of government, empty "it"


def test_military_before_a_noun_is_an_adjective(finder):
    assert find(finder, "Civilians fled after the military operation ended.") == []
    assert find(finder, "Ankara wants to dislodge the PYD and its military wing.") == [("Ankara", "Turkey")]
    assert find(finder, "The military continues to defy calls for a truce.")[0][0] == "The military"


def test_the_presidency_as_an_office(finder):
    assert find(finder, "He announced his run for the presidency on Tuesday.") == []
    assert [m[0] for m in find(finder, "The talks will go ahead, the presidency said.")] == ["the presidency"]


def test_the_government_reopened_or_shut_down_is_no_actor(finder):
    assert find(finder, "Senators voted on a bill to reopen the government for three weeks.") \
        == [("Senators", "Senators")]
    assert [m[0] for m in find(finder, "The bill would keep the government funded, and the government said it "
                                       "would sign it.")][:1] == ["the government"]


def test_an_empty_it_before_a_negated_predicate(finder):
    text = "The ministry said the strike was over. It is not clear whether talks will resume."
    assert [m[0] for m in find(finder, text)] == ["The ministry"]
    text = "The party met on Monday. It would not return to the coalition, a spokesman said."
    assert "It" in [m[0] for m in find(finder, text)]


def test_a_rank_alone_is_the_adjective(finder):
    assert find(finder, "The deal will draw the major powers into the conflict.") == []
    assert find(finder, "Economists said there was a general fear of higher prices.") == [("Economists", "Economists")]


# -- round 8: "opposition" as a stance and before a title


def test_opposition_as_a_stance_or_before_a_title_is_no_body(finder):
    assert [m[0] for m in find(finder, "The union repeated its opposition to the new tax.")] == ["The union"]
    assert find(finder, "Opposition leader Ana Ruiz called the vote a fraud.") == [("Ana Ruiz", "Ana Ruiz")]
    assert find(finder, "The opposition said the vote was a fraud.") == [("The opposition", "Opposition")]


def test_the_army_a_person_serves_in_is_no_body(finder):
    assert find(finder, "Her son served for ten years in the army before he retired.") == []
    assert find(finder, "The army said two soldiers were wounded.") == [("The army", "Army")]


def test_official_groups_are_actors_wherever_they_stand(finder):
    assert ("lawmakers", "Lawmakers") in find(finder, "Trump spoke ahead of a meeting with lawmakers at the White House.")
    assert ("ministers", "Ministers") in find(finder, "The clause would have forced ministers to revisit the law.")


def test_a_group_named_with_a_word_that_says_whose(finder):
    assert find(finder, "Republican lawmakers rejected the plan.") == [("Republican lawmakers", "Republican lawmakers")]
    assert ("Western leaders", "Western leaders") in find(finder, "Western leaders gather to discuss the war.")
    assert ("party leaders", "Party leaders") in find(finder, "The president held talks with party leaders.")
    # a capitalized word opening the sentence may be any word: the group keeps its plain name
    assert find(finder, "Other lawmakers rejected it.") == [("lawmakers", "Lawmakers")]
    assert find(finder, "Republican lawmakers rejected it.") == [("Republican lawmakers", "Republican lawmakers")]


def test_groups_that_are_listeners_members_or_bare_leaders_are_not_actors(finder):
    assert [word for word, _ in find(finder, "The minister apologised and told MPs the review would go ahead.")] \
        == ["The minister"]
    assert find(finder, "The plan would cut the number of MPs by a fifth.") == []
    assert find(finder, "He met leaders in the capital.") == []


def test_a_generic_body_before_of_and_a_common_noun_is_still_the_body(finder):
    assert ("the government", "Government") in find(finder, "Critics accused the government of corruption.")
    assert [name for _, name in find(finder, "The government of Iraq said the talks failed.")] == ["Iraq"]


def test_a_clause_opening_they_or_it_reaches_back_one_sentence_without_a_body(finder):
    story = "The rebels rejected the offer. The talks failed. They vowed to fight on."
    assert ("They", "Rebels") in find(finder, story)
    story = "The rebels rejected the offer. The talks failed. Prices rose. They were orchestrated by a few traders."
    assert [word for word, _ in find(finder, story)] == ["The rebels"]
    assert ("It", "Ministry") in find(finder, "The ministry rejected the offer. Talks failed. It said the plan was flawed.")
    story = "The ministry rejected the offer. Talks failed. Prices rose. It said the plan was flawed."
    assert [word for word, _ in find(finder, story)] == ["The ministry"]


def test_a_body_named_by_one_word_is_the_home_country_s_when_it_acts(finder):
    assert find(finder, "The House returns to session Wednesday to pass spending bills.") \
        == [("The House", "House of Representatives")]
    story = "Britain froze the funds. Later the Treasury said it was pleased."
    assert ("the Treasury", "HM Treasury") in find(finder, story)
    assert ("the Treasury", "Treasury Department") in find(finder, "The senator said the Treasury would act.")
    assert ("parliament", "British Parliament") in find(finder, "Britain froze it. A bill was passed by parliament.")
    assert ("Parliament", "Iranian parliament") in find(finder, "Iran froze it. It said Parliament must decide.")
    assert ("Parliament", "Parliament") in find(finder, "The minister said Parliament must decide.")


def test_a_body_named_by_one_word_is_no_actor_as_a_place_a_term_a_listener_or_part_of_a_name(finder):
    for text in ["He spoke in Parliament on Monday.", "A hung parliament is likely.", "The next parliament will meet.",
                 "The minister told the Commons on Tuesday.", "There were scenes in the Commons on Tuesday.",
                 "He asked how soon parliament might be dissolved.", "A member of the House said no."]:
        words = [word.lower() for word, _ in find(finder, text)]
        assert not {"parliament", "the commons", "the house"} & set(words), text
    assert [name for _, name in find(finder, "The House Intelligence Committee said so.")] \
        == ["House Intelligence Committee"]
    assert [name for _, name in find(finder, "The House of Lords rejected it.")] == ["House of Lords"]


def test_a_country_s_office_holder_who_acts_is_the_person(finder):
    text = "Colombia's president said he was open to dialogue."
    assert find(finder, text) == [("Colombia's president", "Colombian president"), ("he", "Colombian president")]
    text = "Bashar al-Assad spoke on Monday. Syria's president said he would not resign."
    assert [name for _, name in find(finder, text)] == ["Bashar al-Assad"] * 3
    # acted upon, in a named person's role, or a body: the country
    assert find(finder, "Manila summoned China's ambassador on Sunday.")[-1] == ("China", "China")
    assert ("Syria", "Syria") in find(finder, "Bashar Ja'afari, Syria's ambassador to the UN, said no.")
    assert find(finder, "Syria's government said no.") == [("Syria", "Syria")]


def test_an_unnamed_office_holder_lends_no_surname(finder):
    text = "The French defence minister said no. The British defence minister agreed. The Chinese crew left."
    assert [name for _, name in find(finder, text)] == ["French defence minister", "British defence minister"]


def test_a_pronoun_opening_a_said_clause_is_its_speaker(finder):
    text = "Iran did not rule out talks with Washington, but the White House said it would not negotiate."
    assert ("it", "White House") in find(finder, text)
    text = "Brazil's troubles eased as the authorities announced they were withdrawing troops."
    assert ("they", "Brazilian authorities") in find(finder, text)
    text = "Senator Ana Ruiz met Mayor Tom Hale, who later told reporters that he was pleased."
    assert ("he", "Tom Hale") in find(finder, text)


def test_a_said_clause_pronoun_of_another_kind_keeps_the_old_rule(finder):
    # "she" cannot be the ministry that speaks, so it stays with the person of the sentence
    text = "Minister Ana Ruiz was absent when the Coastal Ministry said she had resigned."
    assert ("she", "Ana Ruiz") in find(finder, text)


def test_it_after_a_speaker_is_the_speaker_before_a_verb_but_not_before_an_evaluation(finder):
    assert ("it", "Hamas") in find(finder, "Hamas said it was studying the ceasefire proposal.")
    assert ("it", "Russian Defense Ministry") in find(finder, "Russia's defence ministry said it had shot down 40 drones.")
    assert ("it", "Pentagon") in find(finder, "The Pentagon said it would send more troops.")
    assert "it" not in {w for w, _ in find(finder, "The Pentagon said it would be hard to tell.")}
    found = find(finder, "Hamas said it was disappointing that the talks had stalled.")
    assert "it" not in {word for word, _ in found}


def test_unions_opponents_supporters_lawyers_and_farmers_act_as_groups(finder):
    assert find(finder, "Unions threatened to strike if the reform passed.") == [("Unions", "Unions")]
    assert ("Opponents", "Opponents") in find(finder, "Opponents of the bill say it will raise costs.")
    assert ("Lawyers", "Lawyers") in find(finder, "Lawyers for the journalist said they would appeal.")
    assert find(finder, "He opposed same-sex marriage and civil unions are still banned.") == []
    assert find(finder, "Thousands of farmers blocked roads to protest against the rules.") == [("farmers", "Farmers")]


def test_the_opposition_s_people_who_act_are_one_group(finder):
    assert find(finder, "Opposition lawmakers walked out of parliament.") == [
        ("Opposition lawmakers", "Opposition lawmakers")]
    assert find(finder, "Opposition parties boycotted the vote.") == [("Opposition parties", "Opposition parties")]
    # a stance, not a body, and the opposition as a body on its own stay as they were
    assert find(finder, "Its opposition to the plan is well known.") == []


def test_an_unnamed_speaker_is_named_with_whose_it_is(finder):
    # GUIDELINES section 2: a spokesperson of a named institution is the institution; other unnamed officials
    # are a group actor named with whose they are; the body stays known
    assert find(finder, "A Kremlin spokesman said talks were possible.")[0] == ("A Kremlin spokesman", "Kremlin")
    found = find(finder, "An EU official spoke to reporters. The bloc will respond, he said.")
    assert ("An EU official", "EU official") in found
    assert ("The bloc", "European Union") in found


def test_bare_parliament_acts_or_is_asked_but_is_not_a_place_or_listener(finder):
    assert actor_names(finder, "Parliament voted on Friday to dismiss the prime minister.")[0] == "Parliament"
    assert "Parliament" in actor_names(finder, "The official urged parliament to repeal the law.")
    assert "Parliament" in actor_names(finder, "The commission called on parliament to introduce safeguards.")
    assert "Parliament" not in actor_names(finder, "The proposal will be debated in parliament in the spring session.")
    assert "Parliament" not in actor_names(finder, "The minister told parliament the arrears would be settled.")


def test_a_headline_clause_opened_by_government_and_a_speech_verb_is_the_government(finder):
    assert "Government" in actor_names(finder, "Health workers strike over pay, government calls action illegal")
    assert actor_names(finder, "Government sources said the plan was dead.") != ["Government"]


def actor_names(finder, text):
    return [name for _, name in find(finder, text)]


def test_groups_named_by_their_kind_are_one_group_in_any_role(finder):
    assert find(finder, "Aid agencies warned that the port could close.") == [("Aid agencies", "Aid agencies")]
    assert find(finder, "Environmental groups said the plan would destroy the forest.") == [
        ("Environmental groups", "Environmental groups")]
    assert ("aid agencies", "Aid agencies") in find(finder, "The authorities asked aid agencies to move the refugees.")
    assert find(finder, "Human rights groups denounced the arrests.") == [("Human rights groups", "Human rights groups")]


def test_the_group_is_not_a_plural_group_of_many(finder):
    found = find(finder, "Hamas rejected the plan. Rights groups condemned the strikes. The group said it would fight on.")
    assert ("The group", "Hamas") in found


def test_set_phrases_for_taiwan_and_china_in_a_story_about_them(finder):
    text = ("The envoy discussed U.S. support for Taiwan. He praised the self-governing island and criticized "
            "threats made by the mainland.")
    found = find(finder, text)
    assert ("the self-governing island", "Taiwan") in found
    assert ("the mainland", "China") in found
    assert find(finder, "Residents travelling to the mainland were told to take care.") == []
    assert find(finder, "The storm hit the self-governing island of Jersey.") == []  # no Taiwan or China in the story


def test_armed_men_named_by_what_they_do_act_as_groups(finder):
    assert find(finder, "Gunmen killed 12 villagers on Sunday.") == [("Gunmen", "Gunmen")]
    assert ("terrorists", "Terrorists") in find(finder, "Since terrorists held the bus, the army waited.")
    assert ("the militias", "Militias") in find(finder, "The army said the militias had withdrawn.")
