"""Safe model files: save/load round trip, manifest checks, clear errors, sklearn contract."""

import json
import shutil
import warnings

import numpy as np
import pytest
from sklearn.base import clone

import stance
from stance.exceptions import ModelIntegrityError, ModelNotFoundError, ModelVersionError, ModelVersionWarning
from stance.estimator import LinearFeatureClassifier
from stance.model import MODELS_DIR, LinearModel, load_model, save_model

X = [["w=ready", "w=talk"], ["w=reject", "w=no"], ["w=ready", "w=open"], ["w=reject"], ["w=warn"], ["w=warn", "w=force"]]
Y = ["openness", "rejection", "openness", "rejection", "threat", "threat"]


def fitted():
    return LinearFeatureClassifier(min_count=1).fit(X, Y)


def test_estimator_contract():
    clf = LinearFeatureClassifier(C=2.0, min_count=1)
    assert clf.get_params()["C"] == 2.0
    assert not hasattr(clf, "coef_")  # no work in __init__
    assert clf.fit(X, Y) is clf
    assert clone(clf).get_params() == clf.get_params()
    assert clf.predict([["w=reject"]]) == ["rejection"]
    probabilities = clf.predict_proba(X)
    assert np.allclose(probabilities.sum(axis=1), 1.0)


def test_unfitted_classifier_raises():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        LinearFeatureClassifier().predict_proba([["w=x"]])


def test_calibration_changes_temperature_only():
    clf = fitted()
    before = clf.predict(X)
    clf.calibrate(X, Y)
    assert clf.temperature > 0 and clf.predict(X) == before


@pytest.fixture
def model_dir(tmp_path):
    directory = tmp_path / "m"
    save_model(directory, {"stance": fitted(), "actor_sentiment": fitted(), "sentence_sentiment": fitted()})
    return directory


def test_round_trip_gives_same_predictions(model_dir):
    bundle = load_model(model_dir)
    assert np.allclose(bundle.classifiers["stance"].predict_proba(X), fitted().predict_proba(X), atol=1e-5)


def test_pair_models_store_their_shared_feature_list_once(model_dir):
    meta = json.loads((model_dir / "actor_sentiment.json").read_text())
    assert "features" not in meta and meta["features_of"] == "stance"
    bundle = load_model(model_dir)
    assert bundle.classifiers["actor_sentiment"].vocabulary_ is bundle.classifiers["stance"].vocabulary_
    assert np.allclose(bundle.classifiers["actor_sentiment"].predict_proba(X), fitted().predict_proba(X), atol=1e-5)


def test_format_1_models_with_repeated_feature_lists_still_load(model_dir):
    features = json.loads((model_dir / "stance.json").read_text())["features"]
    meta = json.loads((model_dir / "actor_sentiment.json").read_text())
    del meta["features_of"]
    (model_dir / "actor_sentiment.json").write_text(json.dumps({**meta, "features": features}))
    manifest = json.loads((model_dir / "manifest.json").read_text())
    (model_dir / "manifest.json").write_text(json.dumps({**manifest, "format": 1}))
    _rehash(model_dir)
    bundle = load_model(model_dir)
    assert bundle.classifiers["actor_sentiment"].feature_names_ == features
    assert np.allclose(bundle.classifiers["actor_sentiment"].predict_proba(X), fitted().predict_proba(X), atol=1e-5)


def test_feature_list_borrowed_from_an_unknown_component_is_refused(model_dir):
    meta = json.loads((model_dir / "actor_sentiment.json").read_text())
    (model_dir / "actor_sentiment.json").write_text(json.dumps({**meta, "features_of": "nonexistent"}))
    _rehash(model_dir)
    with pytest.raises(ModelIntegrityError, match="nonexistent"):
        load_model(model_dir)


def test_model_files_are_not_pickles(model_dir):
    for path in model_dir.iterdir():
        if path.suffix == ".npz":
            with np.load(path, allow_pickle=False) as arrays:
                assert all(arrays[k].dtype != object for k in arrays.files)
    manifest = json.loads((model_dir / "manifest.json").read_text())
    assert set(manifest["files"]) == {p.name for p in model_dir.iterdir() if p.name != "manifest.json"}
    assert {"stance", "scikit-learn", "numpy", "nltk"} <= set(manifest["versions"])


def test_altered_file_is_refused(model_dir):
    path = model_dir / "stance.json"
    path.write_text(path.read_text().replace("w=reject", "w=rejekt"))
    with pytest.raises(ModelIntegrityError, match="sha256"):
        load_model(model_dir)


