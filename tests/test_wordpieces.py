"""Word pieces without the transformer: the plain-Python tokenizer (against the transformer's own where it is
installed), the 8-bit table of static piece vectors, its files, and the head over them in the default pipeline."""

import json

import numpy as np
import pytest

import stance
from stance.actors import Gazetteer
from stance.analyzer import Analyzer
from stance.attention import ActorAttentionHead
from stance.features import pair_features
from stance.model import (PIECE_COMPONENTS, PIECE_HEAD_COMPONENT, PIECE_VECTORS_COMPONENT, load_analysis_model,
                          load_model, save_model)
from stance.wordpieces import MAX_PIECES, PIECE_VECTORS_KIND, WordPieceTokenizer, WordPieceVectors

VOCABULARY = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "talks", "un", "##able", "##s", ",", ".", "-", "cafe",
              "北", "京", "peace", "nato", "warned", "moscow", "test", "##zero"]


def names(tokenizer, pieces):
    return [tokenizer.vocabulary[i] for i in pieces.ids]


def test_words_are_split_into_the_longest_pieces_with_their_offsets():
    tokenizer = WordPieceTokenizer(VOCABULARY)
    pieces = tokenizer.tokenize("Peace talks, unables.")
    assert names(tokenizer, pieces) == ["[CLS]", "peace", "talks", ",", "un", "##able", "##s", ".", "[SEP]"]
    text = "Peace talks, unables."
    assert [text[s:e] for s, e in zip(pieces.starts, pieces.ends)] == ["", "Peace", "talks", ",", "un", "able", "s",
                                                                         ".", ""]


def test_unknown_words_accents_punctuation_and_cjk_as_bert_splits_them():
    tokenizer = WordPieceTokenizer(VOCABULARY)
    assert names(tokenizer, tokenizer.tokenize("Café talks-xyz 北京")) == [
        "[CLS]", "cafe", "talks", "-", "[UNK]", "北", "京", "[SEP]"]
    pieces = tokenizer.tokenize("test\u200bzero")  # a zero-width space is dropped: one word
    assert names(tokenizer, pieces) == ["[CLS]", "test", "##zero", "[SEP]"]
    assert (pieces.starts[1], pieces.ends[2]) == (0, 9)  # the pieces of a changed word span all of it
    assert names(tokenizer, tokenizer.tokenize("talks" * 30)) == ["[CLS]", "[UNK]", "[SEP]"]  # over 100 characters
    assert names(tokenizer, tokenizer.tokenize("")) == ["[CLS]", "[SEP]"]
    with pytest.raises(ValueError, match=r"needs \[CLS\]"):
        WordPieceTokenizer(["[UNK]", "[SEP]"])


def test_long_sentences_keep_as_many_pieces_as_the_transformer_reads():
    tokenizer = WordPieceTokenizer(VOCABULARY)
    pieces = tokenizer.tokenize("peace " * 400)
    assert len(pieces.ids) == MAX_PIECES and pieces.ids[-1] == tokenizer.last and pieces.ids[-2] != tokenizer.last


def test_pieces_covered_by_mention_spans():
    tokenizer = WordPieceTokenizer(VOCABULARY)
    pieces = tokenizer.tokenize("NATO warned Moscow.")
    assert pieces.covered_by([(12, 18)]).tolist() == [3]
    assert pieces.covered_by([(0, 4), (12, 18)]).tolist() == [1, 3]
    assert pieces.covered_by([(40, 50)]).tolist() == []


def test_the_same_pieces_and_offsets_as_the_transformers_tokenizer():
    pytest.importorskip("transformers")
    from stance.encoder import encoder_available, model_folder

    if not encoder_available():
        pytest.skip("the embeddings extra is not installed")
    from transformers import AutoTokenizer

    folder = model_folder()
    reference = AutoTokenizer.from_pretrained(str(folder))
    tokenizer = WordPieceTokenizer((folder / "vocab.txt").read_text(encoding="utf-8").splitlines())
    texts = ["Über-rich café owners in São Paulo didn't rule out talks (again).",
             "“We will not back down,” said Zelenskyy on Monday; U.S.-led talks resume 3.5% lower at $1,200.",
             "北京 and Tōkyō — the “Quad” … Erdoğan's AKP; e-mail: a_b@x.org #news ~50km",
             "Antidisestablishmentarianism supercalifragilistic Pneumonoultramicroscopic."]
    for text in texts:
        pieces = tokenizer.tokenize(text)
        expected = reference(text, truncation=True, max_length=MAX_PIECES, return_offsets_mapping=True)
        assert pieces.ids.tolist() == expected["input_ids"], text
        assert list(zip(pieces.starts.tolist(), pieces.ends.tolist())) == [tuple(o) for o in expected["offset_mapping"]]


