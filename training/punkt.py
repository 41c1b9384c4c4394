"""Train the shipped Punkt sentence-splitter parameters.

Usage: ``python -m training.punkt`` (reads team-written text from ``datasets/``; writes
``stance/data/tokenizers/punkt_tab/english/``). The curated abbreviation list in
``datasets/punkt/abbreviations.txt`` is merged into what the trainer learns.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from nltk.tokenize.punkt import PunktTrainer

from stance.text import PUNKT_DIR

from .corpus import iter_team_texts

ROOT = Path(__file__).resolve().parent.parent
ABBREVIATIONS = ROOT / "datasets" / "punkt" / "abbreviations.txt"
SENTENCE_STARTERS = ROOT / "datasets" / "punkt" / "sentence_starters.txt"


def curated_words(path: Path) -> set[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line and not line.startswith("#")}


def curated_abbreviations(path: Path = ABBREVIATIONS) -> set[str]:
    return curated_words(path)


def train_parameters(texts):
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = False
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    params.abbrev_types |= curated_abbreviations()
    mark_titles_as_mid_sentence(params)
    params.sent_starters |= curated_words(SENTENCE_STARTERS)
    return params


# Capitalized words of names that often open sentences anyway ("The Hague", "New Zealand").
COMMON_OPENERS = {"the", "new", "united", "north", "south", "east", "west", "central", "democratic", "republic",
                  "national", "people", "islamic", "great", "saint", "san", "el", "al", "la", "de", "los", "las"}


def mark_titles_as_mid_sentence(params) -> None:
    """Titles and names follow abbreviations ("the U.N. Secretary-General", "Sen. Warren", "U.S.
    President Trump"), so the trainer sees them capitalized only after a period; record that they
    occur capitalized inside sentences and drop them from the sentence starters, so that Punkt does
    not split after the abbreviation."""
    from nltk.tokenize.punkt import _ORTHO_MID_UC

    from stance.gazetteer import Gazetteer
    from stance.wordlists import TITLE_HEADS, TITLE_MODIFIERS

    words = {w for w in TITLE_HEADS | TITLE_MODIFIERS}
    for actor in Gazetteer.default().actors.values():
        for form in (actor.name, *actor.aliases, *actor.demonyms, actor.capital or ""):
            words.update(part.lower() for part in form.split() if part[:1].isupper() and part.lower() not in COMMON_OPENERS)
    for word in words:
        if word and word[0].isalpha():
            params.ortho_context[word] |= _ORTHO_MID_UC
    # and they are not "frequent sentence starters" after an abbreviation ("the U.S. President said")
    params.sent_starters -= words


def write_parameters(params, directory: Path = PUNKT_DIR) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "abbrev_types.txt").write_text("\n".join(sorted(params.abbrev_types)) + "\n", encoding="utf-8")
    (directory / "sent_starters.txt").write_text("\n".join(sorted(params.sent_starters)) + "\n", encoding="utf-8")
    (directory / "collocations.tab").write_text(
        "\n".join("\t".join(pair) for pair in sorted(params.collocations)) + "\n", encoding="utf-8"
    )
    (directory / "ortho_context.tab").write_text(
        "\n".join(f"{word}\t{value}" for word, value in sorted(params.ortho_context.items())) + "\n", encoding="utf-8"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PUNKT_DIR)
    args = parser.parse_args(argv)
    texts = list(iter_team_texts())
    params = train_parameters(texts)
    write_parameters(params, args.out)
    print(f"trained on {len(texts)} team-written texts; {len(params.abbrev_types)} abbreviations -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
