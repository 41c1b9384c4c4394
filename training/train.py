"""Rebuild the shipped models from the data present.

Usage::

    python -m training.train                      # -> stance/models/default (+ MODEL_CARD.md)
    python -m training.train --out /tmp/model     # somewhere else

Reads the team corpus (``datasets/stance/articles``), NewsMTSC train (for sentiment toward actors)
and, when ``../shared`` is present, the team's VOA labels (reported, and partly trained on with
``--voa-train-fraction``). Seeded and deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import sys
import time
from pathlib import Path

import stance
from stance.features import pair_features, sentence_features
from stance.model import LinearFeatureClassifier, MODELS_DIR, save_model

from .corpus import (ARTICLES_DIR, NEWSMTSC_DIR, VOA_LABELS, corpus_statistics, load_newsmtsc, load_team_corpus,
                     load_voa)
from .evaluate import (evaluate_components, evaluate_end_to_end, evaluate_newsmtsc, format_report, gold_pairs,
                       gold_sentences)

SEED = 13
PARAMS = {"stance": {"C": 0.5, "min_count": 2}, "actor_sentiment": {"C": 0.3, "min_count": 2},
          "sentence_sentiment": {"C": 0.5, "min_count": 2}}


def _hash_files(paths) -> dict[str, str]:
    hashes = {}
    for path in paths:
        path = Path(path)
        if path.exists():
            hashes[path.name if path.parent.name != "articles" else f"articles/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def voa_split(documents, fraction: float):
    """Split VOA stories (by story) into a training part and a held-out dev part."""
    ordered = sorted(documents, key=lambda d: hashlib.sha256(d.id.encode()).hexdigest())
    cut = int(len(ordered) * fraction)
    return ordered[:cut], ordered[cut:]


def build(out: Path, voa_train_fraction: float = 0.0, quiet: bool = False) -> dict:
    random.seed(SEED)
    started = time.time()
    team = load_team_corpus()
    train_docs = [d for d in team if d.split == "train"]
    dev_docs = [d for d in team if d.split == "dev"]
    test_docs = [d for d in team if d.split == "test"]
    voa = load_voa()
    voa_train, voa_dev = voa_split(voa, voa_train_fraction) if voa else ([], [])
    fit_docs = train_docs + voa_train

    pairs = list(gold_pairs(fit_docs))
    stance_model = LinearFeatureClassifier(**PARAMS["stance"]).fit([p[0] for p in pairs], [p[1] for p in pairs])
    mtsc = load_newsmtsc("train")
    sentiment_X = [p[0] for p in pairs] + [pair_features(x.text, [(x.start, x.end)], []) for x in mtsc]
    sentiment_y = [p[2] for p in pairs] + [x.sentiment for x in mtsc]
    actor_sentiment_model = LinearFeatureClassifier(**PARAMS["actor_sentiment"]).fit(sentiment_X, sentiment_y)
    sentences = list(gold_sentences(fit_docs))
    sentence_model = LinearFeatureClassifier(**PARAMS["sentence_sentiment"]).fit([s[0] for s in sentences],
                                                                                 [s[1] for s in sentences])
    # calibrate on the team dev split
    dev_pairs = list(gold_pairs(dev_docs))
    if dev_pairs:
        stance_model.calibrate([p[0] for p in dev_pairs], [p[1] for p in dev_pairs])
        actor_sentiment_model.calibrate([p[0] for p in dev_pairs], [p[2] for p in dev_pairs])
    dev_sentences = list(gold_sentences(dev_docs))
    if dev_sentences:
        sentence_model.calibrate([s[0] for s in dev_sentences], [s[1] for s in dev_sentences])
    classifiers = {"stance": stance_model, "actor_sentiment": actor_sentiment_model, "sentence_sentiment": sentence_model}

    data_files = sorted(ARTICLES_DIR.glob("*.jsonl")) + [VOA_LABELS, NEWSMTSC_DIR / "train.jsonl"]
    data = {
        "team_corpus": {split: corpus_statistics(docs) for split, docs in
                        (("train", train_docs), ("dev", dev_docs), ("test", test_docs))},
        "voa": {"train_stories": [d.id for d in voa_train], "heldout_stories": len(voa_dev),
                "train": corpus_statistics(voa_train), "heldout": corpus_statistics(voa_dev)} if voa else None,
        "newsmtsc_train_targets": len(mtsc),
        "sha256": _hash_files(data_files),
    }
    save_model(out, classifiers, name="default", version=stance.__version__, data=data,
               extra={"params": PARAMS, "seed": SEED})
    # evaluate the saved model exactly as users load it
    nlp = stance.load(out)
    metrics = {"team_test": evaluate_components(nlp.model, test_docs)}
    if voa_dev:
        metrics["voa_heldout"] = evaluate_components(nlp.model, voa_dev)
        metrics["voa_heldout"]["end_to_end"] = evaluate_end_to_end(nlp, voa_dev)
    if test_docs:
        metrics["team_test"]["end_to_end"] = evaluate_end_to_end(nlp, test_docs)
    for split in ("dev_rw", "dev_mt"):
        result = evaluate_newsmtsc(nlp.model, split)
        if result:
            metrics[f"newsmtsc_{split}"] = result
    # rewrite the manifest with metrics (hashes of weight files are unchanged)
    manifest_path = Path(out) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["metrics"] = _headline_metrics(metrics)
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_model_card(Path(out), manifest, metrics, time.time() - started)
    if not quiet:
        print(json.dumps(manifest["metrics"], indent=2))
    return metrics


def _headline_metrics(metrics: dict) -> dict:
    headline = {}
    for name, report in metrics.items():
        for component, value in report.items():
            if component == "end_to_end":
                headline[f"{name}/mention_recall"] = round(value["mention_recall"], 4)
                headline[f"{name}/mention_precision"] = round(value["mention_precision"], 4)
                headline[f"{name}/stance_end_to_end_macro_f1"] = round(value["stance_on_found_actors"]["macro_f1"], 4)
            elif isinstance(value, dict) and "macro_f1" in value:
                headline[f"{name}/{component}_macro_f1"] = round(value["macro_f1"], 4)
                headline[f"{name}/{component}_accuracy"] = round(value["accuracy"], 4)
            elif component == "macro_f1":
                headline[f"{name}/macro_f1"] = round(value, 4)
                headline[f"{name}/accuracy"] = round(report["accuracy"], 4)
    return headline


def write_model_card(directory: Path, manifest: dict, metrics: dict, seconds: float) -> None:
    data = manifest["data"]
    lines = [
        f"# Model card: stance `{manifest['name']}` {manifest['version']}", "",
        "Three linear classifiers (multinomial logistic regression over sparse string features, softmax temperature "
        "fitted on the team dev split so that scores are calibrated probabilities): `stance` (8 labels, per sentence "
        "and actor), `actor_sentiment` (how the sentence portrays the actor) and `sentence_sentiment`.", "",
        "## Rebuild", "", "```", "python -m training.train", "```", "",
        f"Seeded (seed {manifest.get('seed')}), deterministic; this build took {seconds:.0f} s on {platform.machine()} "
        f"with Python {platform.python_version()}.", "",
        "## Versions", "", *[f"- {k}: {v}" for k, v in manifest["versions"].items()], "",
        "## Training data", "",
        "- Team-written corpus (`datasets/stance/articles/*.jsonl`, split by article id: 80% train, 10% dev for "
        "calibration, 10% test):", "",
        "```", json.dumps(data["team_corpus"], indent=1), "```", "",
        f"- NewsMTSC train ({data['newsmtsc_train_targets']} targets; Hamborg & Donnay, EACL 2021, MIT) for actor sentiment.",
        f"- Team labels of Voice of America stories (`datasets/voa/labels.jsonl`): {json.dumps(data['voa'])}" if data.get("voa") else
        "- VOA labels: not used (../shared absent).", "",
        "Hashes of the data files:", "", "```", json.dumps(data["sha256"], indent=1), "```", "",
        "## Held-out results", "",
        "Classifier results use gold actor mentions; the end-to-end rows run the full pipeline on raw text "
        "(mentions matched by overlap).", "",
    ]
    for name, report in metrics.items():
        lines.append(f"## {name}\n")
        if "per_label" in report:
            lines.append(format_report(name, report))
            continue
        for component, value in report.items():
            if component == "end_to_end":
                lines.append(f"Actor mentions, end to end: recall {value['mention_recall']:.3f}, precision "
                             f"{value['mention_precision']:.3f}.\n")
                lines.append(format_report(f"{name}: stance end to end", value["stance_on_found_actors"]))
            else:
                lines.append(format_report(f"{name}: {component}", value))
    lines += ["## Limits", "",
              "- Trained mostly on team-written news-style text; real news differs (see the VOA rows when present).",
              "- English only. Sarcasm, long-range discourse and stance spread over several sentences are not modelled.",
              "- Actor sentiment on NewsMTSC is far below transformer models (GRU-TSC ~0.83 F1m).", ""]
    (directory / "MODEL_CARD.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild the shipped stance models from datasets/.")
    parser.add_argument("--out", type=Path, default=MODELS_DIR / "default")
    parser.add_argument("--voa-train-fraction", type=float, default=0.0,
                        help="share of VOA stories (by story) to train on; the rest stays held out")
    args = parser.parse_args(argv)
    build(args.out, args.voa_train_fraction)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
