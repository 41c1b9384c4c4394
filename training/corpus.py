"""Read, compile and validate the annotated data in ``datasets/``.

- Team-written articles (``datasets/stance/articles/*.jsonl``, authoring format described in
  ``datasets/README.md``) are compiled into documents with sentence and mention offsets.
- Team labels for real Voice of America stories (``datasets/voa/labels.jsonl``) are joined with
  the story texts in ``../shared/data/voa/voa_dev.jsonl`` when that file is present.
- Team labels for real news (``datasets/news/labels*.jsonl``: BBC, Guardian, Reuters; ``datasets/basil/labels*.jsonl``:
  the BASIL articles from Fox News, the New York Times and HuffPost) are joined with the texts in ``../shared``.
- NewsMTSC (``../shared/data/newsmtsc``) supplies sentiment toward a given target.

``python -m training.corpus`` validates every file and prints counts (exit code 1 on any error).
"""

from __future__ import annotations

import glob
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from stance.corpus import (CorpusError, GoldActor, GoldDocument, GoldSentence, compile_article, split_of,  # noqa: F401
                           read_jsonl as _read_jsonl, _check)
from stance.labels import SENTIMENT_LABELS, STANCE_LABELS

ROOT = Path(__file__).resolve().parent.parent
ARTICLES_DIR = ROOT / "datasets" / "stance" / "articles"
SAMPLES_DIR = ROOT / "datasets" / "samples"
VOA_LABELS = ROOT / "datasets" / "voa" / "labels.jsonl"
SHARED = ROOT.parent / "shared"
VOA_STORIES = SHARED / "data" / "voa" / "voa_dev.jsonl"
NEWS_LABELS_DIR = ROOT / "datasets" / "news"
NEWS_ARTICLES = SHARED / "data" / "news" / "articles.jsonl"
NEWSMTSC_DIR = SHARED / "data" / "newsmtsc"
BASIL_LABELS_DIR = ROOT / "datasets" / "basil"
BASIL_ARTICLES = SHARED / "data" / "basil" / "articles"

NEWSMTSC_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def load_team_corpus(directory: Path = ARTICLES_DIR) -> list[GoldDocument]:
    """All team-written articles, compiled; raises CorpusError on the first malformed record."""
    documents, seen = [], {}
    for path in sorted(directory.glob("*.jsonl")):
        for number, record in _read_jsonl(path):
            document = compile_article(record, f"{path.name}:{number}")
            if document.id in seen:
                raise CorpusError(f"{path.name}:{number}: duplicate article id {document.id!r} (first in {seen[document.id]})")
            seen[document.id] = f"{path.name}:{number}"
            documents.append(document)
    return documents


def _load_sentence_labels(paths: list[Path], texts: dict[str, str], id_key: str, source: str,
                          split_groups: dict[str, str] | None = None) -> list[GoldDocument]:
    """Sentence-level team labels keyed by document id and offsets, joined with the document texts.

    Documents are split by id (VOA: all ``dev``); ``split_groups`` maps a document id to the group it is
    split with (BASIL: the three outlets' articles on one event stay in one split).
    """
    by_document: dict[str, list[GoldSentence]] = {}
    for labels in paths:
        for number, row in _read_jsonl(labels):
            where = f"{labels.name}:{number}"
            document_id = str(row.get(id_key))
            _check(document_id in texts, where, f"unknown {id_key} id {document_id!r}")
            text = texts[document_id]
            start, end = row.get("start"), row.get("end")
            _check(isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text), where,
                   "bad sentence offsets")
            _check(row.get("sentiment") in SENTIMENT_LABELS, where, "bad sentence sentiment")
            sentence = GoldSentence(start, end, row["sentiment"])
            for actor in row.get("actors", []):
                name = actor.get("actor")
                _check(actor.get("stance") in STANCE_LABELS, where, f"actor {name!r}: bad stance")
                _check(actor.get("sentiment") in SENTIMENT_LABELS, where, f"actor {name!r}: bad sentiment")
                mentions = [tuple(m) for m in actor.get("mentions", [])]
                _check(bool(mentions) and all(start <= s < e <= end for s, e in mentions), where,
                       f"actor {name!r}: mention outside its sentence")
                sentence.actors.append(GoldActor(name, actor.get("type") or "person", actor.get("affiliation"),
                                                 sorted(mentions), actor["stance"], actor.get("target"), actor["sentiment"]))
            by_document.setdefault(document_id, []).append(sentence)
    return [GoldDocument(document_id, texts[document_id], sorted(sentences, key=lambda s: s.start), source=source,
                         split="dev" if source == "voa" else split_of((split_groups or {}).get(document_id, document_id)))
            for document_id, sentences in by_document.items()]


