"""Linear classifiers over string features, and model directories that load without unpickling.

A model directory holds ``manifest.json`` (model version, labels, library versions, data hashes,
metrics, and the sha256 of every file) and, per classifier, ``<name>.npz`` (weights, loaded with
``allow_pickle=False``) plus ``<name>.json`` (labels, vocabulary, calibration temperature).
Loading checks the format version and every hash before reading a single weight, so a model
directory can never run code.

Examples
--------
>>> bundle = load_model("default")
>>> sorted(bundle.classifiers)  # doctest: +NORMALIZE_WHITESPACE
['actor_sentiment', 'actor_sentiment_embeddings', 'sentence_sentiment', 'sentence_sentiment_embeddings', 'stance',
 'stance_attention', 'stance_word_pieces', 'target', 'word_pieces']
>>> bundle.classifiers["stance"].predict_proba([["r1=warned"], ["r1=welcomed"]]).shape
(2, 8)
"""

from __future__ import annotations

import copy
import hashlib
import json
import warnings
from pathlib import Path
from typing import Sequence

import numpy as np

from .attention import ATTENTION_KIND, ActorAttentionHead
from .wordpieces import PIECE_VECTORS_KIND, WordPieceVectors
from .exceptions import (InvalidInputError, ModelError, ModelIntegrityError, ModelNotFoundError, ModelVersionError,
                         ModelVersionWarning)

__all__ = ["LinearModel", "StackedLinearModels", "feature_matrix", "best_temperature", "ModelBundle", "save_model",
           "load_model", "MODEL_FORMAT", "READABLE_MODEL_FORMATS", "file_sha256", "PIECE_VECTORS_COMPONENT",
           "PIECE_HEAD_COMPONENT", "PIECE_COMPONENTS"]

#: Version of the model directory layout that this library writes. Format 2 stores a feature list shared by
#: several components once (the others name it with ``features_of``); format 1 repeated it in each component.
MODEL_FORMAT = 2
#: Layouts this library reads.
READABLE_MODEL_FORMATS = (1, 2)
MODELS_DIR = Path(__file__).parent / "models"


