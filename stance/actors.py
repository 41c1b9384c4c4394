"""Political actors: the shipped gazetteer, a finder for actors in no list, and in-document coreference.

The gazetteer (``stance/data/gazetteer/*.json``, written by the team) lists countries with demonyms
and capitals, institutions, international bodies, parties, armed groups, media and people who lead
or speak for governments. :class:`ActorFinder` finds every mention in a document and resolves the
mentions to one :class:`Actor` per real-world entity:

- gazetteer names and aliases ("Putin", "U.S.", "Kremlin"), capitals used as agents ("Beijing said");
- role compounds ("Kremlin spokesman Dmitry Peskov" is Peskov, affiliated with the Kremlin/Russia);
- people and organizations in no list, found by capitalization, titles, appositions and speech verbs;
- surnames after full names, title phrases ("the Russian president") and subject pronouns.

Examples
--------
>>> from stance.actors import ActorFinder, Gazetteer
>>> finder = ActorFinder(Gazetteer.default())
>>> text = "Kremlin spokesman Dmitry Peskov said talks were possible. He added that Moscow was ready."
>>> [(m.text, m.actor.name) for m in finder.find(text, [(0, 57), (58, 88)])]
[('Dmitry Peskov', 'Dmitry Peskov'), ('He', 'Dmitry Peskov'), ('Moscow', 'Russia')]
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .exceptions import InvalidInputError
from .text import tokenize

__all__ = ["Actor", "Gazetteer", "ActorFinder", "FoundMention", "ACTOR_TYPES", "slugify", "load_actor_list"]

ACTOR_TYPES = ("person", "organization", "country", "group")
GAZETTEER_DIR = Path(__file__).parent / "data" / "gazetteer"


def slugify(name: str) -> str:
    """Stable ascii id for a name: ``slugify("Côte d'Ivoire") == "cote_d_ivoire"``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_") or "actor"


@dataclass(frozen=True, slots=True)
class Actor:
    """One real-world actor: canonical name, stable id, type and affiliation (a country name or None)."""

    id: str
    name: str
    type: str
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None


@dataclass(frozen=True, slots=True)
class FoundMention:
    """A mention of ``actor`` at ``text[start:end]``; ``via`` says how it was found."""

    start: int
    end: int
    text: str
    actor: Actor
    via: str


# --- word lists (written by the team from news style) ----------------------------------------------

# Prepositions after which a country or capital is a place, not an agent ("talks in Beijing").
LOCATIVE = {"in", "at", "from", "into", "across", "inside", "outside", "throughout", "near", "to", "within", "toward",
            "towards", "around", "via", "through", "over", "visit", "visited", "visiting", "entered", "left", "leave", "flew",
            "arrived", "border", "borders", "between", "of", "on", "off", "along", "beyond", "across"}
