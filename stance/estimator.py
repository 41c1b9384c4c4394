"""The scikit-learn estimator that fits the linear classifiers of :mod:`stance.model`.

Examples
--------
>>> X = [["w=ready", "w=talk"], ["w=reject"], ["w=ready"], ["w=reject", "w=no"]]
>>> clf = LinearFeatureClassifier(min_count=1).fit(X, ["openness", "rejection"] * 2)
>>> clf.predict([["w=reject"]])
['rejection']
"""

from __future__ import annotations

import os
from typing import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from .exceptions import InvalidInputError
from .model import LinearModel, feature_matrix

__all__ = ["LinearFeatureClassifier", "fit_classifier", "fit_side_by_side", "side_by_side_workers"]


class LinearFeatureClassifier(ClassifierMixin, LinearModel, BaseEstimator):
    """Multinomial logistic regression over lists of string features, with temperature calibration.

    Parameters
    ----------
    C : float, default=1.0
        Inverse regularization strength.
    min_count : int, default=2
        Features seen fewer times in training are dropped.
    class_weight : {"balanced", None}, default="balanced"
        Passed to :class:`sklearn.linear_model.LogisticRegression`.
    max_iter : int, default=2000
    temperature : float, default=1.0
        Softmax temperature; set by :meth:`calibrate` on held-out data.
    embedding_scale : float, default=6.0
        When :meth:`fit` is given sentence embeddings, they are multiplied by this before fitting, which
        weakens their regularization against the features' (unit-length embeddings have small entries).

    Examples
    --------
    >>> X = [["w=ready", "w=talk"], ["w=reject"], ["w=ready"], ["w=reject", "w=no"]]
    >>> clf = LinearFeatureClassifier(min_count=1).fit(X, ["openness", "rejection"] * 2)
    >>> sorted(clf.classes_)
    ['openness', 'rejection']
    """

    def __init__(self, *, C: float = 1.0, min_count: int = 2, class_weight: str | None = "balanced",
                 max_iter: int = 2000, temperature: float = 1.0, embedding_scale: float = 6.0):
        self.C = C
        self.min_count = min_count
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.temperature = temperature
        self.embedding_scale = embedding_scale

    def fit(self, X: Sequence[Sequence[str]], y: Sequence[str], sample_weight=None,
            embeddings=None, start_from: "LinearFeatureClassifier | None" = None) -> "LinearFeatureClassifier":
        """Fit on feature lists ``X`` (and, optionally, one sentence embedding per row).

        With ``embeddings`` (shape ``(len(X), d)``), the classifier also learns ``embedding_coef_`` and
        needs embeddings in every later prediction. ``start_from``, a classifier fitted on the same ``X`` and
        ``y`` (its features-only twin), starts the solver at its weights (the embedding weights at zero): the
        solver then needs fewer steps.
        """
        if len(X) != len(y):
            raise InvalidInputError(f"X has {len(X)} rows but y has {len(y)} labels")
        if len(set(y)) < 2:
            raise InvalidInputError("training needs at least two different labels")
        counts: dict[str, int] = {}
        for features in X:
            for f in set(features):
                counts[f] = counts.get(f, 0) + 1
        kept = sorted(f for f, c in counts.items() if c >= self.min_count)
        self.vocabulary_ = {f: i for i, f in enumerate(kept)}
        self.feature_names_ = kept
        matrix = feature_matrix(X, self.vocabulary_)
        if embeddings is not None:
            from scipy import sparse

            embeddings = np.asarray(embeddings, dtype=np.float64)
            if embeddings.ndim != 2 or embeddings.shape[0] != len(X):
                raise InvalidInputError(f"embeddings have shape {embeddings.shape}; expected ({len(X)}, d)")
            matrix = sparse.hstack([matrix, sparse.csr_matrix(embeddings * self.embedding_scale)]).tocsr()
        model = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter,
                                   warm_start=start_from is not None)
        if start_from is not None:
            model.coef_, model.intercept_ = self._starting_weights(start_from, matrix.shape[1], y)
        model.fit(matrix, list(y), sample_weight=None if sample_weight is None else np.asarray(sample_weight, float))
        self.classes_ = [str(c) for c in model.classes_]
        coef = model.coef_
        intercept = model.intercept_
        if coef.shape[0] == 1:  # binary: sklearn stores one row
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        n_features = len(kept)
        self.coef_ = np.ascontiguousarray(coef[:, :n_features], dtype=np.float64)
        # weights for the unscaled embeddings, so that prediction needs no scale
        self.embedding_coef_ = None if embeddings is None else coef[:, n_features:] * self.embedding_scale
        self.intercept_ = np.asarray(intercept, dtype=np.float64)
        return self

    def _starting_weights(self, start_from: "LinearFeatureClassifier", columns: int,
                          y: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``start_from``'s weights over this fit's columns (zeros for the embedding columns), in the solver's shape."""
        if start_from.feature_names_ != self.feature_names_ or start_from.classes_ != sorted(set(map(str, y))):
            raise InvalidInputError("start_from was fitted on other features or labels: "
                                    "it must be fitted on the same rows")
        coef = np.zeros((len(start_from.classes_), columns))
        coef[:, :len(self.feature_names_)] = start_from.coef_
        intercept = np.asarray(start_from.intercept_, dtype=np.float64)
        if len(start_from.classes_) == 2:  # the solver keeps one row for two classes
            return coef[1:] - coef[:1], intercept[1:] - intercept[:1]
        return coef, intercept

    def _check_fitted(self) -> None:
        check_is_fitted(self, "coef_")


def fit_classifier(params: dict, X: Sequence[Sequence[str]], y: Sequence[str], sample_weight=None,
                   embeddings=None, start_from: LinearFeatureClassifier | None = None) -> LinearFeatureClassifier:
    """``LinearFeatureClassifier(**params).fit(X, y, ...)`` as a plain function, for :func:`fit_side_by_side`.

    Examples
    --------
    >>> fit_classifier({"min_count": 1}, [["w=yes"], ["w=no"]], ["support", "rejection"]).classes_
    ['rejection', 'support']
    """
    return LinearFeatureClassifier(**params).fit(X, y, sample_weight=sample_weight, embeddings=embeddings,
                                                 start_from=start_from)


def side_by_side_workers(n_jobs: int, fits: int) -> int:
    """How many fits :func:`fit_side_by_side` runs at once for ``n_jobs`` (1: one after the other, in this process).

    >>> side_by_side_workers(4, 2), side_by_side_workers(1, 5)
    (2, 1)
    """
    if n_jobs < 0:
        n_jobs = max(1, (os.cpu_count() or 1) + 1 + n_jobs)
    return max(1, min(fits, n_jobs))


def fit_side_by_side(fits: Sequence[tuple], n_jobs: int = 1) -> list:
    """Run independent fits, each ``(function, *arguments)``, and return their results in the order given.

    With ``n_jobs`` above 1 (-1: one per core, as in joblib), up to that many fits run at once in worker processes
    (joblib's loky backend); give the longest fit first, so that the others fill the other cores meanwhile.
    Every fit runs on one thread, wherever it runs, so the models do not depend on ``n_jobs`` or on the number of
    cores: on more threads, scikit-learn sums in another order, which changes the last digits of the weights and,
    through the solver's stopping point, a few predictions.

    Examples
    --------
    >>> fit_side_by_side([(sorted, [3, 1, 2]), (max, [4, 5])])
    [[1, 2, 3], 5]
    """
    from joblib import Parallel, delayed, parallel_config
    from threadpoolctl import threadpool_limits

    n_jobs = side_by_side_workers(n_jobs, len(fits))
    if n_jobs == 1:
        with threadpool_limits(limits=1):
            return [function(*arguments) for function, *arguments in fits]
    with parallel_config(backend="loky", inner_max_num_threads=1):
        return Parallel(n_jobs=n_jobs)(delayed(function)(*arguments) for function, *arguments in fits)
