"""The one exception tree of ``stance``.

::

    StanceError
    ├── InvalidInputError (also ValueError)   bad text, bad record, bad actor list
    ├── ModelError                            a model directory that cannot be used
    │   ├── ModelNotFoundError (also LookupError)
    │   ├── ModelIntegrityError               file hashes do not match the manifest
    │   └── ModelVersionError                 built by an incompatible version
    ├── TrainingDataError (also ValueError)   malformed training file (names line and field)
    └── MissingExtraError (also ImportError)  an optional feature whose packages are not installed

    ModelVersionWarning (UserWarning)         built by a different but compatible version
"""

from __future__ import annotations

__all__ = [
    "StanceError",
    "InvalidInputError",
    "ModelError",
    "ModelNotFoundError",
    "ModelIntegrityError",
    "ModelVersionError",
    "TrainingDataError",
    "MissingExtraError",
    "ModelVersionWarning",
]


class StanceError(Exception):
    """Base class of every error raised on purpose by ``stance``."""


class InvalidInputError(StanceError, ValueError):
    """The input text, record or actor list cannot be analysed; the message says why."""


class ModelError(StanceError):
    """A model directory cannot be used."""


class ModelNotFoundError(ModelError, LookupError):
    """No model at the given name or path."""


class ModelIntegrityError(ModelError):
    """A model file is missing or does not match the sha256 recorded in the manifest."""


class ModelVersionError(ModelError):
    """The model was built by a version of ``stance`` this one cannot read."""


class TrainingDataError(StanceError, ValueError):
    """A training file is malformed; the message names the file, line and field."""


class MissingExtraError(StanceError, ImportError):
    """An optional feature needs packages that are not installed; the message gives the ``pip install`` line."""


class ModelVersionWarning(UserWarning):
    """The model was built with different library versions; it loads, but results may differ."""
