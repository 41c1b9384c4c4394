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
  inside a quote, for its speaker.

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
from dataclasses import dataclass, field

from .gazetteer import ACTOR_TYPES, Actor, Gazetteer, load_actor_list, slugify
from .text import tokenize
from .wordlists import (ADDRESS_VERBS, ADJECTIVE_TITLES, ADVERBS, AGENT_COMPOUND_HEADS, ANAPHOR_NOUNS,
                        ANAPHOR_PLACE_WORDS, AUXILIARIES, BARE_GENERIC, BUILDING_PREPOSITIONS, CAUSATIVE_VERBS,
                        CLAUSE_OPENERS, COMPASS_POINTS, COUNTRY_ANAPHORS, CREDIT_VERBS, DASHES, DESCRIPTOR_HEADS,
                        FAMILY_NAME_FIRST, FUNCTION_WORDS, GENERIC_NOUNS, GENERIC_WORDS_WITH_POSSESSIVES, GIVING_VERBS,
                        GROUP_NOUNS_COUNTRY, GROUP_NOUNS_FORCES, GROUP_WORDS, HIGH_OFFICES, HONORIFICS, LOCATIVE,
                        LY_NOUNS, MEMBER_NOUNS, NEUTER_PRONOUNS, NOT_NAMES, OBJECT_STARTERS, ORG_PLACE_PREPOSITIONS,
                        ORG_WORDS, PARTICLES, PLACE_OF_NOUNS, PLURAL_PEOPLE, PLURAL_PRONOUNS, POSSESSIVE, PRONOUNS,
                        PRONOUN_CONTRACTIONS, QUOTE_VERBS, REGION_WORDS, REPORTING_NOUNS, ROLE_PREPOSITIONS,
                        ROLE_VERBS, SEAT_NOUNS, SELF_PRONOUNS, SERVICE_LANGUAGES, SPEECH_VERBS, STANCE_GOVERNORS,
                        STATELESS_GROUPS, SUBORDINATORS, TELL_VERBS, TITLE_HEADS, TITLE_MODIFIERS, TOPIC_PREPOSITIONS,
                        WEAK_AUXILIARIES, common_words, plain_verb_like, present_verb_like, verb_forms, verb_like)

# Actor, Gazetteer, load_actor_list, slugify and ACTOR_TYPES live in stance.gazetteer; they are re-exported here.
__all__ = ["Actor", "Gazetteer", "ActorFinder", "FoundMention", "ACTOR_TYPES", "slugify", "load_actor_list"]


@dataclass(frozen=True, slots=True)
class FoundMention:
    """A mention of ``actor`` at ``text[start:end]``; ``via`` says how it was found."""

    start: int
    end: int
    text: str
    actor: Actor
    via: str


@dataclass
class _DocumentState:
    """What the finder remembers while it reads one document."""

    actors: dict[str, Actor] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)
    titles: dict[str, set[str]] = field(default_factory=dict)
    person_subjects: list[str] = field(default_factory=list)
    thing_subjects: list[str] = field(default_factory=list)
    home_country: Actor | None = None
    last_speaker: Actor | None = None
    quote_open: bool = False


@dataclass
class _Sentence:
    """One sentence being read: its tokens and what has been found so far."""

    text: str
    spans: list[tuple[int, int]]
    tokens: list[str]
    lower: list[str]
    consumed: list[bool]
    mentions: list[FoundMention] = field(default_factory=list)
    skipped_places: list[int] = field(default_factory=list)


def _in_hyphen_compound(sentence: _Sentence, a: int, b: int) -> bool:
    """Whether tokens[a:b] is joined by a hyphen, with no space, to the word before or after it."""
    tokens, spans = sentence.tokens, sentence.spans

    def joins(k: int) -> bool:  # tokens[k] is a hyphen touching both neighbours
        return tokens[k] == "-" and spans[k - 1][1] == spans[k][0] and spans[k][1] == spans[k + 1][0]

    return (b + 1 < len(tokens) and joins(b)) or (a > 1 and joins(a - 1))


