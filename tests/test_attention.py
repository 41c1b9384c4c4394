"""The attention head of the embeddings mode: positions, numpy inference against its torch twin, the mix with the
features-only classifier, calibration, fitting, and model files that keep it."""

import json

import numpy as np
import pytest

from stance.attention import POSITION_BUCKETS, POSITION_WINDOW, ActorAttentionHead, relative_positions
from stance.estimator import LinearFeatureClassifier
from stance.exceptions import ModelIntegrityError
from stance.model import ATTENTION_KIND, load_model, save_model

LABELS = ["criticism", "neutral", "support"]


def small_head(seed=0):
    return ActorAttentionHead.initialized(LABELS, dimensions=16, attention_dimensions=8, hidden=6, seed=seed)


def sentences(seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(size=(n, 16)).astype(np.float32) for n in (5, 30, 3)]


def test_relative_positions_count_tokens_from_the_actor_and_cap_far_ones():
    buckets = relative_positions(40, np.array([15, 16]))
    assert buckets[15] == buckets[16] == 2 * POSITION_WINDOW + 1
    assert buckets[14] == POSITION_WINDOW - 1 and buckets[17] == POSITION_WINDOW + 1
    assert buckets[0] == buckets[5] == 0 and buckets[39] == buckets[26] == 2 * POSITION_WINDOW
    assert buckets.max() < POSITION_BUCKETS


def test_probabilities_depend_on_which_tokens_are_the_actor():
    head, states = small_head(), sentences()
    probabilities = head.predict_proba(states, [1, 1, 0, 2], [np.array([2]), np.array([20, 21]), np.array([0]),
                                                            np.array([], dtype=int)])
    assert probabilities.shape == (4, 3) and np.allclose(probabilities.sum(axis=1), 1.0)
    assert not np.allclose(probabilities[0], probabilities[1])  # the same sentence, two actors
    assert head.predict_proba(states, [], []).shape == (0, 3)
    with pytest.raises(ValueError, match="2 pairs but actor tokens for 1"):
        head.predict_proba(states, [0, 1], [np.array([1])])


def test_numpy_inference_equals_the_torch_twin():
    torch = pytest.importorskip("torch")
    from training.attention import _module, packed_batch

    torch.manual_seed(0)
    module = _module(16, 8, 6, len(LABELS))
    with torch.no_grad():
        for parameter in module.parameters():
            parameter.add_(torch.randn_like(parameter) * 0.3)
    module.eval()
    states, sentence_of_pair = sentences(), [0, 1, 1, 2]
    actor_tokens = [np.array([1, 2]), np.array([0]), np.array([], dtype=int), np.array([2])]
    with torch.no_grad():
        expected = module(*packed_batch(states, sentence_of_pair, actor_tokens, range(4)), 4).softmax(-1).numpy()
    head = module.to_head(LABELS, mix_weight=0.5)
    assert np.allclose(head.predict_proba(states, sentence_of_pair, actor_tokens), expected, atol=1e-5)


def test_mix_weighs_the_two_log_probabilities_and_calibration_fits_the_temperature():
    head = small_head()
    linear, attention = np.array([[0.7, 0.2, 0.1]]), np.array([[0.1, 0.2, 0.7]])
    head.mix_weight = 0.0
    assert np.allclose(head.mix(linear, attention), linear)
    head.mix_weight = 1.0
    assert np.allclose(head.mix(linear, attention), attention)
    head.mix_weight = 0.5  # the normalized geometric mean
    geometric = np.sqrt(linear * attention)
    assert np.allclose(head.mix(linear, attention), geometric / geometric.sum(), atol=1e-6)
    # confident and often wrong: the fitted temperature softens the scores
    linear = np.tile([[0.98, 0.01, 0.01]], (10, 1))
    labels = ["criticism"] * 5 + ["support"] * 5
    head.calibrate(linear, linear, labels)
    assert head.temperature > 1.5
    assert head.mix(linear, linear)[0, 0] < 0.8
    assert head.contribution(np.array([0.8, 0.1, 0.1]), "criticism") > 0 > head.contribution(
        np.array([0.8, 0.1, 0.1]), "support")