def table(seed=0):
    rng = np.random.default_rng(seed)
    return WordPieceVectors.quantized(VOCABULARY, rng.normal(size=(len(VOCABULARY), 6)).astype(np.float32),
                                      source="random")


def test_eight_bit_vectors_stay_close_to_the_originals():
    rng = np.random.default_rng(1)
    original = rng.normal(size=(len(VOCABULARY), 6)).astype(np.float32) * np.array([1, 5, 0.1, 2, 3, 0])
    vectors = WordPieceVectors.quantized(VOCABULARY, original)
    assert vectors.codes.dtype == np.int8
    error = np.abs(vectors.vectors(np.arange(len(VOCABULARY))) - original).max(axis=0)
    assert np.all(error <= np.abs(original).max(axis=0) / 254 + 1e-6)  # half a step of each dimension's scale
    with pytest.raises(ValueError, match="int8"):
        WordPieceVectors(VOCABULARY, original, np.ones(6))
    with pytest.raises(ValueError, match="scales"):
        WordPieceVectors(VOCABULARY, vectors.codes, np.ones(5))


def test_sentences_and_pairs_read_the_same_vectors():
    vectors = table()
    states, actor_tokens = vectors.encode_tokens(["NATO warned Moscow.", "Peace talks"], [[[(0, 4)], [(12, 18)]], []])
    assert [s.shape for s in states] == [(6, 6), (4, 6)] and [t.tolist() for t in actor_tokens] == [[1], [3]]
    assert np.array_equal(states[0][3], vectors.vectors(np.array([VOCABULARY.index("moscow")]))[0])
    pair_states, sentences, pair_tokens = vectors.encode_pairs([("NATO warned Moscow.", [(0, 4)]),
                                                                ("Peace talks", [(0, 5)]),
                                                                ("NATO warned Moscow.", [(12, 18)])])
    assert sentences == [0, 1, 0] and len(pair_states) == 2  # each distinct sentence once
    assert np.array_equal(pair_states[0], states[0]) and [t.tolist() for t in pair_tokens] == [[1], [1], [3]]
    with pytest.raises(ValueError, match="2 texts but actor spans for 1"):
        vectors.encode_tokens(["a", "b"], [[]])


def test_vectors_survive_save_and_load_without_pickle(tmp_path):
    vectors = table()
    head = ActorAttentionHead.initialized(["criticism", "neutral"], dimensions=6, attention_dimensions=4, hidden=4)
    save_model(tmp_path, {PIECE_VECTORS_COMPONENT: vectors, PIECE_HEAD_COMPONENT: head})
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["components"][PIECE_VECTORS_COMPONENT] == {"kind": PIECE_VECTORS_KIND, "pieces": len(VOCABULARY),
                                                               "dimensions": 6, "source": "random"}
    loaded = load_model(tmp_path).classifiers[PIECE_VECTORS_COMPONENT]
    assert isinstance(loaded, WordPieceVectors) and loaded.tokenizer.vocabulary == VOCABULARY
    assert np.array_equal(loaded.codes, vectors.codes) and np.array_equal(loaded.scales, vectors.scales)
    with np.load(tmp_path / f"{PIECE_VECTORS_COMPONENT}.npz", allow_pickle=False) as arrays:
        assert sorted(arrays.files) == ["codes", "scales"]


