"""Integrity check for the shipped gazetteer (stance/data/gazetteer/*.json).

Run with pytest, or directly: python3 tests/test_gazetteer_integrity.py
"""
import json
import re
import sys
from pathlib import Path

GAZ_DIR = Path(__file__).resolve().parent.parent / "stance" / "data" / "gazetteer"
TYPES = {"person", "organization", "country", "group"}
ID_RE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
# bare common words that must never be aliases (they match far too much news text)
FORBIDDEN_ALIASES = {"State", "Union", "Council", "House", "Court", "Party", "Government",
                     "Parliament", "Army", "Ministry", "Office", "Assembly", "Commission"}


def load_all():
    files = sorted(GAZ_DIR.glob("*.json"))
    data = {}
    for f in files:
        with open(f, encoding="utf-8") as fh:
            data[f.name] = json.load(fh)
    return data


def surface_forms(actor):
    forms = [actor["name"]] + list(actor.get("aliases", [])) + list(actor.get("demonyms", []))
    if actor.get("capital"):
        forms.append(actor["capital"])
    return forms


def find_problems():
    problems = []
    data = load_all()
    if "countries.json" not in data:
        return ["countries.json missing"]
    actors = []
    for fname, doc in data.items():
        if not isinstance(doc, dict) or doc.get("version") != 1 or not isinstance(doc.get("actors"), list):
            problems.append(f"{fname}: top level must be {{'version': 1, 'actors': [...]}}")
            continue
        actors += [(fname, a) for a in doc["actors"]]

    country_names = {a["name"] for f, a in actors if f == "countries.json"}
    seen_ids = {}
    seen_forms = {}  # surface form -> (file, id)
    for fname, a in actors:
        aid = a.get("id", "?")
        where = f"{fname}:{aid}"
        for key in ("id", "name", "type", "affiliation", "aliases"):
            if key not in a:
                problems.append(f"{where}: missing key {key!r}")
        if not isinstance(aid, str) or not ID_RE.match(aid):
            problems.append(f"{where}: bad id")
        if aid in seen_ids:
            problems.append(f"{where}: duplicate id (also in {seen_ids[aid]})")
        seen_ids[aid] = fname
        if a.get("type") not in TYPES:
            problems.append(f"{where}: bad type {a.get('type')!r}")
        aff = a.get("affiliation")
        if aff is not None and aff not in country_names:
            problems.append(f"{where}: affiliation {aff!r} is not a country name")
        if a.get("type") == "country":
            if aff != a.get("name"):
                problems.append(f"{where}: country affiliation must equal its name")
            if not isinstance(a.get("demonyms"), list) or not isinstance(a.get("capital"), str):
                problems.append(f"{where}: country needs demonyms (list) and capital (str)")
        for al in a.get("aliases", []):
            if al in FORBIDDEN_ALIASES:
                problems.append(f"{where}: forbidden common-word alias {al!r}")
        for form in set(surface_forms(a)):
            if not isinstance(form, str) or not form.strip() or form != form.strip():
                problems.append(f"{where}: bad surface form {form!r}")
                continue
            if form in seen_forms:
                problems.append(f"{where}: surface form {form!r} also used by {seen_forms[form]}")
            else:
                seen_forms[form] = where
    return problems


def test_gazetteer_integrity():
    problems = find_problems()
    assert not problems, "\n".join(problems)


if __name__ == "__main__":
    probs = find_problems()
    for p in probs:
        print(p)
    print(f"{len(probs)} problem(s)")
    sys.exit(1 if probs else 0)
