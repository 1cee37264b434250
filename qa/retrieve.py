"""Hybrid retrieval: dense (Chroma) and BM25 (SQLite FTS5) over the same chunks, fused."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from qa.encode_cache import Encoder
from qa.types import Passage
from vectorstore.index import Index
from vectorstore.store import StoredChunk

RRF_K = 60
# BM25 runs beside the dense search: SQLite releases the GIL while FTS5 ranks, as ONNX Runtime does while
# the query is embedded, so with a core free a retrieval takes about the longer of the two, not their sum.
_LEXICAL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="citeqa-bm25")


class HybridRetriever(BaseRetriever):
    """A llama-index retriever: each list contributes 1/(RRF_K + rank) to a chunk's fused score."""

    def __init__(
        self, index: Index, top_k: int, fusion: str = "relative", candidates: int = 20,
        encode: Encoder | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._index = index
        self._encode = encode  # the answerer's cached encoder: the question is then embedded once per ask
        self._fusion = fusion
        self._top_k = top_k
        self._candidates = max(candidates, top_k)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        query = query_bundle.query_str
        lexical = _LEXICAL.submit(self._index.lexical, query, self._candidates)
        try:
            dense = self._index.dense(query, self._candidates, self._encode)
        except BaseException:
            wait([lexical])  # no search outlives the call that started it (the index may be closed next)
            raise
        sparse = lexical.result()
        if self._fusion == "rrf":
            fused = reciprocal_rank_fusion([[i for i, _ in dense], [i for i, _ in sparse]])
        else:
            fused = relative_score_fusion([dense, sparse])
        fused = fused[: self._top_k]
        chunks = {chunk.chunk_id: chunk for chunk in self._index.chunks([chunk_id for chunk_id, _ in fused])}
        return [NodeWithScore(node=_node(chunks[cid]), score=score) for cid, score in fused if cid in chunks]


def neighbours(index: Index, passages: list[Passage], around: int = 3) -> list[Passage]:
    """The chunks beside the best passages (the answer often sits one chunk over), not already retrieved."""
    have = {p.chunk_id for p in passages}
    found = index.neighbours([p.chunk_id for p in passages[:around]])
    return [_passage(chunk, 0.0) for chunk in found if chunk.chunk_id not in have]


def openings(index: Index, sources: list[str], limit: int, everything: bool = False) -> list[Passage]:
    """The first chunk of each article among sources (in order; every article when everything), at most
    limit: an article's lede is its most central passage, for overviews."""
    return [_passage(chunk, 0.0) for chunk in index.openings(sources, limit, everything)]


def reciprocal_rank_fusion(rankings: list[list[str]]) -> list[tuple[str, float]]:
    """Fused (id, score) best first; ties keep the order of the first ranking that has the id."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            scores[item] = scores.get(item, 0.0) + 1.0 / (RRF_K + rank + 1)
    return sorted(scores.items(), key=lambda pair: -pair[1])


def relative_score_fusion(results: list[list[tuple[str, float]]]) -> list[tuple[str, float]]:
    """Each list's scores min-max scaled to 0..1 and summed: a decisive BM25 hit on a rare name
    is not outvoted by a flat dense ranking, as it can be under RRF."""
    scores: dict[str, float] = {}
    for result in results:
        if not result:
            continue
        values = [score for _, score in result]
        low, spread = min(values), (max(values) - min(values)) or 1.0
        for item, score in result:
            scores[item] = scores.get(item, 0.0) + (score - low) / spread
    return sorted(scores.items(), key=lambda pair: -pair[1])


def to_passages(results: list[NodeWithScore]) -> list[Passage]:
    """The one place llama-index nodes become citeqa Passages."""
    passages = []
    for result in results:
        meta = result.node.metadata
        passages.append(
            Passage(
                chunk_id=result.node.node_id,
                source=str(meta["source"]),
                title=str(meta.get("title", "")),
                text=result.node.get_content(),
                start=int(meta["start"]),
                end=int(meta["end"]),
                score=float(result.score or 0.0),
            )
        )
    return passages


def _node(chunk: StoredChunk) -> TextNode:
    """A stored chunk as the llama-index node a BaseRetriever returns."""
    return TextNode(id_=chunk.chunk_id, text=chunk.text,
                    metadata={"source": chunk.source, "title": chunk.title, "start": chunk.start, "end": chunk.end})


def _passage(chunk: StoredChunk, score: float) -> Passage:
    return Passage(chunk.chunk_id, chunk.source, chunk.title, chunk.text, chunk.start, chunk.end, score)
