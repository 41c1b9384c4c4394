"""Fit :class:`stance.attention.ActorAttentionHead` with torch (the embeddings extra), on frozen token vectors.

The pairs are drawn at random with probability proportional to their sample weight (so that a weighted source
counts as in the linear classifiers), in batches whose tokens are packed one after the other: no padding.
Seeded and run on a fixed number of threads, so a rebuild gives the same weights on the same machine.

Examples
--------
>>> import numpy as np
>>> states = [np.eye(6, 8, k, dtype=np.float32) for k in range(2)]
>>> head = fit_actor_attention(states, [0, 1], [np.array([1]), np.array([2])], ["up", "down"], [1.0, 1.0],
...                            attention_dimensions=8, hidden=8, epochs=150, batch_size=2, learning_rate=0.01, seed=0)
>>> head.classes_, head.predict_proba(states, [0, 1], [np.array([1]), np.array([2])]).argmax(axis=1).tolist()
(['down', 'up'], [1, 0])
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from stance.attention import ATTENTION_HEADS, POSITION_BUCKETS, ActorAttentionHead, relative_positions

__all__ = ["fit_actor_attention", "PackedPairs", "packed_batch"]


def _module(dimensions: int, attention_dimensions: int, hidden: int, labels: int):
    import torch
    from torch import nn

    class TorchActorAttention(nn.Module):
        """The torch twin of :meth:`ActorAttentionHead.predict_proba` over packed tokens (training only)."""

        def __init__(self):
            super().__init__()
            self.query = nn.Linear(dimensions, attention_dimensions)
            self.key_value = nn.Linear(dimensions, 2 * attention_dimensions)
            self.key_positions = nn.Embedding(POSITION_BUCKETS, attention_dimensions)
            self.value_positions = nn.Embedding(POSITION_BUCKETS, attention_dimensions)
            features = 2 * dimensions + attention_dimensions
            self.norm = nn.LayerNorm(features)
            self.hidden = nn.Linear(features, hidden)
            self.output = nn.Linear(hidden, labels)
            self.dropout = nn.Dropout(0.1)

        def forward(self, states, pair_of_token, positions, is_actor, pairs: int):
            size, per_head = attention_dimensions, attention_dimensions // ATTENTION_HEADS
            tokens = torch.zeros(pairs).index_add_(0, pair_of_token, torch.ones(len(pair_of_token)))
            sentence = torch.zeros(pairs, dimensions).index_add_(0, pair_of_token, states) / tokens[:, None]
            actor_tokens = torch.zeros(pairs).index_add_(0, pair_of_token, is_actor)
            actor = (torch.zeros(pairs, dimensions).index_add_(0, pair_of_token, states * is_actor[:, None])
                     / actor_tokens.clamp(min=1)[:, None])
            projected = self.key_value(states)
            keys = (projected[:, :size] + self.key_positions(positions)).view(-1, ATTENTION_HEADS, per_head)
            values = (projected[:, size:] + self.value_positions(positions)).view(-1, ATTENTION_HEADS, per_head)
            query = self.query(actor).view(pairs, ATTENTION_HEADS, per_head)
            scores = (keys * query[pair_of_token]).sum(-1) / per_head ** 0.5
            index = pair_of_token[:, None].expand(-1, ATTENTION_HEADS)
            highest = torch.full((pairs, ATTENTION_HEADS), -1e9).scatter_reduce(0, index, scores, "amax")
            exp = torch.exp(scores - highest[pair_of_token])
            total = torch.zeros(pairs, ATTENTION_HEADS).index_add_(0, pair_of_token, exp)
            weighted = torch.zeros(pairs, ATTENTION_HEADS, per_head).index_add_(0, pair_of_token, exp[..., None] * values)
            attended = (weighted / total[..., None]).reshape(pairs, size)
            x = self.dropout(self.norm(torch.cat([actor, sentence, attended], 1)))
            x = self.dropout(nn.functional.gelu(self.hidden(x), approximate="tanh"))
            return self.output(x)

        def to_head(self, classes, mix_weight: float, token_layer: int | None = None) -> ActorAttentionHead:
            def array(tensor):
                return tensor.detach().numpy().astype(np.float32)

            return ActorAttentionHead(classes, {
                "query_weight": array(self.query.weight.T), "query_bias": array(self.query.bias),
                "key_value_weight": array(self.key_value.weight.T), "key_value_bias": array(self.key_value.bias),
                "key_positions": array(self.key_positions.weight), "value_positions": array(self.value_positions.weight),
                "norm_weight": array(self.norm.weight), "norm_bias": array(self.norm.bias),
                "hidden_weight": array(self.hidden.weight.T), "hidden_bias": array(self.hidden.bias),
                "output_weight": array(self.output.weight.T), "output_bias": array(self.output.bias)},
                mix_weight=mix_weight, token_layer=token_layer)

    return TorchActorAttention()


class PackedPairs:
    """Pairs whose tokens are packed one after the other into batches (no padding); each pair's position buckets and
    actor flags are worked out once, not at every batch."""

    def __init__(self, token_states, sentence_of_pair, actor_tokens):
        self.token_states, self.sentence_of_pair = token_states, sentence_of_pair
        self.positions, self.is_actor = [], []
        for sentence, tokens in zip(sentence_of_pair, actor_tokens):
            length = len(token_states[sentence])
            tokens = np.asarray(tokens, dtype=np.int64)
            self.positions.append(relative_positions(length, tokens).astype(np.int8))
            flags = np.zeros(length, dtype=np.float32)
            flags[tokens] = 1.0
            self.is_actor.append(flags)

    def batch(self, rows):
        """The tokens of the pairs ``rows`` as torch tensors: their states, the pair of each token (its number in
        ``rows``), its position bucket, and whether it is the actor's."""
        import torch

        states = [self.token_states[self.sentence_of_pair[row]] for row in rows]
        owners = np.repeat(np.arange(len(rows)), [len(s) for s in states])
        return (torch.from_numpy(np.concatenate(states)).float(), torch.from_numpy(owners),
                torch.from_numpy(np.concatenate([self.positions[row] for row in rows]).astype(np.int64)),
                torch.from_numpy(np.concatenate([self.is_actor[row] for row in rows])))


