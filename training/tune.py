"""Choose the source weights and regularization of ``training/train.py`` without touching the held-out VOA half.

Usage::

    python -m training.tune stance            # team / real-news weights and C: BBC+Guardian dev, VOA training half
    python -m training.tune voa               # in-domain weight of the VOA training stories: 2 folds inside that half
    python -m training.tune actor_sentiment   # NewsMTSC weight and C: 15% of NewsMTSC train (by sentence), news dev
    python -m training.tune sentence          # sentence-sentiment team weight and C: news dev, VOA training half

Each line printed is one setting with its macro-F1 on the validation data named above. The held-out VOA
stories, the test splits and NewsMTSC's dev sets (what the model card reports) are never used here.
Needs ``../shared`` (the VOA stories, news articles and NewsMTSC).
"""

from __future__ import annotations

import argparse
import zlib

from sklearn.metrics import f1_score

from stance.features import pair_features

from .corpus import load_basil_labels, load_news_labels, load_newsmtsc, load_newsmtsc_stance, load_team_corpus, load_voa
from .evaluate import gold_pairs, gold_sentences
from .train import _target_rows, fit_weighted, voa_split


def _score(sources, column: int, params: dict, validation: dict) -> dict:
    model = fit_weighted(sources, column, params)
    return {name: round(f1_score([r[column] for r in rows], model.predict([r[0] for r in rows]), average="macro"), 3)
            for name, rows in validation.items()}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["stance", "voa", "actor_sentiment", "sentence"])
    args = parser.parse_args(argv)
    team, news, voa = load_team_corpus(), load_news_labels() + load_basil_labels(), load_voa()
    if not (news and voa):
        raise SystemExit("training.tune needs ../shared (VOA stories and news articles)")
    voa_train, _ = voa_split(voa, 0.5)  # the second half is the held-out set: not read here
    team_train = [d for d in team if d.split == "train"]
    news_train, news_dev = [d for d in news if d.split == "train"], [d for d in news if d.split == "dev"]
    if args.what in ("stance", "voa"):
        team_rows, news_rows = list(gold_pairs(team_train)), list(gold_pairs(news_train))
        mtsc_rows = _target_rows(load_newsmtsc_stance())
    if args.what == "stance":
        validation = {"news_dev": list(gold_pairs(news_dev)), "voa_training_half": list(gold_pairs(voa_train))}
        for team_weight in (0.5, 1.0):
            for real_weight in (1.0, 2.0, 3.0):
                for C in (0.2, 0.3, 0.5):
                    sources = [(team_rows, team_weight), (news_rows, real_weight), (mtsc_rows, 0.5)]
                    print("team", team_weight, "real", real_weight, "C", C,
                          _score(sources, 1, {"C": C, "min_count": 2}, validation), flush=True)
    elif args.what == "voa":
        folds = [voa_train[0::2], voa_train[1::2]]
        for factor in (1.0, 3.0, 6.0):
            scores = [_score([(team_rows, 0.5), (news_rows, 3.0), (list(gold_pairs(folds[k])), 3.0 * factor),
                              (mtsc_rows, 0.5)], 1, {"C": 0.3, "min_count": 2},
                             {"other_fold": list(gold_pairs(folds[1 - k]))})["other_fold"] for k in (0, 1)]
            print("VOA weight x", factor, "(relative to news) macro-F1 per fold", scores, flush=True)
    elif args.what == "actor_sentiment":
        mtsc = load_newsmtsc("train")
        rows = [(pair_features(x.text, [(x.start, x.end)], []), None, x.sentiment) for x in mtsc]
        held = [zlib.crc32(x.text.encode()) % 100 < 15 for x in mtsc]
        mtsc_train = [r for r, h in zip(rows, held) if not h]
        validation = {"newsmtsc_train_15pct": [r for r, h in zip(rows, held) if h], "news_dev": list(gold_pairs(news_dev))}
        team_rows, real_rows = list(gold_pairs(team_train)), list(gold_pairs(news_train + voa_train))
        for mtsc_weight, C in ((2.0, 0.05), (3.0, 0.05), (4.0, 0.05), (6.0, 0.05), (4.0, 0.1)):
            sources = [(team_rows, 0.3), (real_rows, 1.0), (mtsc_train, mtsc_weight)]
            print("newsmtsc", mtsc_weight, "C", C, _score(sources, 2, {"C": C, "min_count": 2}, validation), flush=True)
    else:
        team_rows, news_rows = list(gold_sentences(team_train)), list(gold_sentences(news_train))
        validation = {"news_dev": list(gold_sentences(news_dev)), "voa_training_half": list(gold_sentences(voa_train))}
        for team_weight in (0.2, 0.5, 1.0):
            for C in (0.1, 0.2, 0.5):
                sources = [(team_rows, team_weight), (news_rows, 1.0)]
                print("team", team_weight, "C", C, _score(sources, 1, {"C": C, "min_count": 2}, validation), flush=True)


if __name__ == "__main__":
    main()