def test_encoder_piece_vectors_are_the_transformers_input_vectors_without_position():
    torch = pytest.importorskip("torch")
    from stance.encoder import encoder_available, model_folder

    if not encoder_available():
        pytest.skip("the embeddings extra is not installed")
    from transformers import AutoModel

    from training.wordpieces import PieceStates, encoder_piece_vectors

    vectors = encoder_piece_vectors()
    embeddings = AutoModel.from_pretrained(str(model_folder())).embeddings
    ids = torch.tensor([[101, 3521, 7008, 1012, 102]])
    with torch.no_grad():
        expected = embeddings.LayerNorm(embeddings.word_embeddings(ids) + embeddings.token_type_embeddings(
            torch.zeros_like(ids)))[0].numpy()
    got = vectors.vectors(ids[0].numpy())
    assert np.abs(got - expected).max() < 0.05 and np.abs(got - expected).mean() < 0.01
    pairs = [("Peace talks resumed.", [(0, 5)]), ("NATO warned Moscow.", [(12, 18)]),
             ("Peace talks resumed.", [(6, 11)])]
    states, sentences, actor_tokens = PieceStates.of_pairs(vectors, pairs)
    expected_states, expected_sentences, expected_tokens = vectors.encode_pairs(pairs)
    assert len(states) == 2 and sentences == expected_sentences
    assert all(np.array_equal(states[k], expected_states[k]) for k in range(2))
    assert all(np.array_equal(a, b) for a, b in zip(actor_tokens, expected_tokens))


def piece_model(tmp_path, seed=3):
    """The shipped classifiers and a random word-piece head over a random table of the real vocabulary's size."""
    bundle = load_model("default", components=["stance", "actor_sentiment", "sentence_sentiment", "target"])
    rng = np.random.default_rng(seed)
    vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"] + sorted(
        {w.lower() for w in "Germany sharply criticized Russia over the cyberattack NATO welcomed talks".split()})
    vectors = WordPieceVectors.quantized(vocabulary, rng.normal(size=(len(vocabulary), 8)).astype(np.float32))
    head = ActorAttentionHead.initialized(bundle.classifiers["stance"].classes_, dimensions=8,
                                          attention_dimensions=4, hidden=8, seed=seed)
    head.mix_weight = 0.4
    save_model(tmp_path, {**bundle.classifiers, PIECE_VECTORS_COMPONENT: vectors, PIECE_HEAD_COMPONENT: head})
    return load_model(tmp_path), vectors, head


def test_the_default_pipeline_mixes_the_word_piece_head_into_stance(tmp_path):
    bundle, vectors, head = piece_model(tmp_path)
    nlp = Analyzer(bundle, Gazetteer.default())
    text = "Germany sharply criticized Russia over the cyberattack. NATO welcomed the talks."
    doc = nlp(text)
    checked = 0
    for sentence in doc.sentences:
        for actor in sentence.actors:
            own = [(m.start, m.end) for m in actor.mentions]
            others = [(m.start, m.end) for a in sentence.actors if a.id != actor.id for m in a.mentions]
            features = pair_features(sentence.text, own, others, sentence_start=sentence.start, actor_type=actor.type)
            spans = [(s - sentence.start, e - sentence.start) for s, e in own]
            expected = head.mix(bundle.classifiers["stance"].predict_proba([features]),
                                head.predict_proba(*vectors.encode_pairs([(sentence.text, spans)])))[0]
            assert actor.stance.label == head.classes_[int(np.argmax(expected))]
            assert actor.stance.score == pytest.approx(float(expected.max()))
            checked += 1
    assert checked >= 3
    given = nlp.score_target(text, 0, 7)["stance"]
    features = pair_features(text[:55], [(0, 7)], [(27, 33)])
    expected = head.mix(bundle.classifiers["stance"].predict_proba([features]),
                        head.predict_proba(*vectors.encode_pairs([(text[:55], [(0, 7)])])))[0]
    assert given["score"] == pytest.approx(float(expected.max()))
    explained = nlp.explain(doc, 0, "germany", top=500)
    assert "(actor attention)" in [f["feature"] for f in explained["features"]]
    without = load_model(tmp_path, components=["stance", "actor_sentiment", "sentence_sentiment", "target"])
    plain = Analyzer(without, Gazetteer.default())(text)  # no head in the model: the features-only classifier
    assert [a.stance.score for s in plain.sentences for a in s.actors] != pytest.approx(
        [a.stance.score for s in doc.sentences for a in s.actors])


