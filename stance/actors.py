"""Political actors: the shipped gazetteer, a finder for actors in no list, and in-document coreference.

The gazetteer (``stance/data/gazetteer/*.json``, written by the team) lists countries with demonyms
and capitals, institutions, international bodies, parties, armed groups, media and people who lead
or speak for governments. :class:`ActorFinder` finds every mention in a document and resolves the
mentions to one :class:`Actor` per real-world entity:

- gazetteer names and aliases ("Putin", "U.S.", "Kremlin"), capitals used as agents ("Beijing said");
- role compounds ("Kremlin spokesman Dmitry Peskov" is Peskov, affiliated with the Kremlin/Russia);
- people and organizations in no list, found by capitalization, titles, appositions and speech verbs;
- surnames after full names, title phrases ("the Russian president") and subject pronouns ("he", "they're");
- unnamed speakers and groups ("the spokesman said", "critics say", "a court ruled"), and "I" ("we" for a body)
  inside a quote, for its speaker;
- a country's or a body's people and institutions as their own actors ("Israeli officials", "EU leaders",
  "a senior U.S. official", "China's foreign ministry", "Kenya's High Court").

Examples
--------
>>> from stance.actors import ActorFinder, Gazetteer
>>> finder = ActorFinder(Gazetteer.default())
>>> text = "Kremlin spokesman Dmitry Peskov said talks were possible. He added that Moscow was ready."
>>> [(m.text, m.actor.name) for m in finder.find(text, [(0, 57), (58, 88)])]
[('Dmitry Peskov', 'Dmitry Peskov'), ('He', 'Dmitry Peskov'), ('Moscow', 'Russia')]
"""

from __future__ import annotations

import re

from .anaphora import UnnamedMentions
from .gazetteer import ACTOR_TYPES, Actor, Gazetteer, load_actor_list, slugify
from .phrases import (FoundMention, _DocumentState, _Sentence, _addressed, _adverb, _bare, _in_hyphen_compound,
                      _in_role_phrase, _is_name_token, _is_possessive, _modifies_noun, _plain_verb, _present_verb,
                      _qualifies_next, _qualifies_person_title, _stance_target, _title_heads, _title_run_length)
from .text import tokenize
from .wordlists import (ADJECTIVE_TITLES, AGENT_COMPOUND_HEADS, APOSTROPHES, AUXILIARIES, BARE_INSTITUTIONS,
                        BODY_MEMBERS, BUILDING_NAME_WORDS, BUILDING_PREPOSITIONS, CAUSATIVE_VERBS, COMPANY_SUFFIXES,
                        COMPASS_POINTS, COUNTRY_ATTRIBUTES, COUNTRY_PEOPLE, CREDIT_VERBS, DASHES, DEMONYM_GROUP_NOUNS,
                        DESCRIPTIVE_FIELD_WORDS, DESCRIPTOR_HEADS, FAMILY_NAME_FIRST, FUNCTION_WORDS,
                        GENERIC_ADJECTIVES, GENERIC_WORDS_WITH_POSSESSIVES, GROUP_NOUNS_ARMED, GROUP_NOUNS_COUNTRY,
                        GROUP_NOUNS_FORCES, GROUP_WORDS, HONORIFICS, INSTITUTION_COMPOUND_NOUNS, INSTITUTION_FIELDS,
                        INSTITUTION_FIELD_WORDS, INSTITUTION_ROLE_WORDS, LOCATIVE, LOWERCASE_INSTITUTIONS, MEDIA_NOUNS,
                        MEDIA_QUALIFIERS, MEMBER_MODIFIERS, MEMBER_NOUNS, NAME_PARTICLE_PAIRS, NAME_WORDS,
                        NEWSPAPER_NAMES, NOT_AFTER_PRESS, NOT_NAMES, OBJECT_STARTERS, ORG_DESCRIPTORS,
                        ORG_PLACE_PREPOSITIONS, ORG_WORDS, PARTICLES, PEERAGE_TITLES, PERSON_DESCRIPTORS,
                        PLACE_GOVERNORS, PLACE_NAME_HEADS, PLACE_OF_NOUNS, PLACE_ORG_HEADS, PLURAL_PEOPLE, REGION_WORDS,
                        RELATIVE_NOUNS, REPORTING_NOUNS, SERVICE_LANGUAGES, SPEECH_VERBS, SUBORDINATORS, TITLE_HEADS,
                        TITLE_MODIFIERS, TOPIC_PREPOSITIONS, VENUE_VERBS, common_words, present_verb_like, verb_like)

# Kinds of bodies written after their name ("the Perikatan Nasional bloc said", "the Somoud alliance").
_BODIES_NAMED_BEFORE = frozenset({"bloc", "coalition", "alliance", "movement", "federation", "militia"})
# Ranks before an unnamed official ("a senior U.S. official").
_OFFICIAL_RANKS = frozenset({"senior", "top", "high-ranking", "second", "former", "military", "government"})
# People who work at a place ("doctors at", "officials in"): the place after them is their employer.
_PEOPLE_NOUNS = frozenset(PLURAL_PEOPLE | {w for w in GENERIC_WORDS_WITH_POSSESSIVES if w.endswith("s")})

# Actor, Gazetteer, load_actor_list, slugify and ACTOR_TYPES live in stance.gazetteer; they are re-exported here.
__all__ = ["Actor", "Gazetteer", "ActorFinder", "FoundMention", "ACTOR_TYPES", "slugify", "load_actor_list"]



# Words after a name that make it the subject of a clause: "..., Turkey has taken", "Turkey, which regards them as".
_CLAUSE_AUXILIARIES = frozenset({"will", "would", "could", "can", "may", "might", "must", "should", "has", "have", "had",
                                 "did", "does", "cannot"})


# Words left out of an acronym ("National Union for the Total Independence of Angola" is UNITA, not UNFTTIOA).
_ACRONYM_SKIPPED = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "al"})


def _finite_verb(word: str) -> bool:
    """Whether ``word`` right after a name starts that name's predicate ("has", "would", "said", "warned")."""
    return word in _CLAUSE_AUXILIARIES or word in SPEECH_VERBS or (word.endswith("ed") and verb_like(word))


def _after_in(lower: list[str], a: int) -> bool:
    """Whether the name at ``a`` follows "in" or "at", over "the" and compass or region words ("in northeastern
    Syria")."""
    k = a - 1
    while k >= 0 and (lower[k] == "the" or lower[k] in COMPASS_POINTS or lower[k] in REGION_WORDS):
        k -= 1
    return k >= 0 and lower[k] in ("in", "at")


def _relative_clause_subject(lower: list[str], b: int) -> bool:
    """Whether the name that ends before ``b`` is the subject of a relative clause after it ("to Turkey, which has
    long viewed them as", "from Iran, which sees"); not a description ("Turkey, which is home to"). After "in" or
    "at" the clause is usually about the place ("the war in Afghanistan, which has entered"): the caller checks."""
    if lower[b:b + 2] not in ([",", "which"], [",", "who"]) or b + 2 >= len(lower):
        return False
    verb = lower[b + 2]
    return _finite_verb(verb) or (present_verb_like(verb) and verb not in ("is", "was", "has"))

