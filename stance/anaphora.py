"""Mentions without a name, resolved to the actors named around them.

"I" (or "we" for a body) in a quote for its speaker, generic phrases ("the government", "critics said", "the
party"), title phrases ("the Russian president") and pronouns ("he", "they're"). :class:`UnnamedMentions` holds
these steps of :class:`stance.actors.ActorFinder`, which inherits them.
"""

from __future__ import annotations

import re

from .gazetteer import Actor, slugify
from .phrases import (FoundMention, _COURTS, _DocumentState, _PRONOUN_WORDS, _QUOTE_MARKS, _Sentence, _TITLE_WORDS,
                      _bare, _in_role_phrase, _is_name_token, _is_possessive, _modifies_noun, _qualifies_next,
                      _title_heads, _title_run_length)
from .wordlists import (ADJECTIVE_RANKS, ADJECTIVE_TITLES, ADVERBS, ANAPHOR_NOUNS, ANAPHOR_PLACE_WORDS, ARMED_SERVICES,
                        FUNCTION_WORDS, LOCATIVE,
                        AUXILIARIES, BARE_GENERIC, BODY_MEMBERS, CLAUSE_OPENERS, COUNTRY_ANAPHORS, DASHES,
                        EXPLETIVE_PREDICATES, GENERIC_ADJECTIVES, GENERIC_NOUNS, GENERIC_WORDS_WITH_POSSESSIVES,
                        GROUP_NOUNS_COUNTRY, GROUP_NOUNS_FORCES, HIGH_OFFICES, HOME_INSTITUTIONS, IRREGULAR_PAST,
                        MACHINERY_VERBS, NEUTER_PRONOUNS, NOT_BEFORE_PARLIAMENT, NOT_NAMES, OBJECT_STARTERS,
                        OFFICE_NOUNS, PLURAL_PEOPLE, PLURAL_PRONOUNS, PRONOUNS, PRONOUN_CONTRACTIONS, QUOTE_VERBS,
                        SERVICE_WORDS, SPEAKING_GROUPS, SPEECH_VERBS, STANCE_NOUNS, STATELESS_GROUPS, SUBORDINATORS,
                        TELL_VERBS,
                        TITLE_HEADS, TITLE_MODIFIERS, WEAK_AUXILIARIES, common_words, present_verb_like, verb_forms,
                        verb_like)


# The opposition's people, named as one group ("opposition lawmakers", "Opposition parties").
_OPPOSITION_MEMBERS = frozenset({"lawmakers", "leaders", "parties", "politicians", "mps", "members", "figures",
                                 "groups", "supporters", "activists", "legislators", "senators", "deputies",
                                 "candidates", "councillors"})
# Working people who act as a group ("Farmers blocked roads"), unless a named employer follows.
_PROFESSIONS = frozenset({"lawyers", "judges", "farmers", "doctors", "teachers", "miners"})
# Generic nouns that are not always a body: "military" may be an adjective, "the government" the state's machinery,
# "the presidency" an office, "opposition" a stance, "the army" the service a person serves in, "civil unions" no
# trade unions.
_NOT_ALWAYS_BODIES = frozenset(GENERIC_ADJECTIVES | OFFICE_NOUNS | STANCE_NOUNS | ARMED_SERVICES
                               | {"government", "unions"} | _PROFESSIONS)


# Groups that are actors wherever they stand in the sentence ("a meeting with lawmakers", "forced ministers to"), not
# only as the subject of a verb; "leaders" only with a word that says whose ("party leaders", "Western leaders").
_BODIES_IN_ANY_ROLE = frozenset({"officials", "ministers", "lawmakers", "legislators", "mps", "authorities", "rebels",
                                  "critics", "activists", "diplomats", "prosecutors", "leaders"})
_ONLY_QUALIFIED = frozenset({"leaders"})
# Set phrases for a country: (words after "the") -> (the country, the country whose story they also appear in).
_EPITHETS = {("self-governing", "island"): ("Taiwan", "China"), ("self-governed", "island"): ("Taiwan", "China"),
             ("self-ruled", "island"): ("Taiwan", "China"), ("democratic", "island"): ("Taiwan", "China"),
             ("mainland",): ("China", "Taiwan")}
# Groups named by their kind ("aid agencies", "rights groups", "environmental organizations"), not their country.
_KINDS_OF_GROUPS = frozenset({"groups", "agencies", "organizations", "organisations"})
_GROUP_KINDS = frozenset({"aid", "rights", "human", "relief", "humanitarian", "environmental", "environment", "green",
                          "advocacy", "conservation", "campaign", "lobby", "lobbying", "civil", "society",
                          "pro-democracy", "anti-war", "women's", "press", "freedom", "watchdog", "activist",
                          "charity", "charitable",
                          "indigenous", "student", "veterans", "consumer", "medical", "refugee", "migrant", "climate",
                          "animal", "welfare", "opposition", "civic", "grassroots", "non-governmental", "religious",
                          "faith", "jewish", "muslim", "christian", "business", "industry", "farm", "labour", "labor"})
# Words before a body named by one word that make it a place ("scenes in the Commons", "through parliament") or the
# body a person belongs to ("a member of the House said"), and words after it that are no verb ("the Commons on Monday").
_VENUE_WORDS = frozenset({"in", "into", "through", "at", "to", "from", "inside", "outside", "before", "across", "of"})
_NOT_ACTING = frozenset({"on", "last", "then", "later"})
# Words before "unions" that make them no trade unions.
_NOT_LABOUR_UNIONS = frozenset({"civil", "gay", "same-sex", "customs", "monetary", "credit", "currency", "banking"})
_HOME_INSTITUTION_WORD = re.compile(r"\b(?:%s)\b" % "|".join(HOME_INSTITUTIONS))
_GROUP_QUALIFIERS = frozenset({"senior", "top", "state", "congressional", "administration", "government", "party", "union",
                               "opposition", "western", "world", "business", "cabinet", "elected", "intelligence",
                               "military", "political", "community", "religious", "tribal", "rebel", "protest", "local",
                               "federal", "regional", "provincial", "senate", "house", "health", "finance", "foreign",
                               "defence", "defense", "trade", "interior", "justice", "agriculture", "energy",
                               "republican", "democratic", "conservative", "labour", "liberal", "socialist"})


