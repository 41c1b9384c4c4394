"""Word lists the actor finder reads as clues (written by the team from news style).

Closed-class words and small noun lists: where a country name is a place rather than an agent
("talks in Beijing"), which words head a title ("foreign minister"), which nouns stand for a
government ("officials", "troops"), which words open a clause, and so on. The list of words usually
written in lowercase (``data/common_words.txt``) tells capitalized names from sentence-initial words.

Examples
--------
>>> "minister" in TITLE_HEADS and "in" in LOCATIVE
True
>>> verb_like("rejected"), verb_like("minister")
(True, False)
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

# Words after which a country or capital is a place, not an agent ("talks in Beijing", "fled to Chad").
LOCATIVE = {"in", "at", "into", "inside", "outside", "throughout", "near", "within", "around", "via", "through", "across",
            "from", "to", "toward", "towards",
            "visit", "visited", "visiting", "visits", "entered", "arrived", "flew", "fled", "landed", "toured", "travelled",
            "traveled", "returned", "based", "born", "stationed", "deployed"}
# Places where an institution is a building, not an agent ("a reporter at the White House").
BUILDING_PREPOSITIONS = {"at", "in", "inside", "outside", "to", "from", "near", "into"}
# Prepositions after which an international body is a territory ("outside the EU").
ORG_PLACE_PREPOSITIONS = {"in", "inside", "outside", "within", "into", "across", "throughout", "join", "joining", "joined",
                          "entering", "enter", "leave", "leaving", "left"}
# Core nouns of a title or role; a run of title words must contain one of these.
TITLE_HEADS = {
    "president", "minister", "secretary", "secretary-general", "chancellor", "king", "queen", "prince", "princess",
    "emir", "sheikh", "sultan", "speaker", "ambassador", "envoy", "chairman", "chairwoman", "chair", "chairperson",
    "chief", "commander", "general", "gen", "lt", "col", "adm", "maj", "capt", "sgt", "sen", "senator", "rep",
    "representative", "gov", "governor", "mayor", "judge", "justice", "pope", "ayatollah", "leader", "spokesman",
    "spokeswoman", "spokesperson", "premier", "director", "director-general", "head", "commissioner", "mr", "mrs", "ms",
    "dr", "president-elect", "lawmaker", "legislator", "parliamentarian", "mp", "adviser", "advisor", "negotiator",
    "diplomat", "prosecutor", "official", "coordinator", "rapporteur", "vice-president", "vice-chancellor",
    "lieutenant", "colonel", "admiral", "marshal", "mufti", "imam", "rabbi", "cardinal", "archbishop", "bishop",
    "patriarch", "attorney", "founder", "executive", "ceo", "activist", "candidate", "nominee", "councillor",
    "councilor", "deputy", "sergeant", "captain", "major", "journalist", "analyst", "expert", "researcher",
    "professor", "scientist", "economist", "lawyer", "counsel", "historian", "scholar", "editor", "correspondent",
    "reporter", "counterpart", "officer", "commentator", "strategist", "consultant", "campaigner", "organizer",
    "organiser", "administrator", "manager", "member", "fellow", "lecturer", "author", "governor-general", "regent",
    "cleric", "monarch", "dictator", "caliph", "warlord", "militant", "commandant", "aide", "minister-president",
    "mediator", "inspector", "superintendent", "auditor", "ombudsman", "delegate", "emissary", "attaché", "consul",
    "magistrate",
}
# Words that may join title heads in a title run ("Foreign Minister", "Secretary of State", "army chief").
TITLE_MODIFIERS = {
    "vice", "prime", "foreign", "defense", "defence", "interior", "finance", "trade", "health", "economy", "economic",
    "justice", "state", "of", "the", "for", "and", "deputy", "acting", "former", "interim", "special", "supreme",
    "crown", "high", "national", "security", "press", "opposition", "army", "military", "top", "senior", "chief",
    "general", "attorney", "energy", "environment", "climate", "agriculture", "education", "labor", "labour",
    "home", "treasury", "foreign-affairs", "affairs", "intelligence", "police", "party", "union", "rebel", "militia",
    "government", "presidential", "parliamentary", "majority", "minority", "senate", "house", "cabinet", "u.n.",
    "un", "eu", "nato", "white", "kremlin", "pentagon", "ministry", "department", "office", "agency", "council",
    "commission", "committee", "legal", "human", "rights", "u.s.", "us", "regional", "provincial", "local", "lead",
    "chief-of-staff", "staff", "commerce", "transport", "culture", "information", "communications", "veteran",
    "longtime", "new", "outgoing", "incoming", "then", "powerful", "influential", "hardline", "conservative",
    "liberal", "centrist", "far-right", "far-left", "populist", "nationalist", "republican", "democratic",
    "democrat", "independent", "spy", "navy", "air", "force", "border", "migration", "water", "digital",
    "political", "policy", "foreign-policy", "trade-policy", "emergency", "humanitarian", "prominent", "leading",
    "research", "investigative", "veteran", "retired", "former", "ruling", "exiled", "jailed", "detained",
    "opposition", "student", "union", "labor", "business", "industry", "finance", "tax", "defense-policy",
}
# Last words of organization names ("Coastal Farmers Union", "Ministry of Health").
#: Words after which a subject pronoun opens a new clause ("..., and they said", "warned that they would").
CLAUSE_OPENERS = {",", "and", "but", "that", "because", "as", "so", "if", "when", "while", "although", "though",
                  "since", "unless", "until", '"', "\u201c", "said", "say", "says", "added", "warned", "insisted"}

#: Nouns that, a few words after a name, describe the named body itself ("the OPCW chemical weapons watchdog").
DESCRIPTOR_HEADS = {"watchdog", "group", "organisation", "organization", "agency", "militia", "movement", "party",
                    "regulator", "body", "alliance", "network", "faction", "outfit", "broadcaster", "newspaper"}

ORG_WORDS = {
    "party", "union", "council", "ministry", "front", "movement", "army", "forces", "force", "center", "centre",
    "institute", "association", "committee", "commission", "agency", "bank", "court", "group", "alliance",
    "federation", "organization", "organisation", "league", "coalition", "congress", "assembly", "parliament",
    "senate", "government", "office", "department", "authority", "network", "foundation", "brigade", "brigades",
    "militia", "guard", "guards", "police", "corporation", "company", "bureau", "service", "tribunal", "board",
    "cabinet", "secretariat", "mission", "watch", "fund", "society", "confederation", "syndicate", "caucus", "junta",
    "administration", "regime", "command", "navy", "times", "post", "news", "press", "television", "radio",
    "observatory", "initiative", "forum", "partnership", "ministries", "unions", "parties", "rebels",
    "directorate", "inspectorate", "chamber", "cooperative", "collective", "trust", "campaign",
    "consortium", "guild", "brotherhood", "church", "commissariat", "council", "ngo", "institution",
    "university", "academy", "program", "programme", "corps", "unit", "battalion", "division", "regiment",
    "militias", "factions", "faction", "bloc", "assembly", "senate", "parliament", "legislature", "court",
}
GROUP_WORDS = {"rebels", "militia", "militias", "movement", "front", "brigade", "brigades", "army", "forces", "guard",
               "guards", "junta", "brotherhood", "faction", "factions", "corps", "battalion"}
# Capitalized words that do not start a name (sentence openers, months, days, ...).
NOT_NAMES = {
    "the", "a", "an", "but", "and", "or", "if", "in", "on", "at", "for", "of", "to", "from", "by", "with", "after",
    "before", "as", "while", "when", "since", "though", "although", "because", "during", "despite", "under", "over",
    "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their",
    "our", "my", "your", "there", "here", "what", "who", "why", "how", "where", "which", "some", "many", "most",
    "several", "all", "both", "each", "one", "two", "three", "no", "not", "yes", "also", "still", "yet", "meanwhile",
    "however", "instead", "later", "earlier", "now", "then", "last", "next", "first", "new", "more", "less", "such",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "officials", "talks", "analysts", "critics",
    "residents", "witnesses", "protesters", "reporters", "experts", "people", "thousands", "hundreds", "dozens",
    "asked", "speaking", "according", "read", "related", "updated", "breaking", "exclusive", "analysis", "opinion",
    "wire", "let", "do", "does", "did", "can", "will", "would", "should", "could", "must", "might", "is", "are",
    "was", "were", "be", "been", "has", "have", "had", "so", "only", "just", "even", "once", "until", "unless",
    "whether", "about", "above", "below", "between", "among", "against", "without", "within", "through", "into",
    "upon", "amid", "across", "along", "around", "behind", "beyond", "state", "united", "human", "rights", "sources",
    "security", "god", "allah", "internet", "covid", "covid-19", "christmas", "ramadan", "easter", "islam",
    "muslims", "christians", "jews", "western", "eastern", "northern", "southern", "central", "north", "south",
    "east", "west", "ai", "x",
}
PARTICLES = {"of", "the", "for", "and", "de", "del", "da", "dos", "das", "do", "bin", "bint", "ibn", "van", "von", "der",
             "den", "al", "el", "du", "la", "le", "y", "&", "ben", "abu"}
# Speech and stance verbs that make an adjacent capitalized name a speaker ("Gallagher added", "said Bagci").
SPEECH_VERBS = {
    "said", "says", "told", "added", "stated", "noted", "wrote", "tweeted", "posted", "announced", "argued",
    "insisted", "warned", "urged", "called", "demanded", "rejected", "denied", "criticized", "criticised",
    "condemned", "welcomed", "praised", "backed", "accused", "threatened", "vowed", "declined", "refused",
    "expressed", "signaled", "signalled", "proposed", "asked", "appealed", "pledged", "promised", "dismissed",
    "blamed", "endorsed", "supported", "agreed", "offered", "acknowledged", "confirmed", "claimed", "reported",
    "responded", "replied", "countered", "cautioned", "suggested", "hailed", "slammed", "lashed", "voiced",
    "explained", "emphasized", "emphasised", "stressed", "recalled", "predicted", "believes", "thinks", "wants",
    "hopes", "fears", "estimated", "observed", "remarked", "concluded", "admitted", "conceded", "testified",
    "say", "believe", "suggest", "argue", "warn", "note", "fear", "expect", "estimate", "predict", "contend",
}
AUXILIARIES = {"will", "would", "could", "can", "may", "might", "must", "should", "has", "have", "had", "is", "was",
               "are", "were", "did", "does", "do", "also", "later", "then", "on", "last", "still", "has", "had"}
GROUP_NOUNS_COUNTRY = {"officials", "government", "authorities", "diplomats", "leaders", "negotiators", "lawmakers",
                       "ministers", "leadership", "delegation", "side", "regime", "administration", "envoys"}
GROUP_NOUNS_FORCES = {"forces", "troops", "military", "army", "soldiers", "navy", "militaries"}
# Generic actors written without a name ("the government", "Police said") and anaphors for named ones ("the group").
GENERIC_NOUNS = {"government": "organization", "army": "organization", "military": "organization",
                 "police": "organization", "opposition": "group", "rebels": "group", "authorities": "organization",
                 "junta": "group", "cabinet": "organization", "parliament": "organization", "militants": "group",
                 "insurgents": "group", "security forces": "group", "armed forces": "organization",
                 "administration": "organization", "regime": "organization", "presidency": "organization",
                 "ministers": "group", "mps": "group", "lawmakers": "group", "legislators": "group",
                 "prosecutors": "organization", "officials": "group", "analysts": "group", "experts": "group",
                 "security sources": "group"}
BARE_GENERIC = {"police", "ministers", "mps", "lawmakers", "legislators", "prosecutors", "rebels", "militants",
                "security forces", "officials", "analysts", "experts", "security sources", "authorities"}
ANAPHOR_NOUNS = {"group", "party", "council", "commission", "bloc", "alliance", "organization", "organisation",
                 "agency", "company", "ministry", "court", "militia", "movement", "union", "committee", "coalition",
                 "federation", "association", "network", "institute", "board", "tribunal", "body", "watchdog",
                 "kremlin", "pentagon", "channel", "broadcaster", "outlet", "newspaper", "agency", "fund", "bank"}
FAMILY_NAME_FIRST = {"China", "North Korea", "South Korea", "Taiwan", "Vietnam", "Cambodia", "Hungary"}
HIGH_OFFICES = {"president", "prime minister", "chancellor", "foreign minister", "defence minister", "defense minister",
                "king", "queen", "premier", "supreme leader", "secretary of state", "interior minister", "finance minister",
                "vice president", "crown prince", "emir"}
WEAK_AUXILIARIES = {"is", "was", "be", "are", "were", "will", "would", "could", "can", "may", "might", "must", "should",
                    "has", "had", "have", "seems", "seemed", "remains", "remained", "appears", "appeared"}
GENERIC_WORDS = frozenset(w for noun in list(GENERIC_NOUNS) + list(ANAPHOR_NOUNS) + list(BARE_GENERIC) for w in noun.split())
PRONOUNS = {"he", "she"}
PLURAL_PRONOUNS = {"they"}
NEUTER_PRONOUNS = {"it"}
POSSESSIVE = re.compile(r"['\u2019]s?$")
REPORTING_NOUNS = {"analysis", "report", "reports", "review", "investigation", "survey", "poll", "interview", "tally",
                   "count", "statement", "statements", "assessment", "estimate", "estimates", "findings", "study"}
FUNCTION_WORDS = {"and", "or", "nor", "to", "for", "on", "in", "with", "at", "of", "itself", "that", "which", "who", "by",
                  "over", "after", "before", "as", "from", "about", "against", "under", "into", "but", "if", "than",
                  "while", "when", "because", "since", "until", "also", "not", "never", "already", "again", "this",
                  "last", "next", "earlier", "later", "alone", "instead", "too", "itself", "themselves", "a", "an", "the",
                  "it", "he", "she", "they", "we", "i", "you", "there", "now", "then", "still", "so"}
DASHES = {"-", "\u2014", "\u2013", "--"}


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words usually written in lowercase (``stance/data/common_words.txt``, built by ``python -m training.wordlist``)."""
    path = Path(__file__).parent / "data" / "common_words.txt"
    if not path.exists():
        return frozenset()
    return frozenset(path.read_text(encoding="utf-8").split())


@functools.lru_cache(maxsize=1)
def verb_forms() -> frozenset[str]:
    from .features import CUES

    forms = set(SPEECH_VERBS) | AUXILIARIES
    for cue_forms in CUES.values():
        forms |= {f for f in cue_forms if " " not in f}
    return frozenset(forms)


def verb_like(word: str) -> bool:
    return word in verb_forms() or (word.endswith("ed") and len(word) > 3)


def present_verb_like(word: str) -> bool:
    """'weighs', 'sends', 'bans' right after a name in a headline."""
    return verb_like(word) or (word.endswith("s") and not word.endswith(("ss", "us", "is", "ics", "ous")) and len(word) > 3)
