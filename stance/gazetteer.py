"""Known actors: the :class:`Actor` record, users' actor lists, and the searchable :class:`Gazetteer`.

The shipped gazetteer (``stance/data/gazetteer/*.json``, written by the team) lists countries with
demonyms and capitals, institutions, international bodies, parties, armed groups, media and people
who lead or speak for governments. Users extend it with their own lists (JSON or CSV, read by
:func:`load_actor_list`).

Examples
--------
>>> g = Gazetteer.default()
>>> g.lookup(("Moscow",)).name, g.demonym("French").name
('Russia', 'France')
>>> slugify("Côte d'Ivoire")
'cote_d_ivoire'
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .exceptions import InvalidInputError
from .text import tokenize
from .wordlists import common_words

__all__ = ["Actor", "Gazetteer", "ACTOR_TYPES", "slugify", "load_actor_list"]

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

    @functools.cached_property
    def first_names(self) -> frozenset[str]:
        """Given names of the listed people ("Michael", "Olena"): an unlisted 'Michael Howard' is a person too."""
        names = set()
        for actor in self.actors.values():
            parts = actor.name.split()
            if actor.type == "person" and len(parts) >= 2 and parts[0].isalpha() and parts[0][0].isupper():
                names.add(parts[0])
        return frozenset(n for n in names if n.lower() not in common_words() and len(n) > 2)

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
