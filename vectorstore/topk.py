"""Which chunks a top-k BM25 search must score (MaxScore): common words need not bring candidates in.

FTS5 scores every chunk that holds any word of an OR query, about a microsecond each, and a common word
("moved", in one chunk of ten) brings in thousands that cannot reach the top k. A word adds less than
idf × (k1 + 1) to any chunk's score. So when the k-th best score among the chunks holding one of the
rarer words beats the sum of those bounds over the common words, no chunk holding only common words can
reach the top k: FTS5 scores just the chunks with a rarer word, still with every word of the query, and
the top k and its scores are exactly those of the full query.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

K1 = 1.2  # FTS5's bm25() (b = 0.75 does not enter the bound)
_MARGIN = 1e-9  # relative: a bound must stay above the score FTS5 computes, whatever the rounding


@dataclass(frozen=True)
class Pruning:
    """The query's words rarest first, and for each split how high a chunk without the rarer ones scores."""

    order: list[str]
    ceiling: list[float]  # ceiling[i]: no chunk holding none of order[:i] scores this much
    first: int | None  # the fewest rarest words worth trying alone (None: score every candidate)

    def proven(self, rare: int, kth_score: float | None) -> bool:
        """Whether the top k among chunks holding one of order[:rare] is the top k of all chunks."""
        return kth_score is not None and kth_score > self.ceiling[rare] * (1 + _MARGIN)

    def widen(self, rare: int, kth_score: float | None) -> int | None:
        """The fewest rarest words whose leftovers stay under kth_score (the k-th best found so far can only
        rise as words are added, so that split is then proven); None when only the full query will do."""
        return next((more for more in range(rare + 1, len(self.order)) if self.proven(more, kth_score)), None)


def plan(frequencies: dict[str, int], rows_at_most: int, k: int) -> Pruning:
    """frequencies: each query word's number of chunks (0 when unknown); rows_at_most: no fewer than the
    chunks indexed (a larger count only raises the bounds)."""
    order = sorted(frequencies, key=lambda word: frequencies[word])
    bounds = [_idf(rows_at_most, frequencies[word]) * (K1 + 1) for word in order]
    ceiling = [math.fsum(bounds[at:]) for at in range(len(order) + 1)]
    held, first = 0, None
    for at, word in enumerate(order[:-1], start=1):  # enough chunks to fill the top k, and a word left out
        held += frequencies[word]
        if held >= k:
            first = at
            break
    return Pruning(order, ceiling, first)


def _idf(rows: int, having: int) -> float:
    """FTS5's: Okapi's log((N - n + 0.5) / (n + 0.5)), floored at 1e-6."""
    return max(1e-6, math.log((rows - having + 0.5) / (having + 0.5)))
