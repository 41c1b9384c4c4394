"""Evaluate a model on labelled data: per-label precision/recall/F1, confusion matrix, calibration, mentions.

Usage::

    python -m training.evaluate --model stance/models/default --data datasets/stance/articles/w1.jsonl
    python -m training.evaluate --model stance/models/default --data voa      # team labels of the VOA stories
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, precision_recall_fscore_support

import stance
from stance.analyzer import EMBEDDINGS_COMPONENT
from stance.model import EMBEDDINGS_COMPONENTS, PIECE_HEAD_COMPONENT, PIECE_VECTORS_COMPONENT
from stance.features import pair_features
from stance.trainer import labelled_pairs, labelled_sentences

from .corpus import GoldDocument, compile_article, load_newsmtsc, load_voa, _read_jsonl
from .targets import evaluate_targets, format_target_report, target_matches


def expected_calibration_error(confidences, correct, bins: int = 10) -> float:
    confidences, correct = np.asarray(confidences, float), np.asarray(correct, float)
    if len(confidences) == 0:
        return 0.0
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (confidences > low) & (confidences <= high)
        if inside.any():
            total += inside.mean() * abs(confidences[inside].mean() - correct[inside].mean())
    return float(total)


def macro_f1_interval(gold, predicted, groups, labels, resamples: int = 2000, seed: int = 13) -> tuple[float, float]:
    """95% bootstrap interval of macro-F1 over ``labels``, resampling whole documents (``groups``: the
    document of each row), since rows of one story are not independent.

    Examples
    --------
    >>> low, high = macro_f1_interval(["a", "b", "a", "b"], ["a", "b", "b", "b"], [0, 0, 1, 1], ["a", "b"])
    >>> 0.0 <= low <= high <= 1.0
    True
    """
    index = {label: k for k, label in enumerate(labels)}
    documents = {g: d for d, g in enumerate(dict.fromkeys(groups))}
    counts = np.zeros((len(documents), len(labels), len(labels)))
    for g, p, group in zip(gold, predicted, groups):
        if g in index and p in index:
            counts[documents[group], index[g], index[p]] += 1
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(len(documents), np.full(len(documents), 1 / len(documents)), size=resamples)
    totals = (draws @ counts.reshape(len(documents), -1)).reshape(resamples, len(labels), len(labels))
    true_positive = np.diagonal(totals, axis1=1, axis2=2)
    denominator = totals.sum(axis=1) + totals.sum(axis=2)
    f1 = np.divide(2 * true_positive, denominator, out=np.zeros_like(true_positive), where=denominator > 0)
    low, high = np.percentile(f1.mean(axis=1), [2.5, 97.5])
    return float(low), float(high)


def _confusion(gold, predicted, labels) -> list[list[int]]:
    """Rows gold, columns predicted, in the order of ``labels`` (as sklearn's ``confusion_matrix``, which warns when a
    small evaluation holds one label only).

    >>> _confusion(["a", "a", "b"], ["a", "b", "b"], ["a", "b"])
    [[1, 1], [0, 1]]
    """
    index = {label: k for k, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted):
        if g in index and p in index:
            matrix[index[g]][index[p]] += 1
    return matrix


def classification_report(gold, predicted, confidences, labels, groups=None) -> dict:
    """Per-label precision/recall/F1, confusion, ECE; with ``groups`` (document of each row) also a 95%
    bootstrap interval of macro-F1 over documents."""
    labels = [label for label in labels if label in set(gold) | set(predicted)]
    precision, recall, f1, support = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    interval = macro_f1_interval(gold, predicted, groups, labels) if groups is not None and gold else None
    return {
        "n": len(gold),
        "accuracy": float(accuracy_score(gold, predicted)) if gold else 0.0,
        "macro_f1": float(np.mean(f1)) if len(f1) else 0.0,
        "per_label": {label: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
                      for label, p, r, f, s in zip(labels, precision, recall, f1, support)},
        "confusion": {"labels": labels, "matrix": _confusion(gold, predicted, labels)},
        "ece": expected_calibration_error(confidences, [g == p for g, p in zip(gold, predicted)]),
        **({"macro_f1_95ci": list(interval)} if interval else {}),
    }


gold_pairs = labelled_pairs
gold_sentences = labelled_sentences


def pair_sentence_texts(documents: list[GoldDocument]) -> list[str]:
    """The sentence of every annotated (sentence, actor) pair, in the order of ``gold_pairs``."""
    return [d.text[s.start:s.end] for d in documents for s in d.sentences for _ in s.actors]


def pair_mentions(documents: list[GoldDocument]) -> list[tuple[str, list[tuple[int, int]]]]:
    """The sentence and the actor's mention spans (offsets into that sentence) of every annotated (sentence, actor)
    pair, in the order of ``gold_pairs``: what the attention head reads."""
    return [(d.text[s.start:s.end], [(start - s.start, end - s.start) for start, end in a.mentions])
            for d in documents for s in d.sentences for a in s.actors]


def sentence_texts(documents: list[GoldDocument]) -> list[str]:
    """The text of every sentence that has a sentiment label, in the order of ``gold_sentences``."""
    return [d.text[s.start:s.end] for d in documents for s in d.sentences if s.sentiment]


def evaluate_components(bundle, documents: list[GoldDocument], encoder=None) -> dict:
    """Classifier quality on gold mentions (stance, actor sentiment) and on gold sentences.

    With an ``encoder`` (:class:`stance.encoder.SentenceEncoder`), also the classifiers that read embeddings, when
    the model has them.
    """
    report = {}
    pairs = list(gold_pairs(documents))
    pair_documents = [k for k, document in enumerate(documents) for _ in gold_pairs([document])]
    vectors, piece_head = bundle.classifiers.get(PIECE_VECTORS_COMPONENT), bundle.classifiers.get(PIECE_HEAD_COMPONENT)
    for component, column in (("stance", 1), ("actor_sentiment", 2)):
        classifier = bundle.classifiers.get(component)
        if classifier is None or not pairs:
            continue
        probabilities = classifier.predict_proba([p[0] for p in pairs])
        if component == "stance" and vectors is not None and piece_head is not None:
            # the default pipeline's stance: the features-only classifier mixed with the word-piece head
            report["stance_features_only"] = _report_of(classifier.classes_, probabilities, pairs, 1, pair_documents)
            states, sentences, actor_tokens = vectors.encode_pairs(pair_mentions(documents))
            probabilities = piece_head.mix(probabilities, piece_head.predict_proba(states, sentences, actor_tokens))
        predicted = [classifier.classes_[i] for i in probabilities.argmax(axis=1)]
        report[component] = classification_report([p[column] for p in pairs], predicted, probabilities.max(axis=1),
                                                   classifier.classes_, pair_documents)
    sentences = list(gold_sentences(documents))
    sentence_documents = [k for k, document in enumerate(documents) for _ in gold_sentences([document])]
    classifier = bundle.classifiers.get("sentence_sentiment")
    if classifier is not None and sentences:
        probabilities = classifier.predict_proba([s[0] for s in sentences])
        predicted = [classifier.classes_[i] for i in probabilities.argmax(axis=1)]
        report["sentence_sentiment"] = classification_report([s[1] for s in sentences], predicted,
                                                             probabilities.max(axis=1), classifier.classes_,
                                                             sentence_documents)
    # stance mixes the features-only classifier with the attention head, which reads the sentence from the actor
    head, stance_classifier = bundle.classifiers.get(EMBEDDINGS_COMPONENTS["stance"]), bundle.classifiers.get("stance")
    if head is not None and stance_classifier is not None and encoder is not None and pairs:
        probabilities = head.mix(stance_classifier.predict_proba([p[0] for p in pairs]),
                                 head.predict_pairs_proba(encoder, pair_mentions(documents)))
        predicted = [head.classes_[i] for i in probabilities.argmax(axis=1)]
        report[EMBEDDINGS_COMPONENTS["stance"]] = classification_report(
            [p[1] for p in pairs], predicted, probabilities.max(axis=1), head.classes_, pair_documents)
    classifier = bundle.classifiers.get(EMBEDDINGS_COMPONENTS["actor_sentiment"])
    if classifier is not None and encoder is not None and pairs:
        probabilities = classifier.predict_proba([p[0] for p in pairs],
                                                 embeddings=encoder.encode(pair_sentence_texts(documents)))
        predicted = [classifier.classes_[i] for i in probabilities.argmax(axis=1)]
        report[EMBEDDINGS_COMPONENTS["actor_sentiment"]] = classification_report(
            [p[2] for p in pairs], predicted, probabilities.max(axis=1), classifier.classes_, pair_documents)
    classifier = bundle.classifiers.get(EMBEDDINGS_COMPONENT)
    if classifier is not None and encoder is not None and sentences:
        probabilities = classifier.predict_proba([s[0] for s in sentences],
                                                 embeddings=encoder.encode(sentence_texts(documents)))
        predicted = [classifier.classes_[i] for i in probabilities.argmax(axis=1)]
        report[EMBEDDINGS_COMPONENT] = classification_report([s[1] for s in sentences], predicted,
                                                             probabilities.max(axis=1), classifier.classes_,
                                                             sentence_documents)
    return report


def _report_of(classes, probabilities, rows, column: int, groups) -> dict:
    predicted = [classes[i] for i in probabilities.argmax(axis=1)]
    return classification_report([r[column] for r in rows], predicted, probabilities.max(axis=1), classes, groups)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def matched_actors(actors: list[list[tuple[int, int]]], others: list[list[tuple[int, int]]]) -> int:
    """How many of ``actors`` share a text span with one of ``others``; each actor is the list of mention spans of
    one (sentence, actor) pair. Mention recall is ``matched_actors(gold, found) / len(gold)``, precision
    ``matched_actors(found, gold) / len(found)``: both count (sentence, actor) pairs, matched by overlap.

    Examples
    --------
    >>> gold = [[(10, 18)], [(30, 34)]]          # "Abubakar" in one sentence, "Kyiv" in another
    >>> found = [[(1, 2), (10, 18)]]             # the quote's "I" and "Abubakar", one actor
    >>> matched_actors(gold, found), matched_actors(found, gold)
    (1, 1)
    """
    spans = [span for actor in others for span in actor]
    return sum(any(_overlaps(mention, span) for mention in actor for span in spans) for actor in actors)


def evaluate_end_to_end(nlp, documents: list[GoldDocument]) -> dict:
    """The full pipeline on raw text: actor-mention precision/recall, and stance of matched actors.

    Both mention scores count (sentence, actor) pairs: a gold pair is found when one of its mentions overlaps a
    mention the pipeline found, and a found pair is right when one of its mentions (in the annotated part of the
    text) overlaps a gold mention; so an actor found as '"I ...," said Abubakar' is right when "Abubakar" is marked.
    Stance targets are scored on the found actors whose stance is right and annotated with a target
    (:func:`training.targets.target_matches`).
    """
    found_gold = total_gold = correct_predicted = total_predicted = 0
    gold_labels, predicted_labels, confidences = [], [], []
    targets_right: list[bool] = []
    for document in documents:
        result = nlp(document.text, id=document.id)
        predicted_mentions = [(m.start, m.end, a) for s in result.sentences for a in s.actors for m in a.mentions]
        gold_actors = [actor.mentions for sentence in document.sentences for actor in sentence.actors]
        covered = (min(s.start for s in document.sentences), max(s.end for s in document.sentences)) if document.sentences else (0, 0)
        found_actors = [spans for spans in ([(m.start, m.end) for m in a.mentions if covered[0] <= m.start < covered[1]]
                                            for s in result.sentences for a in s.actors) if spans]
        total_gold += len(gold_actors)
        found_gold += matched_actors(gold_actors, found_actors)
        total_predicted += len(found_actors)
        correct_predicted += matched_actors(found_actors, gold_actors)
        actor_names = {a.actor for s in document.sentences for a in s.actors}
        for sentence in document.sentences:
            for actor in sentence.actors:
                match = [a for s, e, a in predicted_mentions if any(s < ge and gs < e for gs, ge in actor.mentions)]
                if match:
                    gold_labels.append(actor.stance)
                    predicted_labels.append(match[0].stance.label)
                    confidences.append(match[0].stance.score)
                    if actor.stance != "neutral" and actor.target is not None and match[0].stance.label == actor.stance:
                        targets_right.append(target_matches(match[0].stance.target, actor.target, actor_names))
    return {
        "mention_recall": found_gold / total_gold if total_gold else 0.0,
        "mention_precision": correct_predicted / total_predicted if total_predicted else 0.0,
        "gold_pairs": total_gold, "predicted_pairs": total_predicted,
        "stance_on_found_actors": classification_report(gold_labels, predicted_labels, confidences, stance.STANCE_LABELS),
        "targets_on_found_actors": {"n": len(targets_right),
                                    "right": sum(targets_right) / len(targets_right) if targets_right else 0.0},
    }


def evaluate_newsmtsc(bundle, split: str, encoder=None) -> dict | None:
    """Actor sentiment on a NewsMTSC split; with an ``encoder``, that of the classifier that reads embeddings."""
    examples = load_newsmtsc(split)
    if not examples:
        return None
    classifier = bundle.classifiers[EMBEDDINGS_COMPONENTS["actor_sentiment"] if encoder is not None else "actor_sentiment"]
    features = [pair_features(x.text, [(x.start, x.end)], []) for x in examples]
    embeddings = encoder.encode([x.text for x in examples]) if encoder is not None else None
    probabilities = classifier.predict_proba(features, embeddings=embeddings)
    predicted = [classifier.classes_[i] for i in probabilities.argmax(axis=1)]
    return classification_report([x.sentiment for x in examples], predicted, probabilities.max(axis=1), classifier.classes_)


def evaluate_newsmtsc_given_target(nlp, split: str) -> dict | None:
    """Actor sentiment on a NewsMTSC split through the public given-target mode, ``nlp.score_target``: the
    target span as NewsMTSC marks it, the other actors of the sentence as the finder sees them."""
    examples = load_newsmtsc(split)
    if not examples:
        return None
    results = [nlp.score_target(x.text, x.start, x.end)["sentiment"] for x in examples]
    return classification_report([x.sentiment for x in examples], [r["label"] for r in results],
                                 [r["score"] for r in results], nlp.model.classifiers["actor_sentiment"].classes_)


def format_report(name: str, report: dict) -> str:
    interval = (f" (95% interval over documents {report['macro_f1_95ci'][0]:.3f}-{report['macro_f1_95ci'][1]:.3f})"
                if report.get("macro_f1_95ci") else "")
    lines = [f"### {name}", "", f"n = {report['n']}, accuracy = {report['accuracy']:.3f}, macro-F1 = {report['macro_f1']:.3f}"
             f"{interval}, ECE = {report['ece']:.3f}", "", "| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for label, row in report["per_label"].items():
        lines.append(f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |")
    labels = report["confusion"]["labels"]
    lines += ["", "Confusion matrix (rows gold, columns predicted):", "", "| gold \\ predicted | " + " | ".join(labels) + " |",
              "|---" * (len(labels) + 1) + "|"]
    for label, row in zip(labels, report["confusion"]["matrix"]):
        lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def load_documents(data: str) -> list[GoldDocument]:
    if data == "voa":
        return load_voa()
    path = Path(data)
    return [compile_article(record, f"{path.name}:{number}") for number, record in _read_jsonl(path)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate a stance model on labelled data.")
    parser.add_argument("--model", default="default", help="model name or directory")
    parser.add_argument("--data", required=True, help="corpus-format JSONL file, or 'voa' for the team's VOA labels")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    nlp = stance.load(args.model)
    bundle = stance.load_model(args.model)  # every component, the embeddings variants included
    documents = load_documents(args.data)
    if not documents:
        print("no labelled documents found (is ../shared present?)")
        return 1
    from stance.encoder import SentenceEncoder, encoder_available

    encoder = SentenceEncoder() if EMBEDDINGS_COMPONENT in bundle.classifiers and encoder_available() else None
    report = evaluate_components(bundle, documents, encoder=encoder)
    report["end_to_end"] = evaluate_end_to_end(nlp, documents)
    if "target" in bundle.classifiers:
        report["targets"] = evaluate_targets(bundle.classifiers["target"], documents)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for component in ("stance", "stance_features_only", EMBEDDINGS_COMPONENTS["stance"], "actor_sentiment",
                      EMBEDDINGS_COMPONENTS["actor_sentiment"], "sentence_sentiment", EMBEDDINGS_COMPONENT):
        if component in report:
            print(format_report(f"{component} (gold mentions)", report[component]))
    e2e = report["end_to_end"]
    print(f"actor mentions: recall {e2e['mention_recall']:.3f}, precision {e2e['mention_precision']:.3f} "
          f"({e2e['gold_pairs']} gold pairs, {e2e['predicted_pairs']} predicted)")
    print(format_report("stance, end to end (found actors)", e2e["stance_on_found_actors"]))
    if "targets" in report:
        print(format_target_report("stance targets (gold mentions and labels)", report["targets"]))
    targets = e2e["targets_on_found_actors"]
    print(f"stance targets, end to end: {targets['right']:.3f} right of {targets['n']} found actors whose stance is "
          "right and has an annotated target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