# How many sentences without a body or country in them a clause-opening "they" or "it" may reach back over to the
# last one named: "The rebels rejected the offer. The talks failed. They vowed to fight on." (1); further back, the
# pronoun is more often people or things of the story than the body ("They feel fooled.", "They were orchestrated").
_BODY_PRONOUN_REACH = 1
# Titles of one person ("Syria's president", "Chad's foreign minister", "Russia's ambassador"), not of a body.
_PERSON_OFFICES = frozenset(HIGH_OFFICES | {"minister", "ambassador", "envoy", "leader", "spokesman", "spokeswoman",
                                            "spokesperson", "governor", "mayor", "commander", "chief", "ruler"})
# Verbs of saying and thinking whose clause a pronoun may open for their subject: in "Iran met the envoys, but the
# White House said it would not negotiate", "it" is the White House, not the first body of the sentence.
_CLAUSE_SPEECH_VERBS = frozenset({"said", "says", "say", "added", "stated", "warned", "insisted", "announced", "argued",
                                  "noted", "claimed", "confirmed", "acknowledged", "believes", "believe", "thinks",
                                  "think", "hopes", "hope", "fears", "stressed", "emphasized", "emphasised", "vowed",
                                  "pledged", "promised", "signaled", "signalled", "indicated", "suggested", "explained",
                                  "replied", "responded", "countered", "conceded", "admitted", "told", "tells",
                                  "assured", "reiterated", "maintained", "declared", "predicted"})


# -ing forms that after "it is" are evaluative adjectives of an empty "it" ("it was disappointing that").
_EVALUATIVE_ING = frozenset({"amazing", "interesting", "surprising", "disappointing", "encouraging", "concerning",
                             "worrying", "troubling", "alarming", "shocking", "devastating", "frustrating",
                             "embarrassing", "astonishing", "outstanding", "promising", "misleading", "confusing",
                             "disturbing", "exciting", "pressing", "fitting", "lacking", "something", "nothing"})


_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
_MODALS = frozenset({"will", "would", "could", "can", "may", "might", "must", "should"})
_PARTICIPLES = frozenset({"shot", "taken", "given", "begun", "chosen", "spoken", "written", "driven", "stolen",
                          "withdrawn", "hit", "cut", "set", "put", "struck", "seized", "sent"})


def _verb_after_auxiliary(word: str) -> bool:
    """Whether ``word`` after "was", "had" or "will" reads as a verb ("studying", "launched", "shot", "send")."""
    if word in IRREGULAR_PAST or word in verb_forms():
        return word not in WEAK_AUXILIARIES
    if word.endswith("ing"):
        return len(word) > 5 and word not in _EVALUATIVE_ING
    return (word.endswith("ed") and len(word) > 4) or word in _PARTICIPLES


# Verbs after which "parliament to ..." is asked to act ("urged parliament to repeal it", "called on parliament to").
_ASKING_VERBS = frozenset({"urge", "urges", "urged", "urging", "ask", "asks", "asked", "asking", "press", "pressed",
                           "pressing", "persuade", "persuaded", "force", "forced", "want", "wants", "wanted"})
_CALLING_VERBS = frozenset({"call", "calls", "called", "calling"})


def _headline_speech_verb(word: str) -> bool:
    """'says', 'warns', 'calls', 'rejects', 'urges': a speech verb in the present, as headlines use it."""
    return word in SPEECH_VERBS or (word.endswith("s") and (word[:-1] + "ed" in SPEECH_VERBS
                                                            or word[:-1] + "d" in SPEECH_VERBS))