class LinearModel:
    """A fitted linear classifier over lists of string features (softmax with a calibration temperature).

    What :func:`load_model` returns for each component; it needs only numpy, so loading and predicting import
    neither scipy nor scikit-learn. :class:`stance.estimator.LinearFeatureClassifier` is the
    scikit-learn estimator that fits one.

    Attributes
    ----------
    classes_ : list of str
    feature_names_ : list of str
    vocabulary_ : dict of str to int
    coef_ : ndarray of shape (n_classes, n_features)
    intercept_ : ndarray of shape (n_classes,)
    embedding_coef_ : ndarray of shape (n_classes, n_dimensions) or None
        Weights of a sentence embedding (:mod:`stance.encoder`) read beside the features; None for a
        classifier of features only. A classifier with them needs ``embeddings=`` in every prediction.
    temperature : float
    """

    temperature: float = 1.0
    embedding_coef_: np.ndarray | None = None

    @property
    def reads_embeddings(self) -> bool:
        """Whether predictions need sentence embeddings beside the features."""
        return self.embedding_coef_ is not None

    def _embedding_scores(self, embeddings, rows: int) -> np.ndarray | None:
        if self.embedding_coef_ is None:
            return None
        if embeddings is None:
            raise InvalidInputError(f"this classifier reads sentence embeddings: pass embeddings= "
                                    f"(shape ({rows}, {self.embedding_coef_.shape[1]}))")
        embeddings = np.asarray(embeddings, dtype=np.float64)
        if embeddings.shape != (rows, self.embedding_coef_.shape[1]):
            raise InvalidInputError(f"embeddings have shape {embeddings.shape}; expected ({rows}, "
                                    f"{self.embedding_coef_.shape[1]}): one row per row of X")
        return embeddings @ self.embedding_coef_.T

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(f"this {type(self).__name__} is not fitted yet; call 'fit' first")

    def decision_function(self, X: Sequence[Sequence[str]], embeddings: np.ndarray | None = None) -> np.ndarray:
        self._check_fitted()
        scores = summed_weights(X, self.vocabulary_, self.coef_.T) + self.intercept_
        from_embeddings = self._embedding_scores(embeddings, len(X))
        if from_embeddings is not None:
            scores += from_embeddings
        return scores

    def predict_proba(self, X: Sequence[Sequence[str]], embeddings: np.ndarray | None = None) -> np.ndarray:
        scores = self.decision_function(X, embeddings) / float(self.temperature)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def predict(self, X: Sequence[Sequence[str]], embeddings: np.ndarray | None = None) -> list[str]:
        if len(X) == 0:
            return []
        return [self.classes_[i] for i in self.predict_proba(X, embeddings).argmax(axis=1)]

    def calibrate(self, X: Sequence[Sequence[str]], y: Sequence[str],
                  embeddings: np.ndarray | None = None) -> "LinearModel":
        """Choose the softmax temperature that minimizes log loss on held-out ``(X, y)``."""
        self._check_fitted()
        logits = self.decision_function(X, embeddings)
        index = {c: i for i, c in enumerate(self.classes_)}
        rows = [(k, index[label]) for k, label in enumerate(y) if label in index]
        if rows:
            self.temperature = best_temperature(logits[[k for k, _ in rows]], [c for _, c in rows])
        return self

    def contributions(self, features: Sequence[str], label: str) -> list[tuple[str, float]]:
        """Signed weight of each present feature for ``label`` minus its mean over labels (for explanations)."""
        self._check_fitted()
        row = self.classes_.index(label)
        centered = self.coef_[row] - self.coef_.mean(axis=0)
        present = sorted({self.vocabulary_[f] for f in features if f in self.vocabulary_})
        return sorted(((self.feature_names_[i], float(centered[i])) for i in present), key=lambda p: -abs(p[1]))

    def embedding_contribution(self, embedding: np.ndarray, label: str) -> float:
        """What a sentence embedding adds to ``label``'s score, minus its mean over labels (for explanations)."""
        self._check_fitted()
        if self.embedding_coef_ is None:
            return 0.0
        row = self.classes_.index(label)
        centered = self.embedding_coef_[row] - self.embedding_coef_.mean(axis=0)
        return float(np.asarray(embedding, dtype=np.float64) @ centered)

    # -- safe serialization ----------------------------------------------------------------------------
    def to_files(self, directory: Path, name: str, features_of: str | None = None) -> list[Path]:
        """Write ``name.npz`` (weights) and ``name.json`` (labels, features, parameters).

        With ``features_of``, the JSON names that component instead of repeating its identical feature list.
        """
        self._check_fitted()
        arrays = directory / f"{name}.npz"
        meta = directory / f"{name}.json"
        # not compressed: float32 weights hardly compress (7.4 of 8.5 MB), and every worker would pay to inflate them
        weights = {"coef": self.coef_.astype(np.float32), "intercept": self.intercept_}
        if self.embedding_coef_ is not None:
            weights["embedding_coef"] = self.embedding_coef_.astype(np.float32)
        np.savez(arrays, **weights)
        params = self.get_params() if hasattr(self, "get_params") else {"temperature": self.temperature}
        features = {"features_of": features_of} if features_of else {"features": self.feature_names_}
        meta.write_text(json.dumps({"classes": self.classes_, **features, "params": params}, ensure_ascii=False),
                        encoding="utf-8")
        return [arrays, meta]

    @classmethod
    def from_files(cls, directory: Path, name: str, loaded: dict[str, "LinearModel"] | None = None) -> "LinearModel":
        """Read ``name.json`` and ``name.npz``.

        A model in ``loaded`` (by component name) whose features this one shares lends them its feature list
        and lookup: named with ``features_of`` (format 2) or found equal (format 1).
        """
        loaded = loaded or {}
        meta = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
        with np.load(directory / f"{name}.npz", allow_pickle=False) as arrays:
            coef, intercept = arrays["coef"].astype(np.float64), arrays["intercept"].astype(np.float64)
            embedding_coef = arrays["embedding_coef"].astype(np.float64) if "embedding_coef" in arrays.files else None
        model = cls.__new__(cls)
        model.temperature = float(meta.get("params", {}).get("temperature", 1.0))
        model.classes_ = [str(c) for c in meta["classes"]]
        if "features_of" in meta:
            same = loaded.get(meta["features_of"])
            if same is None:
                raise ModelIntegrityError(f"{directory / name}.json takes its features from {meta['features_of']!r}, "
                                          "which is not a component loaded before it")
        else:
            same = next((other for other in loaded.values() if other.feature_names_ == meta["features"]), None)
        if same is not None:
            model.feature_names_, model.vocabulary_ = same.feature_names_, same.vocabulary_
        else:
            model.feature_names_ = list(meta["features"])
            model.vocabulary_ = dict(zip(model.feature_names_, range(len(model.feature_names_))))
        if coef.shape != (len(model.classes_), len(model.feature_names_)) or intercept.shape != (len(model.classes_),):
            raise ModelIntegrityError(f"{directory / name}: weight shapes do not match labels and features")
        if embedding_coef is not None and (embedding_coef.ndim != 2 or embedding_coef.shape[0] != len(model.classes_)):
            raise ModelIntegrityError(f"{directory / name}: embedding weights do not match the labels")
        model.coef_, model.intercept_, model.embedding_coef_ = coef, intercept, embedding_coef
        return model


