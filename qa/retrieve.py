"""Hybrid retrieval: dense (Chroma) and BM25 over the same chunks, fused by reciprocal rank."""

from __future__ import annotations

from typing import Any

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.core.vector_stores.types import VectorStoreQuery

from qa.types import Passage
from vectorstore.chunk import chunk_id, neighbour_ids
from vectorstore.index import Index

RRF_K = 60


class HybridRetriever(BaseRetriever):
    """A llama-index retriever: each list contributes 1/(RRF_K + rank) to a chunk's fused score."""

    def __init__(
        self, index: Index, top_k: int, fusion: str = "relative", candidates: int = 20, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._index = index
        self._fusion = fusion
        self._top_k = top_k
        self._candidates = max(candidates, top_k)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        query = query_bundle.query_str
        embedding = self._index.embed_model.get_query_embedding(query)
        with self._index.chroma.guard():
            dense = self._index.chroma.vector_store.query(
                VectorStoreQuery(query_embedding=embedding, similarity_top_k=self._candidates)
            )
        nodes = {node.node_id: node for node in dense.nodes or []}
        dense_scored = list(zip([n.node_id for n in dense.nodes or []], dense.similarities or []))
        sparse_scored = self._index.catalog.bm25_search(query, self._candidates)
        if self._fusion == "rrf":
            fused = reciprocal_rank_fusion([[i for i, _ in dense_scored], [i for i, _ in sparse_scored]])
        else:
            fused = relative_score_fusion([dense_scored, sparse_scored])
        fused = fused[: self._top_k]
        missing = [chunk_id for chunk_id, _ in fused if chunk_id not in nodes]
        if missing:
            with self._index.chroma.guard():
                fetched = self._index.chroma.vector_store.get_nodes(node_ids=missing)
            nodes.update({n.node_id: n for n in fetched})
        return [NodeWithScore(node=nodes[cid], score=score) for cid, score in fused if cid in nodes]


def neighbours(index: Index, passages: list[Passage], around: int = 3) -> list[Passage]:
    """The chunks beside the best passages (the answer often sits one chunk over), not already retrieved."""
    have = {p.chunk_id for p in passages}
    wanted = [n for p in passages[:around] for n in neighbour_ids(p.chunk_id) if n not in have]
    if not wanted:
        return []
    with index.chroma.guard():
        nodes = index.chroma.vector_store.get_nodes(node_ids=list(dict.fromkeys(wanted)))
    return to_passages([NodeWithScore(node=node, score=0.0) for node in nodes])


def openings(index: Index, sources: list[str], limit: int, everything: bool = False) -> list[Passage]:
    """The first chunk of each article among sources (in order; every article when everything), at most
    limit: an article's lede is its most central passage, for overviews."""
    files = index.catalog.files()
    wanted = list(dict.fromkeys(sources))
    if everything:
        wanted += [path for path in files if path not in wanted]
    ids = [chunk_id(files[path].doc_id, 0) for path in wanted[:limit] if path in files]
    if not ids:
        return []
    with index.chroma.guard():
        nodes = index.chroma.vector_store.get_nodes(node_ids=ids)
    return to_passages([NodeWithScore(node=node, score=0.0) for node in nodes])


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