class UnnamedMentions:
    """The finder's steps for mentions without a name; :class:`~stance.actors.ActorFinder` mixes them in and
    provides ``gazetteer``, ``_add``, ``_register`` and the name tests they call."""

    # -- quotes --------------------------------------------------------------------------------------------
    def _find_quote_speakers(self, sentence: _Sentence, state: _DocumentState) -> None:
        """'"We are ready," Lavrov said.': "We" is Lavrov; a quote that runs on into the next sentence keeps its speaker."""
        tokens, lower = sentence.tokens, sentence.lower
        open_quote = state.quote_open
        inside = [False] * len(tokens)
        if open_quote or not _QUOTE_MARKS.isdisjoint(tokens):
            for k, token in enumerate(tokens):
                if token in _QUOTE_MARKS:
                    open_quote = token == "\u201c" or (token == '"' and self._opens_quote(sentence, k, open_quote))
                    continue
                inside[k] = open_quote
        continues = state.quote_open
        state.quote_open = open_quote
        speaker = None
        index_of = {span[0]: x for x, span in enumerate(sentence.spans)} if sentence.mentions else {}
        if any(inside):  # "it" inside a quote is the speaker's matter, not the body the story is about
            sentence.mentions = [m for m in sentence.mentions if not (
                m.via == "pronoun" and inside[index_of[m.start]] and m.text.lower() == "it")]
        for mention in sentence.mentions:
            k = index_of[mention.start]
            if inside[k] or mention.via == "newspaper":  # "quoted by the Times, McGurk wrote: ..."
                continue
            end = next((x for x in range(k, len(tokens)) if sentence.spans[x][1] >= mention.end), k)
            if k and (lower[k - 1] in TELL_VERBS or (lower[k - 1] == "the" and k > 1 and lower[k - 2] in TELL_VERBS)):
                continue  # "Allah Ditta told VOA": the one told is the listener, not the speaker
            window = lower[max(0, k - 2):k] + lower[end + 1:end + 4]
            if any(w in SPEECH_VERBS for w in window):
                speaker = mention.actor
                break
        if speaker is None and any(inside):
            speaker = self._distant_speaker(sentence, inside, index_of)
        if speaker is None and (continues or (tokens and tokens[0] in ('"', "\u201c"))) and state.last_speaker is not None:
            speaker = state.last_speaker
        if speaker is None:
            if not any(inside) and not continues:
                state.last_speaker = None
            return
        state.last_speaker = speaker
        # "I" stands for a speaking person; "we" for a speaking body ('"We are refusing," the letter said'). A person's
        # "we" is mostly a larger group (the government, the party, "we people"), not the person (GUIDELINES §3).
        own = "i" if speaker.type == "person" else "we"
        for k, word in enumerate(lower):
            if not inside[k] or sentence.consumed[k]:
                continue
            if word == own:
                self._add(sentence, state, k, k + 1, speaker, "quote", strip_possessive=False)
            elif word in PRONOUN_CONTRACTIONS and PRONOUN_CONTRACTIONS[word][0] == own:  # "I'm", "we’ll"
                self._add(sentence, state, k, k + 1, speaker, "quote", length=len(own))
        sentence.mentions.sort(key=lambda m: m.start)

    @staticmethod
    def _bare_parliament(lower: list[str], k: int, end: int) -> bool:
        """Whether "parliament" with no article acts ("parliament voted on Friday") or is asked to ("urged parliament
        to repeal it", "called on parliament to"); not where it is a place or is told something ("a debate in
        parliament", "told parliament"), as the team's labels treat it."""
        before = lower[k - 1] if k > 0 else ""
        after = lower[end] if end < len(lower) else ""
        if after == "to":
            return before in _ASKING_VERBS or (before == "on" and k > 1 and lower[k - 2] in _CALLING_VERBS)
        return (before == "" or not before.isalpha() or before in ("and", "that")) and after not in ("on", "last") and (
            after in AUXILIARIES or verb_like(after))

    @staticmethod
    def _distant_speaker(sentence: _Sentence, inside: list[bool], index_of: dict[int, int]) -> Actor | None:
        """The speaker of a quote whose speech verb is not next to a name: 'Otis Ferry, a former pupil and leader
        of the hunt, said: "..."', 'Bloomberg contrasted his record with Trump's, saying "..."'.

        The first mention outside the quote before the speech verb (the subject), else the first one after it."""
        verb = next((x for x, word in enumerate(sentence.lower) if word in QUOTE_VERBS and not inside[x]), None)
        if verb is None:
            return None
        verb_start = sentence.spans[verb][0]
        outside = [m for m in sentence.mentions if not inside[index_of[m.start]]]
        before = [m for m in outside if m.end <= verb_start]
        if before:
            return before[0].actor
        after = [m for m in outside if m.start > verb_start]
        return after[0].actor if after else None

    @staticmethod
    def _opens_quote(sentence: _Sentence, k: int, open_quote: bool) -> bool:
        """Whether the straight quote mark tokens[k] opens a quote: it is glued to the word after it, not the one before.

        News often reopens a quote at each of its sentences without closing the one before
        ('"It is unacceptable. "The law must apply," he said.'), so toggling open/closed goes wrong."""
        text, (s, e) = sentence.text, sentence.spans[k]
        space_before = s == 0 or text[s - 1].isspace() or text[s - 1] in "([\u2014"
        space_after = e >= len(text) or text[e].isspace()
        if space_before != space_after:
            return space_before
        return not open_quote

    # -- phrases without a name --------------------------------------------------------------------------
    def _find_epithets(self, sentence: _Sentence, state: _DocumentState) -> None:
        """'the self-governing island' for Taiwan, 'the mainland' for China: set phrases for a country named before in
        the story (its own name, or the one they are set against: 'the mainland' in a story about Taiwan)."""
        lower, consumed = sentence.lower, sentence.consumed
        if "island" not in lower and "mainland" not in lower:
            return
        for k in range(len(lower)):
            if lower[k] != "the" or consumed[k] or (k > 0 and lower[k - 1] in LOCATIVE):
                continue  # (not "travelling to the mainland")
            for words, (country_name, context) in _EPITHETS.items():
                end = k + 1 + len(words)
                if tuple(lower[k + 1:end]) == words and not any(consumed[k:end]) and (
                        end >= len(lower) or not lower[end].isalpha() or lower[end] not in common_words()
                        or verb_like(lower[end]) or lower[end] in AUXILIARIES or lower[end] in FUNCTION_WORDS):
                    country = self.gazetteer.lookup((country_name,))
                    named = {actor.name for actor in state.actors.values()}
                    if country is not None and (country_name in named or context in named):
                        self._add(sentence, state, k, end, country, "epithet")
                    break

    def _find_generic(self, sentence: _Sentence, state: _DocumentState) -> None:
        """'the government', 'Police', 'security forces' (generic actors of the home country) and
        'the group', 'the party', 'the bloc' (the latest named actor of that kind)."""
        tokens, lower, consumed = sentence.tokens, sentence.lower, sentence.consumed
        # a phrase ends with its generic noun at most 4 tokens after its start ("the new interim security forces"):
        # only starts in such a window before a generic word are tried
        triggers = [x for x, word in enumerate(lower) if word in GENERIC_WORDS_WITH_POSSESSIVES]
        if not triggers:
            return
        k, t = 0, 0
        while k < len(tokens):
            while t < len(triggers) and triggers[t] < k:
                t += 1
            if t == len(triggers):
                break
            k = max(k, triggers[t] - 4)
            if consumed[k]:
                k += 1
                continue
            start = k
            if lower[k] in ("a", "an", "another") and not _COURTS.isdisjoint(lower[k + 1:k + 3]) \
                    and self._indefinite_body(sentence, state, k):
                k += 1
                continue
            if lower[k] in ("the", "its", "their", "this"):
                k += 1
            adjectives = 0
            while k < len(tokens) and adjectives < 2 and lower[k].isalpha() and not consumed[k] and \
                    lower[k] not in GENERIC_NOUNS and lower[k] not in ANAPHOR_NOUNS and start < k and \
                    lower[k] in {"terror", "separatist", "militant", "rebel", "armed", "islamist", "jihadist", "ruling",
                                 "opposition", "military", "interim", "transitional", "new", "federal", "national",
                                 "central", "country's", "nation's", "extremist", "paramilitary", "main", "state", "local"}:
                k += 1
                adjectives += 1
            if k >= len(tokens) or consumed[k]:
                k = start + 1
                continue
            two = f"{lower[k]} {_bare(lower[k + 1])}" if k + 1 < len(tokens) else ""
            noun, end = (two, k + 2) if two in GENERIC_NOUNS else (_bare(lower[k]), k + 1)  # also "the government's"
            at_sentence_start = start == 0 or (start > 0 and lower[start - 1] in ('"', "\u201c"))
            determined = start < k or at_sentence_start
            # "the government of Iraq", "officials of the Treasury": the noun starts a longer name; but "accused the
            # government of corruption" ends with it
            if end < len(tokens) and (_is_name_token(tokens[end]) or (
                    lower[end] == "of" and any(_is_name_token(t) for t in tokens[end + 1:end + 3]))):
                k = start + 1
                continue
            # "according to analysts", "was arrested by police": the source or the agent
            according = (k >= 2 and lower[k - 1] == "to" and lower[k - 2] == "according") or (
                k >= 1 and lower[k - 1] == "by")
            # "Republican lawmakers", "senior officials", "world leaders": a word that says whose, and is no actor here
            # (a capitalized word opening the sentence may be any word: "Other lawmakers", "Yesterday officials")
            capitalized_before = k > 0 and not consumed[k - 1] and _is_name_token(tokens[k - 1]) \
                and lower[k - 1] not in NOT_NAMES
            opening = k == 1 or (k > 1 and tokens[k - 2] in _QUOTE_MARKS)
            qualified = noun in _BODIES_IN_ANY_ROLE and k > 0 and not consumed[k - 1] and (
                lower[k - 1] in _GROUP_QUALIFIERS or (capitalized_before and not opening))
            # (but not the listeners of "told MPs", the members of "the number of MPs", or "MPs' spouses")
            any_role = noun in _BODIES_IN_ANY_ROLE and not (k > 0 and (lower[k - 1] in TELL_VERBS or lower[k - 1] == "of")) \
                and not _is_possessive(tokens[end - 1])
            if noun in STANCE_NOUNS and end + 1 < len(lower) and lower[end] in _OPPOSITION_MEMBERS \
                    and not consumed[end] and (verb_like(lower[end + 1]) or lower[end + 1] in AUXILIARIES):
                # "Opposition lawmakers walked out", "opposition parties say": the opposition's people, one group
                country = state.home_country
                name = f"opposition {lower[end]}"
                name = f"{country.demonyms[0]} {name}" if country is not None and country.demonyms else name.capitalize()
                self._add(sentence, state, start, end + 1,
                          Actor(slugify(name), name, "group", country.name if country else None), "generic")
                k = end + 1
                continue
            if noun in _KINDS_OF_GROUPS and start == k and k > 0 and lower[k - 1] in _GROUP_KINDS \
                    and not consumed[k - 1]:
                # "aid agencies", "Rights groups", "environmental groups", "human rights organizations": what kind of
                # groups says who they are, as a subject or an object ("asked aid agencies to move")
                first = k - 1
                while first > 0 and lower[first - 1] in _GROUP_KINDS and not consumed[first - 1]:
                    first -= 1
                name = " ".join(lower[first:end])
                self._add(sentence, state, first, end, Actor(slugify(name), name[:1].upper() + name[1:], "group", None),
                          "generic")
                k = end
                continue
            if noun in _NOT_ALWAYS_BODIES and self._not_the_body(tokens, lower, noun, start, k, end):
                k = start + 1
                continue
            if noun in BARE_GENERIC and start == k and (qualified or noun not in _ONLY_QUALIFIED) and (
                    according or any_role or end < len(tokens) and verb_like(lower[end])) and \
                    (k == 0 or not _is_name_token(tokens[k - 1]) or lower[k - 1] in NOT_NAMES or qualified
                     or (noun in _BODIES_IN_ANY_ROLE and capitalized_before and opening)):  # "Some critics said"
                actor = self._generic_actor(noun, state)
                if qualified:
                    name = f"{tokens[k - 1]} {' '.join(lower[k:end])}"
                    actor = Actor(slugify(name), name[:1].upper() + name[1:], actor.type,
                                  None if noun in STATELESS_GROUPS else actor.affiliation)
                self._add(sentence, state, k - 1 if qualified else k, end, actor, "generic")
                k = end
                continue
            if noun in GENERIC_NOUNS and determined and (start < k or _is_name_token(tokens[k])) and noun not in ("government",) \
                    and noun not in _ONLY_QUALIFIED or \
                    (noun == "government" and lower[start] in ("the", "its", "their", "this")) or \
                    (noun == "government" and start == k and (k == 0 or lower[k - 1] in (",", ";", ":"))
                     and end < len(lower) and _headline_speech_verb(lower[end])) or \
                    (noun == "parliament" and start == k and self._bare_parliament(lower, k, end)):
                actor = self._generic_actor(noun, state)
                self._add(sentence, state, start, end, actor, "generic")
                k = end
                continue
            if noun in COUNTRY_ANAPHORS:
                if k == start + 1 and lower[start] == "the" and lower[k] == noun and end < len(tokens) and (
                        start == 0 or not lower[start - 1].isalpha() or lower[start - 1] in SUBORDINATORS) and (
                        lower[end] in AUXILIARIES or verb_like(lower[end])) \
                        and lower[end] not in ("on", "last", "then"):
                    actor = self._recent_country(state)
                    if actor is not None:
                        self._add(sentence, state, start, end, actor, "anaphor")
                        k = end
                        continue
                k = start + 1
                continue
            if noun in ANAPHOR_NOUNS and start < k and lower[start] == "the" and not (
                    start > 0 and lower[start - 1] in ANAPHOR_PLACE_WORDS) and not _in_role_phrase(sentence, start + 1):
                # (not "a debate in the party", "redistributed across the bloc", "chairman of the organisation, said")
                actor = self._recent_named(noun, state)
                if actor is None and end < len(tokens) and verb_like(lower[end]):
                    # "the committee said", "the company denied": a body that acts, even with no name seen before
                    name = " ".join(lower[k:end])
                    actor = Actor(slugify(f"unnamed {name}"), name[:1].upper() + name[1:], "organization", None)
                if actor is not None:
                    self._add(sentence, state, start, end, actor, "anaphor")
                    k = end
                    continue
            k = start + 1

    def _find_home_institutions(self, sentence: _Sentence, state: _DocumentState) -> None:
        """'the House passed', 'approved by Parliament', 'the Treasury's forecasts': a body named by one word
        (:data:`~stance.wordlists.HOME_INSTITUTIONS`), of the story's country, when it acts (a verb follows), is the
        agent ("by Parliament") or owns something; not the place of "in Parliament" or the term of "the next
        parliament"."""
        tokens, lower, consumed = sentence.tokens, sentence.lower, sentence.consumed
        if not tokens or not _HOME_INSTITUTION_WORD.search(sentence.text, sentence.spans[0][0], sentence.spans[-1][1]):
            return
        for k, token in enumerate(tokens):
            word = _bare(token)
            if word not in HOME_INSTITUTIONS or consumed[k]:
                continue
            needs_the, ids = HOME_INSTITUTIONS[word]
            start = k - 1 if needs_the else k
            if needs_the and not (k > 0 and lower[k - 1] == "the"):
                continue
            if not needs_the and k > 0 and (lower[k - 1] in NOT_BEFORE_PARLIAMENT or _is_name_token(tokens[k - 1])):
                continue  # "a hung parliament", "dissolve parliament", "the Scottish Parliament"
            after = lower[k + 1] if k + 1 < len(tokens) else ""
            if k + 1 < len(tokens) and (_is_name_token(tokens[k + 1]) or after == "of"):
                continue  # "the House Intelligence Committee", "the House of Lords": a longer name
            before = lower[start - 1] if start > 0 else ""
            if before in _VENUE_WORDS or before in TELL_VERBS:
                continue  # "scenes in the Commons", "told the Commons": the place, the listener
            possessive = _is_possessive(token) and not (k + 1 < len(tokens) and _is_name_token(tokens[k + 1]))
            following = lower[k + 2:k + 5]
            passive = any(w.endswith("ed") for w in following) and not {"be", "is", "was", "were", "been"}.isdisjoint(
                lower[k + 1:k + 3])  # "parliament might be dissolved"
            acts = not passive and after not in _NOT_ACTING and (after in AUXILIARIES or verb_like(after) or (
                present_verb_like(after) and k + 2 < len(tokens) and lower[k + 2] in OBJECT_STARTERS))
            if not (possessive or before == "by" or acts):
                continue
            actor = self._home_institution(ids, state)
            if actor is not None:
                self._add(sentence, state, start, k + 1, actor, "generic")

    def _home_institution(self, ids: dict[str | None, str], state: _DocumentState) -> Actor | None:
        """The body of ``ids`` (gazetteer ids by home country) for the story's country; with no ids, its parliament."""
        country = state.home_country
        if ids:
            return self.gazetteer.actors.get(ids.get(country.name if country else None) or ids[None])
        for demonym in country.demonyms if country else ():
            known = self.gazetteer.lookup((demonym, "Parliament")) or self.gazetteer.lookup((demonym, "parliament"))
            if known is not None:
                return known
        return self._generic_actor("parliament", state) if self.find_unlisted else None

    @staticmethod
    def _not_the_body(tokens: list[str], lower: list[str], noun: str, start: int, k: int, end: int) -> bool:
        """Whether the generic noun at ``k`` (its phrase runs from ``start`` to ``end``) names no body here: "the
        military operation" (an adjective), "reopen the government" (the state's machinery), "won the presidency" (an
        office; but "the presidency said" speaks for it)."""
        if noun in ARMED_SERVICES and start > 0 and lower[start - 1] == "in" \
                and not SERVICE_WORDS.isdisjoint(lower[max(0, start - 7):start - 1]):
            return True  # "served as an officer in the army", "serving openly in the military"
        if noun in GENERIC_ADJECTIVES:
            return end == k + 1 and _qualifies_next(lower, k)
        if noun == "government":
            return start > 0 and lower[start - 1] in MACHINERY_VERBS
        if noun == "unions":
            return k > 0 and lower[k - 1] in _NOT_LABOUR_UNIONS  # "civil unions", "a customs union"
        if noun in _PROFESSIONS:  # "Doctors at Sheba Medical Center said": their employer speaks
            return end + 1 < len(lower) and lower[end] in ("at", "from", "of", "with", "for") \
                and _is_name_token(tokens[end + 1 if lower[end + 1] != "the" else min(end + 2, len(lower) - 1)])
        if noun in STANCE_NOUNS:
            # "its opposition to the plan" (a stance), "Opposition leader Ana Ruiz" (the person acts)
            return end < len(lower) and (lower[end] == "to" or _title_run_length(lower[end:end + 3]) > 0)
        return noun in OFFICE_NOUNS and (end >= len(lower) or lower[end] not in SPEECH_VERBS)

    def _indefinite_body(self, sentence: _Sentence, state: _DocumentState, start: int) -> bool:
        """'a court sentenced him', 'another court revoked it', 'an appeals court ruled': an unnamed court that acts
        (GUIDELINES case 58). Added when "court" or "tribunal" follows the article (at most one word between) and a
        verb follows; other bodies ("a group", "a party") are too often not actors."""
        lower, consumed = sentence.lower, sentence.consumed
        for noun_at in (start + 1, start + 2):
            end = noun_at + 1
            if end >= len(lower) or lower[noun_at] not in _COURTS or any(consumed[start:end]):
                continue
            if noun_at == start + 2 and not lower[start + 1].isalpha():
                return False
            if not verb_like(lower[end]) or lower[end] in WEAK_AUXILIARIES:
                return False
            name = lower[noun_at]
            actor = Actor(slugify(f"unnamed {name}"), name[:1].upper() + name[1:], "organization", None)
            self._add(sentence, state, start, end, actor, "indefinite")
            return True
        return False

    def _generic_actor(self, noun: str, state: _DocumentState) -> Actor:
        if noun in STATELESS_GROUPS:
            return Actor(slugify(noun), noun.capitalize(), GENERIC_NOUNS[noun], None)
        country = state.home_country
        kind = GENERIC_NOUNS[noun]
        if country is None:
            name = noun.title() if noun != "police" else "Police"
            return Actor(slugify(name), name, kind, None)
        demonym = country.demonyms[0] if country.demonyms else country.name
        name = f"{demonym} {noun}"
        return Actor(slugify(name), name, kind, country.name)

    @staticmethod
    def _recent_country(state: _DocumentState) -> Actor | None:
        """The country named last in the document (by first mention), for "the country" as a subject."""
        return next((actor for actor in reversed(list(state.actors.values())) if actor.type == "country"), None)

    @staticmethod
    def _recent_named(noun: str, state: _DocumentState) -> Actor | None:
        for actor_id in reversed(list(state.actors)):
            actor = state.actors[actor_id]
            last_word = actor.name.split()[-1].lower()
            if actor.type == "person" or (actor.type == "group" and (last_word in BODY_MEMBERS
                                                                   or last_word in SPEAKING_GROUPS)):
                continue  # "the department" is not "State Department officials", nor "the group" "Isis members"
                # or "Rights groups"
            name = actor.name.lower()
            if noun in name.split() or name.endswith(noun):
                return actor
            if noun in ("group", "movement") and actor.type == "group":
                return actor
            if noun in ("bloc", "alliance", "organization", "organisation", "body") and actor.type == "organization" \
                    and actor.affiliation is None:
                return actor
        return None

    def _find_title_phrases(self, sentence: _Sentence, state: _DocumentState) -> None:
        """'the Russian president', 'the minister' -> the most recent person holding that title."""
        tokens, lower = sentence.tokens, sentence.lower
        k = 0
        while k < len(tokens):
            if sentence.consumed[k] and _is_possessive(tokens[k]) and not (k + 1 < len(tokens) and sentence.consumed[k + 1]):
                k = self._country_s_office(sentence, state, k)
                continue
            if lower[k] not in ("the", "a", "an") or sentence.consumed[k] or k + 1 >= len(tokens) or not (
                    tokens[k + 1][:1].isupper() or _bare(lower[k + 1]).rstrip(".") in _TITLE_WORDS):
                k += 1
                continue  # a title phrase goes on with a title word or a (capitalized) country or demonym
            indefinite = lower[k] != "the"  # "a spokesman said": only an unnamed speaker, never a known holder
            m = k + 1
            country = None
            if m < len(tokens) and self.gazetteer.demonym(_bare(tokens[m])):
                country = self.gazetteer.demonym(_bare(tokens[m]))
                m += 1
            elif m < len(tokens) and (found := self.gazetteer.lookup((_bare(tokens[m]),))) and found.type != "person":
                country = found
                m += 1
            length = _title_run_length(lower[m:m + 4])
            if not length or any(sentence.consumed[x] for x in range(k, m + length)) or any(
                    _is_name_token(t) and _bare(t.lower()).rstrip(".") not in TITLE_HEADS | TITLE_MODIFIERS
                    for t in tokens[m:m + length]):
                k += 1
                continue
            end = m + length
            if length == 1 and lower[m] in ADJECTIVE_TITLES and end < len(tokens) and _modifies_noun(lower[end]) \
                    and not present_verb_like(lower[end]):
                k += 1
                continue  # "a major concern", "the general area", "the official name": an adjective, not a title
            if length == 1 and country is None and lower[m] in ADJECTIVE_RANKS:
                k += 1
                continue  # "the major powers", "a general decline": a rank alone is read as the adjective
            title_end = end
            if country is None and end < len(tokens) and lower[end] == "of" and \
                    (of_country := self._country_after_of(sentence, end)) is not None:
                country, end = of_country  # "the president of Turkey" is "the Turkish president"
            elif end < len(tokens) and (_is_name_token(tokens[end]) or lower[end] == "of") \
                    and not _is_possessive(tokens[end - 1]):  # (but "the president's Asia trip")
                k += 1
                continue
            heads = _title_heads(" ".join(lower[m:title_end]))
            actor = None if indefinite else self._recent_titled(heads, country, state)
            title = " ".join(_bare(w) for w in lower[m:title_end])
            if actor is None and self.find_unlisted and not indefinite:
                actor = self._untitled_office(heads, country, state, title)
            if actor is None and self.find_unlisted and self._speaks(lower, k, end):
                # "the spokesman said", "said the official": an unnamed person who speaks is an actor (GUIDELINES §2)
                actor = Actor(slugify(f"unnamed {title}"), f"Unnamed {title}", "person", None, titles=(title,))
                if country is not None:  # GUIDELINES section 2: whose it is names it, and that body stays known
                    country = self._register(country, state)
                    if country.type != "country" and title in _SPOKESPEOPLE:
                        actor = country  # "a Kremlin spokesman said": the Kremlin speaks
                    else:  # "an EU official", "an Iranian diplomat": a group actor named with whose it is
                        name = f"{_bare(tokens[k + 1])} {title}"
                        actor = Actor(slugify(name), name, "group",
                                      country.name if country.type == "country" else country.affiliation)
            if actor is not None:
                self._add(sentence, state, k, end, actor, "title")
            k = end

    def _country_s_office(self, sentence: _Sentence, state: _DocumentState, k: int) -> int:
        """'Syria's president said', 'Chad's foreign minister': the office holder, not the country (as 'the Syrian
        president'), when the possessive country at ``k`` is followed by a person's title and no name. Returns where
        to go on."""
        tokens, lower = sentence.tokens, sentence.lower
        country_mention = next((m for m in sentence.mentions if m.start == sentence.spans[k][0]), None)
        if country_mention is None or country_mention.actor.type != "country":
            return k + 1
        length = _title_run_length(lower[k + 1:k + 5])
        end = k + 1 + length
        if not length or any(sentence.consumed[k + 1:end]) or (end < len(tokens) and (
                _is_name_token(tokens[end]) or tokens[end] == "," or _is_possessive(tokens[end - 1]))):
            return k + 1  # ("Norway's new prime minister, Ola Brekke", "Syria's president Bashar al-Assad")
        title = " ".join(_bare(w) for w in lower[k + 1:end])
        heads = _title_heads(title)
        # only an office holder who acts ("Syria's president said", "Turkey's leader met"); not one in a named person's
        # role ("Bashar Ja'afari, Syria's ambassador to the UN, said") or one acted upon ("summoned China's ambassador")
        if not heads & _PERSON_OFFICES or not self._speaks(lower, k, end) or (end < len(lower) and lower[end] in _NOT_ACTING) \
                or _in_role_phrase(sentence, k):
            return k + 1  # ("Syria's government", "Iran's army")
        country = country_mention.actor
        actor = self._recent_titled(heads, country, state) or self._untitled_office(heads, country, state, title)
        if actor is None:
            return k + 1
        sentence.mentions.remove(country_mention)
        first = next(x for x in range(k, -1, -1) if sentence.spans[x][0] == country_mention.start)
        self._add(sentence, state, first, end, actor, "title")
        return end

    def _country_after_of(self, sentence: _Sentence, of: int) -> tuple[Actor, int] | None:
        """The country named right after "of" at ``of`` ("the president of [the] United States") and where its name
        ends; None if no country follows, or if it owns something ("the head of Iran's war headquarters")."""
        tokens = sentence.tokens
        x = of + 1
        if x < len(tokens) and sentence.lower[x] == "the":
            x += 1
        for length in range(min(self.gazetteer.max_length, len(tokens) - x), 0, -1):
            found = self.gazetteer.lookup(tuple(tokens[x:x + length]))
            if found is not None:
                after = x + length
                if found.type != "country" or any(sentence.consumed[x:after]) or (after < len(tokens) and (
                        _is_name_token(tokens[after]) or tokens[after] in DASHES
                        or self._attributive(sentence.lower, after, x))):
                    return None  # "the director of the UK signals agency": the country names a part of it
                return found, x + length
        return None

    @staticmethod
    def _speaks(lower: list[str], a: int, b: int) -> bool:
        """Whether the phrase lower[a:b] is the subject of a verb ("the official said", "the envoy later added")
        or follows a speech verb ("said the spokesman")."""
        after = lower[b] if b < len(lower) else ""
        if after in ADVERBS and b + 1 < len(lower):
            after = lower[b + 1]
        return verb_like(after) or (a > 0 and lower[a - 1] in SPEECH_VERBS)

    @staticmethod
    def _untitled_office(heads: set[str], qualifier: Actor | None, state: _DocumentState, title: str) -> Actor | None:
        """'the prime minister' with no named holder yet: the office of the home country ('British prime minister')."""
        if qualifier is None and not heads & HIGH_OFFICES:
            return None
        holder = qualifier or state.home_country
        if holder is None:
            name = title[:1].upper() + title[1:]
            return Actor(slugify(name), name, "person", None, titles=(title,))
        prefix = holder.demonyms[0] if holder.demonyms else holder.name
        name = f"{prefix} {title}"
        return Actor(slugify(name), name, "person", holder.affiliation or holder.name, titles=(title,))

    def _recent_titled(self, heads: set[str], country: Actor | None, state: _DocumentState) -> Actor | None:
        leaders = {"president", "prime minister", "chancellor", "king", "premier", "leader", "supreme leader", "emir"}
        for actor_id in reversed(list(state.actors)):
            actor = state.actors[actor_id]
            if actor.type != "person":
                continue
            titles = state.titles.get(actor_id, set())
            if not (titles & heads or ("leader" in heads and titles & leaders)):
                continue
            if country is not None and actor.affiliation not in (country.name, country.affiliation):
                continue
            return actor
        return None

    @staticmethod
    def _plural_noun_between(sentence: _Sentence, earlier: list[FoundMention], k: int) -> bool:
        """Whether a plural common noun stands between the last actor mention and "they" at k, so that "they" most
        likely refers to it ("Many women say they were coerced", "couples ... wherever they live")."""
        lower, spans = sentence.lower, sentence.spans
        last_end = earlier[-1].end if earlier else -1
        for x in range(k - 1, max(-1, k - 9), -1):
            if spans[x][0] < last_end:
                return False
            word = lower[x]
            if word in PLURAL_PEOPLE or (word.endswith("s") and len(word) > 3 and word.isalpha()
                                         and not word.endswith(("ss", "us", "is")) and word in common_words()
                                         and word not in verb_forms() and word not in GENERIC_NOUNS
                                         and word not in GROUP_NOUNS_COUNTRY and word not in GROUP_NOUNS_FORCES):
                return True
        return False

    @staticmethod
    def _speaker_before(sentence: _Sentence, earlier: list[FoundMention], k: int, person: bool) -> Actor | None:
        """The actor whose verb of saying opens the clause of the pronoun at k ("the White House said it would",
        "Merkel told reporters that she", "the ministry also said they", "Tom Hale, who said he"), when it is of the pronoun's kind."""
        lower, spans = sentence.lower, sentence.spans
        j = k - 1
        if j >= 0 and lower[j] == "that":
            j -= 1
        if j < 0:
            return None
        listener = next((m for m in earlier if m.end == spans[j][1]), None)
        if listener is not None:  # "told reporters it": step over the listener to the verb
            while j >= 0 and spans[j][0] > listener.start:
                j -= 1
            j -= 1
        elif lower[j] in ("reporters", "journalists", "parliament", "lawmakers"):
            j -= 1
        if j < 1 or lower[j] not in _CLAUSE_SPEECH_VERBS:
            return None
        before = j - 1
        if lower[before] in ADVERBS and before > 0:  # "also said", "later said"
            before -= 1
        if lower[before] in ("who", "which") and before > 1 and lower[before - 1] == ",":  # "Tom Hale, who said he"
            before -= 2
        speaker = next((m for m in earlier if m.end == spans[before][1]), None)
        if speaker is None or (speaker.actor.type == "person") != person:
            return None
        return speaker.actor

    def _find_pronouns(self, sentence: _Sentence, state: _DocumentState) -> None:
        """Subject pronouns: he/she -> the person subject; it/they -> the organization or country subject."""
        tokens, lower = sentence.tokens, sentence.lower
        for k, word in enumerate(lower):
            if word not in _PRONOUN_WORDS or sentence.consumed[k]:
                continue
            contraction = PRONOUN_CONTRACTIONS.get(word)
            if contraction is not None:  # "they're": the pronoun "they" followed by the verb "are"
                word, nxt = contraction
                if word not in PRONOUNS | PLURAL_PRONOUNS:
                    continue
                rest = k + 1  # the token after the verb
            else:
                if word not in PRONOUNS | PLURAL_PRONOUNS | NEUTER_PRONOUNS:
                    continue
                nxt = lower[k + 1] if k + 1 < len(lower) else ""
                if not nxt.isalpha() or _is_name_token(tokens[k + 1]):
                    continue
                rest = k + 2
            earlier = [m for m in sentence.mentions if m.start < sentence.spans[k][0]]
            if word in PRONOUNS:
                current = (self._speaker_before(sentence, earlier, k, person=True)
                           or next((m.actor for m in earlier if m.actor.type == "person"), None))
                actor = current or (state.actors[state.person_subjects[-1]] if state.person_subjects else None)
            elif word in PLURAL_PRONOUNS:
                # "they" is always a subject: no verb test ("they usually do", "they face", "they were ignored")
                if self._plural_noun_between(sentence, earlier, k):
                    continue
                current = (self._speaker_before(sentence, earlier, k, person=False)
                           or next((m.actor for m in earlier if m.actor.type != "person"), None))
                clause_start = k == 0 or (lower[k - 1] in CLAUSE_OPENERS)
                actor = current or (state.actors[state.thing_subjects[-1]]
                                    if state.thing_subjects and clause_start
                                    and state.sentences_since_thing <= _BODY_PRONOUN_REACH else None)
            else:
                if not verb_like(nxt):
                    continue
                previous = lower[k - 1] if k else ""
                if word == "it" and k and previous not in SPEECH_VERBS | {"that", ",", "and", "but", "because", "as", '"', "\u201c"}:
                    continue
                after_next = lower[rest] if rest < len(lower) else ""
                speaker = self._speaker_before(sentence, earlier, k, person=False)
                if nxt in WEAK_AUXILIARIES and not (after_next in verb_forms() and after_next not in WEAK_AUXILIARIES
                                                    or after_next in ("ready", "willing", "prepared", "open", "not")
                                                    or (speaker is not None and (_verb_after_auxiliary(after_next) or (
                                                        nxt in _MODALS and after_next.isalpha()
                                                        and after_next not in WEAK_AUXILIARIES
                                                        and after_next not in EXPLETIVE_PREDICATES)))):
                    continue  # "It is not known", "It will be the first time"; but "Hamas said it was studying"
                if after_next == "not" and rest + 1 < len(lower) and lower[rest + 1] in EXPLETIVE_PREDICATES:
                    continue  # "It is not clear", "it was not immediately known", "It does not mean"
                current = speaker or next((m.actor for m in earlier if m.actor.type != "person"), None)
                clause_start = k == 0 or (word in PLURAL_PRONOUNS and previous in CLAUSE_OPENERS)
                actor = current or (state.actors[state.thing_subjects[-1]] if state.thing_subjects and clause_start
                                    and state.sentences_since_thing <= _BODY_PRONOUN_REACH else None)
                if actor is not None and actor is not speaker and word == "it" and actor.type == "group" \
                        and actor.name.endswith("s"):  # "the rebels ... it": not the group, unless it speaks ("Hamas said it")
                    continue
            if actor is not None:
                self._add(sentence, state, k, k + 1, actor, "pronoun", strip_possessive=False,
                          length=len(word) if contraction else None)
