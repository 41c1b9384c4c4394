import numpy as np
import pytest

from training.train import main


def test_the_build_command_takes_the_number_of_worker_processes(tmp_path, monkeypatch):
    import training.train

    calls = []
    monkeypatch.setattr(training.train, "build", lambda out, fraction, n_jobs: calls.append((out, fraction, n_jobs)))
    assert main(["--out", str(tmp_path), "--jobs", "2"]) == 0
    assert main(["--out", str(tmp_path)]) == 0
    assert calls == [(tmp_path, 0.5, 2), (tmp_path, 0.5, -1)]


def test_the_attention_head_is_fitted_on_token_vectors_packed_into_one_array():
    pytest.importorskip("torch")
    from test_encoder import StandInEncoder

    from training.train import fit_stance_attention, packed_pair_tokens

    sentences = ["Germany criticized Russia.", "Russia welcomed the talks.", "France backed Germany."]
    pairs = [(sentences[0], [(0, 7)]), (sentences[0], [(19, 25)]), (sentences[1], [(0, 6)]), (sentences[2], [(0, 6)]),
             (sentences[2], [(14, 21)])]
    packed, offsets, sentence_of_pair, actor_tokens = packed_pair_tokens(StandInEncoder(), pairs)
    assert packed.dtype == np.float16 and packed.shape == (offsets[-1], 384)
    assert offsets.tolist() == [0, 5, 11, 16]  # a stand-in token per word, between [CLS] and [SEP]
    assert sentence_of_pair == [0, 0, 1, 2, 2]
    assert [tokens.tolist() for tokens in actor_tokens] == [[1], [3], [1], [1], [3]]
    inner = packed_pair_tokens(StandInEncoder(), pairs, token_layer=4)  # the vectors of the layer asked for
    assert inner[0].shape == packed.shape and not np.allclose(inner[0], packed)
    labels = ["criticism", "neutral", "support", "support", "neutral"]
    head = fit_stance_attention(packed, offsets, sentence_of_pair, actor_tokens, labels, [1.0] * 5,
                                {"attention_dimensions": 8, "hidden": 8, "epochs": 2.0, "batch_size": 2,
                                 "token_layer": 4})
    assert head.classes_ == sorted(set(labels)) and head.dimensions == 384
    assert head.token_layer == 4  # the layer the head will read at run time
    states = [packed[offsets[k]:offsets[k + 1]] for k in range(3)]
    assert head.predict_proba(states, sentence_of_pair, actor_tokens).shape == (5, 3)


def test_the_build_encoder_gives_what_one_call_gives_in_chunks_and_caches_the_sentences():
    pytest.importorskip("torch")  # it chooses torch's threads before each chunk
    from test_encoder import StandInEncoder

    from stance.encoder import SentenceEncoder
    from training.train import CachedEncoder

    stand_in = StandInEncoder()
    stand_in.batch_size = 2  # chunks of 32 sentences
    pairs = [(f"Minister {k} {'very ' * (k % 7)}criticized the plan.", [(0, 8)]) for k in range(70)]
    pairs += [(pairs[3][0], [(9, 10)])]  # a second actor of one sentence
    cached = CachedEncoder(stand_in)
    encoded, sentences, actor_rows = cached.encode_pairs(pairs)
    expected, expected_sentences, expected_rows = SentenceEncoder.encode_pairs(StandInEncoder(), pairs)
    assert len(stand_in.calls) == 3 and sentences == expected_sentences and actor_rows == expected_rows
    assert np.allclose(encoded.actor_vectors, expected.actor_vectors)
    assert all(np.array_equal(a, b) for a, b in zip(encoded.actor_tokens, expected.actor_tokens))
    assert all(np.array_equal(a, b) for a, b in zip(encoded.token_states, expected.token_states))
    assert np.allclose(cached.encode([pairs[5][0]]), expected.sentence_vectors[5])
    assert len(stand_in.calls) == 3  # the sentence embedding came from the cache
    inner, _, _ = cached.encode_pairs(pairs[:4], token_layer=4)
    expected, _, _ = SentenceEncoder.encode_pairs(StandInEncoder(), pairs[:4], token_layer=4)
    assert all(np.array_equal(a, b) for a, b in zip(inner.token_states, expected.token_states))
