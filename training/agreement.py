"""How far two annotators agree on the same real-news stories, and the model scored the same way.

Usage::

    python -m training.agreement      # datasets/voa/second_pass*.jsonl against datasets/voa/labels*.jsonl

The second pass is an independent (blind) annotation of some held-out VOA stories. Taking the first
annotation as gold, the second annotator gets the same scores the model gets: mention recall and
precision (of (sentence, actor) pairs, by overlap), stance and actor-sentiment macro-F1 on the pairs both
found, and sentence-sentiment macro-F1, with Cohen's kappa; and how often the target of a stance both gave the
same label is right (:func:`stance.targets.target_matches`). That shows how much of the gap between the model and
the targets is disagreement between careful people. Needs ``../shared`` (the story texts).
"""

from __future__ import annotations

import argparse
import json

from sklearn.metrics import cohen_kappa_score, f1_score

import stance

from .corpus import GoldDocument, load_voa, load_voa_second_pass
from .evaluate import _overlaps, evaluate_components, evaluate_end_to_end, matched_actors
from .targets import article_actor_names, evaluate_targets, target_matches


def _agreement(first: list[str], second: list[str]) -> dict:
    if not first:
        return {"n": 0, "macro_f1": 0.0, "accuracy": 0.0, "kappa": 0.0}
    labels = sorted(set(first) | set(second))
    return {"n": len(first), "macro_f1": float(f1_score(first, second, labels=labels, average="macro", zero_division=0)),
            "accuracy": sum(a == b for a, b in zip(first, second)) / len(first),
            "kappa": float(cohen_kappa_score(first, second)) if len(set(first) | set(second)) > 1 else 1.0}


def compare(first: list[GoldDocument], second: list[GoldDocument]) -> dict:
    """Score the annotation ``second`` against ``first`` (taken as gold) on the documents both contain.

    Examples
    --------
    >>> from stance.corpus import GoldActor, GoldSentence
    >>> def doc(stance, mention):
    ...     actor = GoldActor("Kremlin", "organization", "Russia", [mention], stance, None, "neutral")
    ...     return GoldDocument("s1", "The Kremlin rejected it.", [GoldSentence(0, 24, "neutral", [actor])], "voa")
    >>> result = compare([doc("rejection", (4, 11))], [doc("rejection", (0, 11))])
    >>> result["mention_recall"], result["stance"]["accuracy"]
    (1.0, 1.0)
    """
    by_id = {d.id: d for d in second}
    documents = [(d, by_id[d.id]) for d in first if d.id in by_id]
    gold_mentions = found_gold = second_mentions = found_second = 0
    stances: tuple[list[str], list[str]] = ([], [])
    sentiments: tuple[list[str], list[str]] = ([], [])
    sentence_labels: tuple[list[str], list[str]] = ([], [])
    targets_right: list[bool] = []
    for one, two in documents:
        names = article_actor_names(one)
        ones = [a.mentions for s in one.sentences for a in s.actors]
        twos = [a.mentions for s in two.sentences for a in s.actors]
        gold_mentions += len(ones)
        second_mentions += len(twos)
        found_gold += matched_actors(ones, twos)
        found_second += matched_actors(twos, ones)
        for sentence in one.sentences:
            span = (sentence.start, sentence.end)
            others = [s for s in two.sentences if _overlaps(span, (s.start, s.end))]
            same = [s for s in others if min(s.end, sentence.end) - max(s.start, sentence.start)
                    >= 0.5 * max(s.end - s.start, sentence.end - sentence.start)]
            if same and sentence.sentiment and same[0].sentiment:
                sentence_labels[0].append(sentence.sentiment)
                sentence_labels[1].append(same[0].sentiment)
            candidates = [a for s in others for a in s.actors]
            for actor in sentence.actors:
                match = next((a for a in candidates if any(_overlaps(m, n) for m in actor.mentions for n in a.mentions)), None)
                if match is None:
                    continue
                candidates.remove(match)
                stances[0].append(actor.stance)
                stances[1].append(match.stance)
                sentiments[0].append(actor.sentiment)
                sentiments[1].append(match.sentiment)
                if actor.stance != "neutral" and actor.target is not None and match.stance == actor.stance:
                    targets_right.append(target_matches(match.target, actor.target, names))
    return {
        "documents": len(documents),
        "mention_recall": found_gold / gold_mentions if gold_mentions else 0.0,
        "mention_precision": found_second / second_mentions if second_mentions else 0.0,
        "stance": _agreement(*stances),
        "actor_sentiment": _agreement(*sentiments),
        "sentence_sentiment": _agreement(*sentence_labels),
        "targets": {"n": len(targets_right), "right": sum(targets_right) / len(targets_right) if targets_right else 0.0},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default", help="also score this model on the same stories")
    args = parser.parse_args(argv)
    second = load_voa_second_pass()
    if not second:
        print("training.agreement needs datasets/voa/second_pass*.jsonl and ../shared/data/voa")
        return 1
    ids = {d.id for d in second}
    first = [d for d in load_voa() if d.id in ids]
    humans = compare(first, second)
    nlp = stance.load(args.model)
    components = evaluate_components(nlp.model, first)
    end_to_end = evaluate_end_to_end(nlp, first)
    model = {"mention_recall": end_to_end["mention_recall"], "mention_precision": end_to_end["mention_precision"],
             "stance_gold_mentions_macro_f1": components["stance"]["macro_f1"],
             "stance_found_actors_macro_f1": end_to_end["stance_on_found_actors"]["macro_f1"],
             "actor_sentiment_macro_f1": components["actor_sentiment"]["macro_f1"],
             "sentence_sentiment_macro_f1": components["sentence_sentiment"]["macro_f1"],
             "targets_gold_mentions_right": evaluate_targets(nlp.model.classifiers["target"], first)["model"]["right"]
             if "target" in nlp.model.classifiers else None,
             "targets_found_actors_right": end_to_end["targets_on_found_actors"]["right"]}
    print(json.dumps({"stories": sorted(ids), "second_annotator_vs_first": humans, "model_vs_first": model}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