def _feature_indices(X: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> tuple[list[int], list[int]]:
    """Column indices of the known, distinct features of each row (in no order), and the row offsets into them."""
    get = vocabulary.get
    indptr, indices = [0], []
    add_row, end_row = indices.extend, indptr.append
    for features in X:
        # the order of a row's indices (the set's) is the order in which summed_weights adds their weights:
        # building the set differently can change the last bits of the scores
        row = set(map(get, features))
        row.discard(None)
        add_row(row)
        end_row(len(indices))
    return indices, indptr


def summed_weights(X: Sequence[Sequence[str]], vocabulary: dict[str, int], weights: np.ndarray) -> np.ndarray:
    """For each row of ``X``, the sum of the ``weights`` rows of its known, distinct features.

    The same as ``feature_matrix(X, vocabulary) @ weights``, with numpy alone.

    Examples
    --------
    >>> weights = np.array([[1.0, 0.0], [0.0, 2.0]])
    >>> summed_weights([["a", "b", "a"], [], ["b", "unknown"]], {"a": 0, "b": 1}, weights)
    array([[1., 2.],
           [0., 0.],
           [0., 2.]])
    """
    indices, indptr = _feature_indices(X, vocabulary)
    result = np.zeros((len(X), weights.shape[1]))
    if indices:
        starts = np.asarray(indptr[:-1], dtype=np.intp)
        filled = np.diff(indptr) > 0
        result[filled] = np.add.reduceat(weights[np.asarray(indices, dtype=np.intp)], starts[filled], axis=0)
    return result


def feature_matrix(X: Sequence[Sequence[str]], vocabulary: dict[str, int]):
    """Binary document-feature matrix (``scipy.sparse.csr_matrix``): row k has a 1 in the column of each
    known feature of ``X[k]``. Used for fitting; prediction uses :func:`summed_weights`."""
    from scipy import sparse

    indices, indptr = _feature_indices(X, vocabulary)
    data = np.ones(len(indices), dtype=np.float64)
    matrix = sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                               shape=(len(X), len(vocabulary)))
    matrix.sort_indices()
    return matrix