_PARTICLE_NAME = re.compile(r"(?:al|el|ad|as|an|ar|at|ash|az|d)[-'\u2019][A-Z]")


def _is_name_token(token: str) -> bool:
    """'Putin', 'U.S.', 'al-Sudani', "d'Ivoire": a token that can be part of a name."""
    if not token:
        return False
    first = token[0]
    if first.isupper():
        return first.isalpha()
    if first not in "aed" or len(token) < 3:
        return False
    return _PARTICLE_NAME.match(token) is not None


def _bare(token: str) -> str:
    return POSSESSIVE.sub("", token) if ("'" in token or "\u2019" in token) else token


def _in_role_phrase(sentence: _Sentence, a: int) -> bool:
    """Whether the name starting at ``a`` ends the role phrase of a named person: "Gregory Brew, an analyst at the
    Eurasia Group", "Rogier Creemers, assistant professor in Chinese studies at Leiden University", "Joao Pinto, the
    former director of Guinea-Bissau's National Institute", "Martin Kelly of EOS Risk Group", "a spokesman for the
    committee, Brad Woods,". Like "Kremlin spokesman Dmitry Peskov", the organization in a person's role is no actor of
    its own (GUIDELINES §3). Without a named person the body acts through its role holder ("a spokesman for the Home
    Office said": GUIDELINES §2), and "the director of the FBI" is a title phrase that mentions the FBI."""
    tokens, lower = sentence.tokens, sentence.lower
    k = a - 1
    if k >= 0 and lower[k] == "the":
        k -= 1
    if k >= 1 and _is_possessive(tokens[k]) and _is_name_token(tokens[k]):
        k -= 1  # "director of Guinea-Bissau's National Institute"
        if k >= 0 and lower[k] == "the":
            k -= 1
    if k < 1 or lower[k] not in ROLE_PREPOSITIONS:
        return False
    x = k - 1
    if lower[k] == "of" and _is_name_token(tokens[x]) and _bare(lower[x]).rstrip(".") not in TITLE_HEADS:
        end = sentence.spans[x][1]  # "Martin Kelly of EOS Risk Group"
        return any(m.end == end and m.actor.type == "person" for m in sentence.mentions)
    # the title that the preposition belongs to, a few words back within the phrase
    head = None
    y = x
    while y >= 0 and x - y < 12:
        word = _bare(lower[y]).rstrip(".")
        if word in TITLE_HEADS and (lower[y + 1] in ROLE_PREPOSITIONS or lower[y + 1] in ("and", "&") or
                                    _bare(lower[y + 1]).rstrip(".") in _TITLE_WORDS or _is_name_token(tokens[y + 1])):
            head = y  # a title, not an adjective ("the official name of China")
        elif lower[y] in (",", ";", ":", "(", '"', "\u201c", "\u201d") or word in SPEECH_VERBS \
                or word in WEAK_AUXILIARIES or word in ROLE_VERBS:
            break
        y -= 1
    if head is None:
        return False
    # a named person in apposition before the title ("Gregory Brew, a senior Iran analyst at ..."), a role given to
    # someone ("was elected chairman of the Republican Governors Association", "served as head of") ...
    if y >= 1 and lower[y] in (",", "(") and _is_name_token(tokens[y - 1]) and lower[y - 1] not in NOT_NAMES:
        return True
    if y >= 0 and lower[y] in ROLE_VERBS:
        return True
    # ... or after the phrase ("a spokesman for the committee, Brad Woods, said")
    z = a
    while z < len(tokens) and _is_name_token(tokens[z]):
        z += 1
    return z + 1 < len(tokens) and lower[z] == "," and _is_name_token(tokens[z + 1]) and lower[z + 1] not in NOT_NAMES


