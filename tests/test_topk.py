"""BM25 top-k that leaves out chunks holding only common words returns exactly what scoring every match does."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from vectorstore import topk
from vectorstore.catalog import Catalog, FileRecord, _match
from vectorstore.tokens import tokenize

SYLLABLES = ["ka", "ro", "mi", "ta", "ze", "lu", "va", "do", "ri", "sa", "ne", "bo"]


def _words(rng: random.Random, count: int) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(3)) + "x")
    return sorted(words)


@pytest.fixture(scope="module")
def zipf_catalog(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, list[str]]:
    """1,200 chunks over a vocabulary whose word frequencies fall off as in text (a few words everywhere)."""
    rng = random.Random(15)
    vocabulary = _words(rng, 600)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    catalog = Catalog(Path(tmp_path_factory.mktemp("topk")) / "catalog.sqlite3")
    for doc in range(60):
        chunks = [(f"d{doc}:{at}", " ".join(rng.choices(vocabulary, weights, k=rng.randrange(5, 60))))
                  for at in range(20)]
        catalog.put_document(FileRecord(f"f{doc}.txt", f"d{doc}", "h", "", len(chunks), 1, ""), chunks)
    return catalog, vocabulary


def test_pruned_top_k_equals_scoring_every_match(
    zipf_catalog: tuple[Catalog, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, vocabulary = zipf_catalog
    rng = random.Random(2021)
    pruned = 0
    full_query = Catalog._bm25

    def counting(self: Catalog, match: str, k: int, among: str | None = None) -> list[tuple[str, float]]:
        nonlocal pruned
        pruned += among is not None
        return full_query(self, match, k, among)

    monkeypatch.setattr(Catalog, "_bm25", counting)
    for _ in range(300):
        # common words and rare ones together, as in a question
        query = " ".join(rng.sample(vocabulary[:8], rng.randrange(1, 4)) + rng.sample(vocabulary, rng.randrange(1, 5)))
        for k in (1, 5, 20):
            everything = full_query(catalog, _match(list(dict.fromkeys(tokenize(query)))), k)
            assert catalog.bm25_search(query, k) == everything, (query, k)
    assert pruned > 100  # the pruned path ran, not only the full query


def test_a_word_bound_is_above_any_score_it_adds() -> None:
    """idf × (k1 + 1) for each left-out word; a split is proven only by a k-th score above their sum."""
    pruning = topk.plan({"common": 900, "rare": 3, "mid": 50}, rows_at_most=1000, k=5)
    assert pruning.order == ["rare", "mid", "common"] and pruning.first == 2
    assert pruning.ceiling[3] == 0.0 and pruning.ceiling[2] == pytest.approx(1e-6 * 2.2)  # idf floored
    assert not pruning.proven(2, None) and not pruning.proven(2, pruning.ceiling[2])
    assert pruning.proven(2, 0.1) and pruning.widen(1, 0.1) == 2 and pruning.widen(1, None) is None
    assert topk.plan({"only": 5}, 1000, 5).first is None  # one word: nothing to leave out
