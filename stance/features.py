"""Features for one (sentence, actor) pair and for one sentence.

Used by the analyzer and by training alike, so that the two can never drift apart. A feature is
a string (``"r=rejected"``: the word "rejected" follows the actor); the classifiers in
:mod:`stance.model` map strings to weights.

Examples
--------
>>> feats = pair_features("Moscow rejected the plan, Kyiv said.", [(0, 6)], [(26, 30)])
>>> "r1=rejected" in feats and "cue_r=rejection" in feats
True
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Sequence

__all__ = ["pair_features", "sentence_features", "CUES", "ACTOR_TOKEN", "OTHER_TOKEN"]

LATER_NAMESPACE = True
PASSIVE_AGENT = True
NEGATION_REPLACES_CUE = True
PHRASAL_CUES = True
PAIR_VALENCE = True
USE_CLAUSE = True

ACTOR_TOKEN = "ACTOR"
OTHER_TOKEN = "OTHER"

_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?|\d+|[\"\u201c\u201d?!:;,.()\-\u2014]")
_QUOTES = {'"', "\u201c", "\u201d"}
# Words that end a passive agent phrase before the actor ("backed by the plan of ACTOR" is no agent phrase).
_NOT_IN_AGENT = frozenset({"of", "and", "or", "to", "with", "for", "in", "on", "at", "from", "that", "which", "who",
                           "said", "says", "than", "as", "against", "over", "about", "between"})


def _inflect(base: str) -> list[str]:
    """'reject' -> reject, rejects, rejected, rejecting (a rough English inflector for cue lists)."""
    if " " in base:
        return [base]
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing", base + "es"}
        if re.search(r"[^aeiou][aeiou][bdglmnprt]$", base):
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return sorted(forms)


# Cue words per stance label (team-written from the label definitions; the model learns the weights).
_CUE_BASES = {
    "openness": "open willing ready prepared consider explore engage negotiate talk talks dialogue meet meeting "
                "invite invitation accept welcome_talks offer reach_out receptive door channel channels flexible "
                "discuss discussion mediate visit summit overture compromise",
    "support": "support back endorse welcome praise hail applaud approve agree favor favour advocate champion sign "
               "ratify commend laud embrace celebrate credit thank congratulate vote_for defend stand_with "
               "solidarity backing endorsement support",
    "criticism": "criticize criticise condemn accuse blame slam denounce decry lambast berate attack rebuke "
                 "deplore castigate chastise fault mock ridicule complain protest assail scold disparage "
                 "hypocrisy outrageous shameful unacceptable irresponsible reckless disgrace failure betrayal "
                 "criticism condemnation accusation",
    "rejection": "reject refuse deny dismiss veto rule_out decline oppose spurn rebuff resist block repudiate "
                 "reluctant reluctance non-starter never refusal rejection unwilling disagree boycott "
                 "turn_down walk_out withdraw nonsense baseless",
    "caution": "caution cautious concern concerned worry worried wary careful patience patient premature "
               "early uncertain unclear hesitant hesitate reservation reservations condition conditions "
               "prepare preparation yet confirm comment wait slow measured prudent careful_preparation "
               "risk risks doubt doubts skeptical sceptical unsure",
    "threat": "threaten threat warn warning retaliate retaliation vow consequences ultimatum punish sanction "
              "sanctions force strike respond_with escalate destroy crush deadline harsh severe military "
              "pay_a_price price alert mobilize mobilise",
    "appeal": "urge call appeal demand request ask plead implore press insist push seek encourage invite_to "
              "exhort petition lobby call_for calls_for ceasefire must should needed need",
}
CUES: dict[str, frozenset[str]] = {
    label: frozenset(form for base in words.split() for form in _inflect(base.replace("_", " ")))
    for label, words in _CUE_BASES.items()
}
_CUE_OF: dict[str, list[str]] = {}
for _label, _forms in CUES.items():
    for _form in _forms:
        _CUE_OF.setdefault(_form, []).append(_label)

# Phrasal stance verbs, read as one word: "did not rule out talks", "turned down the offer".
_PHRASAL = {(verb, particle): f"{base}_{particle}" for base, particle in (("rule", "out"), ("turn", "down"))
            for verb in _inflect(base)}
for _phrase in set(_PHRASAL.values()):
    _CUE_OF.setdefault(_phrase, []).append("rejection")
_SPEECH = {"said", "says", "told", "added", "stated", "argued", "insisted", "noted", "wrote", "announced", "claimed",
           "declared", "explained", "stressed", "emphasized", "suggested", "believes", "thinks", "asserted", "maintained"}
NEGATIONS = {"not", "n't", "never", "no", "neither", "nor", "without", "cannot", "didn't", "doesn't", "don't",
             "won't", "wouldn't", "isn't", "wasn't", "aren't", "haven't", "hasn't", "refused", "declined", "stopped"}
MODALS = {"would", "could", "might", "may", "will", "can", "should", "must", "ready", "willing", "open", "prepared"}

# Words that colour a sentence (team-written; the sentence model learns the weights).
SENTIMENT_CUES = {
    "negative": set("war wars killed kill killing killings dead death deaths died attack attacks attacked strike strikes "
                    "bomb bombing bombs shelling violence violent crisis sanctions sanction conflict fighting clashes "
                    "arrest arrested detained jailed protest protests condemn condemned threat threatened warned "
                    "collapse collapsed failed failure fear fears injured wounded casualties invasion occupied "
                    "famine hunger displaced refugees terror terrorist terrorism hostage hostages destroyed "
                    "damage disaster flood floods drought fraud corruption crackdown banned ban accused "
                    "rejected rejects criticized slammed denounced tensions dispute angry outrage blame "
                    "recession inflation deficit layoffs shortage shortages unrest riot riots coup missile "
                    "missiles drone drones genocide massacre executed execution torture abuses abuse".split()),
    "positive": set("agreement agreed deal peace ceasefire truce release released freed aid relief progress "
                    "breakthrough welcomed welcome praised praise support supported success successful win won "
                    "victory growth recovery cooperation partnership reconciliation hope hopes optimistic "
                    "improve improved improvement stability stable signed accord treaty celebrate celebrated "
                    "historic landmark boost boosted rescue rescued donated donation vaccine vaccines cure "
                    "elected reform reforms resolve resolved resolution unity dialogue friendship gains "
                    "benefit benefits protected protect safe safety honored honoured award".split()),
}


@functools.lru_cache(maxsize=1)
def valence_lexicon() -> dict[str, float]:
    """Word valences (-4..4) from the VADER lexicon shipped in the ``vaderSentiment`` package (MIT;
    Hutto & Gilbert, ICWSM 2014), read from the installed package, never downloaded."""
    import vaderSentiment

    path = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    lexicon = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and " " not in parts[0]:
            try:
                lexicon[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return lexicon


# The SENTIMENT_CUES labels of each word (derived once at import, like _CUE_OF from CUES).
_SENTIMENT_OF: dict[str, list[str]] = {}
for _label, _cues in SENTIMENT_CUES.items():
    for _cue in _cues:
        _SENTIMENT_OF.setdefault(_cue, []).append(_label)


@functools.lru_cache(maxsize=1)
def _valence_words() -> frozenset[str]:
    """The words :func:`_valence_features` reacts to: those of the lexicon and the negations."""
    return frozenset(valence_lexicon()) | frozenset(NEGATIONS)


def _valence_features(words: list[str], prefix: str) -> list[str]:
    lexicon = valence_lexicon()
    valence_words = _valence_words()
    feats, total, negated = [], 0.0, False
    # only lexicon words and negations count, and most words are neither: pick those out first.
    # After a negation every valence is turned (the word right after it included)
    for w in [w for w in words if w in valence_words]:
        if w in NEGATIONS:
            negated = True
            continue
        value = lexicon[w]
        if negated:
            value = -0.74 * value
        total += value
        feats.append(f"{prefix}_{'pos' if value > 0 else 'neg'}{min(int(abs(value)), 3)}")
    bucket = max(-4, min(4, int(round(total))))
    feats.append(f"{prefix}_sum={bucket}")
    return feats


def _tokens(text: str) -> list[str]:
    return list(map(str.lower, _WORD.findall(text)))


def _mask(sentence: str, sentence_start: int, actor_spans: Sequence[tuple[int, int]],
          other_spans: Sequence[tuple[int, int]]) -> str:
    marks = [(s, e, ACTOR_TOKEN) for s, e in actor_spans] + [(s, e, OTHER_TOKEN) for s, e in other_spans]
    marks.sort()
    pieces, cursor = [], 0
    for s, e, token in marks:
        s, e = s - sentence_start, e - sentence_start
        if s < cursor or s < 0 or e > len(sentence):
            continue
        pieces.append(sentence[cursor:s])
        pieces.append(f" {token} ")
        cursor = e
    pieces.append(sentence[cursor:])
    return "".join(pieces)


def _agent_by(left: list[str]) -> int:
    """Where "by" stands in the words before the actor when the actor is the agent of a passive ("criticized by",
    "condemned by the", "rejected by prime minister"): at most three words between, none of them a verb or "by"
    again; -1 if not.

    >>> _agent_by(["was", "condemned", "by", "the"]), _agent_by(["backed", "by", "the", "plan", "of"])
    (2, -1)
    """
    for k in range(len(left) - 1, max(-1, len(left) - 5), -1):
        if left[k] == "by":
            return k
        if not left[k].isalpha() or left[k] in _NOT_IN_AGENT:
            return -1
    return -1


def _positions(words: list[str], word: str) -> list[int]:
    """Where ``word`` is in ``words``.

    >>> _positions(["actor", "met", "other", "and", "other"], "other")
    [2, 4]
    """
    if word not in words:  # a quick scan first: often absent
        return []
    return [k for k, w in enumerate(words) if w == word]


def pair_features(sentence: str, actor_spans: Sequence[tuple[int, int]],
                  other_spans: Sequence[tuple[int, int]] = (), *, sentence_start: int = 0,
                  actor_type: str | None = None) -> list[str]:
    """Features of one actor in one sentence.

    Parameters
    ----------
    sentence : str
        The sentence text.
    actor_spans : sequence of (start, end)
        The actor's mentions, as offsets in the same frame as ``sentence_start`` (document-level
        when ``sentence_start`` is the sentence's start in the document).
    other_spans : sequence of (start, end)
        Mentions of the other actors in the sentence; they are masked as ``OTHER``.
    sentence_start : int, default=0
        Offset of ``sentence`` in the document.
    actor_type : str, optional
        person, organization, country or group.
    """
    words = _tokens(_mask(sentence, sentence_start, actor_spans, other_spans))
    if PHRASAL_CUES and ("out" in words or "down" in words):
        for k in range(len(words) - 1):
            phrase = _PHRASAL.get((words[k], words[k + 1]))
            if phrase:
                words[k] = phrase
    # the masks (and the words "actor" and "other", which read the same) become ACTOR_TOKEN and OTHER_TOKEN
    positions = _positions(words, "actor")
    others = _positions(words, "other")
    for k in positions:
        words[k] = ACTOR_TOKEN
    for k in others:
        words[k] = OTHER_TOKEN
    feats: list[str] = ["bias"]
    if actor_type:
        feats.append(f"type={actor_type}")
    if not positions:
        positions = [0]
    first = positions[0]
    feats.append("first_actor" if not others or first < others[0] else "not_first_actor")
    feats.append(f"others={min(len(others), 3)}")
    if sentence.rstrip()[-1:] not in ".!?\"'\u201d)":
        feats.append("headline")
    # sentence-wide words and bigrams (context shared by all actors of the sentence)
    last = len(words) - 1
    for k, w in enumerate(words):
        feats.append(f"w={w}")
        if k < last:
            feats.append(f"b={w}_{words[k + 1]}")
    # the actor's own right and left windows (the actor as subject, as object)
    for rank, p in enumerate(positions[:3]):
        # the first mention (usually the name) carries the actor's own predicate; later ones (pronouns,
        # titles) get their own namespace so that their context does not blur the first
        tag = "" if rank == 0 or not LATER_NAMESPACE else "x"
        right = []
        for w in words[p + 1:p + 9]:
            if w == ACTOR_TOKEN or (w == OTHER_TOKEN and len(right) > 3):
                break
            right.append(w)
        left = words[max(0, p - 5):p]
        if right:
            feats.append(f"{tag}r1={right[0]}")
            if len(right) > 1:
                feats.append(f"{tag}r2={right[0]}_{right[1]}")
        for k, w in enumerate(right):
            feats.append(f"{tag}r={w}")
            if k + 1 < len(right):
                feats.append(f"{tag}rb={w}_{right[k + 1]}")
        if left:
            feats.append(f"{tag}l1={left[-1]}")
        for w in left:
            feats.append(f"{tag}l={w}")
        negated = False
        for w in right:
            if w in NEGATIONS:
                negated = True
            if w in MODALS:
                feats.append(f"{tag}mod={w}")
            for label in _CUE_OF.get(w, ()):
                if not (negated and NEGATION_REPLACES_CUE):
                    feats.append(f"{tag}cue_r={label}")
                if negated:
                    feats.append(f"{tag}neg_cue_r={label}")
        if negated:
            feats.append(f"{tag}neg_r")
        by = _agent_by(left) if PASSIVE_AGENT else (len(left) - 1 if left and left[-1] == "by" else -1)
        if by >= 0:  # "was criticized by ACTOR", "condemned by the ACTOR", "rejected by Prime Minister ACTOR"
            for w in left[max(0, by - 3):by]:
                for label in _CUE_OF.get(w, ()):
                    feats.append(f"cue_by={label}")
        for w in left[-3:]:
            for label in _CUE_OF.get(w, ()):
                feats.append(f"{tag}cue_l={label}")
    # how the words around the actor colour it (VADER valences), and the sentence as a whole
    if PAIR_VALENCE:
        p = positions[0]
        feats.extend(_valence_features(words[max(0, p - 6):p], "lval"))
        feats.extend(_valence_features(words[p + 1:p + 7], "rval"))
        feats.extend(_valence_features(words, "sval"))
    # what the actor says: the clause after its speech verb, up to the next actor
    if USE_CLAUSE:
        for p in positions[:1]:
            for k in range(p + 1, min(p + 4, len(words))):
                if words[k] in _SPEECH:
                    for w in words[k + 1:]:
                        if w in (ACTOR_TOKEN, OTHER_TOKEN) and w != words[k + 1]:
                            break
                        feats.append(f"sc={w}")
                        for label in _CUE_OF.get(w, ()):
                            feats.append(f"cue_sc={label}")
                    break
    # stance words between another actor and this one ("OTHER criticized ACTOR": the actor is the object)
    for o in others:
        if o < first and first - o <= 5:
            for w in words[o + 1:first]:
                for label in _CUE_OF.get(w, ()):
                    feats.append(f"obj_of={label}")
    # reported speech: words inside quotes attributed to the actor ('"...," ACTOR said' or 'ACTOR said: "..."')
    quote_marks = [] if _QUOTES.isdisjoint(words) else [k for k, w in enumerate(words) if w in _QUOTES]
    if len(quote_marks) >= 2:
        speaker_after = first > quote_marks[-1] and first - quote_marks[-1] <= 4
        speaker_before = first < quote_marks[0] and quote_marks[0] - first <= 5
        if speaker_after or speaker_before:
            for w in words[quote_marks[0] + 1:quote_marks[-1]]:
                feats.append(f"q={w}")
                for label in _CUE_OF.get(w, ()):
                    feats.append(f"cue_q={label}")
    if not _CUE_OF.keys().isdisjoint(words):  # most sentences have no cue word
        for w in words:
            for label in _CUE_OF.get(w, ()):
                feats.append(f"cue_s={label}")
    return feats


def sentence_features(sentence: str) -> list[str]:
    """Features of a whole sentence (for sentence sentiment)."""
    words = _tokens(sentence)
    feats = ["bias"]
    negated = False
    last = len(words) - 1
    for k, w in enumerate(words):
        feats.append(f"w={w}")
        if k < last:
            feats.append(f"b={w}_{words[k + 1]}")
        if w in NEGATIONS:
            negated = True
        for label in _SENTIMENT_OF.get(w, ()):
            feats.append(f"lex={label}")
            if negated:
                feats.append(f"neg_lex={label}")
    if sentence.rstrip()[-1:] not in ".!?\"'\u201d)":
        feats.append("headline")
    feats.extend(_valence_features(words, "val"))
    return feats
