"""Stance targets: how often the target is right, by the ``target`` component and by the rule.

A target is right when it names the annotated target (:func:`stance.targets.target_matches`). The component is
fitted by :func:`stance.targets.fit_target_model`.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Sequence

from stance.targets import (aimed_stances, article_actor_names, choose_targets, content_words, fit_target_model,
                            rule_target, target_candidates, target_matches, target_rows)

from .corpus import GoldDocument

__all__ = ["evaluate_targets", "format_target_report", "article_actor_names", "content_words", "target_matches", "target_rows",
           "fit_target_model"]


def _score(documents: Sequence[GoldDocument], choose: Callable[[list], list[str | None]]) -> dict:
    aimed = list(aimed_stances(documents))
    chosen = choose(aimed)
    counts: Counter = Counter()
    names: dict[str, set[str]] = {}
    for (document, _, actor, _), target in zip(aimed, chosen):
        known = names.setdefault(document.id, article_actor_names(document))
        kind = "actor" if actor.target in known else "phrase"
        counts[kind] += 1
        counts[f"{kind}_right"] += target_matches(target, actor.target, known)
    total = counts["actor"] + counts["phrase"]
    return {"n": total, "right": (counts["actor_right"] + counts["phrase_right"]) / total if total else 0.0,
            "actor_targets": counts["actor"], "actor_right": counts["actor_right"] / counts["actor"] if counts["actor"] else 0.0,
            "phrase_targets": counts["phrase"],
            "phrase_right": counts["phrase_right"] / counts["phrase"] if counts["phrase"] else 0.0}


def evaluate_targets(target_model, documents: Sequence[GoldDocument]) -> dict:
    """How often the target is right for the annotated actors and stances, by ``target_model`` and by the rule.

    Both are given the annotated mentions and stance labels, so only the choice of target is measured.
    """
    def by_model(aimed):
        return choose_targets(target_model, [target_candidates(d.text, s.start, s.end, actors, a.id, a.stance)
                                             for d, s, a, actors in aimed])

    def by_rule(aimed):
        return [rule_target(d.text, s.start, s.end, actors, a.id, a.stance) for d, s, a, actors in aimed]

    return {"model": _score(documents, by_model), "rule": _score(documents, by_rule)}


def format_target_report(name: str, report: dict) -> str:
    """The model-card section of :func:`evaluate_targets`."""
    lines = [f"### {name}", "", "Annotated mentions and stance labels given; a target is right when it names the annotated "
             "actor, or shares at least half its content words with the annotated phrase (F1 >= 0.5).", "",
             "| chosen by | targets right | actor targets right | phrase targets right |", "|---|---|---|---|"]
    for who, label in (("model", "`target` component"), ("rule", "first stance word (rule)")):
        row = report[who]
        lines.append(f"| {label} | {row['right']:.3f} of {row['n']} | {row['actor_right']:.3f} of {row['actor_targets']} "
                     f"| {row['phrase_right']:.3f} of {row['phrase_targets']} |")
    return "\n".join(lines) + "\n"