def test_missing_file_is_refused(model_dir):
    (model_dir / "stance.npz").unlink()
    with pytest.raises(ModelIntegrityError, match="missing"):
        load_model(model_dir)


def test_incompatible_format_names_both_versions(model_dir):
    manifest = json.loads((model_dir / "manifest.json").read_text())
    manifest["format"] = 99
    manifest["versions"]["stance"] = "9.0.0"
    (model_dir / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelVersionError, match=r"9\.0\.0.*" + stance.__version__.replace(".", r"\.")):
        load_model(model_dir)


def test_other_major_version_warns(model_dir):
    manifest = json.loads((model_dir / "manifest.json").read_text())
    manifest["versions"]["stance"] = "7.1.0"
    (model_dir / "manifest.json").write_text(json.dumps(manifest))
    with pytest.warns(ModelVersionWarning, match="7.1.0"):
        load_model(model_dir)


def test_corrupt_manifest_and_missing_model(tmp_path, model_dir):
    (model_dir / "manifest.json").write_text("{nope")
    with pytest.raises(ModelIntegrityError, match="not valid JSON"):
        load_model(model_dir)
    with pytest.raises(ModelNotFoundError, match="no model"):
        stance.load(tmp_path / "nowhere")
    with pytest.raises(ModelNotFoundError, match="shipped models: default"):
        stance.load("no-such-model")


def test_manifest_cannot_point_outside_the_directory(model_dir):
    manifest = json.loads((model_dir / "manifest.json").read_text())
    manifest["files"]["../escape.json"] = "0" * 64
    (model_dir / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelIntegrityError):
        load_model(model_dir)


def test_shipped_model_loads_and_has_a_card():
    bundle = load_model("default")
    embeddings = {"actor_sentiment_embeddings", "sentence_sentiment_embeddings"}
    assert set(bundle.classifiers) == {"stance", "actor_sentiment", "sentence_sentiment", "target",
                                       "stance_attention", "word_pieces", "stance_word_pieces"} | embeddings
    assert {name for name, c in bundle.classifiers.items() if getattr(c, "reads_embeddings", False)} == embeddings
    assert sorted(bundle.classifiers["stance"].classes_) == sorted(stance.STANCE_LABELS)
    for head in (bundle.classifiers["stance_attention"], bundle.classifiers["stance_word_pieces"]):
        assert head.classes_ == bundle.classifiers["stance"].classes_ and 0 < head.mix_weight < 1
    assert bundle.classifiers["stance_word_pieces"].dimensions == bundle.classifiers["word_pieces"].dimensions
    card = (MODELS_DIR / "default" / "MODEL_CARD.md").read_text()
    assert "python -m training.train" in card and "precision" in card


