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
from pathlib import Path
from typing import Iterable

__version__ = "0.1.0"

from .actors import Actor, ActorFinder, Gazetteer, load_actor_list  # noqa: E402
from .analyzer import Analyzer  # noqa: E402
from .batch import score_collection  # noqa: E402  (stdlib only at import time; joblib is imported on use)
from .document import ActorSummary, Document, Mention, Sentence, SentenceActor, Sentiment, Stance, Token  # noqa: E402
from .exceptions import (InvalidInputError, ModelError, ModelIntegrityError, ModelNotFoundError,  # noqa: E402
                         ModelVersionError, ModelVersionWarning, StanceError, TrainingDataError)
from .labels import SCHEMA, SENTIMENT_LABELS, STANCE_LABELS  # noqa: E402
from .model import LinearModel, load_model, save_model  # noqa: E402
from .render import collection_report_html, document_html  # noqa: E402

__all__ = [
    "__version__", "load", "analyze", "score_collection",
    "Analyzer", "Document", "Sentence", "SentenceActor", "ActorSummary", "Mention", "Stance", "Sentiment", "Token",
    "Actor", "ActorFinder", "Gazetteer", "load_actor_list",
    "LinearFeatureClassifier", "LinearModel", "load_model", "save_model",
    "StanceError", "InvalidInputError", "ModelError", "ModelNotFoundError", "ModelIntegrityError",
    "ModelVersionError", "ModelVersionWarning", "TrainingDataError",
    "SCHEMA", "STANCE_LABELS", "SENTIMENT_LABELS",
    "document_html", "collection_report_html",
]


def load(name: str | Path = "default", *, actors: str | Path | Iterable[Actor] | None = None,
         replace_actors: bool = False, max_length: int | None = None, find_unlisted: bool = True) -> Analyzer:
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

    Raises
    ------
    ModelNotFoundError, ModelIntegrityError, ModelVersionError
        When the model directory is missing, altered or incompatible.
    InvalidInputError
        When the actor list is malformed.

    Examples
    --------
    >>> nlp = load()
    >>> nlp("NATO warned Moscow.").sentences[0].actors[0].id
    'nato'
    """
    from .analyzer import DEFAULT_MAX_LENGTH

    bundle = load_model(name)
    gazetteer = Gazetteer.default()
    if actors is not None:
        extra = load_actor_list(actors) if isinstance(actors, (str, Path)) else list(actors)
        gazetteer = Gazetteer(extra) if replace_actors else gazetteer.extended(extra)
    return Analyzer(bundle, gazetteer, max_length=max_length or DEFAULT_MAX_LENGTH, find_unlisted=find_unlisted)


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
    if name == "LinearFeatureClassifier":  # imported on first use: it needs scikit-learn, predicting does not
        from .estimator import LinearFeatureClassifier

        return LinearFeatureClassifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