class ActorFinder(UnnamedMentions):
    """Find actor mentions in a document and resolve them to one actor per entity.

    Parameters
    ----------
    gazetteer : Gazetteer
        Known actors; people and organizations in no list are found anyway.
    find_unlisted : bool, default=True
        Whether to report actors that are not in the gazetteer (unlisted names, "the government").
    """

    def __init__(self, gazetteer: Gazetteer, find_unlisted: bool = True):
        self.gazetteer = gazetteer
        self.find_unlisted = find_unlisted

    def find(self, text: str, sentences: list[tuple[int, int]]) -> list[FoundMention]:
        """Return the mentions in ``text``, sentence by sentence, in order of position."""
        state = _DocumentState()
        found: list[FoundMention] = []
        previous_end = 0
        headline_mentions = 0
        for index, (start, end) in enumerate(sentences):
            if "\n" in text[previous_end:start]:
                state.quote_open = False  # a quote that goes on in a new paragraph opens again there
            previous_end = end
            found.extend(self._find_in_sentence(text, start, end, state))
            if index == 0:
                headline_mentions = len(found)
        if len(sentences) > 1 and self._is_headline(text, sentences[0], sentences[1]):
            found[:headline_mentions] = self._read_headline_again(text, sentences[0], state, found[:headline_mentions])
        return found

    @staticmethod
    def _is_headline(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
        """Whether the first sentence is a headline: a line of its own without final punctuation."""
        return "\n" in text[first[1]:second[0]] and text[first[0]:first[1]].rstrip()[-1:] not in ".!?\"'\u201d)"

    @staticmethod
    def _part_of_a_longer_name(before: str, mention: FoundMention) -> bool:
        """Whether a surname in a headline is the end of a name the first reading saw whole and left alone ("Los
        Angeles", "Cerro Blanco"), not a name after a country's possessive, a title or its own first name ("Spain's
        Sánchez", "Actor Vijay", "Keiko Fujimori")."""
        words = before.split()
        if len(words) < 2 or not _is_name_token(words[-1]) or _is_possessive(words[-1]) \
                or _title_run_length([words[-1].lower()]):
            return False
        return words[-1] not in mention.actor.name.split() or mention.actor.name == f"{words[-1]} {mention.text}"

    def _read_headline_again(self, text: str, headline: tuple[int, int], state: _DocumentState,
                             mentions: list[FoundMention]) -> list[FoundMention]:
        """The headline's mentions, with the names it shares with the story that only the story spells out in full
        ("Earle-Sears rejects debate terms" after "Republican Winsome Earle-Sears rejected ...")."""
        story_actors = set(state.actors)
        again = self._find_in_sentence(text, headline[0], headline[1], state)
        added = [m for m in again if m.via == "surname" and m.actor.id in story_actors
                 and not any(m.start < k.end and k.start < m.end for k in mentions)
                 and not self._part_of_a_longer_name(text[headline[0]:m.start], m)]
        return sorted(mentions + added, key=lambda m: m.start) if added else mentions

    # -- one sentence --------------------------------------------------------------------------------
    def _find_in_sentence(self, text: str, start: int, end: int, state: _DocumentState) -> list[FoundMention]:
        spans = tokenize(text, start, end)
        if text.find("-", start, end) != -1:
            spans = self._split_compounds(text, spans)
        tokens = [text[s:e] for s, e in spans]
        sentence = _Sentence(text, spans, tokens, [t.lower() for t in tokens], [False] * len(tokens))
        self._skip_dateline(sentence, state)
        self._find_home_institutions(sentence, state)  # before names: "the Treasury said" is no unlisted name
        i, n = 0, len(tokens)
        while i < n:
            if not _is_name_token(tokens[i]) or sentence.consumed[i]:
                i += 1
                continue
            j = i + 1
            while j < n and not sentence.consumed[j]:
                if _is_name_token(tokens[j]):
                    j += 1
                elif sentence.lower[j] in PARTICLES and j + 1 < n and _is_name_token(tokens[j + 1]) and (
                        sentence.lower[j] not in ("and", "on", "in") or not self._known(tokens[j + 1])):
                    j += 2
                elif sentence.lower[j] in NAME_PARTICLE_PAIRS and j + 2 < n and _is_name_token(tokens[j + 2]) \
                        and sentence.lower[j + 1] in NAME_PARTICLE_PAIRS[sentence.lower[j]]:
                    j += 3  # "Ursula von der Leyen", "Pieter van den Berg", "Tom de la Mare"
                elif tokens[j] in APOSTROPHES and j + 1 < n and _is_name_token(tokens[j + 1]) \
                        and tokens[j - 1][-1] == "s" and spans[j - 1][1] == spans[j][0] \
                        and not any(self._known_name(tokens[x:j]) for x in range(max(i, j - 3), j)):
                    j += 2  # "the General Workers' Union": a plural possessive in a name (not "the Tories' Commons")
                else:
                    break
            self._parse_chunk(sentence, i, j, state)
            i = j
        if self.find_unlisted:
            self._find_home_media(sentence, state)
            self._find_epithets(sentence, state)
            self._find_generic(sentence, state)
        self._find_title_phrases(sentence, state)
        self._find_pronouns(sentence, state)
        self._find_quote_speakers(sentence, state)
        sentence.mentions.sort(key=lambda m: m.start)
        self._record_subjects(sentence, state)
        return sentence.mentions

    def _known(self, token: str) -> bool:
        return self.gazetteer.lookup((_bare(token),)) is not None

    def _known_name(self, tokens: list[str]) -> bool:
        return self.gazetteer.lookup(tuple(tokens)) is not None

    def _add(self, sentence: _Sentence, state: _DocumentState, i: int, j: int, actor: Actor, via: str,
             strip_possessive: bool = True, length: int | None = None) -> None:
        """Record tokens[i:j] as a mention of ``actor``; only its first ``length`` characters if given ("they're")."""
        s, e = sentence.spans[i][0], sentence.spans[j - 1][1]
        if length is not None:
            e = s + length
        elif strip_possessive:
            last = sentence.text[sentence.spans[j - 1][0]:e]
            e -= len(last) - len(_bare(last))
        actor = self._register(actor, state)
        sentence.mentions.append(FoundMention(s, e, sentence.text[s:e], actor, via))
        tokens = sentence.tokens
        if actor.type != "person" and j + 2 < len(tokens):  # "... Agency (NISA)", "... Agency, or NISA,"
            if tokens[j] == "(" and tokens[j + 2] == ")" and tokens[j + 1].isupper():
                state.surnames.setdefault(tokens[j + 1], actor.id)
            elif tokens[j] == "," and sentence.lower[j + 1] == "or" and tokens[j + 2].isupper():
                state.surnames.setdefault(tokens[j + 2], actor.id)
        for k in range(i, j):
            sentence.consumed[k] = True

    def _record_subjects(self, sentence: _Sentence, state: _DocumentState) -> None:
        person = next((m.actor.id for m in sentence.mentions if m.actor.type == "person"), None)
        thing = next((m.actor.id for m in sentence.mentions if m.actor.type != "person"), None)
        if person:
            state.person_subjects.append(person)
        if thing:
            state.thing_subjects.append(thing)
        state.sentences_since_thing = 0 if thing else state.sentences_since_thing + 1

    def _split_compounds(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """'Putin-Trump' -> 'Putin', '-', 'Trump' unless the whole is a known name ('Guinea-Bissau')."""
        result = []
        for s, e in spans:
            token = text[s:e]
            if "-" not in token:
                result.append((s, e))
                continue
            parts = token.split("-")
            heads = parts if len(parts) > 2 or parts[-1] not in AGENT_COMPOUND_HEADS else parts[:-1]  # "US-backed"
            if (len(parts) > 1 and all(p[:1].isupper() for p in heads) and self.gazetteer.lookup((token,)) is None
                    and any(self.gazetteer.lookup((_bare(p),)) for p in parts)):
                cursor = s
                for k, part in enumerate(parts):
                    if k:
                        result.append((cursor, cursor + 1))
                        cursor += 1
                    result.append((cursor, cursor + len(part)))
                    cursor += len(part)
            else:
                result.append((s, e))
        return result

    def _skip_dateline(self, sentence: _Sentence, state: _DocumentState) -> None:
        """'KYIV, Ukraine (Wire) -' opens wire stories: places, not actors (the country becomes the home country)."""
        tokens = sentence.tokens
        if not tokens or not (tokens[0].isupper() and len(tokens[0]) > 1 and tokens[0][0].isalpha()):
            return
        spans = sentence.spans
        for k, token in enumerate(tokens[:14]):
            if token in DASHES and 0 < k < len(tokens) - 1 and spans[k - 1][1] == spans[k][0] \
                    and spans[k][1] == spans[k + 1][0]:
                continue  # a hyphen inside a name ("PORT-AU-PRINCE"), not the dash that ends the dateline
            if token in DASHES or token == ":":
                if k == 0:
                    return
                if token == ":":
                    speaker = self.gazetteer.lookup(tuple(tokens[:k]))
                    if speaker is not None and speaker.type in ("organization", "person"):
                        return  # "VOA: Do you think ...": an interviewer's label, not a place of filing
                for m in range(k + 1):
                    sentence.consumed[m] = True
                for m in range(k):
                    country = self.gazetteer.lookup((tokens[m],))
                    if country is not None and country.type == "country" and state.home_country is None:
                        state.home_country = country
                if state.home_country is None:
                    capital = self.gazetteer.lookup((tokens[0].title(),))
                    if capital is not None and capital.type == "country":
                        state.home_country = capital
                return
            if token[:1].islower() and token not in ("de", "del", "al", "el", "la", "of", "the"):
                return  # ("GOMA, Democratic Republic of the Congo (Wire) -" is a dateline)

    # -- chunks of capitalized words --------------------------------------------------------------------
    def _parse_chunk(self, sentence: _Sentence, i: int, j: int, state: _DocumentState) -> None:
        """Split the chunk tokens[i:j] into titles, gazetteer hits and unlisted names."""
        gaz, tokens, lower = self.gazetteer, sentence.tokens, sentence.lower
        pieces: list[tuple[int, int, Actor | None, str]] = []
        k = i
        while k < j:
            hit = None
            for length in range(min(gaz.max_length, j - k), 0, -1):
                key = tuple(tokens[k:k + length - 1]) + (_bare(tokens[k + length - 1]),)
                found = gaz.lookup_with_kind(key)
                if found:
                    hit = (k, k + length, found[0], found[1])
                    break
            bare = _bare(tokens[k])
            if hit is not None and hit[1] - hit[0] == 1 and hit[2].type == "person" and bare in state.surnames \
                    and state.surnames[bare] != hit[2].id:
                hit = None  # "Jimmy Lai ... Lai's son": the document's own full name wins over a listed surname
            if hit is None and bare in state.surnames and not (
                    k + 1 < j and _is_name_token(tokens[k + 1]) and lower[k + 1] not in PARTICLES):
                hit = (k, k + 1, state.actors[state.surnames[bare]], "surname")
            if hit is None and gaz.demonym(bare):
                hit = (k, k + 1, gaz.demonym(bare), "demonym")
            if hit is None and bare.endswith("s") and gaz.demonym(bare[:-1]) and not self._attributive(lower, k + 1) \
                    and k > 0 and lower[k - 1] == "the":
                # "the Americans" is the country's side; "many Britons believe" are private people (GUIDELINES §1)
                hit = (k, k + 1, gaz.demonym(bare[:-1]), "people")
            # a listed surname inside an unlisted name is part of that name ("Bandar Abbas", "Jose Ruben Zamora")
            if (hit is not None and hit[2].type == "person" and hit[1] - hit[0] == 1 and pieces and pieces[-1][2] is None
                    and not _title_run_length(lower[pieces[-1][0]:pieces[-1][1]])
                    and lower[pieces[-1][1] - 1] not in PARTICLES and hit[3] != "surname"
                    and not all(w.rstrip(".") in NOT_NAMES for w in lower[pieces[-1][0]:pieces[-1][1]])):  # "When Trump"
                hit = None
            # a listed party or front inside a longer unlisted one is that one ("the National Congress Party" is not
            # India's "Congress Party")
            if (hit is not None and hit[2].type in ("organization", "group") and hit[1] - hit[0] >= 2
                    and _bare(lower[hit[1] - 1]) in ORG_WORDS and pieces and pieces[-1][2] is None
                    and pieces[-1][1] == hit[0] and lower[hit[0] - 1].isalpha() and lower[hit[0] - 1] not in NOT_NAMES
                    and not _title_run_length(lower[pieces[-1][0]:pieces[-1][1]])):
                hit = None
            if hit:
                pieces.append(hit)
                k = hit[1]
            else:
                if pieces and pieces[-1][2] is None:
                    pieces[-1] = (pieces[-1][0], k + 1, None, "unlisted")
                else:
                    pieces.append((k, k + 1, None, "unlisted"))
                k += 1
        pending_affiliation: Actor | None = None
        pending_title = ""
        pending_owner: int | None = None
        skip_next = False
        skip_until = 0
        for index, (a, b, actor, kind) in enumerate(pieces):
            next_piece = pieces[index + 1] if index + 1 < len(pieces) else None
            if skip_next or a < skip_until:
                skip_next = False
                continue
            media_end = self._media_end(lower, b) if actor is not None and actor.type == "country" \
                and kind != "demonym" and _is_possessive(tokens[b - 1]) else 0
            if media_end and (next_piece is None or next_piece[0] >= media_end):
                # "North Korea's state media said": the country's media, one group
                demonym = actor.demonyms[0] if actor.demonyms else actor.name
                self._register(actor, state)
                self._add(sentence, state, a, media_end, self._media(actor, demonym, lower[b:media_end]), "media",
                          strip_possessive=False)
                skip_until = media_end
                pending_title, pending_affiliation, pending_owner = "", None, None
                continue
            # "Mali junta vows" after the name itself (not "United States Court of Appeals")
            institution_after_name = b < len(lower) and lower[b] in BARE_INSTITUTIONS and tokens[b].islower() \
                and kind != "capital" and lower[b + 1:b + 2] != ["of"]
            if actor is not None and actor.type == "country" and (
                    kind == "demonym" or _is_possessive(tokens[b - 1]) or institution_after_name):
                institution_end = self._institution_end(lower, b)
                if institution_end and self._role_follows(lower, institution_end):
                    if self._name_after_title(tokens, lower, institution_end):
                        skip_until = institution_end  # "Brazil's supreme court judge Alexandre de Moraes": the
                        pending_title, pending_affiliation, pending_owner = "", None, None  # person is the actor
                        continue
                    institution_end = 0  # "a foreign ministry spokesman said": the title phrase's
                if institution_end and institution_end < len(lower) and (
                        lower[institution_end] in BODY_MEMBERS or lower[institution_end] in MEMBER_NOUNS
                        or lower[institution_end] in ("parties", "supporters", "figures", "groups")):
                    institution_end = 0  # "Kenyan opposition leaders", "Chinese embassy staff": the people
                if institution_end:  # "China's foreign ministry", "Brazil's top electoral court", "Kenya's High Court"
                    if state.home_country is None:
                        state.home_country = actor
                    # not "an adviser to the Malian foreign ministry, Amara Diallo", nor "Russian central bank assets"
                    compound = institution_end < len(lower) and (
                        lower[institution_end] in INSTITUTION_COMPOUND_NOUNS
                        or (lower[institution_end - 1] == "opposition" and _is_name_token(tokens[institution_end])))
                    # ("Taiwan's main opposition Kuomintang said": the party is the actor)
                    if not _in_role_phrase(sentence, a) and not self._attributive(lower, institution_end, a) \
                            and not compound:
                        demonym = _bare(tokens[a]) if kind == "demonym" else None  # "Philippine National Bank"
                        self._add(sentence, state, a, institution_end,
                                  self._institution(actor, lower[b:institution_end], demonym), "institution")
                    skip_until = institution_end
                    pending_title, pending_affiliation, pending_owner = "", None, None
                    continue
            if actor is None:
                words = lower[a:b]
                title_length = _title_run_length(words)
                if title_length:
                    pending_title = " ".join(_bare(w).rstrip(".") for w in words[:title_length])
                    a += title_length
                    if a >= b:
                        if next_piece is None and pending_affiliation is not None and \
                                (pieces[index - 1][0] == 0 or lower[pieces[index - 1][0] - 1] not in ("a", "an", "one")):
                            # "the U.N. Secretary-General" with no name: the institution speaks
                            prev = pieces[index - 1]
                            self._add(sentence, state, prev[0], prev[1], pending_affiliation, "role")
                            pending_affiliation = None
                        continue
                self._unlisted(sentence, a, b, state, title=pending_title, affiliation=pending_affiliation,
                               owner=pending_owner)
                pending_title, pending_affiliation, pending_owner = "", None, None
                continue
            after_next = pieces[index + 2] if index + 2 < len(pieces) else None
            next_is_name = next_piece is not None and (
                (next_piece[2] is not None and next_piece[2].type == "person")
                or (next_piece[2] is None and self._piece_has_name(lower, tokens, next_piece))
                or (next_piece[2] is None and after_next is not None and _title_run_length(lower[next_piece[0]:next_piece[1]])
                    and (after_next[2] is None or after_next[2].type == "person")))
            lowercase_title_then_name = (b < len(tokens) and not _is_name_token(tokens[b])
                                         and self._name_after_title(tokens, lower, b))
            if actor.type == "person":
                if next_piece is not None and next_piece[2] is None \
                        and _bare(lower[next_piece[1] - 1]) in PLACE_NAME_HEADS:
                    skip_next = True
                    continue  # "Trump Tower", "the Kennedy Center": a place named after the person
                # "Putin's spokesman, Dmitry Peskov", "Guterres' spokesman Stephane Dujarric": the owner is part of the
                # spokesman's role, as in "Kremlin spokesman Dmitry Peskov" (the apostrophe of "Guterres'" is a token)
                apostrophe = b < len(tokens) and tokens[b] in APOSTROPHES \
                    and sentence.spans[b - 1][1] == sentence.spans[b][0]
                if (_is_possessive(tokens[b - 1]) and lowercase_title_then_name) or (
                        apostrophe and self._name_after_title(tokens, lower, b + 1)):
                    continue
                if b < len(lower) and lower[b] == "administration" and not _is_possessive(tokens[b - 1]):
                    # "the Obama administration said": the president's government, as for an unlisted president
                    name = f"{_bare(tokens[b - 1])} administration"
                    self._add(sentence, state, a, b + 1, Actor(slugify(name), name, "organization", actor.affiliation),
                              "administration")
                    pending_title, pending_affiliation = "", None
                    continue
                self._remember_title(actor, pending_title, state)
                self._add(sentence, state, a, b, actor, kind)
                pending_title, pending_affiliation = "", None
                continue
            if kind == "demonym":
                if next_piece is not None and next_piece[2] is None and self._organization_name(lower, next_piece):
                    # "Kurdish Center for Studies", "Russian Defence Ministry": the adjective is part of the name
                    self._unlisted(sentence, a, next_piece[1], state, affiliation=actor)
                    skip_next = True
                    continue
                if next_is_name or lowercase_title_then_name:
                    pending_affiliation = actor
                    continue
                self._demonym_group(sentence, state, a, b, j, actor)
                continue
            if next_is_name or lowercase_title_then_name:
                pending_affiliation = actor
                pending_owner = a if _is_possessive(tokens[b - 1]) else None
                continue
            if _is_possessive(tokens[b - 1]) and next_piece is not None and next_piece[2] is None and any(
                    _bare(w) in ORG_WORDS for w in lower[next_piece[0]:next_piece[1]]):
                pending_affiliation, pending_owner = actor, a  # "Peru's Health Ministry"
                continue
            if actor.type == "country" and not _is_possessive(tokens[b - 1]) and next_piece is not None \
                    and next_piece[2] is None and _bare(lower[next_piece[1] - 1]) in ORG_WORDS \
                    and not _title_run_length(lower[next_piece[0]:next_piece[1]]):
                # "U.S. Central Command", "Pakistan Army": one organization of that country
                self._unlisted(sentence, a, next_piece[1], state, affiliation=actor)
                skip_next = True
                continue
            if pending_affiliation is not None and pending_affiliation.type == "country" and actor.type != "country" \
                    and actor.affiliation not in (None, pending_affiliation.name) and index > 0 \
                    and _is_possessive(tokens[pieces[index - 1][1] - 1]):
                name = f"{pending_affiliation.name} {' '.join(tokens[a:b - 1] + [_bare(tokens[b - 1])])}"
                self._add(sentence, state, a, b, Actor(slugify(name), name, actor.type, pending_affiliation.name), "local")
                pending_affiliation = None
                continue
            if actor.type == "country" and kind in ("name", "alias") and index > 0 and pieces[index - 1][2] is None \
                    and not _title_run_length(lower[pieces[index - 1][0]:pieces[index - 1][1]]) \
                    and not all(w in NOT_NAMES for w in lower[pieces[index - 1][0]:pieces[index - 1][1]]):
                continue  # "Northern Ireland", "Bolshevik Russia": part of a longer name
            if actor.type == "country" and kind != "demonym" and b == j and not _is_possessive(tokens[b - 1]) \
                    and self._country_s_people(sentence, state, a, b, actor):
                pending_affiliation = None
                continue  # "U.S. officials said", "a senior U.S. official said"
            if actor.type in ("organization", "group") and not _is_possessive(tokens[b - 1]):
                members_end = self._members_end(lower, b)
                if members_end and (b == j or members_end == j):
                    # "EU leaders", "Labour MPs", "NATO foreign ministers": a group of the body's people
                    skip_until = members_end
                    name = " ".join(tokens[a:b] + lower[b:members_end - 1] + [tokens[members_end - 1]])
                    members = Actor(slugify(name), name, "group", actor.affiliation)  # a country or None
                    self._register(actor, state)  # the body itself stays known: "the bloc", "the alliance" later
                    self._add(sentence, state, a, members_end, members, "members")
                    pending_affiliation = None
                    continue
            if not self._is_agent(sentence, a, b, actor, kind, state):
                continue
            self._add(sentence, state, a, b, actor, kind)
            pending_affiliation = None

    @staticmethod
    def _members_end(lower: list[str], b: int) -> int:
        """Where a plural noun of a body's people after its name ends ("leaders", "foreign ministers", "MPs"), or 0."""
        k = b + 1 if b + 1 < len(lower) and lower[b] in MEMBER_MODIFIERS else b
        if k < len(lower) and lower[k] in BODY_MEMBERS and (k + 1 >= len(lower) or lower[k + 1] not in ("of", "'s")):
            return k + 1
        return 0

    @staticmethod
    def _institution_end(lower: list[str], b: int) -> int:
        """Where a state institution named by its field after a country ends ("foreign ministry", "Home Affairs
        Ministry", "top electoral court", "central bank"), or 0."""
        k = b
        while k < len(lower) and k - b < 3 and lower[k] in INSTITUTION_FIELD_WORDS:
            k += 1
        if k >= len(lower) or _bare(lower[k]) not in INSTITUTION_FIELDS:
            return 0
        if k == b and _bare(lower[k]) not in BARE_INSTITUTIONS:
            return 0  # "Mongolia's parliament", but not "China's ministry"
        if not INSTITUTION_FIELDS[_bare(lower[k])].issuperset(lower[b:k]):
            return 0
        return k + 1

    @staticmethod
    def _role_follows(lower: list[str], end: int) -> bool:
        """Whether a role word follows an institution ("foreign ministry spokesman", "supreme court judge")."""
        return end < len(lower) and (lower[end] in TITLE_HEADS or lower[end] in INSTITUTION_ROLE_WORDS)

    def _institution(self, country: Actor, words: list[str], demonym: str | None = None) -> Actor:
        """The institution of ``country`` named by ``words`` ("foreign ministry"): the listed one if any ("Chinese
        Foreign Ministry"), else "<demonym> <Name>", or lowercase when a word only describes it ("Brazilian top
        electoral court"); ``demonym`` is the one written, if any."""
        demonym = demonym or (country.demonyms[0] if country.demonyms else country.name)
        words = words[:-1] + [_bare(words[-1])]
        if words[-1] in LOWERCASE_INSTITUTIONS or words == ["court"]:
            name = " ".join([demonym] + words)  # "Kenyan police", "Malian junta", "Georgian opposition"
            return Actor(slugify(name), name, "group" if words[-1] == "opposition" else "organization", country.name)
        if DESCRIPTIVE_FIELD_WORDS.isdisjoint(words):
            words = [w.capitalize() for w in words]
            listed = self.gazetteer.lookup(tuple([demonym] + words))
            if listed is not None:
                return listed
        name = " ".join([demonym] + words)
        return Actor(slugify(name), name, "organization", country.name)

    @staticmethod
    def _organization_name(lower, piece) -> bool:
        """Whether the unlisted piece is an organization name with no title in it ("Center for Studies")."""
        words = lower[piece[0]:piece[1]]
        if _title_run_length(words):
            return False
        head = words[words.index("of") - 1] if "of" in words[1:] else \
            words[words.index("for") - 1] if "for" in words[1:] else words[-1]
        return _bare(head) in ORG_WORDS

    def _piece_has_name(self, lower, tokens, piece) -> bool:
        a, b = piece[0], piece[1]
        first = a + _title_run_length(lower[a:b])
        if first >= b or lower[first] in NOT_NAMES or (b - first == 1 and (
                _bare(lower[first]) in SERVICE_LANGUAGES or _bare(lower[first]) in MEMBER_NOUNS)):
            return False  # "told VOA Mandarin", "Labour MPs": a language service or members, not a person's name
        if _bare(lower[first]) not in common_words():
            return True
        return b - first >= 2 and _bare(lower[b - 1]) not in common_words()  # "Mark Esper", "Will Hurd"

    def _name_after_title(self, tokens, lower, b) -> bool:
        """Whether a title run at ``b`` is followed by a person's name: "foreign minister Sergei Lavrov", also with a
        comma ("new prime minister, Ola Brekke") or "of staff" ("army chief of staff Ri Song Gil")."""
        length = _title_run_length(lower[b:b + 4])
        if not length:
            return False
        k = b + length
        if k + 1 < len(tokens) and lower[k] == "of" and lower[k + 1] == "staff":
            k += 2
        if k < len(tokens) and lower[k] == ",":
            k += 1
        return k < len(tokens) and _is_name_token(tokens[k]) and lower[k] not in NOT_NAMES

    def _country_s_people(self, sentence: _Sentence, state: _DocumentState, a: int, b: int, country: Actor) -> bool:
        """'a senior Israeli official said', 'U.S. officials said': an unnamed official of the country ("Israeli
        official", a group actor as GUIDELINES section 2 names it), or its officials when the country is named, not
        written as a demonym (those are :meth:`_demonym_group`'s). Whether it added one."""
        tokens, lower = sentence.tokens, sentence.lower
        if b >= len(lower):
            return False
        written = " ".join(tokens[a:b])
        if lower[b] == "official":
            k = a - 1
            while k >= 0 and lower[k] in _OFFICIAL_RANKS:
                k -= 1
            if k < 0 or lower[k] not in ("a", "an", "one", "another"):
                return False
            name = f"{written} official"  # GUIDELINES section 2: "a U.S. official" is the group "U.S. official"
            self._register(country, state)
            self._add(sentence, state, k + 1, b + 1, Actor(slugify(name), name, "group", country.name), "official")
            return True
        if lower[b] in COUNTRY_PEOPLE and country.demonyms and _bare(tokens[a]) not in country.demonyms:
            name = f"{written} {lower[b]}"
            self._register(country, state)
            self._add(sentence, state, a, b + 1, Actor(slugify(name), name, "group", country.name), "country people",
                      strip_possessive=False)
            return True
        return False

    def _demonym_group(self, sentence: _Sentence, state: _DocumentState, a: int, b: int, j: int, country: Actor) -> None:
        """'Chinese officials' -> the group 'Chinese officials'; 'the Chinese government' -> China; 'Russian forces'
        -> the group 'Russian forces'; 'Russian oil' -> nothing."""
        if b != j:
            return
        lower = sentence.lower
        if self._country_s_people(sentence, state, a, b, country):
            return
        for k in range(b, min(b + 3, len(lower))):
            word = lower[k]
            if word in GROUP_NOUNS_COUNTRY:
                if k == b and word in COUNTRY_PEOPLE:  # "Turkish officials", "European diplomats": a group (GUIDELINES §1)
                    name = f"{sentence.tokens[a]} {word}"
                    self._register(country, state)
                    self._add(sentence, state, a, k + 1, Actor(slugify(name), name, "group", country.name),
                              "demonym people", strip_possessive=False)
                    return
                self._add(sentence, state, a, b, country, "demonym group")
                return
            if word in GROUP_NOUNS_FORCES:
                after = lower[k + 1] if k + 1 < len(lower) else "."
                # a plural ("Kurdish forces edge towards") is never a modifier; "Russian military" may be one
                if word in ("forces", "troops") or not after.isalpha() or verb_like(after) \
                        or after in ("and", "in", "on", "near", "who", "that"):
                    forces = Actor(f"{country.id}_forces", f"{sentence.tokens[a]} forces", "group", country.name)
                    self._add(sentence, state, a, k + 1, forces, "demonym forces", strip_possessive=False)
                return
            if word in GROUP_NOUNS_ARMED:
                group = Actor(f"{country.id}_{word}", f"{sentence.tokens[a]} {word}", "group", country.name)
                self._add(sentence, state, a, k + 1, group, "demonym group", strip_possessive=False)
                return
            if word in DEMONYM_GROUP_NOUNS and self._group_acts(lower, k + 1):
                # "Turkish farmers", "Israeli anti-war protesters"
                name = f"{sentence.tokens[a]} {' '.join(lower[b:k + 1])}"
                self._add(sentence, state, a, k + 1, Actor(slugify(name), name, "group", country.name), "demonym group",
                          strip_possessive=False)
                return
            if word in MEDIA_NOUNS and self._media_end(lower, b) == k + 1:
                self._add(sentence, state, a, k + 1, self._media(country, sentence.tokens[a], lower[b:k + 1]),
                          "demonym media", strip_possessive=False)
                return
            if not word.isalpha() or verb_like(word) or _is_name_token(sentence.tokens[k]):
                return

    @staticmethod
    def _group_acts(lower: list[str], end: int) -> bool:
        """Whether the group that ends before ``end`` acts or speaks: a verb follows it ("Turkish farmers warned"), also
        after a place ("Israeli protesters in Haifa blocked")."""
        k = end
        if k + 1 < len(lower) and lower[k] in ("in", "from", "at") and lower[k + 1][:1].isalpha():
            k += 2
            while k < len(lower) and lower[k][:1].isalpha() and not verb_like(lower[k]) and lower[k] not in AUXILIARIES:
                k += 1
        after = lower[k] if k < len(lower) else ""
        # (headlines: "Kazakh miners demand safety overhaul", "German industry urges Berlin to resist")
        return after in AUXILIARIES or verb_like(after) or after in SPEECH_VERBS or _plain_verb(lower, k) \
            or _present_verb(lower, k)

    @staticmethod
    def _media_end(lower: list[str], b: int) -> int:
        """Where the media named after a country end ("state media", "state television", "official media outlets"),
        or 0; not "press conference"."""
        end = 0
        for k in range(b, min(b + 3, len(lower))):
            if lower[k] in MEDIA_NOUNS and MEDIA_QUALIFIERS.issuperset(lower[b:k]) and not (
                    k + 1 < len(lower) and lower[k + 1] in NOT_AFTER_PRESS):
                end = k + 1  # the longest: "state media outlets"
            if lower[k] not in MEDIA_QUALIFIERS:
                break
        return end

    def _find_home_media(self, sentence: _Sentence, state: _DocumentState) -> None:
        """'BEIJING (Wire) - ..., state media said': the story's country's state media, when they report or are cited."""
        lower, consumed, country = sentence.lower, sentence.consumed, state.home_country
        if country is None or "state" not in lower:
            return
        for k in range(len(lower) - 2):
            if lower[k] != "state" or lower[k + 1] not in MEDIA_NOUNS or consumed[k] or consumed[k + 1]:
                continue
            after = lower[k + 2]
            cited = k >= 2 and lower[k - 2:k] == ["according", "to"]
            if cited or after in SPEECH_VERBS or after in ("reported", "reports", "showed", "shows", "quoted", "aired"):
                demonym = country.demonyms[0] if country.demonyms else country.name
                self._add(sentence, state, k, k + 2, self._media(country, demonym, lower[k:k + 2]), "home media")

    @staticmethod
    def _media(country: Actor, demonym: str, words: list[str]) -> Actor:
        """A country's media as one group ("Iranian state media", "Chinese state television")."""
        return Actor(f"{country.id}_{'_'.join(words)}", " ".join([demonym] + words), "group", country.name)

    def _is_agent(self, sentence: _Sentence, a: int, b: int, actor: Actor, kind: str, state: _DocumentState) -> bool:
        """Whether a country, capital or institution mention is an actor here, not a place or an adjective."""
        tokens, lower = sentence.tokens, sentence.lower
        if _in_hyphen_compound(sentence, a, b):
            # "U.S.-Japan alliance", "U.S.-designated": part of a modifier; but a state that backs or leads acts
            # ("US-backed rebels", "the US-led coalition")
            return (actor.type == "country" and kind != "capital" and b + 1 < len(lower) and lower[b] == "-"
                    and lower[b + 1] in AGENT_COMPOUND_HEADS)
        before = lower[a - 1] if a > 0 else ""
        before2 = lower[a - 2] if a > 1 else ""
        after = lower[b] if b < len(lower) else ""
        possessive = _is_possessive(tokens[b - 1])
        if _qualifies_person_title(sentence, a, b):
            return False  # "Taliban Foreign Ministry spokesman Abdul Balkhi": the person is the actor
        if actor.type == "country":
            if _in_role_phrase(sentence, a):
                sentence.skipped_places.append(b)  # "a correspondent in Moscow, Paris and Washington"
                return False  # "Recep Tayyip Erdogan, the president of Turkey": the country in a person's role
            place = before in LOCATIVE or before in REGION_WORDS or before in TOPIC_PREPOSITIONS \
                or (before in COMPASS_POINTS and tokens[a - 1].islower()) \
                or (before == "the" and before2 in LOCATIVE) or (before == "of" and before2 in PLACE_OF_NOUNS) \
                or (before == "the" and before2 == "of" and a > 2 and lower[a - 3] in PLACE_OF_NOUNS) \
                or self._place_or_topic_after(lower, a)
            if place and (_addressed(lower, a) or (_relative_clause_subject(lower, b) and not _after_in(lower, a)) or (
                    _stance_target(lower, a) and not _title_run_length(lower[b:b + 4]))):
                # "talking to the U.S.", "a threat from China", "a gesture to Turkey, which has long viewed": the country
                # is addressed or acts
                place = False
            if not place and before in (",", "and", "or") and sentence.skipped_places and sentence.skipped_places[-1] == a - 1 \
                    and not (before == "," and _finite_verb(after)):
                place = True  # "ministers from Britain, Canada and France" (but "in northern Syria, Turkey has taken")
            if not place and before == "," and a > 2 and _is_name_token(tokens[a - 2]) \
                    and not sentence.consumed[a - 2] and not possessive and not after[:1].isalnum() \
                    and lower[a - 2] not in NOT_NAMES and not self._known(tokens[a - 2]):
                place = True  # "an attack in Benghazi, Libya, ...", "Northcote, Victoria, Australia": the town's
                # country
            if not place and kind == "capital" and (before in ("capital", "city") or (
                    before == "," and before2 in ("capital", "city"))):
                place = True  # "the Czech capital, Prague": the city itself
            if place:
                sentence.skipped_places.append(b)
                return False
            if possessive and after in COUNTRY_ATTRIBUTES:
                return False  # "Syria's borders", "Japan's economy", "Britain's biggest union": the country as a whole
            if not possessive and after in GENERIC_ADJECTIVES and _qualifies_next(lower, b):
                return False  # "the US military presence": the country qualifies a military noun
            if before in ("a", "an") and not possessive and not _title_run_length(lower[b:b + 4]) \
                    and after not in GROUP_NOUNS_COUNTRY and after not in GROUP_NOUNS_FORCES:
                return False  # "a U.S. radar base", "a London hospice" (but "a U.S. official said")
            if kind == "capital" and not possessive:
                if tokens[a].isupper() and len(tokens[a]) > 3:
                    return False
                if after == "," and b + 1 < len(tokens) and _is_name_token(tokens[b + 1]) \
                        and not self._known_person(tokens[b + 1]) and not self._capital(tokens[b + 1]):
                    return False  # "Jeddah, Saudi Arabia" (but "Moscow, Tehran and Ankara closed in")
                if before == "," and a > 1 and _is_name_token(tokens[a - 2]) and not self._capital(tokens[a - 2]):
                    return False  # "Greenwich, London"
            if not possessive and before == "and" and self._joins_a_subject(sentence, a):
                return True  # "Russia and Ukraine swap 300 prisoners": the second of two subjects
            return possessive or not self._attributive(lower, b, a)
        # institutions and groups
        if actor.type == "organization" and self._venue(lower, a):
            return False  # "said on CNN", "speaking on the BBC": a broadcaster as the place where someone speaks
        if actor.type == "organization" and _in_role_phrase(sentence, a):
            return False  # "Gregory Brew, an analyst at the Eurasia Group": the person's employer, not an actor here
        if actor.affiliation is None and actor.type != "group" and (
                before in ORG_PLACE_PREPOSITIONS or (before == "the" and before2 in ORG_PLACE_PREPOSITIONS)):
            return False  # "workers from outside the EU" (but joining an armed group is no place: "joined Isis")
        if before in BUILDING_PREPOSITIONS or (before == "the" and before2 in BUILDING_PREPOSITIONS):
            named = f"{actor.name} {' '.join(lower[a:b])}".lower()
            if actor.type == "organization" and any(w in named for w in BUILDING_NAME_WORDS):
                return False  # "at the White House", "in Westminster": the building or the place
        if before in ("a", "an") and after.isalpha() and not verb_like(after):
            return False  # "a U.N. mandate"
        if actor.type == "group":
            return True  # "Isis fighters", "Taliban rule": an armed group or movement named as a modifier still acts
        return possessive or not self._attributive(lower, b, a)

    @staticmethod
    def _joins_a_subject(sentence: _Sentence, a: int) -> bool:
        """Whether the name at ``a`` follows "and" after a one-word country that opens the sentence or clause and was
        found as an actor ("Russia and Ukraine swap prisoners", "Seoul and Tokyo agree ...")."""
        if a < 2 or not sentence.mentions:
            return False
        last = sentence.mentions[-1]
        first = a - 2
        if (last.start, last.end) != sentence.spans[first] or last.actor.type != "country":
            return False
        return first == 0 or sentence.lower[first - 1] in (";", ":", '"', "\u201c") \
            or sentence.lower[first - 1] in SUBORDINATORS

    @staticmethod
    def _inside(lower: list[str], a: int) -> bool:
        """Whether the name at ``a`` follows "in" or "at", with or without "the" ("in [the] ..."), but not after people
        who work there ("doctors at", "researchers at the")."""
        k = a - 1
        if k >= 1 and lower[k] == "the":
            k -= 1
        if k < 0 or lower[k] not in ("in", "at", "inside", "outside"):
            return False
        people = lower[k - 1] if k >= 1 else ""
        return not (people in _PEOPLE_NOUNS or people.endswith(("ers", "ists", "ors", "ians")))

    @staticmethod
    def _venue(lower: list[str], a: int) -> bool:
        """Whether the name at ``a`` follows "on" after a verb of speaking or appearing ("said on [the] ...")."""
        k = a - 1
        if k >= 0 and lower[k] == "the":
            k -= 1
        return k >= 1 and lower[k] == "on" and lower[k - 1] in VENUE_VERBS

    @staticmethod
    def _place_or_topic_after(lower: list[str], a: int) -> bool:
        """Whether the country at ``a`` follows a noun or verb and a preposition that make it a place or a topic: "the
        border with Syria", "left for Britain", "the war on Iraq", "a summit on Syria"."""
        k = a - 1
        if k >= 0 and lower[k] == "the":
            k -= 1
        governors = PLACE_GOVERNORS.get(lower[k]) if k >= 1 else None
        return governors is not None and lower[k - 1] in governors

    @staticmethod
    def _attributive(lower: list[str], b: int, a: int | None = None) -> bool:
        """Whether the name that ends before ``b`` modifies a noun ("EU pork imports", "U.S. military operations")."""
        after = lower[b] if b < len(lower) else ""
        if after in REPORTING_NOUNS:
            return False  # "a VOA analysis", "a Reuters report": the outlet reports
        if any(word in DESCRIPTOR_HEADS for word in lower[b:b + 3]) and all(w.isalpha() for w in lower[b:b + 2]):
            return False  # "the OPCW chemical weapons watchdog", "the Islamic State terrorist group": the name itself
        before = lower[a - 1] if a else ""
        after2 = lower[b + 1] if b + 1 < len(lower) else ""
        # at a clause start ("Isis fights", "that Moscow wants") a word in -s is a verb; after "the" or a verb it is a noun
        clause_start = a is None or not before.isalpha() or before in ("and", "or") or before in SUBORDINATORS \
            or (before == "with" and after.endswith("ing") and after2[:1].isalnum())  # "with Ukraine reporting 160"
        # "the challenges China brings to", "says Moscow wants a deal", "demanded that Beijing remove them", "the Tories
        # taking us back": a word in -s, a base form or an -ing form with an object or "to" after it, or at a clause start
        verb = present_verb_like(after) or _plain_verb(lower, b) if clause_start or after2 in OBJECT_STARTERS \
            else verb_like(after)
        if not verb and before == "the" and after.endswith("s"):
            verb = _present_verb(lower, b)  # "the U.S. expects more talks", "the UK pays twice as much"
        if not verb and (before in CAUSATIVE_VERBS or (before == "the" and a > 1 and lower[a - 2] in CAUSATIVE_VERBS)):
            verb = _plain_verb(lower, b)  # "seen China rolling out", "help Pakistan pay for", "let the Tories take"
        if after == "no" and after2 == "longer":
            return False  # "Iran no longer faces the threat"
        return (after.isalpha() and after in common_words() and not verb and not _adverb(after)
                and after not in GROUP_NOUNS_COUNTRY and after not in MEMBER_NOUNS and after not in FUNCTION_WORDS
                and not _title_run_length(lower[b:b + 3]))

    def _capital(self, token: str) -> bool:
        found = self.gazetteer.lookup_with_kind((_bare(token),))
        return found is not None and found[1] == "capital"

    def _known_person(self, token: str) -> bool:
        actor = self.gazetteer.lookup((_bare(token),))
        return actor is not None and actor.type == "person"

    def _unlisted(self, sentence: _Sentence, a: int, b: int, state: _DocumentState, title: str = "",
                  affiliation: Actor | None = None, owner: int | None = None) -> None:
        """Decide whether the name tokens[a:b] (in no list) is an actor, and which kind. ``owner`` is where a possessive
        owner of an organization name starts ("Peru's" in "Peru's Health Ministry"): the mention is the whole name
        (GUIDELINES §3)."""
        if not self.find_unlisted:
            return
        tokens, lower = sentence.tokens, sentence.lower
        organization = _bare(lower[b - 1]) in ORG_WORDS
        while a < b and ((lower[a].rstrip(".") in NOT_NAMES and _bare(lower[a]) not in TITLE_HEADS
                          and not (organization and lower[a] in NAME_WORDS)) or lower[a] in PARTICLES):
            a += 1  # (but "the Human Rights Campaign", "the Central Bank" keep their first words)
        while b > a and lower[b - 1] in PARTICLES:
            b -= 1
        while b - a > 2 and lower[a] in PERSON_DESCRIPTORS and not organization and not any(
                w in PARTICLES or _bare(w) in ORG_WORDS for w in lower[a + 1:b]):
            a += 1  # "Republican Winsome Earle-Sears", "Rival Peter Varga said": the person's name without the word
        if a >= b or (a > 1 and (lower[a - 1] == "on" or lower[a - 1] == "the" and lower[a - 2] == "on")
                      and self._venue(lower, a)):
            return  # ("said on ABC News", "in an interview on the PBS program")
        if b - a == 1 and a > 0 and lower[a - 1] == "the" and _bare(tokens[a]) in NEWSPAPER_NAMES and not title \
                and (b == len(lower) or _bare(lower[b]) not in TITLE_HEADS):  # (not "The Spectator editor")
            self._add(sentence, state, a, b, self._newspaper(_bare(tokens[a]), state), "newspaper")
            return
        words = lower[a:b]
        if "and" in words and not any(_bare(w) in ORG_WORDS for w in words):
            cut = a + words.index("and")
            self._unlisted(sentence, a, cut, state, title, affiliation)
            self._unlisted(sentence, cut + 1, b, state)
            return
        if not title:
            # a title inside the chunk: "Taichung Mayor Lu Shiow-yen", "Parliament Speaker Nabih Berri"
            for k in range(0, b - a - 1):  # also after a stripped opener: "But Mr. Stone"
                length = _title_run_length(words[k:])
                if length and a + k + length < b:
                    title = " ".join(_bare(w).rstrip(".") for w in words[k:k + length])
                    a += k + length
                    words = lower[a:b]
                    break
        if "of" in words[1:-1] and self._home_state(tokens, lower, b - 1) \
                and not any(_bare(w) in ORG_WORDS for w in words):
            b = a + words.index("of")  # "Representative Joseph Crowley of New York": the person, without the state
            words = lower[a:b]
        if "of" in words[2:4] and self._rare_full_name(tokens[a:a + words.index("of")]) \
                and _bare(words[words.index("of") - 1]) not in ORG_WORDS \
                and not any(_bare(w) in PEERAGE_TITLES for w in words[:words.index("of")]):  # (not "Lord Irvine of Lairg")
            # "analyst Atilla Yesilada of Global Source Partners": the person, then the employer in the person's role
            cut = a + words.index("of")
            self._unlisted(sentence, a, cut, state, title, affiliation)
            self._unlisted(sentence, cut + 1, b, state)
            return
        head = words[words.index("of") - 1] if "of" in words[1:] else words[words.index("for") - 1] if "for" in words[1:] else words[-1]
        org_word = _bare(head) in ORG_WORDS
        if org_word:
            if _bare(head) in PLACE_ORG_HEADS and self._inside(lower, a):
                return  # "a speech at Stanford University", "in the High Court": the building or campus
            if b - a >= 2 and not (b - a == 2 and words[0] in ("the", "a")) and not _in_role_phrase(sentence, a) \
                    and not _qualifies_person_title(sentence, a, b):
                kind = "group" if _bare(words[-1]) in GROUP_WORDS else "organization"
                name = sentence.text[sentence.spans[a][0]:sentence.spans[b - 1][0]] + _bare(tokens[b - 1])
                start = owner if owner is not None and owner < a and not any(sentence.consumed[owner:a]) else a
                self._add(sentence, state, start, b, Actor(slugify(name), name, kind,
                                                           affiliation.affiliation if affiliation else None),
                          "unlisted organization")
            return
        if not all(_is_name_token(t) or t.lower() in PARTICLES for t in tokens[a:b]) or b - a > 4:
            return
        after = lower[b] if b < len(lower) else ""
        if self._described_body(sentence, a, b):
            # "rights group SaferNet Brasil backed", "refiner Reliance Industries said", "the Vooruit party": the kind
            # of body is written next to the name
            name = " ".join(tokens[a:b - 1] + [_bare(tokens[b - 1])])
            kind = "group" if lower[a - 1] in ("militia", "movement") else "organization"
            self._add(sentence, state, a, b, Actor(slugify(name), name, kind,
                                                   affiliation.affiliation if affiliation else None), "unlisted organization")
            if b - a == 1:
                state.surnames.setdefault(name, slugify(name))  # later "Petrobras said" alone is the same body
            return
        if b - a == 1 and tokens[a].isupper() and tokens[a].isalpha() and 2 < len(tokens[a]) <= 7:
            spelled_out = self._spelled_out(tokens[a], state)
            if spelled_out is not None:  # "the National Congress Party ... the NCP": the same party, in any role
                self._add(sentence, state, a, b, spelled_out, "acronym")
                state.surnames.setdefault(tokens[a], spelled_out.id)
                return
        if b - a == 1 and tokens[a].isupper() and tokens[a].isalpha() and 2 < len(tokens[a]) <= 7 and (
                present_verb_like(after) or after in ORG_WORDS or after in SPEECH_VERBS):
            name = tokens[a]
            self._add(sentence, state, a, b, Actor(slugify(name), name, "organization",
                                                   affiliation.affiliation if affiliation else None), "acronym")
            state.surnames.setdefault(name, slugify(name))  # later "the CSA's performance" is the same body
            return
        before = lower[max(0, a - 4):a]
        after = lower[b] if b < len(lower) else ""
        single = b - a == 1
        if single and after == "administration" and a > 0 and lower[a - 1] == "the":
            name = f"{tokens[a]} administration"  # "the Reagan administration": a president's government
            self._add(sentence, state, a, b + 1, Actor(slugify(name), name, "organization", None),
                      "unlisted organization")
            return
        if single and self.gazetteer.demonym(_bare(tokens[a])[:-1]):
            return  # "Many Britons believe": private people of a country, not an actor
        if single and (_bare(words[0]) in common_words() or _bare(words[0]) in NOT_NAMES or len(words[0]) < 2):
            if not title:
                return
        if not title and before and not (a > 0 and (_is_name_token(tokens[a - 1]) or _is_possessive(tokens[a - 1]))):
            length = 0  # (but "the president's Asia trip": a title that owns something is no title of the name)
            for k in range(len(before)):
                if _title_run_length(before[k:]) == len(before) - k:
                    length = len(before) - k
                    break
            if length:
                title = " ".join(_bare(w).rstrip(".") for w in before[-length:])
        if not title and b - a >= 2 and a > 1 and lower[a - 1] == ",":
            # "the Danish trade minister, Sofie Lundgaard, said", "His mother, Jane Lyndon,"
            title = lower[a - 2] if lower[a - 2] in RELATIVE_NOUNS else self._title_before(lower, a - 1)
        if all(_bare(w) in common_words() for w in words) and title not in HONORIFICS:
            return  # "the General Election": a title word before an ordinary noun (but "Mr. Stone", "Dr Brown" are people)
        apposition = self._apposition(tokens, lower, b)
        # "Liz Cheney reportedly said", "Jane Doe later told": the predicate after an adverb
        predicate = lower[b + 1] if b + 1 < len(lower) and after.endswith("ly") and _adverb(after) else after
        speaker = predicate in SPEECH_VERBS or (a > 0 and lower[a - 1] in SPEECH_VERBS and after in (".", ",", "", "on", "in", "at", "during", "after"))
        known_first_name = b - a >= 2 and tokens[a] in self.gazetteer.first_names
        # "Mitt Romney is opposed", "Hillary Clinton's emails", "Elena Kagan and Sonia Sotomayor", "Issam Fares, a
        # Lebanese citizen": a full name of rare words that acts, owns something, or stands in a list or an apposition
        of_employer = after == "of" and self._name_follows(tokens, lower, b + 1)  # "Oaitse Nawa of the Elephant ..."
        full_name_acts = (verb_like(predicate) or _is_possessive(tokens[b - 1]) or after in (",", "and") or of_employer) \
            and after not in CREDIT_VERBS and self._rare_full_name(tokens[a:b])
        if not (title or apposition or speaker or known_first_name or full_name_acts):
            return
        if lower[b - 1].rstrip(".") in COMPANY_SUFFIXES:
            return  # "Walt Disney Co said", "Sumitomo Bank Ltd": a firm's legal name in business news, never a person
        if not title and a > 0 and (lower[a - 1] in LOCATIVE or (
                lower[a - 1] == "of" and a > 1 and lower[a - 2] in PLACE_OF_NOUNS)):
            return  # "people from Ghouta said", "those inside Afrin say", "the province of Nangarhar": a place
        if single and self._home_state(tokens, lower, a):
            return  # "Senator Chuck Schumer of New York", "Jackie Speier, Democrat of California": the member's state
        if single and b < len(lower) and not _is_possessive(tokens[a]) and (
                _bare(lower[b]) in TITLE_HEADS or (title in ADJECTIVE_TITLES and _modifies_noun(lower[b]))):
            return  # "the chief Brexit negotiator", "the official English name": the word qualifies a noun
        if not title and not apposition and a > 0 and lower[a - 1] == "the":
            # "the Guardian said", "the Jairan reported": a name with "the" is a body (or a ship), not a person whose
            # surname would be looked for later in the document
            name = " ".join(tokens[a:b - 1] + [_bare(tokens[b - 1])])
            self._add(sentence, state, a, b, Actor(slugify(name), name, "organization",
                                                   affiliation.affiliation if affiliation else None), "unlisted organization")
            return
        name = " ".join(tokens[a:b - 1] + [_bare(tokens[b - 1])])
        actor = Actor(slugify(name), name, "person", affiliation.affiliation if affiliation else None,
                      titles=(title,) if title else ())
        self._add(sentence, state, a, b, actor, "unlisted person")
        self._remember_title(state.actors.get(actor.id, actor), title or (apposition if apposition != "?" else ""), state)

    @staticmethod
    def _described_body(sentence: _Sentence, a: int, b: int) -> bool:
        """Whether the name tokens[a:b] follows or precedes a lower-case noun that says what kind of body it is
        ("rights group SaferNet Brasil", "the Perikatan Nasional bloc said"), and is not a person's title word ("party
        leader Ana Lopez")."""
        tokens, lower = sentence.tokens, sentence.lower
        before = tokens[a - 1] if a > 0 else ""
        after = tokens[b] if b < len(tokens) else ""
        if before in ORG_DESCRIPTORS:
            # (not "party leader Ana Lopez", "the free movement Schengen zone")
            return not (b < len(lower) and (_bare(lower[b]) in TITLE_HEADS or ActorFinder._attributive(lower, b, a)))
        if after == "," and not (a > 0 and (lower[a - 1] in LOCATIVE or lower[a - 1] == "of")):
            # "Nordic Pipeline Services, the operator of several links, said", "Copa-Cogeca, the EU-wide farm lobby,"
            # (but not "At Gatwick, the company has", "north of Raqqa, a small group of women")
            k = b + 1 + (b + 1 < len(lower) and lower[b + 1] in ("a", "an", "the"))
            for x in range(k, min(k + 4, len(lower))):
                word = lower[x]
                if not word.isalpha() and "-" not in word or _bare(word) in TITLE_HEADS:
                    return False
                if word in ORG_DESCRIPTORS:
                    return k > b + 1 and not (word == "group" and x + 1 < len(lower) and lower[x + 1] == "of")
            return False
        return after in _BODIES_NAMED_BEFORE and b + 1 < len(lower) and (
            verb_like(lower[b + 1]) or lower[b + 1] in AUXILIARIES or lower[b + 1] == ",")

    @staticmethod
    def _spelled_out(acronym: str, state: _DocumentState) -> Actor | None:
        """The organization or group named so far whose initials are ``acronym`` ("National Congress Party" for
        "NCP"), if exactly one."""
        matches = [actor for actor in state.actors.values() if actor.type in ("organization", "group")
                   and "".join(w[0] for w in actor.name.replace("-", " ").split()
                               if w.lower() not in _ACRONYM_SKIPPED and w[0].isalpha()).upper() == acronym]
        return matches[0] if len(matches) == 1 else None

    @staticmethod
    def _rare_full_name(tokens: list[str]) -> bool:
        """Whether ``tokens`` are two or more words that are no ordinary words ("Atilla Yesilada", not "Resource-rich
        Balochistan" or "Supreme Court"), with no possessive inside."""
        return len(tokens) >= 2 and not any(_is_possessive(t) for t in tokens[:-1]) and not any(
            _bare(w) in common_words() or _bare(w).rstrip(".") in NOT_NAMES
            or all(part in common_words() for part in _bare(w).split("-")) for w in (t.lower() for t in tokens))

    @staticmethod
    def _name_follows(tokens: list[str], lower: list[str], k: int) -> bool:
        """Whether a capitalized name starts at ``k``, after an optional "the"."""
        if k < len(lower) and lower[k] == "the":
            k += 1
        return k < len(tokens) and _is_name_token(tokens[k]) and lower[k] not in NOT_NAMES

    @staticmethod
    def _home_state(tokens: list[str], lower: list[str], a: int) -> bool:
        """Whether the name at ``a`` follows "of" after a person's name or party ("Nancy Pelosi of California",
        "Republican of Texas", "Chuck Schumer of New York"), so that it names the state the person comes from."""
        k = a - 1
        if k >= 0 and lower[k] in COMPASS_POINTS | {"new"} and tokens[k][:1].isupper():
            k -= 1  # "of New York", "of West Virginia"
        if k < 1 or lower[k] != "of" or not _is_name_token(tokens[k - 1]) or _bare(lower[k - 1]) in TITLE_HEADS:
            return False
        return not any(_bare(word) in PEERAGE_TITLES for word in lower[max(0, k - 2):k])  # (not "Lord Irvine of Lairg")

    def _newspaper(self, word: str, state: _DocumentState) -> Actor:
        """'the Times': the listed 'The Times', else the paper of that name seen last ('The New York Times')."""
        listed = self.gazetteer.lookup(("The", word))
        if listed is not None:
            return listed
        suffix = " " + word
        seen = next((actor for actor in reversed(list(state.actors.values()))
                     if actor.type == "organization" and actor.name.endswith(suffix)), None)
        return seen or Actor(slugify(f"The {word}"), f"The {word}", "organization", None)

    @staticmethod
    def _title_before(lower: list[str], end: int) -> str:
        """The title that ends just before ``end`` ("secretary of state", "national security adviser"), or ""."""
        for k in range(end - 1, max(-1, end - 5), -1):
            word = _bare(lower[k]).rstrip(".")
            if word in TITLE_HEADS:
                return " ".join(_bare(w).rstrip(".") for w in lower[k:end])
            if word not in TITLE_MODIFIERS:
                return ""
        return ""

    @staticmethod
    def _apposition(tokens, lower, b) -> str:
        """'Jian Badrakhan, vice chairman of ...' -> 'vice chairman'; ', who ...' / ', 67,' -> '?'."""
        if b >= len(tokens) or lower[b] != ",":
            return ""
        k = b + 1
        if k < len(tokens) and (lower[k] in ("who", "whose") or lower[k].isdigit()):
            return "?"
        if k < len(tokens) and lower[k] in ("a", "an", "the", "his", "her", "their"):
            k += 1
        for start in range(k, min(k + 4, len(tokens))):
            if lower[start] in (",", ".", "and"):
                break  # "website Seasearcher, VOA and Dubai-based analyst Martin Kelly": the title is someone else's
            length = _title_run_length(lower[start:start + 5])
            if length:
                return " ".join(_bare(w) for w in lower[start:start + length])
        return ""

    def _remember_title(self, actor: Actor, title: str, state: _DocumentState) -> None:
        if title:
            state.titles.setdefault(actor.id, set()).update(_title_heads(title))

    def _register(self, actor: Actor, state: _DocumentState) -> Actor:
        """Merge with an actor already seen in the document (same id, or same surname)."""
        known = state.actors.get(actor.id)
        if known is None and actor.type == "person" and actor.id not in self.gazetteer:
            surname = actor.name.split()[-1]
            if surname in state.surnames:
                known = state.actors[state.surnames[surname]]
        if known is not None:
            if known.affiliation is None and actor.affiliation:
                known = Actor(known.id, known.name, known.type, actor.affiliation, known.aliases, known.titles)
                state.actors[known.id] = known
            return known
        state.actors[actor.id] = actor
        if actor.type == "country" and state.home_country is None:
            state.home_country = actor
        last = actor.name.split()[-1]
        if actor.type == "person" and not (last.islower() and _title_heads(last)):  # ("Chinese ambassador" has no name)
            parts = actor.name.split()
            state.surnames.setdefault(parts[-1], actor.id)
            stripped = re.sub(r"^(?:al|el|ad|as|ash|an|ar|at|az)[-'\u2019]", "", parts[-1])
            if stripped != parts[-1] and stripped[:1].isupper():
                state.surnames.setdefault(stripped, actor.id)  # "al-Bashir" -> "Bashir"
            if actor.affiliation in FAMILY_NAME_FIRST and len(parts) > 1:
                state.surnames.setdefault(parts[0], actor.id)  # "Kim Jong Un" -> "Kim"
            if len(parts) > 1:
                if re.match(r"^[A-Z][a-z]+-[a-z]+$", parts[-1]) and len(parts) == 2:
                    state.surnames.setdefault(parts[0], actor.id)  # "Lu Shiow-yen" -> "Lu"
            for alias in actor.aliases:
                if len(alias.split()) == 1:
                    state.surnames.setdefault(alias, actor.id)
        if actor.type == "person":
            if actor.titles:
                state.titles.setdefault(actor.id, set()).update(h for t in actor.titles for h in _title_heads(t))
        return actor