def packed_batch(token_states, sentence_of_pair, actor_tokens, rows):
    """:meth:`PackedPairs.batch` of the pairs ``rows``."""
    return PackedPairs(token_states, sentence_of_pair, actor_tokens).batch(list(rows))


def fit_actor_attention(token_states: Sequence[np.ndarray], sentence_of_pair: Sequence[int],
                        actor_tokens: Sequence[np.ndarray], labels: Sequence[str], sample_weight: Sequence[float], *,
                        attention_dimensions: int = 128, hidden: int = 128, epochs: float = 4.0,
                        batch_size: int = 128, learning_rate: float = 1e-3, mix_weight: float = 0.5,
                        token_layer: int | None = None, seed: int = 13,
                        threads: int | None = None) -> ActorAttentionHead:
    """Fit the head on pairs: ``labels[i]`` for the actor on tokens ``actor_tokens[i]`` of sentence
    ``token_states[sentence_of_pair[i]]``.

    ``epochs`` counts passes over the number of pairs (drawn by weight, with replacement); AdamW with a one-cycle
    learning rate. ``threads`` sets torch's threads for the fit (then restores them). ``token_layer`` is recorded in
    the head: the encoder layer that ``token_states`` come from, and that the head will read at run time.
    """
    import torch
    from torch.nn import functional

    if not (len(sentence_of_pair) == len(actor_tokens) == len(labels) == len(sample_weight)):
        raise ValueError(f"pairs: {len(sentence_of_pair)} sentence indices, {len(actor_tokens)} actor token lists, "
                         f"{len(labels)} labels, {len(sample_weight)} weights")
    classes = sorted(set(labels))
    target = np.array([classes.index(label) for label in labels])
    weights = np.asarray(sample_weight, dtype=np.float64)
    chance = weights / weights.sum()
    dimensions = int(np.asarray(token_states[sentence_of_pair[0]]).shape[1])
    threads_before = torch.get_num_threads()
    torch.set_num_threads(threads or threads_before)
    try:
        torch.manual_seed(seed)
        rng = np.random.default_rng(seed)
        model = _module(dimensions, attention_dimensions, hidden, len(classes))
        optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
        steps = max(1, int(epochs * max(1, len(labels) // batch_size)))
        schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, learning_rate, total_steps=steps)
        pairs = PackedPairs(token_states, sentence_of_pair, actor_tokens)
        model.train()
        for _ in range(steps):
            rows = rng.choice(len(labels), batch_size, p=chance)
            batch = pairs.batch(rows)
            loss = functional.cross_entropy(model(*batch, len(rows)), torch.from_numpy(target[rows]))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
        model.eval()
        return model.to_head(classes, mix_weight, token_layer)
    finally:
        torch.set_num_threads(threads_before)