def _qualifies_person_title(sentence: _Sentence, a: int, b: int) -> bool:
    """Whether the name tokens[a:b] only qualifies a person's title (GUIDELINES §3, role compounds): a title follows it
    and then the person's name ("Taliban Foreign Ministry spokesman Abdul Balkhi", "Israel's military spokesman, Avichay
    Adraee"), or the name and title are an apposition to a named person ("Richard Armitage, former U.S. deputy
    secretary of state, said", "Sam Lee, a Labour MP,"). Not role compounds: "a Labour spokesman said" (the institution
    speaks), and title phrases with "the" or a possessive, which are mentions of the person themselves ("the Tory leader
    said", "Rex Tillerson, the US secretary of state,", "Russia's president, Vladimir Putin")."""
    tokens, lower = sentence.tokens, sentence.lower
    n = len(tokens)
    length = _title_run_length(lower[b:b + 5])
    if not length:
        return False
    e = b + length
    if e < n and _is_name_token(tokens[e]) and lower[e].rstrip(".") not in NOT_NAMES \
            and _bare(lower[e]) not in _TITLE_WORDS and _bare(lower[e]) not in ORG_WORDS:
        return True  # (but "Ukraine's General Staff said" is a body of Ukraine)
    if _is_possessive(tokens[b - 1]):
        return False
    s = a - 1
    while s >= 0 and lower[s] in TITLE_MODIFIERS and lower[s] != "the" and not _is_name_token(tokens[s]):
        s -= 1
    if s >= 0 and lower[s] in ("a", "an"):
        s -= 1
    return s >= 1 and lower[s] == "," and _is_name_token(tokens[s - 1]) and lower[s - 1] not in NOT_NAMES \
        and not (e < n and verb_like(lower[e]))


def _modifies_noun(word: str) -> bool:
    """Whether ``word`` (lowercased) after a title word or name is a common noun it modifies ("a major concern", "the
    chief Brexit negotiator", "the official English name"), rather than a verb, a function word or another title."""
    return (word.isalpha() and word in common_words() and not verb_like(word) and word not in FUNCTION_WORDS
            and not _adverb(word) and _bare(word) not in _TITLE_WORDS and word not in SELF_PRONOUNS)


def _addressed(lower: list[str], a: int) -> bool:
    """Whether the name at ``a`` follows "to" after a verb of talking or appealing ("talking to [the] ...")."""
    k = a - 1
    if k >= 0 and lower[k] == "the":
        k -= 1
    return k >= 1 and lower[k] == "to" and lower[k - 1] in ADDRESS_VERBS


# Two-word governors of "to <country>": "in response to Ankara's purchase", "caved in to Pyongyang's pressure".
_GOVERNOR_PAIRS = frozenset([("response", "in")] + [("in", verb) for verb in (
    "cave", "caves", "caved", "caving", "give", "gives", "gave", "giving", "given", "bow", "bowed", "bowing")])


def _stance_target(lower: list[str], a: int) -> bool:
    """Whether the country at ``a``, after a preposition that usually makes it a place, is the source or target of a
    stance, pressure, relation or gift: "a growing threat from China", "closer ties to Beijing", "a trump card over
    Washington", "donated vaccines to the Philippines", "the government in Kabul"."""
    k = a - 1
    if k >= 0 and lower[k] == "the":
        k -= 1
    if k < 1:
        return False
    prep, g = lower[k], k - 1
    if lower[g] in _QUOTE_MARKS and g > 0:
        g -= 1  # a "Christmas gift" to the U.S.
    governor = lower[g]
    words = STANCE_GOVERNORS.get(prep)
    if words is not None and governor in words:
        return True
    if prep == "to" and g > 0 and (governor, lower[g - 1]) in _GOVERNOR_PAIRS:
        return True  # "in response to Ankara's purchase" (not "a regional response to U.S. tariffs"), "caved in to"
    if prep == "to":
        return any(w in GIVING_VERBS for w in lower[max(0, k - 4):k])
    return prep == "in" and governor in SEAT_NOUNS and g > 0 and lower[g - 1] == "the"