def _texts(path: Path, wanted: set[str] | None = None) -> dict[str, str]:
    texts = {}
    for _, row in _read_jsonl(path):
        if wanted is None or str(row["id"]) in wanted:
            texts[str(row["id"])] = row["text"]
    return texts


def load_voa(labels: Path | None = None, stories: Path = VOA_STORIES) -> list[GoldDocument]:
    """Team labels for VOA sentences (``datasets/voa/labels*.jsonl``) joined with the story texts;
    [] when ``../shared`` is absent."""
    paths = [labels] if labels is not None else sorted(VOA_LABELS.parent.glob("labels*.jsonl"))
    paths = [p for p in paths if p.exists()]
    if not paths or not stories.exists():
        return []
    return _load_sentence_labels(paths, _texts(stories), "story", "voa")


def load_voa_second_pass(stories: Path = VOA_STORIES) -> list[GoldDocument]:
    """The second, blind annotation of some held-out VOA stories (``datasets/voa/second_pass*.jsonl``), for
    measuring agreement (``python -m training.agreement``); never trained on. [] when ``../shared`` is absent."""
    paths = sorted(VOA_LABELS.parent.glob("second_pass*.jsonl"))
    if not paths or not stories.exists():
        return []
    return _load_sentence_labels(paths, _texts(stories), "story", "voa")


def load_news_labels(directory: Path = NEWS_LABELS_DIR, articles: Path = NEWS_ARTICLES) -> list[GoldDocument]:
    """Team labels for real news articles (BBC politics, Guardian, Reuters; ``datasets/news/labels*.jsonl``) joined with the
    texts in ``../shared/data/news/articles.jsonl``; [] when that file is absent. Split 80/10/10 by article id
    (articles with the same text, which wire services repeat, go to the split of the first of them)."""
    paths = sorted(directory.glob("labels*.jsonl"))
    if not paths or not articles.exists():
        return []
    wanted = set()
    for path in paths:
        for _, row in _read_jsonl(path):
            wanted.add(str(row.get("article")))
    texts = _texts(articles, wanted)
    first_with_text: dict[str, str] = {}
    for article_id in sorted(texts):  # wire services repeat stories: copies of one text share a split
        first_with_text.setdefault(texts[article_id], article_id)
    return _load_sentence_labels(paths, texts, "article", "news",
                                 {article_id: first_with_text[text] for article_id, text in texts.items()})


def basil_text(record: dict) -> str:
    """The text of one BASIL article (``../shared/data/basil/articles/<year>/<uuid>.json``) that our labels' offsets
    refer to: the sentences of each body paragraph joined by a space, paragraphs by a blank line (no title).

    >>> basil_text({"body-paragraphs": [["One.", "Two."], ["Three."]]})
    'One. Two.\\n\\nThree.'
    """
    return "\n\n".join(" ".join(sentence.strip() for sentence in paragraph) for paragraph in record["body-paragraphs"])


def basil_articles(directory: Path = BASIL_ARTICLES) -> dict[str, tuple[str, str]]:
    """{article id: (text, triplet uuid)} for every BASIL article; {} when ``../shared`` is absent.

    The id is the article's ``uuid``; the few articles whose ``uuid`` is not unique (four say "empty") are
    named by their file name instead ("ee05c9b3-529c-4268-ad72-19bd34f7197e_2").
    """
    records = []
    for path in sorted(glob.glob(str(directory / "*" / "*.json"))):
        with open(path, encoding="utf-8") as handle:
            records.append((Path(path).stem, json.load(handle)))
    uuids = Counter(record["uuid"] for _, record in records)
    return {(record["uuid"] if uuids[record["uuid"]] == 1 else stem): (basil_text(record), record["triplet-uuid"])
            for stem, record in records}


def load_basil_labels(directory: Path = BASIL_LABELS_DIR, articles: Path = BASIL_ARTICLES) -> list[GoldDocument]:
    """Team labels for BASIL articles (``datasets/basil/labels*.jsonl``, keyed by article id (:func:`basil_articles`) and offsets into
    :func:`basil_text`) joined with the texts; split 80/10/10 by event (triplet), so that the three outlets'
    reports of one event never straddle train and test. [] when ``../shared`` is absent."""
    paths = sorted(directory.glob("labels*.jsonl"))
    if not paths or not articles.exists():
        return []
    found = basil_articles(articles)
    texts = {uuid: text for uuid, (text, _) in found.items()}
    return _load_sentence_labels(paths, texts, "article", "news", {uuid: group for uuid, (_, group) in found.items()})