def test_fit_learns_what_only_the_token_vectors_tell_apart():
    pytest.importorskip("torch")
    from training.attention import fit_actor_attention

    rng = np.random.default_rng(1)
    states, labels, actor_tokens = [], [], []
    for k in range(60):  # the word after the actor says the stance; every other token is noise
        sentence = rng.normal(0, 0.2, size=(8, 16)).astype(np.float32)
        label = LABELS[k % 3]
        sentence[3, LABELS.index(label)] += 3.0
        states.append(sentence)
        labels.append(label)
        actor_tokens.append(np.array([2]))
    head = fit_actor_attention(states[:45], list(range(45)), actor_tokens[:45], labels[:45], [1.0] * 45,
                               attention_dimensions=8, hidden=16, epochs=60, batch_size=16, learning_rate=0.01,
                               seed=0)
    predicted = head.predict_proba(states[45:], list(range(15)), actor_tokens[45:]).argmax(axis=1)
    assert sum(head.classes_[k] == label for k, label in zip(predicted, labels[45:])) >= 13  # of 15; chance: 5
    again = fit_actor_attention(states[:45], list(range(45)), actor_tokens[:45], labels[:45], [1.0] * 45,
                                attention_dimensions=8, hidden=16, epochs=60, batch_size=16, learning_rate=0.01,
                                seed=0)
    assert all(np.array_equal(head.weights[k], again.weights[k]) for k in head.weights)  # seeded: the same weights
    with pytest.raises(ValueError, match="pairs: 2 sentence indices, 1 actor token lists"):
        fit_actor_attention(states, [0, 1], [np.array([1])], ["a", "b"], [1.0, 1.0])


def test_a_head_survives_save_and_load_beside_linear_classifiers(tmp_path):
    linear = LinearFeatureClassifier(min_count=1).fit([["w=a"], ["w=b"], ["w=c"]], LABELS)
    head = small_head()
    head.mix_weight, head.temperature, head.token_layer = 0.6, 1.3, 4
    save_model(tmp_path, {"stance": linear, "stance_attention": head})
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["components"]["stance_attention"]["kind"] == ATTENTION_KIND
    assert "features" not in manifest["components"]["stance_attention"]
    loaded = load_model(tmp_path).classifiers["stance_attention"]
    assert isinstance(loaded, ActorAttentionHead) and loaded.classes_ == LABELS
    assert (loaded.mix_weight, loaded.temperature, loaded.token_layer) == (0.6, 1.3, 4)
    assert "token_layer=4" in repr(loaded)
    states, tokens = sentences(), [np.array([1]), np.array([4, 5])]
    assert np.allclose(loaded.predict_proba(states, [0, 1], tokens), head.predict_proba(states, [0, 1], tokens))
    assert load_model(tmp_path, components=["stance"]).classifiers.keys() == {"stance"}
    meta = json.loads((tmp_path / "stance_attention.json").read_text())
    del meta["token_layer"]  # a head written before the layer was chosen read the last layer
    (tmp_path / "stance_attention.json").write_text(json.dumps(meta))
    assert ActorAttentionHead.from_files(tmp_path, "stance_attention").token_layer is None
    meta["position_window"] = POSITION_WINDOW + 1
    (tmp_path / "stance_attention.json").write_text(json.dumps(meta))
    with pytest.raises(ModelIntegrityError):  # its hash no longer matches, before any weight is read
        load_model(tmp_path)
    with pytest.raises(ValueError, match="window 11"):
        ActorAttentionHead.from_files(tmp_path, "stance_attention")


def test_a_pairs_probabilities_do_not_depend_on_the_pairs_scored_with_it():
    head, states = small_head(), sentences()
    sentence_of_pair = [1, 0, 1, 2, 1]
    actor_tokens = [np.array([2]), np.array([0, 1]), np.array([20, 21]), np.array([], dtype=int), np.array([29])]
    together = head.predict_proba(states, sentence_of_pair, actor_tokens)
    alone = np.vstack([head.predict_proba(states, [k], [tokens]) for k, tokens in zip(sentence_of_pair, actor_tokens)])
    assert np.array_equal(together, alone)  # bit for bit: batches never change a score's last digits
    projected = [head.project(s) for s in states]
    assert np.allclose(head.predict_proba(states, sentence_of_pair, actor_tokens, key_values=projected), together)
    shifted = [p + 1.0 for p in projected]  # the projections given are the ones used
    assert not np.allclose(head.predict_proba(states, sentence_of_pair, actor_tokens, key_values=shifted), together)
    with pytest.raises(ValueError, match="no token vectors"):
        head.predict_proba([np.zeros((0, 16), dtype=np.float32)], [0], [np.array([], dtype=int)])
