"""Train a model on your own annotated data: ``stance train --data my.jsonl --out my_model/``.

The data is in the stance corpus format (:mod:`stance.corpus`), with your own stance label set if
you like. The stance classifier is trained on your (sentence, actor) pairs; the sentiment classifiers
are trained too when every record carries sentiment labels, and the target classifier
(:mod:`stance.targets`) when some stances carry targets; each is otherwise taken over from the base
model. The result is a model directory like the shipped one (arrays + JSON manifest, no pickle):
``stance.load("my_model/")``.

Examples
--------
>>> import json, tempfile, pathlib, stance
>>> from stance.trainer import train_model
>>> rows = [{"id": f"a{k}", "sentences": [{"text": f"Minister Ana Ruiz {verb} the plan.", "sentiment": "neutral",
...          "actors": [{"actor": "Ana Ruiz", "mentions": ["Ana Ruiz"], "stance": label, "sentiment": "neutral"}]}]}
...         for k, (verb, label) in enumerate([("backed", "pro"), ("rejected", "con")] * 5)]
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "data.jsonl").write_text("\\n".join(json.dumps(r) for r in rows))
>>> report = train_model(folder / "data.jsonl", folder / "model", min_count=1)
>>> stance.load(folder / "model").labels
['con', 'pro']
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .corpus import GoldDocument, read_annotated
from .exceptions import TrainingDataError
from .features import pair_features, sentence_features
from .estimator import fit_classifier, fit_side_by_side
from .model import load_model, save_model
from .targets import TARGET_LABEL, target_rows

__all__ = ["train_model", "labelled_pairs", "labelled_sentences"]


def labelled_pairs(documents: list[GoldDocument]):
    """Yield (features, stance, actor sentiment) for every annotated (sentence, actor) pair (gold mentions)."""
    for document in documents:
        for sentence in document.sentences:
            text = document.text[sentence.start:sentence.end]
            for actor in sentence.actors:
                others = [m for other in sentence.actors if other is not actor for m in other.mentions]
                yield pair_features(text, actor.mentions, others, sentence_start=sentence.start,
                                    actor_type=actor.type), actor.stance, actor.sentiment


def labelled_sentences(documents: list[GoldDocument]):
    """Yield (features, sentence sentiment) for every sentence that has a sentiment label."""
    for document in documents:
        for sentence in document.sentences:
            if sentence.sentiment:
                yield sentence_features(document.text[sentence.start:sentence.end]), sentence.sentiment


def train_model(data: str | Path, out: str | Path, *, base: str | Path = "default", C: float = 0.5,
                min_count: int = 2, labels: tuple[str, ...] | None = None, name: str | None = None,
                n_jobs: int = 1) -> dict:
    """Train a model directory from annotated data; return a small report.

    Parameters
    ----------
    data : path
        A corpus-format JSON Lines file, or a folder of them.
    out : path
        The model directory to write (created if needed).
    base : str or path, default="default"
        Where the sentiment classifiers come from when ``data`` has no sentiment labels, and the target
        classifier when it has no targets.
    C : float, default=0.5
        Inverse regularization strength of the classifiers.
    min_count : int, default=2
        Features seen fewer times are dropped.
    labels : tuple of str, optional
        The allowed stance labels; by default any label string is accepted.
    name : str, optional
        Model name for the manifest (default: the output folder's name).
    n_jobs : int, default=1
        How many classifiers are fitted at once, in worker processes (-1: one per core). The model is the same
        for any value (see :func:`stance.estimator.fit_side_by_side`).

    Raises
    ------
    TrainingDataError
        Malformed data (file, line and field named), fewer than two stance labels, or no pairs.
    """
    documents = read_annotated(data, stance_labels=labels)
    pairs = list(labelled_pairs(documents))
    if not pairs:
        raise TrainingDataError(f"{data}: no annotated (sentence, actor) pairs")
    stance_labels = sorted({p[1] for p in pairs})
    if len(stance_labels) < 2:
        raise TrainingDataError(f"{data}: training needs at least two stance labels, found {stance_labels}")
    params = {"C": C, "min_count": min_count}
    features = [p[0] for p in pairs]
    fits = {"stance": (fit_classifier, params, features, [p[1] for p in pairs])}
    actor_sentiments = [p[2] for p in pairs]
    sentences = [(sentence_features(d.text[s.start:s.end]), s.sentiment) for d in documents for s in d.sentences]
    # (every sentence, labelled or not: sentiment classifiers are trained only when all carry labels)
    if all(actor_sentiments) and len(set(actor_sentiments)) >= 2:
        fits["actor_sentiment"] = (fit_classifier, params, features, actor_sentiments)
    if all(s[1] for s in sentences) and len({s[1] for s in sentences}) >= 2:
        fits["sentence_sentiment"] = (fit_classifier, params, [s[0] for s in sentences], [s[1] for s in sentences])
    target_examples = target_rows(documents)  # one row per candidate target of every stance with a target
    if {label for _, label in target_examples} == {TARGET_LABEL, "other"}:
        fits["target"] = (fit_classifier, params, [row[0] for row in target_examples],
                          [row[1] for row in target_examples])
    classifiers = dict(zip(fits, fit_side_by_side(list(fits.values()), n_jobs)))
    sources = {component: "trained" for component in classifiers}
    base_bundle = None
    for component in ("actor_sentiment", "sentence_sentiment", "target"):
        if component not in classifiers:
            base_bundle = base_bundle or load_model(base)
            if component not in base_bundle.classifiers:
                continue  # a base model without a target component: targets come from the rule
            classifiers[component] = base_bundle.classifiers[component]
            sources[component] = f"copied from {base_bundle.manifest.get('name')} {base_bundle.manifest.get('version')}"
    data_path = Path(data)
    files = sorted(data_path.glob("*.jsonl")) if data_path.is_dir() else [data_path]
    report = {"documents": len(documents), "pairs": len(pairs), "labels": stance_labels,
              "label_counts": {label: sum(p[1] == label for p in pairs) for label in stance_labels},
              "components": sources}
    save_model(out, classifiers, name=name or Path(out).name, version="user",
               data={"files": {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}, **report},
               extra={"trained_by": "stance train", "params": params})
    return report