# Core nouns of a title or role; a run of title words must contain one of these.
TITLE_HEADS = {
    "president", "minister", "secretary", "secretary-general", "chancellor", "king", "queen", "prince", "princess",
    "emir", "sheikh", "sultan", "speaker", "ambassador", "envoy", "chairman", "chairwoman", "chair", "chief",
    "commander", "general", "gen", "lt", "col", "adm", "maj", "capt", "sgt", "sen", "senator", "rep", "representative",
    "gov", "governor", "mayor", "judge", "justice", "pope", "ayatollah", "leader", "spokesman", "spokeswoman",
    "spokesperson", "premier", "director", "director-general", "head", "commissioner", "mr", "mrs", "ms", "dr",
    "president-elect", "lawmaker", "mp", "adviser", "advisor", "negotiator", "diplomat", "prosecutor", "official",
    "coordinator", "rapporteur", "vice-president", "vice-chancellor", "lieutenant", "colonel", "admiral", "marshal",
    "mufti", "imam", "rabbi", "cardinal", "archbishop", "patriarch", "attorney", "founder", "executive", "ceo",
    "activist", "candidate", "nominee", "councillor", "councilor", "deputy", "sergeant", "captain", "major",
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
    "democrat", "labour", "independent", "spy", "navy", "air", "force", "border", "migration", "water", "digital",
}
# Last words of organization names ("Coastal Farmers Union", "Ministry of Health").
ORG_WORDS = {
    "party", "union", "council", "ministry", "front", "movement", "army", "forces", "force", "center", "centre",
    "institute", "association", "committee", "commission", "agency", "bank", "court", "group", "alliance",
    "federation", "organization", "organisation", "league", "coalition", "congress", "assembly", "parliament",
    "senate", "government", "office", "department", "authority", "network", "foundation", "brigade", "brigades",
    "militia", "guard", "guards", "police", "corporation", "company", "bureau", "service", "tribunal", "board",
    "cabinet", "secretariat", "mission", "watch", "fund", "society", "confederation", "syndicate", "caucus", "junta",
    "administration", "regime", "command", "navy", "times", "post", "news", "press", "television", "radio",
    "observatory", "initiative", "forum", "partnership", "ministries", "unions", "parties", "rebels", "council",
    "directorate", "inspectorate", "chamber", "cooperative", "collective", "coalition", "trust", "project", "campaign",
    "consortium", "guild", "fraternity", "brotherhood", "sisterhood", "order", "church", "assembly", "commissariat",
}
GROUP_WORDS = {"rebels", "militia", "movement", "front", "brigade", "brigades", "army", "forces", "guard", "guards",
               "junta", "brotherhood"}
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
    "wire", "reuters", "ap", "afp", "we're", "it's", "let", "do", "does", "did", "can", "will", "would", "should",
    "could", "must", "may", "might", "is", "are", "was", "were", "be", "been", "has", "have", "had", "so", "only",
    "just", "even", "once", "until", "unless", "whether", "about", "above", "below", "between", "among", "against",
    "without", "within", "through", "into", "upon", "amid", "across", "along", "around", "behind", "beyond",
    "mr.", "mrs.", "ms.", "dr.", "state", "united", "human", "rights",
}
PARTICLES = {"of", "the", "for", "and", "de", "del", "da", "dos", "das", "do", "bin", "bint", "ibn", "van", "von", "der",
             "den", "al", "el", "du", "la", "le", "y", "&", "ben", "abu"}
# Verbs that make a preceding capitalized name an actor even when nothing else says so.
SPEECH_VERBS = {
    "said", "says", "told", "added", "stated", "noted", "wrote", "tweeted", "posted", "announced", "argued",
    "insisted", "warned", "urged", "called", "demanded", "rejected", "denied", "criticized", "criticised",
    "condemned", "welcomed", "praised", "backed", "accused", "threatened", "vowed", "declined", "refused",
    "expressed", "signaled", "signalled", "proposed", "asked", "appealed", "pledged", "promised", "dismissed",
    "blamed", "endorsed", "supported", "agreed", "offered", "acknowledged", "confirmed", "claimed", "reported",
    "responded", "replied", "countered", "cautioned", "suggested", "hailed", "slammed", "lashed", "voiced",
    "has", "had", "will", "would", "is", "was", "says", "spokesman", "spokeswoman", "spokesperson",
}
GROUP_NOUNS_COUNTRY = {"officials", "government", "authorities", "diplomats", "leaders", "negotiators", "lawmakers",
                       "ministers", "leadership", "delegation", "diplomacy", "side"}
GROUP_NOUNS_FORCES = {"forces", "troops", "military", "army", "soldiers", "navy", "militaries"}
PRONOUNS = {"he", "she"}
POSSESSIVE = re.compile(r"['\u2019]s?$")


# --- gazetteer ------------------------------------------------------------------------------------------