def test_shipped_model_copy_loads_by_path(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(MODELS_DIR / "default", copy)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert stance.load(copy)("NATO warned Moscow.").sentences


class _Marker:
    """Unpickling this would create a file: the proof that loading ran code from the model directory."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def _rehash(model_dir):
    from stance.model import file_sha256

    manifest = json.loads((model_dir / "manifest.json").read_text())
    manifest["files"] = {name: file_sha256(model_dir / name) for name in manifest["files"]}
    (model_dir / "manifest.json").write_text(json.dumps(manifest))


def test_a_pickled_object_in_a_hashed_model_file_is_refused_not_run(model_dir, tmp_path):
    marker = tmp_path / "ran"
    arrays = dict(np.load(model_dir / "stance.npz"))
    np.savez(model_dir / "stance.npz", coef=np.array([_Marker(str(marker))], dtype=object),
             intercept=arrays["intercept"])
    _rehash(model_dir)  # the hashes match: only the loader's refusal to unpickle protects us
    with pytest.raises(stance.ModelError):
        stance.load(model_dir)
    assert not marker.exists()


def test_code_in_a_user_model_directory_is_never_run(model_dir, tmp_path):
    import pickle

    marker = tmp_path / "ran"
    for name in ("__init__.py", "stance.py", "model.py"):
        (model_dir / name).write_text(f"open({str(marker)!r}, 'w')\n")
    (model_dir / "model.pkl").write_bytes(pickle.dumps(_Marker(str(marker))))
    (model_dir / "stance.joblib").write_bytes(pickle.dumps(_Marker(str(marker))))
    assert stance.load(model_dir)("NATO warned Moscow.").sentences
    assert not marker.exists()


def test_loading_a_model_does_not_import_scikit_learn():
    import subprocess
    import sys

    code = ("import sys, stance; nlp = stance.load(); "
            "print(any(m == 'sklearn' or m.startswith('sklearn.') for m in sys.modules))")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "False"


def test_loaded_components_are_plain_linear_models_numpy_attention_heads_or_piece_vectors():
    from stance.attention import ActorAttentionHead
    from stance.wordpieces import WordPieceVectors

    bundle = load_model("default")
    kinds = {name: type(c) for name, c in bundle.classifiers.items()}
    assert kinds.pop("stance_attention") is kinds.pop("stance_word_pieces") is ActorAttentionHead
    assert kinds.pop("word_pieces") is WordPieceVectors
    assert set(kinds.values()) == {LinearModel}


def test_load_model_reads_only_the_components_asked_for(tmp_path):
    clf = LinearFeatureClassifier(min_count=1).fit(X, Y)
    other = LinearFeatureClassifier(min_count=1, C=0.1).fit(X, Y)
    save_model(tmp_path, {"stance": clf, "actor_sentiment": other, "sentence_sentiment": other})
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["components"]["actor_sentiment"]["features_of"] == "stance"
    only = load_model(tmp_path, components=["actor_sentiment"])
    assert list(only.classifiers) == ["actor_sentiment"]  # stance lent its features but is not returned
    assert np.allclose(only.classifiers["actor_sentiment"].predict_proba(X), other.predict_proba(X))
    with pytest.raises(stance.ModelError, match="no component 'nothing'"):
        load_model(tmp_path, components=["nothing"])


def test_fits_side_by_side_are_the_fits_one_after_the_other_in_the_order_given():
    from joblib.externals.loky import get_reusable_executor

    from stance.estimator import fit_classifier, fit_side_by_side

    X = [["w=ready", "w=talk"], ["w=reject"], ["w=ready"], ["w=reject", "w=no"], ["w=talk", "w=no"], ["w=talk"]]
    y = ["openness", "rejection", "openness", "rejection", "rejection", "openness"]
    fits = [(fit_classifier, {"C": 1.0, "min_count": 1}, X, y),
            (fit_classifier, {"C": 0.1, "min_count": 1}, X, y, [1, 1, 1, 1, 5, 5])]
    in_workers = fit_side_by_side(fits, n_jobs=2)
    in_this_process = fit_side_by_side(fits, n_jobs=1)
    for apart, here in zip(in_workers, in_this_process):
        assert apart.feature_names_ == here.feature_names_
        np.testing.assert_array_equal(apart.coef_, here.coef_)
    assert not np.allclose(in_workers[0].coef_, in_workers[1].coef_)  # each result in its own place
    assert fit_side_by_side([(sorted, [3, 1, 2]), (max, [4, 5]), (len, "abc")], n_jobs=-1) == [[1, 2, 3], 5, 3]
    get_reusable_executor().shutdown(wait=True)  # its one-thread workers are not for the tests that follow


def test_a_fit_started_from_its_features_only_twin_reaches_the_same_model():
    from stance.estimator import LinearFeatureClassifier

    rng = np.random.default_rng(3)
    words = ["ready", "talk", "reject", "no", "warn", "urge", "praise", "said"]
    X = [[f"w={w}" for w in rng.choice(words, size=3)] for _ in range(120)]
    y = [("openness", "rejection", "appeal")[k % 3] for k in range(120)]
    embeddings = rng.normal(size=(120, 4))
    twin = LinearFeatureClassifier(min_count=1).fit(X, y)
    started = LinearFeatureClassifier(min_count=1).fit(X, y, embeddings=embeddings, start_from=twin)
    cold = LinearFeatureClassifier(min_count=1).fit(X, y, embeddings=embeddings)
    assert started.reads_embeddings and started.feature_names_ == cold.feature_names_
    # one convex problem: the start changes the solver's path, not where it ends (up to its tolerance)
    np.testing.assert_allclose(started.predict_proba(X, embeddings=embeddings),
                               cold.predict_proba(X, embeddings=embeddings), atol=2e-3)
    binary_y = ["support" if "w=praise" in row else "neutral" for row in X]
    binary_twin = LinearFeatureClassifier(min_count=1).fit(X, binary_y)
    binary = LinearFeatureClassifier(min_count=1).fit(X, binary_y, embeddings=embeddings, start_from=binary_twin)
    assert binary.predict(X[:5], embeddings=embeddings[:5]) == [label for label in binary_y[:5]]
    with pytest.raises(stance.InvalidInputError, match="fitted on other features or labels"):
        LinearFeatureClassifier(min_count=1).fit(X, binary_y, start_from=twin)  # other labels