class StackedLinearModels:
    """Several linear models over the same feature lists, predicted with one lookup per feature.

    The analyzer stacks the stance and actor-sentiment models, which read the same (sentence, actor)
    features; the probabilities equal those of each model's own ``predict_proba``.

    Examples
    --------
    >>> bundle = load_model("default")
    >>> pair = bundle.classifiers["stance"], bundle.classifiers["actor_sentiment"]
    >>> stacked = StackedLinearModels(pair)
    >>> X = [["r1=warned", "cue_r=threat"], ["r1=welcomed"]]
    >>> all(np.allclose(p, m.predict_proba(X)) for p, m in zip(stacked.predict_proba(X), pair))
    True
    """

    def __init__(self, models: Sequence[LinearModel]):
        self.models = list(models)
        if any(m.reads_embeddings for m in self.models):
            raise ValueError("StackedLinearModels stacks classifiers of features only, not ones that read embeddings")
        self._offsets = np.cumsum([0] + [len(m.classes_) for m in self.models])
        if self.models and all(m.feature_names_ == self.models[0].feature_names_ for m in self.models[1:]):
            self.vocabulary_ = self.models[0].vocabulary_  # saved with shared features: no merging needed
            self._weights = np.hstack([m.coef_.T for m in self.models])
            return
        vocabulary: dict[str, int] = dict(self.models[0].vocabulary_) if self.models else {}
        for model in self.models[1:]:
            new = [feature for feature in model.feature_names_ if feature not in vocabulary]
            vocabulary.update(zip(new, range(len(vocabulary), len(vocabulary) + len(new))))
        self.vocabulary_ = vocabulary
        weights = np.zeros((len(vocabulary), int(self._offsets[-1])))
        for model, offset in zip(self.models, self._offsets):
            columns = np.fromiter(map(vocabulary.__getitem__, model.feature_names_), dtype=np.int64,
                                  count=len(model.feature_names_))
            weights[columns, offset:offset + len(model.classes_)] = model.coef_.T
        self._weights = weights

    def predict_proba(self, X: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """One probability array per model, in the order the models were given."""
        logits = summed_weights(X, self.vocabulary_, self._weights)
        results = []
        for model, start, end in zip(self.models, self._offsets[:-1], self._offsets[1:]):
            scores = (logits[:, start:end] + model.intercept_) / float(model.temperature)
            scores -= scores.max(axis=1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=1, keepdims=True)
            results.append(scores)
        return results


def best_temperature(scores: np.ndarray, label_indices: Sequence[int]) -> float:
    """The softmax temperature (0.2 to 5, on a log grid) that minimizes the log loss of ``scores`` (one row per
    example) against the right label's column in ``label_indices``; 1.0 when there are no examples.

    Examples
    --------
    >>> best_temperature(np.array([[4.0, 0.0], [4.0, 0.0], [0.0, 4.0], [4.0, 0.0]]), [0, 1, 1, 0]) > 1
    True
    """
    if len(label_indices) == 0:
        return 1.0
    rows, columns = np.arange(len(label_indices)), np.asarray(label_indices)
    best, best_loss = 1.0, np.inf
    for temperature in np.exp(np.linspace(np.log(0.2), np.log(5.0), 81)):
        z = scores / temperature
        z = z - z.max(axis=1, keepdims=True)
        loss = -(z[rows, columns] - np.log(np.exp(z).sum(axis=1))).mean()
        if loss < best_loss:
            best, best_loss = float(temperature), loss
    return best


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class ModelBundle:
    """The classifiers of one model directory plus its manifest.

    Attributes
    ----------
    manifest : dict
    classifiers : dict of str to LinearModel, ActorAttentionHead or WordPieceVectors
        ``stance``, ``actor_sentiment`` and ``sentence_sentiment`` for a full model, the variants of the
        embeddings mode (``EMBEDDINGS_COMPONENTS``), and the word-piece vectors and head that the default
        pipeline mixes into stance (``PIECE_VECTORS_COMPONENT``, ``PIECE_HEAD_COMPONENT``).
    path : Path
    """

    def __init__(self, manifest: dict, classifiers: dict[str, "LinearModel | ActorAttentionHead | WordPieceVectors"],
                 path: Path | None = None):
        self.manifest = manifest
        self.classifiers = classifiers
        self.path = path


def _versions() -> dict[str, str]:
    import nltk
    import sklearn

    from . import __version__

    return {"stance": __version__, "scikit-learn": sklearn.__version__, "numpy": np.__version__, "nltk": nltk.__version__}


#: Components that read the same (sentence, actor) features; they are saved with one shared feature list.
PAIR_COMPONENTS = ("stance", "actor_sentiment", "actor_sentiment_embeddings")
#: The components that stand in for others with ``stance.load(embeddings=True)`` (see :mod:`stance.encoder`): the
#: sentiment classifiers that also read the sentence embedding, and the attention head that reads the sentence's
#: token vectors from the actor and is mixed with the features-only stance classifier (:mod:`stance.attention`).
EMBEDDINGS_COMPONENTS = {"sentence_sentiment": "sentence_sentiment_embeddings",
                         "actor_sentiment": "actor_sentiment_embeddings",
                         "stance": "stance_attention"}
#: The static word-piece vectors (:class:`stance.wordpieces.WordPieceVectors`) and the attention head over them that
#: the default pipeline mixes with the features-only stance classifier (the embeddings mode mixes its own head).
PIECE_VECTORS_COMPONENT = "word_pieces"
PIECE_HEAD_COMPONENT = "stance_word_pieces"
#: Every component that only the default pipeline reads.
PIECE_COMPONENTS = (PIECE_VECTORS_COMPONENT, PIECE_HEAD_COMPONENT)


def with_shared_features(models: Sequence[LinearModel]) -> list[LinearModel]:
    """Copies of ``models`` over one feature list (the union, in first-seen order), with zero weights for the
    features a model did not have; their predictions are unchanged. Loading and stacking such models is cheaper.

    Examples
    --------
    >>> a, b = LinearModel(), LinearModel()
    >>> a.classes_ = b.classes_ = ["x", "y"]
    >>> a.feature_names_, a.coef_, a.intercept_ = ["f"], np.array([[1.0], [-1.0]]), np.zeros(2)
    >>> b.feature_names_, b.coef_, b.intercept_ = ["g"], np.array([[2.0], [0.0]]), np.zeros(2)
    >>> a.vocabulary_, b.vocabulary_ = {"f": 0}, {"g": 0}
    >>> shared = with_shared_features([a, b])
    >>> shared[1].feature_names_, shared[1].coef_.tolist()
    (['f', 'g'], [[0.0, 2.0], [0.0, 0.0]])
    >>> np.allclose(shared[0].predict_proba([["f", "g"]]), a.predict_proba([["f", "g"]]))
    True
    """
    names: list[str] = []
    index: dict[str, int] = {}
    for model in models:
        for feature in model.feature_names_:
            if feature not in index:
                index[feature] = len(names)
                names.append(feature)
    copies = []
    for model in models:
        shared = copy.copy(model)
        columns = np.fromiter(map(index.__getitem__, model.feature_names_), dtype=np.int64, count=len(model.feature_names_))
        shared.coef_ = np.zeros((model.coef_.shape[0], len(names)))
        shared.coef_[:, columns] = model.coef_
        shared.feature_names_, shared.vocabulary_ = names, index
        copies.append(shared)
    return copies


def save_model(directory: str | Path,
               classifiers: dict[str, "LinearModel | ActorAttentionHead | WordPieceVectors"], *, name: str = "default",
               version: str = "1.0.0", metrics: dict | None = None, data: dict | None = None,
               extra: dict | None = None) -> Path:
    """Write ``classifiers`` to ``directory`` as arrays plus JSON, with a manifest of hashes."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    heads = {c: m for c, m in classifiers.items() if isinstance(m, ActorAttentionHead)}
    tables = {c: m for c, m in classifiers.items() if isinstance(m, WordPieceVectors)}
    classifiers = {c: m for c, m in classifiers.items() if c not in heads and c not in tables}
    pair_models = [c for c in PAIR_COMPONENTS if c in classifiers]
    # the pair models first: the first of them holds the shared feature list that the others refer to
    shared = dict(zip(pair_models, with_shared_features([classifiers[c] for c in pair_models])))
    classifiers = {**shared, **{c: m for c, m in classifiers.items() if c not in shared}}
    files: dict[str, str] = {}
    lenders: dict[str, str] = {}
    for component, classifier in classifiers.items():
        owners = [name for name, lender in lenders.items() if lender == name]
        features_of = pair_models[0] if component in pair_models[1:] else next(
            (name for name in owners if classifiers[name].feature_names_ == classifier.feature_names_), None)
        lenders[component] = features_of or component
        for path in classifier.to_files(directory, component, features_of):
            files[path.name] = file_sha256(path)
    for component, part in {**heads, **tables}.items():
        for path in part.to_files(directory, component):
            files[path.name] = file_sha256(path)
    manifest = {
        "format": MODEL_FORMAT,
        "name": name,
        "version": version,
        "components": {component: {"labels": classifier.classes_, "temperature": classifier.temperature,
                                   "features": len(classifier.feature_names_),
                                   **({"features_of": lenders[component]} if lenders[component] != component else {}),
                                   **({"embedding_dimensions": int(classifier.embedding_coef_.shape[1])}
                                      if classifier.reads_embeddings else {})}
                       for component, classifier in classifiers.items()}
        | {component: {"kind": ATTENTION_KIND, "labels": head.classes_, "temperature": head.temperature,
                       "mix_weight": head.mix_weight, "token_dimensions": head.dimensions,
                       "token_layer": head.token_layer}
           for component, head in heads.items()}
        | {component: {"kind": PIECE_VECTORS_KIND, "pieces": len(table.codes), "dimensions": table.dimensions,
                       "source": table.source}
           for component, table in tables.items()},
        "versions": _versions(),
        "files": files,
        "data": data or {},
        "metrics": metrics or {},
        **(extra or {}),
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return directory


def resolve_model_path(name_or_path: str | Path) -> Path:
    candidate = Path(name_or_path)
    if isinstance(name_or_path, str) and "/" not in name_or_path and "\\" not in name_or_path and not candidate.exists():
        candidate = MODELS_DIR / name_or_path
    if not (candidate / "manifest.json").is_file():
        shipped = sorted(p.name for p in MODELS_DIR.iterdir() if (p / "manifest.json").is_file()) if MODELS_DIR.exists() else []
        raise ModelNotFoundError(
            f"no model at {str(name_or_path)!r} (no manifest.json in {candidate}); "
            f"shipped models: {', '.join(shipped) or 'none'}; train one with `stance train --data FILE --out DIR`"
        )
    return candidate


def read_manifest(directory: Path) -> dict:
    """The manifest of the model in ``directory``, checked for format version and structure (not hashes).

    Raises
    ------
    ModelVersionError
        The manifest's format is not this library's (the message names both versions).
    ModelIntegrityError
        The manifest is unreadable or lists no files or components.
    """
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ModelIntegrityError(f"{directory}/manifest.json is not valid JSON: {error}") from None
    if not isinstance(manifest, dict):
        raise ModelIntegrityError(f"{directory}/manifest.json must hold a JSON object")
    from . import __version__

    built_by = (manifest.get("versions") or {}).get("stance", "unknown")
    if manifest.get("format") not in READABLE_MODEL_FORMATS:
        readable = " and ".join(map(str, READABLE_MODEL_FORMATS))
        raise ModelVersionError(
            f"model {directory} has format {manifest.get('format')!r} (built by stance {built_by}); "
            f"this is stance {__version__}, which reads formats {readable}: retrain it or install a matching stance"
        )
    files = manifest.get("files")
    components = manifest.get("components")
    if not isinstance(files, dict) or not isinstance(components, dict) or not components:
        raise ModelIntegrityError(f"{directory}/manifest.json lists no files or components")
    return manifest


def load_model(name_or_path: str | Path = "default", *, components: Sequence[str] | None = None) -> ModelBundle:
    """Read a model directory safely: manifest, format version, every file hash, then the arrays.

    ``components`` names the classifiers to read (default: all of them); every file's hash is checked either way.

    Raises
    ------
    ModelNotFoundError
        No model directory at that name or path.
    ModelVersionError
        The manifest's format is not this library's (the message names both versions).
    ModelIntegrityError
        A file is missing or its sha256 differs from the manifest, or the manifest is unreadable.
    """
    directory = resolve_model_path(name_or_path)
    manifest = read_manifest(directory)
    from . import __version__

    built_by = (manifest.get("versions") or {}).get("stance", "unknown")
    files, listed = manifest["files"], manifest["components"]
    for filename, expected in files.items():
        path = directory / filename
        if Path(filename).name != filename or not path.is_file():
            raise ModelIntegrityError(f"model file {filename!r} listed in {directory}/manifest.json is missing")
        if file_sha256(path) != expected:
            raise ModelIntegrityError(f"model file {path} does not match the sha256 in its manifest; refusing to load it")
    for component in listed:
        for suffix in (".npz", ".json"):
            if f"{component}{suffix}" not in files:
                raise ModelIntegrityError(f"{directory}: component {component!r} has no hashed {component}{suffix}")
    if built_by != __version__.split("+")[0] and built_by.split(".")[:1] != __version__.split(".")[:1]:
        warnings.warn(f"model {directory} was built by stance {built_by}; this is stance {__version__}",
                      ModelVersionWarning, stacklevel=2)
    wanted = set(listed if components is None else components)
    missing = sorted(wanted - set(listed))
    if missing:
        raise ModelError(f"model {directory} has no component {', '.join(map(repr, missing))}; "
                         f"it has {', '.join(listed)}")
    # a component that lends its feature list to a wanted one is read too (the manifest says which, since format 2)
    lenders = {(info or {}).get("features_of") for name, info in listed.items() if name in wanted}
    try:
        classifiers: dict[str, LinearModel | ActorAttentionHead | WordPieceVectors] = {}
        for component in listed:
            if component in wanted or component in lenders:
                kind = (listed[component] or {}).get("kind")
                if kind == ATTENTION_KIND:
                    classifiers[component] = ActorAttentionHead.from_files(directory, component)
                elif kind == PIECE_VECTORS_KIND:
                    classifiers[component] = WordPieceVectors.from_files(directory, component)
                else:
                    classifiers[component] = LinearModel.from_files(directory, component, classifiers)
    except (KeyError, ValueError, OSError) as error:
        raise ModelIntegrityError(f"model {directory} cannot be read: {error}") from None
    return ModelBundle(manifest, {c: m for c, m in classifiers.items() if c in wanted}, directory)


def load_analysis_model(name_or_path: str | Path = "default", *, embeddings: bool = False,
                        word_pieces: bool = True) -> ModelBundle:
    """:func:`load_model` for an analyzer: the components it reads, so that it does not hold the others in memory.

    The embeddings variants only with ``embeddings``; the word-piece vectors and their head only without (the
    embeddings mode mixes its own head into stance), and only with ``word_pieces``."""
    directory = resolve_model_path(name_or_path)
    listed = read_manifest(directory)["components"]
    unread = set() if embeddings else set(EMBEDDINGS_COMPONENTS.values())
    if embeddings or not word_pieces:
        unread |= set(PIECE_COMPONENTS)
    return load_model(directory, components=[c for c in listed if c not in unread])


def __getattr__(name: str):
    if name == "LinearFeatureClassifier":  # the estimator lives in stance.estimator (it imports scikit-learn)
        from .estimator import LinearFeatureClassifier

        return LinearFeatureClassifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