def test_the_embeddings_mode_does_not_read_the_word_pieces(tmp_path):
    piece_model(tmp_path)
    assert {PIECE_VECTORS_COMPONENT, PIECE_HEAD_COMPONENT} <= set(load_analysis_model(tmp_path).classifiers)
    assert not {PIECE_VECTORS_COMPONENT, PIECE_HEAD_COMPONENT} & set(
        load_analysis_model(tmp_path, embeddings=True).classifiers)


def test_evaluation_reports_the_mix_and_the_features_alone(tmp_path):
    from stance.corpus import compile_article
    from training.evaluate import evaluate_components

    bundle, _, _ = piece_model(tmp_path)
    record = {"id": "e1", "sentences": [{"text": "Germany sharply criticized Russia over the cyberattack.",
                                         "sentiment": "negative", "actors": [
        {"mentions": ["Germany"], "actor": "Germany", "stance": "criticism", "sentiment": "neutral"},
        {"mentions": ["Russia"], "actor": "Russia", "stance": "neutral", "sentiment": "negative"}]}]}
    report = evaluate_components(bundle, [compile_article(record, "inline:1")])
    assert {"stance", "stance_features_only"} <= set(report)
    assert report["stance"]["n"] == report["stance_features_only"]["n"] == 2


def test_the_whole_table_projected_in_blocks_is_each_pieces_projection():
    vectors = table()
    weights = np.random.default_rng(2).normal(size=(6, 4)).astype(np.float32)
    whole = vectors.projected(lambda v: v @ weights)
    assert whole.shape == (len(VOCABULARY), 4)
    assert np.array_equal(vectors.projected(lambda v: v @ weights, rows_at_once=7), whole)
    assert np.allclose(whole[5], vectors.vectors(np.array([5]))[0] @ weights)


def test_remembered_words_give_the_same_pieces_again():
    tokenizer = WordPieceTokenizer(VOCABULARY)
    first = tokenizer.tokenize("Café talks, unables. Café talks, unables.")
    again = tokenizer.tokenize("Café talks, unables. Café talks, unables.")
    assert first.ids.tolist() == again.ids.tolist() and first.starts.tolist() == again.starts.tolist()
    assert first.ids.tolist()[1:8] == first.ids.tolist()[8:15] and first.starts[8] == first.starts[1] + 21


def test_load_without_word_pieces_scores_stance_with_the_features_alone(tmp_path, capsys):
    from stance.cli import main
    from stance.workers import options_spec, worker_analyzer, worker_spec

    text = "Germany sharply criticized Russia over the cyberattack. NATO welcomed the talks."
    full, plain = stance.load(), stance.load(word_pieces=False)
    assert set(PIECE_COMPONENTS) <= set(full.model.classifiers)
    assert not set(PIECE_COMPONENTS) & set(plain.model.classifiers)
    doc = plain(text)
    stance_model = plain.model.classifiers["stance"]
    for sentence in doc.sentences:
        for actor in sentence.actors:
            own = [(m.start, m.end) for m in actor.mentions]
            others = [(m.start, m.end) for a in sentence.actors if a.id != actor.id for m in a.mentions]
            features = pair_features(sentence.text, own, others, sentence_start=sentence.start, actor_type=actor.type)
            assert actor.stance.score == pytest.approx(float(stance_model.predict_proba([features])[0].max()))
    assert [a.stance.score for s in doc.sentences for a in s.actors] != pytest.approx(
        [a.stance.score for s in full(text).sentences for a in s.actors])
    # workers rebuild the same choice, whether from the loaded analyzer or from the options
    spec = worker_spec(plain)
    assert spec == options_spec(word_pieces=False) and spec.key != worker_spec(full).key
    from stance import workers

    workers._WORKER_ANALYZERS.pop(spec.key, None)  # as in a fresh worker process
    assert not set(PIECE_COMPONENTS) & set(worker_analyzer(spec).model.classifiers)
    path = tmp_path / "article.txt"
    path.write_text(text)
    assert main(["analyze", str(path), "--json", "--no-word-pieces"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [a["stance"]["score"] for s in printed["sentences"] for a in s["actors"]] == pytest.approx(
        [a.stance.score for s in doc.sentences for a in s.actors])
