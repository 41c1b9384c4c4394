"""The sentence the actor finder reads, what it remembers across a document, and the word-level tests its parts share.

Whether a name is a modifier ("a U.S. radar base") or inside a hyphen compound or a person's role phrase ("an analyst
at the Eurasia Group"), whether a state after a preposition is a place or the target of a stance ("a threat from
China"), title runs ("Foreign Minister"). Used by :mod:`stance.actors` (names) and :mod:`stance.anaphora` (mentions
without a name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gazetteer import Actor
from .wordlists import (ADDRESS_VERBS, ADVERBS, FUNCTION_WORDS, GENERIC_ADJECTIVES, GENERIC_WORDS, GIVING_VERBS,
                        HONORIFICS, LY_NOUNS, NEUTER_PRONOUNS, NOT_NAMES, NOUN_PLURALS, OBJECT_STARTERS, ORG_WORDS,
                        PLURAL_PRONOUNS, POSSESSIVE, PRONOUNS, PRONOUN_CONTRACTIONS, ROLE_PREPOSITIONS, ROLE_VERBS,
                        SEAT_NOUNS, SELF_PRONOUNS, SPEECH_VERBS, STANCE_GOVERNORS, TITLE_HEADS, TITLE_MODIFIERS,
                        WEAK_AUXILIARIES, common_words, plain_verb_like, verb_like)


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
    sentences_since_thing: int = 0
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
    former director of Cape Verde's National Archive", "Tomas Reid of Harbor Risk Partners", "a spokesman for the
    committee, Brad Woods,". Like "Kremlin spokesman Dmitry Peskov", the organization in a person's role is no actor of
    its own (GUIDELINES §3). Without a named person the body acts through its role holder ("a spokesman for the Home
    Office said": GUIDELINES §2), and "the director of the FBI" is a title phrase that mentions the FBI."""
    tokens, lower = sentence.tokens, sentence.lower
    k = a - 1
    while k >= 1 and _is_name_token(tokens[k]) and not _is_possessive(tokens[k]) and lower[k] not in NOT_NAMES:
        k -= 1  # "deputy head of the White House Domestic Policy Council": the name found may start inside the phrase
    if k >= 0 and lower[k] == "the":
        k -= 1
    if k >= 1 and _is_possessive(tokens[k]) and _is_name_token(tokens[k]):
        k -= 1  # "director of Cape Verde's National Archive"
        if k >= 0 and lower[k] == "the":
            k -= 1
    if k < 1 or lower[k] not in ROLE_PREPOSITIONS:
        return False
    x = k - 1
    if lower[k] == "of" and _is_name_token(tokens[x]) and _bare(lower[x]).rstrip(".") not in TITLE_HEADS:
        end = sentence.spans[x][1]  # "Tomas Reid of Harbor Risk Partners"
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
    # someone ("was elected chairman of the Western Governors Forum", "served as head of") ...
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
    said", "Mike Pompeo, the US secretary of state,", "Russia's president, Vladimir Putin")."""
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


def _qualifies_next(lower: list[str], k: int) -> bool:
    """Whether the word at ``k`` ("military") is an adjective of the noun after it ("the military operation", "its
    military wing", "the US military presence"), not the body itself ("Military analysts say", "military chiefs", "the
    military continues to")."""
    if k + 1 >= len(lower) or lower[k] not in GENERIC_ADJECTIVES:
        return False
    after = lower[k + 1]
    return _modifies_noun(after) and after not in GENERIC_WORDS and after.rstrip("s") not in _TITLE_WORDS \
        and not (k + 2 < len(lower) and lower[k + 2] in OBJECT_STARTERS)


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


def _present_verb(lower: list[str], b: int) -> bool:
    """Whether the word in -s at ``b``, after "the <name>", is a present verb with an object or complement ("the U.S.
    expects more talks", "the UK pays twice as much", "the US draws down troops"), not a plural noun the name modifies
    ("the Tory plans were", "the US troops in Syria", "the Iran arms deal")."""
    word = lower[b] if b < len(lower) else ""
    after = lower[b + 1] if b + 1 < len(lower) else ""
    if len(word) < 4 or not word.endswith("s") or word in NOUN_PLURALS or not after[:1].isalnum() \
            or after in _NOT_OBJECTS or verb_like(after):
        return False  # "the US troops served", "the Tory plans.", "the US tariffs as unjustified"
    if word in ("goes", "does"):
        return True
    stems = [word[:-1]]
    if word.endswith("es"):
        stems.append(word[:-2])  # "pushes", "goes"
        if word.endswith("ies"):
            stems.append(word[:-3] + "y")  # "denies"
    return any(plain_verb_like(stem) for stem in stems)


# Words that end a plural noun phrase rather than start a verb's object: "the US troops in Syria", "the EU rules and".
_NOT_OBJECTS = frozenset({"in", "as", "but", "and", "or"})


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
