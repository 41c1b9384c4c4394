"""Sentences per second of the full stance pipeline against vaderSentiment on the same sentences.

Both run in this process, one after the other, on one core: stance analyses whole articles (sentences,
actors, stances, sentiments); VADER scores the sentences stance found with ``polarity_scores`` (sentence
sentiment only). Prints both rates and the ratio (target: stance >= 1.0x VADER).

    python benchmarks/throughput.py [--articles 300] [--profile] [--embeddings]

With ``--embeddings``, stance runs as ``stance.load(embeddings=True)`` (needs the embeddings extra). With
``--features-only``, ``stance.load(word_pieces=False)`` (stance from the features-only classifier alone, as before
the word-piece head) is timed too, alternating with the full default pipeline: what the head costs.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from common import articles

import stance


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3, help="best of N timings for each side")
    parser.add_argument("--profile", action="store_true", help="print the top functions of the stance run")
    parser.add_argument("--embeddings", action="store_true", help="sentence sentiment from sentence embeddings too")
    parser.add_argument("--features-only", action="store_true",
                        help="also time the model without its word-piece components, in the same loop")
    args = parser.parse_args()
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    records, source = articles(args.articles)
    texts = [r["text"] for r in records]
    nlp = stance.load(embeddings=args.embeddings)
    vader = SentimentIntensityAnalyzer()
    sentences = [s.text for doc in nlp.pipe(texts) for s in doc.sentences]  # also warms up both sides
    for sentence in sentences[:50]:
        vader.polarity_scores(sentence)

    features_only = None
    if args.features_only:
        features_only = stance.load(word_pieces=False)
        list(features_only.pipe(texts[:20]))
    stance_best = vader_best = features_only_best = float("inf")
    for _ in range(args.repeats):
        started = time.perf_counter()
        count = sum(len(doc.sentences) for doc in nlp.pipe(texts, batch_size=64))
        stance_best = min(stance_best, time.perf_counter() - started)
        if features_only is not None:
            started = time.perf_counter()
            sum(len(doc.sentences) for doc in features_only.pipe(texts, batch_size=64))
            features_only_best = min(features_only_best, time.perf_counter() - started)
        started = time.perf_counter()
        for sentence in sentences:
            vader.polarity_scores(sentence)
        vader_best = min(vader_best, time.perf_counter() - started)
    assert count == len(sentences)
    stance_rate, vader_rate = len(sentences) / stance_best, len(sentences) / vader_best
    print(f"input: {source}: {len(texts)} articles, {len(sentences)} sentences")
    print(f"stance (full pipeline{', embeddings' if args.embeddings else ''}): {stance_rate:,.0f} sentences/s")
    print(f"vaderSentiment polarity_scores: {vader_rate:,.0f} sentences/s")
    print(f"ratio stance/VADER: {stance_rate / vader_rate:.2f}x")
    if features_only is not None:
        rate = len(sentences) / features_only_best
        print(f"without the word-piece components (features only): {rate:,.0f} sentences/s, ratio to VADER "
              f"{rate / vader_rate:.2f}x; the full default pipeline runs at {stance_rate / rate:.2f}x of it")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        sum(len(doc.sentences) for doc in nlp.pipe(texts, batch_size=64))
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