def _adverb(word: str) -> bool:
    """'together', 'directly', 'instead': a word after a name that does not make the name a modifier
    ("fought Isis together")."""
    return word in ADVERBS or (word.endswith("ly") and len(word) > 4 and word not in LY_NOUNS)


def _plain_verb(lower: list[str], b: int) -> bool:
    """Whether the word at ``b`` is a base or -ing verb form ("that Beijing remove them", "the Tories taking us back"),
    not the start of a title ("Labour campaign spokesman", "IMF managing director")."""
    if b >= len(lower) or not plain_verb_like(lower[b]):
        return False
    for word in lower[b + 1:b + 4]:
        if _bare(word) in TITLE_HEADS and word not in HONORIFICS:
            return False
        if word != "and" and (word in FUNCTION_WORDS or word in OBJECT_STARTERS or word not in common_words()):
            break
    return True


def _is_possessive(token: str) -> bool:
    return token.endswith(("'s", "\u2019s", "s'", "s\u2019"))


def _title_run_length(words: list[str]) -> int:
    """Length of the title run at the start of ``words`` (lowercased), or 0 if it holds no title head."""
    length, has_head = 0, False
    for word in words:
        plain = _bare(word).rstrip(".")
        if plain in TITLE_HEADS:
            has_head = True
        elif plain not in TITLE_MODIFIERS:
            break
        length += 1
    while length and _bare(words[length - 1]).rstrip(".") not in TITLE_HEADS:
        length -= 1
    return length if has_head else 0


def _title_heads(title: str) -> set[str]:
    words = [_bare(w).rstrip(".") for w in title.lower().replace("-", " ").split()]
    heads = {w for w in words if w in TITLE_HEADS}
    joined = " ".join(words)
    for compound in ("prime minister", "foreign minister", "defense minister", "defence minister", "secretary of state",
                     "supreme leader", "crown prince", "vice president", "interior minister", "finance minister"):
        if compound in joined:
            heads.add(compound)
    if "minister" in heads and "prime" in words:
        heads.discard("minister")
    if "president" in heads and "vice" in words:
        heads.discard("president")
    return heads


_TITLE_WORDS = frozenset(TITLE_HEADS | TITLE_MODIFIERS)
_COURTS = frozenset(("court", "tribunal"))
_QUOTE_MARKS = frozenset(('"', "\u201c", "\u201d"))
_PRONOUN_WORDS = frozenset(PRONOUNS | PLURAL_PRONOUNS | NEUTER_PRONOUNS | set(PRONOUN_CONTRACTIONS))