@dataclass
class TargetExample:
    """One NewsMTSC-style example: sentiment toward the span text[start:end]."""
    text: str
    start: int
    end: int
    sentiment: str


def load_newsmtsc(name: str) -> list[TargetExample]:
    """NewsMTSC split ``train``, ``dev_rw`` or ``dev_mt``; [] when ``../shared`` is absent."""
    path = NEWSMTSC_DIR / f"{name}.jsonl"
    if not path.exists():
        return []
    examples = []
    for _, row in _read_jsonl(path):
        text = row["sentence_normalized"]
        for target in row["targets"]:
            examples.append(TargetExample(text, target["from"], target["to"], NEWSMTSC_POLARITY[float(target["polarity"])]))
    return examples


NEWSMTSC_STANCE = ROOT / "datasets" / "newsmtsc_stance" / "labels.jsonl"


@dataclass
class TargetStanceExample:
    """Team stance label for one NewsMTSC target: the span text[start:end], the other targets of the sentence."""
    text: str
    start: int
    end: int
    others: list[tuple[int, int]]
    stance: str
    target: str | None
    sentiment: str


def gid_key(gid: str) -> str:
    """The key of a NewsMTSC sentence in our labels: NewsMTSC ids embed words of the sentence, so the
    repository stores the first 20 hex digits of their sha256 instead of the ids themselves."""
    return hashlib.sha256(gid.encode("utf-8")).hexdigest()[:20]


def load_newsmtsc_stance(labels: Path = NEWSMTSC_STANCE) -> list[TargetStanceExample]:
    """Team stance labels on NewsMTSC train sentences joined with their text; [] when ``../shared`` is absent."""
    source = NEWSMTSC_DIR / "train.jsonl"
    if not labels.exists() or not source.exists():
        return []
    sentences = {}
    for _, row in _read_jsonl(source):
        sentences[gid_key(row["primary_gid"])] = row
    examples = []
    for number, label in _read_jsonl(labels):
        where = f"{labels.name}:{number}"
        row = sentences.get(label.get("gid_sha256"))
        _check(row is not None, where, f"unknown gid hash {label.get('gid_sha256')!r}")
        _check(label.get("stance") in STANCE_LABELS, where, "field 'stance' is invalid")
        spans = [(t["from"], t["to"]) for t in row["targets"]]
        _check((label.get("from"), label.get("to")) in spans, where, "from/to match no target of that sentence")
        polarity = next(t["polarity"] for t in row["targets"] if (t["from"], t["to"]) == (label["from"], label["to"]))
        examples.append(TargetStanceExample(row["sentence_normalized"], label["from"], label["to"],
                                            [sp for sp in spans if sp != (label["from"], label["to"])],
                                            label["stance"], label.get("target"), NEWSMTSC_POLARITY[float(polarity)]))
    return examples


def iter_team_texts() -> Iterator[str]:
    """Every text the team wrote (articles and samples): the training text for the sentence splitter."""
    if ARTICLES_DIR.exists():
        try:
            for document in load_team_corpus():
                yield document.text
        except CorpusError:
            pass
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def file_hashes(paths) -> dict[str, str]:
    return {str(Path(p).relative_to(ROOT)) if Path(p).is_absolute() else str(p): hashlib.sha256(Path(p).read_bytes()).hexdigest()
            for p in paths if Path(p).exists()}


def corpus_statistics(documents: list[GoldDocument]) -> dict:
    labels, actors, pairs = Counter(), set(), 0
    for document in documents:
        for sentence in document.sentences:
            for actor in sentence.actors:
                pairs += 1
                labels[actor.stance] += 1
                actors.add(actor.id)
    return {"documents": len(documents), "pairs": pairs, "distinct_actors": len(actors),
            "stance_labels": dict(sorted(labels.items()))}


def main(argv=None) -> int:
    problems = 0
    try:
        team = load_team_corpus()
        print("team corpus:", json.dumps(corpus_statistics(team)))
        for split in ("train", "dev", "test"):
            print(f"  {split}:", json.dumps(corpus_statistics([d for d in team if d.split == split])))
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        problems += 1
    for name, loader in (("voa labels", load_voa), ("voa second pass", load_voa_second_pass),
                         ("news labels", load_news_labels), ("basil labels", load_basil_labels)):
        try:
            documents = loader()
            print(f"{name}:", json.dumps(corpus_statistics(documents)) if documents else "skipped (../shared absent or no labels)")
        except CorpusError as error:
            print(f"error: {error}", file=sys.stderr)
            problems += 1
    try:
        examples = load_newsmtsc_stance()
        print("newsmtsc stance labels:", len(examples) if examples else "skipped (../shared absent or no labels)")
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