def _entry_to_actor(entry: dict, where: str) -> Actor:
    if not isinstance(entry, dict):
        raise InvalidInputError(f"{where}: an actor entry must be an object, got {type(entry).__name__}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InvalidInputError(f"{where}: field 'name' must be a non-empty string")
    kind = entry.get("type") or "organization"
    if kind not in ACTOR_TYPES:
        raise InvalidInputError(f"{where}: field 'type' of {name!r} must be one of {', '.join(ACTOR_TYPES)}, got {kind!r}")

    def strings(key):
        value = entry.get(key) or ()
        if isinstance(value, str):
            value = [part.strip() for part in value.split("|")]
        if not all(isinstance(item, str) for item in value):
            raise InvalidInputError(f"{where}: field {key!r} of {name!r} must be a list of strings")
        return tuple(item for item in value if item)

    affiliation = entry.get("affiliation") or None
    if kind == "country" and affiliation is None:
        affiliation = name.strip()
    return Actor(
        id=str(entry.get("id") or slugify(name)), name=name.strip(), type=kind, affiliation=affiliation,
        aliases=strings("aliases"), titles=tuple(t.lower() for t in strings("titles")),
        demonyms=strings("demonyms"), capital=(entry.get("capital") or None),
    )


def load_actor_list(path: str | Path) -> list[Actor]:
    """Read a user's actor list: JSON (``{"actors": [...]}`` or a list) or CSV with a header.

    Columns/fields: ``name`` (required), ``aliases`` (list, or ``|``-separated in CSV), ``type``,
    ``affiliation``, optional ``id``, ``titles``, ``demonyms``, ``capital``.

    Raises
    ------
    InvalidInputError
        If the file cannot be read or an entry is malformed (the message names the entry).
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInputError(f"cannot read actor list {path}: {error}") from None
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(io.StringIO(raw)))
        if rows and "name" not in rows[0]:
            raise InvalidInputError(f"{path}: the CSV header must have a 'name' column")
        return [_entry_to_actor({k: v for k, v in row.items() if k}, f"{path}: row {n}") for n, row in enumerate(rows, 2)]
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InvalidInputError(f"{path}: invalid JSON ({error.msg}, line {error.lineno})") from None
    entries = data.get("actors") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise InvalidInputError(f"{path}: expected a list of actors or an object with an 'actors' list")
    return [_entry_to_actor(entry, f"{path}: entry {n}") for n, entry in enumerate(entries)]


def _token_key(text: str) -> tuple[str, ...]:
    return tuple(text[s:e] for s, e in tokenize(text))


class Gazetteer:
    """A searchable list of known actors.

    Parameters
    ----------
    actors : iterable of Actor
        Later entries win when two share a surface form.

    Examples
    --------
    >>> g = Gazetteer.default()
    >>> g.lookup(("Beijing",)).name, g.lookup(("U.S.",)).name
    ('China', 'United States')
    """

    def __init__(self, actors: Iterable[Actor] = ()):
        self.actors: dict[str, Actor] = {}
        self._surface: dict[tuple[str, ...], tuple[Actor, str]] = {}
        self._demonyms: dict[str, Actor] = {}
        self._countries_by_name: dict[str, Actor] = {}
        self.max_length = 1
        for actor in actors:
            self.add(actor)

    def add(self, actor: Actor) -> None:
        self.actors[actor.id] = actor
        if actor.type == "country":
            self._countries_by_name[actor.name] = actor
        forms = [(actor.name, "name")] + [(alias, "alias") for alias in actor.aliases]
        if actor.capital:
            forms.append((actor.capital, "capital"))
        for form, kind in forms:
            key = _token_key(form)
            if key:
                self._surface[key] = (actor, kind)
                self.max_length = max(self.max_length, len(key))
        for demonym in actor.demonyms:
            self._demonyms[demonym] = actor

    def lookup(self, tokens: tuple[str, ...]) -> Actor | None:
        hit = self._surface.get(tokens)
        return hit[0] if hit else None

    def lookup_with_kind(self, tokens: tuple[str, ...]) -> tuple[Actor, str] | None:
        return self._surface.get(tokens)

    def demonym(self, word: str) -> Actor | None:
        return self._demonyms.get(word)

    def country(self, name: str | None) -> Actor | None:
        return self._countries_by_name.get(name) if name else None

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self.actors

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> "Gazetteer":
        actors: list[Actor] = []
        for path in paths:
            actors.extend(load_actor_list(path))
        return cls(actors)

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "Gazetteer":
        """The gazetteer shipped with the package (read once, cached)."""
        return cls.from_files(sorted(GAZETTEER_DIR.glob("*.json")))

    def extended(self, actors: Iterable[Actor]) -> "Gazetteer":
        """A new gazetteer with ``actors`` added (they win over shipped entries with the same form)."""
        return Gazetteer(list(self.actors.values()) + list(actors))


# --- the finder -------------------------------------------------------------------------------------------

@dataclass
class _DocumentState:
    """What the finder remembers while it reads one document."""

    actors: dict[str, Actor] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)
    titles: dict[str, set[str]] = field(default_factory=dict)
    # (position, actor id) of every person mention, in order; the first of each sentence is its subject
    person_subjects: list[str] = field(default_factory=list)
    last_person_position: list[tuple[int, str]] = field(default_factory=list)


def _is_name_token(token: str) -> bool:
    if not token or not token[0].isalpha():
        return token[:1].isdigit() is False and token[:1] == "G" if token else False
    if token[0].isupper():
        return True
    return bool(re.match(r"(?:al|el|ad|as|an|ar|at|ash|az|d)[-'\u2019][A-Z]", token))


def _bare(token: str) -> str:
    return POSSESSIVE.sub("", token) if ("'" in token or "\u2019" in token) else token


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


class ActorFinder:
    """Find actor mentions in a document and resolve them to one actor per entity.

    Parameters
    ----------
    gazetteer : Gazetteer
        Known actors; people and organizations in no list are found anyway.
    find_unlisted : bool, default=True
        Whether to report actors that are not in the gazetteer.
    """

    def __init__(self, gazetteer: Gazetteer, find_unlisted: bool = True):
        self.gazetteer = gazetteer
        self.find_unlisted = find_unlisted

    # The public entry point.
    def find(self, text: str, sentences: list[tuple[int, int]]) -> list[FoundMention]:
        """Return the mentions in ``text``, sentence by sentence, in order of position."""
        state = _DocumentState()
        found: list[FoundMention] = []
        for start, end in sentences:
            found.extend(self._find_in_sentence(text, start, end, state))
        return found

    # -- one sentence --------------------------------------------------------------------------------
    def _find_in_sentence(self, text: str, start: int, end: int, state: _DocumentState) -> list[FoundMention]:
        spans = self._split_compounds(text, tokenize(text, start, end))
        tokens = [text[s:e] for s, e in spans]
        lower = [t.lower() for t in tokens]
        mentions: list[FoundMention] = []
        consumed = [False] * len(tokens)
        subject_recorded = False

        def add(i: int, j: int, actor: Actor, via: str, strip_possessive: bool = True) -> None:
            nonlocal subject_recorded
            s, e = spans[i][0], spans[j - 1][1]
            if strip_possessive:
                last = text[spans[j - 1][0]:e]
                bare = _bare(last)
                e -= len(last) - len(bare)
            actor = self._register(actor, state)
            mentions.append(FoundMention(s, e, text[s:e], actor, via))
            for k in range(i, j):
                consumed[k] = True
            if actor.type == "person":
                if not subject_recorded:
                    state.person_subjects.append(actor.id)
                    subject_recorded = True

        i = 0
        n = len(tokens)
        while i < n:
            if not _is_name_token(tokens[i]) or consumed[i]:
                i += 1
                continue
            # a chunk of name tokens joined by particles
            j = i + 1
            while j < n:
                if _is_name_token(tokens[j]):
                    j += 1
                elif lower[j] in PARTICLES and j + 1 < n and _is_name_token(tokens[j + 1]):
                    j += 2
                else:
                    break
            self._parse_chunk(text, spans, tokens, lower, i, j, start, add, state)
            i = j
        self._find_title_phrases(text, spans, tokens, lower, consumed, add, state)
        self._find_pronouns(spans, tokens, lower, consumed, add, state, start)
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _split_compounds(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """'Putin-Trump' -> 'Putin', '-', 'Trump' unless the whole is a known name ('Guinea-Bissau')."""
        result = []
        for s, e in spans:
            token = text[s:e]
            parts = token.split("-")
            if (len(parts) > 1 and all(p[:1].isupper() for p in parts) and self.gazetteer.lookup((token,)) is None
                    and any(self.gazetteer.lookup((p,)) for p in parts)):
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

    def _parse_chunk(self, text, spans, tokens, lower, i, j, sentence_start, add, state) -> None:
        """Split the chunk tokens[i:j] into titles, gazetteer hits and unlisted names."""
        gaz = self.gazetteer
        pieces: list[tuple[int, int, Actor | None, str]] = []  # (from, to, actor, kind)
        k = i
        while k < j:
            hit = None
            for length in range(min(gaz.max_length, j - k), 0, -1):
                key = tuple(tokens[k:k + length - 1]) + (_bare(tokens[k + length - 1]),)
                found = gaz.lookup_with_kind(key)
                if found:
                    hit = (k, k + length, found[0], found[1])
                    break
            if hit is None and state.surnames.get(_bare(tokens[k])) and not (
                    k + 1 < j and _is_name_token(tokens[k + 1]) and lower[k + 1] not in PARTICLES):
                actor = state.actors[state.surnames[_bare(tokens[k])]]
                hit = (k, k + 1, actor, "surname")
            if hit is None and gaz.demonym(tokens[k]):
                hit = (k, k + 1, gaz.demonym(tokens[k]), "demonym")
            if hit:
                pieces.append(hit)
                k = hit[1]
            else:
                if pieces and pieces[-1][2] is None:
                    pieces[-1] = (pieces[-1][0], k + 1, None, "unlisted")
                else:
                    pieces.append((k, k + 1, None, "unlisted"))
                k += 1
        # walk the pieces: [org/country/demonym] [title] [name] patterns
        pending_affiliation: Actor | None = None
        pending_title = ""
        for index, (a, b, actor, kind) in enumerate(pieces):
            next_piece = pieces[index + 1] if index + 1 < len(pieces) else None
            if actor is None:
                words = lower[a:b]
                title_length = _title_run_length(words)
                if title_length:
                    pending_title = " ".join(w.rstrip(".") for w in words[:title_length])
                    a += title_length
                    if a >= b:
                        if next_piece is None and pending_affiliation is not None:
                            # "the U.N. Secretary-General" with no name: the institution speaks
                            add(pieces[index - 1][0], pieces[index - 1][1], pending_affiliation, "role")
                            pending_affiliation = None
                        continue  # a pure title; the name follows in the next piece
                self._unlisted(text, spans, tokens, lower, a, b, sentence_start, add, state,
                               title=pending_title, affiliation=pending_affiliation)
                pending_title, pending_affiliation = "", None
                continue
            followed_by_person = next_piece is not None and (
                (next_piece[2] is not None and next_piece[2].type == "person")
                or (next_piece[2] is None and _title_run_length(lower[next_piece[0]:next_piece[1]]))
            )
            after = lower[b] if b < len(lower) else ""
            lowercase_title_follows = bool(_title_run_length(lower[b:b + 4])) and b < len(tokens) and not _is_name_token(tokens[b])
            if actor.type == "person":
                self._remember_title(actor, pending_title, state)
                if pending_affiliation is not None and actor.id not in state.actors:
                    pass
                add(a, b, actor, kind)
                pending_title, pending_affiliation = "", None
                continue
            if kind == "demonym":
                if followed_by_person or lowercase_title_follows:
                    pending_affiliation = actor
                    continue
                if after in GROUP_NOUNS_COUNTRY and b == j:
                    add(a, b, actor, "demonym group")
                elif after in GROUP_NOUNS_FORCES and b == j:
                    forces = Actor(f"{actor.id}_forces", f"{tokens[a]} forces", "group", actor.name)
                    add(a, b + 1, forces, "demonym forces", strip_possessive=False)
                continue
            if followed_by_person:
                pending_affiliation = actor
                continue
            if lowercase_title_follows and self._name_after_title(tokens, lower, b):
                pending_affiliation = actor
                continue
            before = lower[a - 1] if a > 0 else ""
            if actor.type == "country" and kind in ("name", "alias", "capital"):
                if before in LOCATIVE or before == "the" and a > 1 and lower[a - 2] in LOCATIVE:
                    continue
                if kind == "capital" and not self._capital_is_agent(tokens, lower, a, b):
                    continue
            add(a, b, actor, kind)

    def _name_after_title(self, tokens, lower, b) -> bool:
        length = _title_run_length(lower[b:b + 4])
        return b + length < len(tokens) and _is_name_token(tokens[b + length])

    @staticmethod
    def _capital_is_agent(tokens, lower, a, b) -> bool:
        """'Moscow rejected', 'rejected by Moscow', "Beijing's" are agents; 'MOSCOW,' datelines are not."""
        if tokens[a].isupper() and len(tokens[a]) > 3:
            return False
        if a > 0 and lower[a - 1] == "by":
            return True
        last = tokens[b - 1]
        if last.endswith(("'s", "\u2019s")):
            return True
        if b < len(tokens):
            nxt = lower[b]
            if nxt in {",", "(", "-", "\u2014", "\u2013"} and a == 0:
                return False
            if nxt in {"and", "or"} and b + 1 < len(tokens) and _is_name_token(tokens[b + 1]):
                return True
            return nxt.isalpha() and not _is_name_token(tokens[b]) and (
                nxt.endswith(("ed", "s")) or nxt in {"will", "would", "could", "can", "may", "might", "must", "should",
                                                     "has", "have", "had", "is", "was", "said", "says", "wants", "did", "does"})
        return False

    def _unlisted(self, text, spans, tokens, lower, a, b, sentence_start, add, state, title="", affiliation=None):
        """Decide whether the name tokens[a:b] (in no list) is an actor, and which kind."""
        if not self.find_unlisted:
            return
        # drop leading openers ("The", "But", "Officials") and split at "and" unless it is an org name
        while a < b and (lower[a].rstrip(".") in NOT_NAMES and lower[a] not in TITLE_HEADS or lower[a] in PARTICLES):
            a += 1
        while b > a and lower[b - 1] in PARTICLES:
            b -= 1
        if a >= b:
            return
        words = lower[a:b]
        if "and" in words and not any(w in ORG_WORDS for w in words):
            cut = a + words.index("and")
            self._unlisted(text, spans, tokens, lower, a, cut, sentence_start, add, state, title, affiliation)
            self._unlisted(text, spans, tokens, lower, cut + 1, b, sentence_start, add, state)
            return
        before = [w for w in lower[max(0, a - 4):a]]
        after = lower[b] if b < len(lower) else ""
        org_word = any(_bare(w) in ORG_WORDS for w in words[-3:])
        name_like = all(_is_name_token(t) or t.lower() in PARTICLES for t in tokens[a:b]) and b - a <= 5
        preceding_title = _title_run_length(before[-3:]) or any(
            _title_run_length(before[k:]) == len(before) - k for k in range(len(before)) if before[k:]
        )
        if not title and preceding_title and not _is_name_token(tokens[a - 1]):
            title = " ".join(w for w in before[-3:] if w.rstrip(".") in TITLE_HEADS | TITLE_MODIFIERS).strip()
        apposition = self._apposition_title(tokens, lower, b)
        if org_word and b - a >= 2:
            kind = "group" if _bare(words[-1]) in GROUP_WORDS else "organization"
            name = " ".join(_bare(t) if k == b - a - 1 else t for k, t in enumerate(tokens[a:b]))
            actor = Actor(slugify(name), name, kind, affiliation.affiliation if affiliation else None)
            add(a, b, actor, "unlisted organization")
            return
        if not name_like or org_word:
            return
        single_word = b - a == 1
        speaks = after in SPEECH_VERBS or (after == "," and apposition)
        if not (title or apposition or (speaks and not single_word) or (speaks and a > 0 and lower[a - 1] in {'"', "\u201d", ","})):
            return
        if single_word and not (title or apposition):
            return
        name = " ".join(tokens[a:b - 1] + [_bare(tokens[b - 1])])
        actor = Actor(slugify(name), name, "person", affiliation.affiliation if affiliation else None,
                      titles=(title,) if title else ())
        add(a, b, actor, "unlisted person")
        self._remember_title(actor, title or apposition, state)

    @staticmethod
    def _apposition_title(tokens, lower, b) -> str:
        """'Jian Badrakhan, vice chairman of the ...' -> 'vice chairman'."""
        if b >= len(tokens) or lower[b] != ",":
            return ""
        k = b + 1
        if k < len(tokens) and lower[k] in {"a", "an", "the"}:
            k += 1
        words = lower[k:k + 5]
        length = _title_run_length(words)
        if not length:
            # e.g. 'Kremlin spokesman' -> skip one capitalized org word
            if words and _is_name_token(tokens[k]) and _title_run_length(lower[k + 1:k + 5]):
                length = _title_run_length(lower[k + 1:k + 5])
                return " ".join(lower[k + 1:k + 1 + length])
            return ""
        return " ".join(words[:length])

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
        if actor.type == "person":
            parts = actor.name.split()
            if len(parts) > 1:
                state.surnames.setdefault(parts[-1], actor.id)
            for alias in actor.aliases:
                if len(alias.split()) == 1:
                    state.surnames.setdefault(alias, actor.id)
            if actor.titles:
                state.titles.setdefault(actor.id, set()).update(h for t in actor.titles for h in _title_heads(t))
        return actor

    def _find_title_phrases(self, text, spans, tokens, lower, consumed, add, state) -> None:
        """'the Russian president', 'the minister' -> the most recent person holding that title."""
        k = 0
        while k < len(tokens):
            if lower[k] != "the" or consumed[k]:
                k += 1
                continue
            m = k + 1
            country = None
            if m < len(tokens) and self.gazetteer.demonym(tokens[m]):
                country = self.gazetteer.demonym(tokens[m])
                m += 1
            elif m < len(tokens) and (found := self.gazetteer.lookup((_bare(tokens[m]),))) and found.type != "person":
                country = found
                m += 1
            length = _title_run_length([w for w in lower[m:m + 4]])
            if not length or any(_is_name_token(t) and t.lower().rstrip(".") not in TITLE_HEADS | TITLE_MODIFIERS for t in tokens[m:m + length]):
                k += 1
                continue
            end = m + length
            if end < len(tokens) and (_is_name_token(tokens[end]) or lower[end] == "of"):
                k += 1
                continue
            heads = _title_heads(" ".join(lower[m:end]))
            actor = self._recent_titled(heads, country, state)
            if actor is not None:
                add(k, end, actor, "title")
            k = end

    def _recent_titled(self, heads: set[str], country: Actor | None, state: _DocumentState) -> Actor | None:
        for actor_id in reversed(list(state.actors)):
            actor = state.actors[actor_id]
            if actor.type != "person":
                continue
            titles = state.titles.get(actor_id, set())
            if not (titles & heads or ("leader" in heads and titles & {"president", "prime minister", "chancellor", "king", "premier", "leader", "supreme leader", "emir"})):
                continue
            if country is not None and actor.affiliation not in (country.name, country.affiliation):
                continue
            return actor
        return None

    def _find_pronouns(self, spans, tokens, lower, consumed, add, state, sentence_start) -> None:
        """Subject pronouns he/she -> the subject of this sentence so far, or of the latest sentence with a person."""
        for k, word in enumerate(lower):
            if word not in PRONOUNS or consumed[k]:
                continue
            nxt = lower[k + 1] if k + 1 < len(lower) else ""
            if not nxt.isalpha() or _is_name_token(tokens[k + 1]):
                continue
            if not state.person_subjects:
                continue
            actor = state.actors[state.person_subjects[-1]]
            add(k, k + 1, actor, "pronoun", strip_possessive=False)


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
    return heads