class ActorFinder:
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
        for start, end in sentences:
            if "\n" in text[previous_end:start]:
                state.quote_open = False  # a quote that goes on in a new paragraph opens again there
            previous_end = end
            found.extend(self._find_in_sentence(text, start, end, state))
        return found

    # -- one sentence --------------------------------------------------------------------------------
    def _find_in_sentence(self, text: str, start: int, end: int, state: _DocumentState) -> list[FoundMention]:
        spans = self._split_compounds(text, tokenize(text, start, end))
        tokens = [text[s:e] for s, e in spans]
        sentence = _Sentence(text, spans, tokens, [t.lower() for t in tokens], [False] * len(tokens))
        self._skip_dateline(sentence, state)
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
                else:
                    break
            self._parse_chunk(sentence, i, j, state)
            i = j
        if self.find_unlisted:
            self._find_generic(sentence, state)
        self._find_title_phrases(sentence, state)
        self._find_pronouns(sentence, state)
        self._find_quote_speakers(sentence, state)
        sentence.mentions.sort(key=lambda m: m.start)
        self._record_subjects(sentence, state)
        return sentence.mentions

    def _known(self, token: str) -> bool:
        return self.gazetteer.lookup((_bare(token),)) is not None

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
        for index, (a, b, actor, kind) in enumerate(pieces):
            next_piece = pieces[index + 1] if index + 1 < len(pieces) else None
            if skip_next:
                skip_next = False
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
            if not self._is_agent(sentence, a, b, actor, kind, state):
                continue
            self._add(sentence, state, a, b, actor, kind)
            pending_affiliation = None

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
        if first >= b or lower[first] in NOT_NAMES or (b - first == 1 and _bare(lower[first]) in SERVICE_LANGUAGES):
            return False  # "told VOA Mandarin": a broadcaster's language service, not a person after an affiliation
        if _bare(lower[first]) not in common_words():
            return True
        return b - first >= 2 and _bare(lower[b - 1]) not in common_words()  # "Mark Esper", "Will Hurd"

    def _name_after_title(self, tokens, lower, b) -> bool:
        length = _title_run_length(lower[b:b + 4])
        return bool(length) and b + length < len(tokens) and _is_name_token(tokens[b + length]) and \
            lower[b + length] not in NOT_NAMES

    def _demonym_group(self, sentence: _Sentence, state: _DocumentState, a: int, b: int, j: int, country: Actor) -> None:
        """'Chinese officials' -> China; 'Russian forces' -> the group 'Russian forces'; 'Russian oil' -> nothing."""
        if b != j:
            return
        lower = sentence.lower
        for k in range(b, min(b + 3, len(lower))):
            word = lower[k]
            if word in GROUP_NOUNS_COUNTRY:
                self._add(sentence, state, a, b, country, "demonym group")
                return
            if word in GROUP_NOUNS_FORCES:
                after = lower[k + 1] if k + 1 < len(lower) else "."
                if not after.isalpha() or verb_like(after) or after in ("and", "in", "on", "near", "who", "that"):
                    forces = Actor(f"{country.id}_forces", f"{sentence.tokens[a]} forces", "group", country.name)
                    self._add(sentence, state, a, k + 1, forces, "demonym forces", strip_possessive=False)
                return
            if not word.isalpha() or verb_like(word) or _is_name_token(sentence.tokens[k]):
                return

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
                return False  # "Recep Tayyip Erdogan, the president of Turkey": the country in a person's role
            place = before in LOCATIVE or before in REGION_WORDS or before in TOPIC_PREPOSITIONS \
                or (before in COMPASS_POINTS and tokens[a - 1].islower()) \
                or (before == "the" and before2 in LOCATIVE) or (before == "of" and before2 in PLACE_OF_NOUNS)
            if place and (_addressed(lower, a) or (
                    _stance_target(lower, a) and not _title_run_length(lower[b:b + 4]))):
                place = False  # "talking to the U.S.", "a threat from China": the country is addressed or acts
            if not place and before in (",", "and", "or") and sentence.skipped_places and sentence.skipped_places[-1] == a - 1:
                place = True  # "ministers from Britain, Canada and France"
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
            if before in ("a", "an") and not possessive and not _title_run_length(lower[b:b + 4]) \
                    and after not in GROUP_NOUNS_COUNTRY and after not in GROUP_NOUNS_FORCES:
                return False  # "a U.S. radar base", "a London hospice" (but "a U.S. official said")
            if kind == "capital" and not possessive:
                if tokens[a].isupper() and len(tokens[a]) > 3:
                    return False
                if after == "," and b + 1 < len(tokens) and _is_name_token(tokens[b + 1]) and not self._known_person(tokens[b + 1]):
                    return False  # "Jeddah, Saudi Arabia"
                if before == "," and a > 1 and _is_name_token(tokens[a - 2]):
                    return False  # "Greenwich, London"
            return possessive or not self._attributive(lower, b, a)
        # institutions and groups
        if actor.type == "organization" and _in_role_phrase(sentence, a):
            return False  # "Gregory Brew, an analyst at the Eurasia Group": the person's employer, not an actor here
        if actor.affiliation is None and actor.type != "group" and (
                before in ORG_PLACE_PREPOSITIONS or (before == "the" and before2 in ORG_PLACE_PREPOSITIONS)):
            return False  # "workers from outside the EU" (but joining an armed group is no place: "joined Isis")
        if before in BUILDING_PREPOSITIONS or (before == "the" and before2 in BUILDING_PREPOSITIONS):
            if actor.type == "organization" and any(w in actor.name.lower() for w in ("house", "street", "palace", "kremlin", "pentagon", "élysée", "elysee")):
                return False
        if before in ("a", "an") and after.isalpha() and not verb_like(after):
            return False  # "a U.N. mandate"
        if actor.type == "group":
            return True  # "Isis fighters", "Taliban rule": an armed group or movement named as a modifier still acts
        return possessive or not self._attributive(lower, b, a)

    @staticmethod
    def _attributive(lower: list[str], b: int, a: int | None = None) -> bool:
        """Whether the name that ends before ``b`` modifies a noun ("EU pork imports", "U.S. military operations")."""
        after = lower[b] if b < len(lower) else ""
        if after in REPORTING_NOUNS:
            return False  # "a VOA analysis", "a Reuters report": the outlet reports
        if any(word in DESCRIPTOR_HEADS for word in lower[b:b + 3]) and all(w.isalpha() for w in lower[b:b + 2]):
            return False  # "the OPCW chemical weapons watchdog", "the Islamic State terrorist group": the name itself
        before = lower[a - 1] if a else ""
        # at a clause start ("Isis fights", "that Moscow wants") a word in -s is a verb; after "the" or a verb it is a noun
        clause_start = a is None or not before.isalpha() or before in ("and", "or") or before in SUBORDINATORS
        after2 = lower[b + 1] if b + 1 < len(lower) else ""
        # "the challenges China brings to", "says Moscow wants a deal", "demanded that Beijing remove them", "the Tories
        # taking us back": a word in -s, a base form or an -ing form with an object or "to" after it, or at a clause start
        verb = present_verb_like(after) or _plain_verb(lower, b) if clause_start or after2 in OBJECT_STARTERS \
            else verb_like(after)
        if not verb and (before in CAUSATIVE_VERBS or (before == "the" and a > 1 and lower[a - 2] in CAUSATIVE_VERBS)):
            verb = _plain_verb(lower, b)  # "seen China rolling out", "help Pakistan pay for", "let the Tories take"
        return (after.isalpha() and after in common_words() and not verb and not _adverb(after)
                and after not in GROUP_NOUNS_COUNTRY and after not in MEMBER_NOUNS and after not in FUNCTION_WORDS
                and not _title_run_length(lower[b:b + 3]))

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
        while a < b and ((lower[a].rstrip(".") in NOT_NAMES and _bare(lower[a]) not in TITLE_HEADS) or lower[a] in PARTICLES):
            a += 1
        while b > a and lower[b - 1] in PARTICLES:
            b -= 1
        if a >= b:
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
        head = words[words.index("of") - 1] if "of" in words[1:] else words[words.index("for") - 1] if "for" in words[1:] else words[-1]
        org_word = _bare(head) in ORG_WORDS
        if org_word:
            if b - a >= 2 and not (b - a == 2 and words[0] in ("the", "a")) and not _in_role_phrase(sentence, a) \
                    and not _qualifies_person_title(sentence, a, b):
                kind = "group" if _bare(words[-1]) in GROUP_WORDS else "organization"
                name = " ".join(tokens[a:b - 1] + [_bare(tokens[b - 1])])
                start = owner if owner is not None and owner < a and not any(sentence.consumed[owner:a]) else a
                self._add(sentence, state, start, b, Actor(slugify(name), name, kind,
                                                           affiliation.affiliation if affiliation else None),
                          "unlisted organization")
            return
        if not all(_is_name_token(t) or t.lower() in PARTICLES for t in tokens[a:b]) or b - a > 4:
            return
        after = lower[b] if b < len(lower) else ""
        if b - a == 1 and tokens[a].isupper() and tokens[a].isalpha() and 2 < len(tokens[a]) <= 7 and (
                present_verb_like(after) or after in ORG_WORDS or after in SPEECH_VERBS):
            name = tokens[a]
            self._add(sentence, state, a, b, Actor(slugify(name), name, "organization",
                                                   affiliation.affiliation if affiliation else None), "acronym")
            return
        before = lower[max(0, a - 4):a]
        after = lower[b] if b < len(lower) else ""
        single = b - a == 1
        if single and self.gazetteer.demonym(_bare(tokens[a])[:-1]):
            return  # "Many Britons believe": private people of a country, not an actor
        if single and (_bare(words[0]) in common_words() or _bare(words[0]) in NOT_NAMES or len(words[0]) < 2):
            if not title:
                return
        if not title and before and not (a > 0 and _is_name_token(tokens[a - 1])):
            length = 0
            for k in range(len(before)):
                if _title_run_length(before[k:]) == len(before) - k:
                    length = len(before) - k
                    break
            if length:
                title = " ".join(_bare(w).rstrip(".") for w in before[-length:])
        if all(_bare(w) in common_words() for w in words) and title not in HONORIFICS:
            return  # "the General Election": a title word before an ordinary noun (but "Mr. Stone", "Dr Brown" are people)
        apposition = self._apposition(tokens, lower, b)
        speaker = after in SPEECH_VERBS or (a > 0 and lower[a - 1] in SPEECH_VERBS and after in (".", ",", "", "on", "in", "at", "during", "after"))
        known_first_name = b - a >= 2 and tokens[a] in self.gazetteer.first_names
        # "Mitt Romney is opposed", "Hillary Clinton's emails": a full name of rare words that acts or owns something
        full_name_acts = b - a >= 2 and (verb_like(after) or _is_possessive(tokens[b - 1])) \
            and after not in CREDIT_VERBS and not any(_is_possessive(t) for t in tokens[a:b - 1]) and not any(
                _bare(w) in common_words() or _bare(w).rstrip(".") in NOT_NAMES
                or all(part in common_words() for part in _bare(w).split("-")) for w in words)  # "Resource-rich"
        if not (title or apposition or speaker or known_first_name or full_name_acts):
            return
        if not title and a > 0 and (lower[a - 1] in LOCATIVE or (
                lower[a - 1] == "of" and a > 1 and lower[a - 2] in PLACE_OF_NOUNS)):
            return  # "people from Ghouta said", "those inside Afrin say", "the province of Nangarhar": a place
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
        if actor.type == "person":
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
            if actor.titles:
                state.titles.setdefault(actor.id, set()).update(h for t in actor.titles for h in _title_heads(t))
        return actor

    # -- quotes --------------------------------------------------------------------------------------------
    def _find_quote_speakers(self, sentence: _Sentence, state: _DocumentState) -> None:
        """'"We are ready," Lavrov said.': "We" is Lavrov; a quote that runs on into the next sentence keeps its speaker."""
        tokens, lower = sentence.tokens, sentence.lower
        open_quote = state.quote_open
        if open_quote or not _QUOTE_MARKS.isdisjoint(tokens):
            inside = [False] * len(tokens)
            for k, token in enumerate(tokens):
                if token in _QUOTE_MARKS:
                    open_quote = token == "\u201c" or (token == '"' and self._opens_quote(sentence, k, open_quote))
                    continue
                inside[k] = open_quote
        else:
            inside = [False] * len(tokens)
        continues = state.quote_open
        state.quote_open = open_quote
        speaker = None
        index_of = {span[0]: x for x, span in enumerate(sentence.spans)} if sentence.mentions else {}
        if any(inside):  # "it" inside a quote is the speaker's matter, not the body the story is about
            sentence.mentions = [m for m in sentence.mentions if not (
                m.via == "pronoun" and inside[index_of[m.start]] and m.text.lower() == "it")]
        for mention in sentence.mentions:
            k = index_of[mention.start]
            if inside[k]:
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
            if lower[k] in ("the", "its", "their"):
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
            if end < len(tokens) and (_is_name_token(tokens[end]) or lower[end] == "of"):
                k = start + 1
                continue
            according = k >= 2 and lower[k - 1] == "to" and lower[k - 2] == "according"  # "according to analysts"
            if noun in BARE_GENERIC and start == k and (according or end < len(tokens) and verb_like(lower[end])) and \
                    (k == 0 or not _is_name_token(tokens[k - 1]) or lower[k - 1] in NOT_NAMES):  # "Some critics said"
                self._add(sentence, state, k, end, self._generic_actor(noun, state), "generic")
                k = end
                continue
            if noun in GENERIC_NOUNS and determined and (start < k or _is_name_token(tokens[k])) and noun not in ("government",) or \
                    (noun == "government" and lower[start] in ("the", "its", "their")):
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
            if actor.type == "person":
                continue
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
            title_end = end
            if country is None and end < len(tokens) and lower[end] == "of" and \
                    (of_country := self._country_after_of(sentence, end)) is not None:
                country, end = of_country  # "the president of Turkey" is "the Turkish president"
            elif end < len(tokens) and (_is_name_token(tokens[end]) or lower[end] == "of"):
                k += 1
                continue
            heads = _title_heads(" ".join(lower[m:title_end]))
            actor = None if indefinite else self._recent_titled(heads, country, state)
            title = " ".join(_bare(w) for w in lower[m:title_end])
            if actor is None and self.find_unlisted and not indefinite:
                actor = self._untitled_office(heads, country, state, title)
            if actor is None and self.find_unlisted and self._speaks(lower, k, end):
                # "the spokesman said", "said the official": an unnamed person who speaks is an actor (GUIDELINES §2)
                actor = Actor(slugify(f"unnamed {title}"), f"Unnamed {title}", "person",
                              country.affiliation if country else None, titles=(title,))
            if actor is not None:
                self._add(sentence, state, k, end, actor, "title")
            k = end

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
                    return None  # "the director of the UK surveillance agency": the country names a part of it
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
                current = next((m.actor for m in earlier if m.actor.type == "person"), None)
                actor = current or (state.actors[state.person_subjects[-1]] if state.person_subjects else None)
            elif word in PLURAL_PRONOUNS:
                # "they" is always a subject: no verb test ("they usually do", "they face", "they were ignored")
                if self._plural_noun_between(sentence, earlier, k):
                    continue
                current = next((m.actor for m in earlier if m.actor.type != "person"), None)
                clause_start = k == 0 or (lower[k - 1] in CLAUSE_OPENERS)
                actor = current or (state.actors[state.thing_subjects[-1]]
                                    if state.thing_subjects and clause_start else None)
            else:
                if not verb_like(nxt):
                    continue
                previous = lower[k - 1] if k else ""
                if word == "it" and k and previous not in SPEECH_VERBS | {"that", ",", "and", "but", "because", "as", '"', "\u201c"}:
                    continue
                after_next = lower[rest] if rest < len(lower) else ""
                if nxt in WEAK_AUXILIARIES and not (after_next in verb_forms() and after_next not in WEAK_AUXILIARIES
                                                    or after_next in ("ready", "willing", "prepared", "open", "not")):
                    continue  # "It is not known", "It will be the first time"
                current = next((m.actor for m in earlier if m.actor.type != "person"), None)
                clause_start = k == 0 or (word in PLURAL_PRONOUNS and previous in CLAUSE_OPENERS)
                actor = current or (state.actors[state.thing_subjects[-1]] if state.thing_subjects and clause_start else None)
                if actor is not None and word == "it" and actor.type == "group" and actor.name.endswith("s"):
                    continue
            if actor is not None:
                self._add(sentence, state, k, k + 1, actor, "pronoun", strip_possessive=False,
                          length=len(word) if contraction else None)
