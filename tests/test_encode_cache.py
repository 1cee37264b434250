"""The sentence-embedding cache returns what the encoder would, and encodes each text once."""

from __future__ import annotations

import numpy as np

from qa.encode_cache import CachedEncoder


class CountingEncoder:
    """A deterministic stand-in: the cache, not the model, is under test here."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return np.array([[len(t), sum(map(ord, t)) % 97] for t in texts], dtype=np.float32)


def test_cached_vectors_equal_fresh_ones_and_are_encoded_once() -> None:
    inner = CountingEncoder()
    cached = CachedEncoder(inner)
    first = cached(["a b", "c", "a b"])
    again = cached(["c", "a b", "new"])
    assert np.array_equal(first, inner(["a b", "c", "a b"]))
    assert np.array_equal(again, inner(["c", "a b", "new"]))
    assert inner.seen[:3] == ["a b", "c", "new"]  # before the two checking calls above


def test_cache_is_bounded() -> None:
    inner = CountingEncoder()
    cached = CachedEncoder(inner, max_items=2)
    cached(["x", "y", "z"])
    cached(["x"])
    assert inner.seen.count("x") == 2


def test_an_ask_embeds_its_question_once(tmp_path, monkeypatch) -> None:
    """Retrieval and the answerer share the cache: the real model sees the question one time per ask."""
    import shutil
    from pathlib import Path

    from qa import QA, Settings
    from vectorstore.embed import MiniLMEmbedding

    shutil.copytree(Path(__file__).resolve().parent / "corpus_b", tmp_path / "corpus")
    seen: list[str] = []
    encode = MiniLMEmbedding.encode

    def counting(self, texts, *args, **kwargs):
        seen.extend(texts)
        return encode(self, texts, *args, **kwargs)

    monkeypatch.setattr(MiniLMEmbedding, "encode", counting)
    engine = QA.open(Settings(corpus=tmp_path / "corpus", data_dir=tmp_path / "data"))
    try:
        seen.clear()
        question = "Who leads the Chilean team?"
        assert not engine.ask(question).abstained
        assert seen.count(question) == 1
    finally:
        engine.close()
