"""The Chroma side of the index: the only module that imports chromadb.

Every method is guarded here, once: any failure inside Chroma (a dead server, a damaged file) becomes a
StoreError with the fix, and Chroma's column-shaped results become StoredChunk values.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import chromadb

from vectorstore.errors import CiteQAError, StoreError

COLLECTION = "citeqa"
_PAGE = 5000  # rows per get(): Chroma refuses very large id lists in one call

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class StoredChunk:
    """One chunk as the vector store holds it: its text, where it sits in which file, and whose it is."""

    chunk_id: str
    doc_id: str
    source: str
    title: str
    text: str
    start: int
    end: int
    sha256: str = ""  # the file's hash when this chunk was embedded (lets a lost catalog be rebuilt)
    doc_chunks: int = 0  # how many chunks that embedding of the file has (a partial write is not adopted)


def _guarded(method: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except CiteQAError:
            raise
        except Exception as exc:  # chromadb raises many kinds for a damaged folder or a dead server
            raise args[0]._error(exc) from exc  # type: ignore[attr-defined]

    return wrapper


class ChromaStore:
    """The chunk vectors: an embedded PersistentClient under the data dir, or a `chroma run` server."""

    def __init__(self, path: Path, host: str = "", port: int = 8000) -> None:
        self.path = path
        self.where = f"http://{host}:{port}" if host else ""
        settings = chromadb.Settings(anonymized_telemetry=False, allow_reset=False)
        try:
            if host:
                self._client = chromadb.HttpClient(host=host, port=port, settings=settings)
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(path), settings=settings)
            # embedding_function=None: we always pass embeddings; Chroma's default would download a model.
            self._collection = self._client.get_or_create_collection(
                COLLECTION,
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
        except Exception as exc:
            raise self._error(exc) from exc

    def _error(self, exc: Exception) -> StoreError:
        """The one message per failure; no server path in it (the browser may show it)."""
        if self.where:
            return StoreError(
                f"store unreachable at {self.where} ({type(exc).__name__}) — start it with "
                f"`chroma run --path DIR --host HOST --port PORT`, or unset CITEQA_CHROMA_HOST"
            )
        return StoreError(
            f"the vector store (chroma/ in the data folder) is unusable ({type(exc).__name__}) — "
            "run `citeqa ingest --rebuild`"
        )

    @_guarded
    def count(self) -> int:
        """Chunks in the collection."""
        return self._collection.count()

    @_guarded
    def add(self, chunks: Sequence[StoredChunk], embeddings: Sequence[Sequence[float]]) -> None:
        """Write chunks with their vectors (an id already present is overwritten)."""
        if not chunks:
            return
        self._collection.upsert(
            ids=[c.chunk_id for c in chunks],
            embeddings=[list(map(float, e)) for e in embeddings],
            documents=[c.text for c in chunks],
            metadatas=[_metadata(c) for c in chunks],
        )

    @_guarded
    def query(self, embedding: Sequence[float], k: int) -> list[tuple[str, float]]:
        """The k nearest chunk ids, best first, with similarity exp(-cosine distance) as llama-index reports
        it. Ids only: fetching 20 texts and metadata doubled the query's time, and retrieval keeps few."""
        import math

        if k <= 0:
            return []
        found = self._collection.query(query_embeddings=[list(embedding)], n_results=k, include=["distances"])
        return [(i, math.exp(-dist)) for i, dist in zip(found["ids"][0], (found["distances"] or [[]])[0])]

    @_guarded
    def get(self, ids: Sequence[str]) -> list[StoredChunk]:
        """The chunks with these ids that exist, in the order asked."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        by_id: dict[str, StoredChunk] = {}
        for at in range(0, len(wanted), _PAGE):
            found = self._collection.get(ids=wanted[at : at + _PAGE], include=["documents", "metadatas"])
            for i, d, m in zip(found["ids"], found["documents"] or [], found["metadatas"] or []):
                by_id[i] = _chunk(i, d, m)
        return [by_id[i] for i in wanted if i in by_id]

    @_guarded
    def all_chunks(self, with_text: bool = False) -> list[StoredChunk]:
        """Every chunk (for consistency checks and rebuilding a lost catalog); text only when asked."""
        include: Any = ["metadatas", "documents"] if with_text else ["metadatas"]
        out: list[StoredChunk] = []
        at = 0
        while True:
            found = self._collection.get(include=include, limit=_PAGE, offset=at)
            docs = found.get("documents") or [""] * len(found["ids"])
            out += [_chunk(i, d, m) for i, d, m in zip(found["ids"], docs, found["metadatas"] or [])]
            if len(found["ids"]) < _PAGE:
                return out
            at += _PAGE

    @_guarded
    def embeddings(self, ids: Sequence[str]) -> dict[str, list[float]]:
        """Stored vectors by chunk id (a lost catalog is rebuilt around them, not re-embedded)."""
        out: dict[str, list[float]] = {}
        for at in range(0, len(ids), _PAGE):
            found = self._collection.get(ids=list(ids[at : at + _PAGE]), include=["embeddings"])
            out.update({i: list(e) for i, e in zip(found["ids"], found["embeddings"])})
        return out

    @_guarded
    def chunk_ids(self) -> set[str]:
        """Every chunk id in the collection (for consistency checks)."""
        return {c.chunk_id for c in self.all_chunks()}

    @_guarded
    def delete_ids(self, ids: Sequence[str]) -> None:
        for at in range(0, len(ids), _PAGE):
            self._collection.delete(ids=list(ids[at : at + _PAGE]))

    @_guarded
    def delete_document(self, doc_id: str) -> None:
        """Remove every chunk of one article."""
        self._collection.delete(where={"document_id": doc_id})

    @_guarded
    def rename_source(self, doc_id: str, source: str) -> int:
        """Point an article's chunks at a new file name without re-embedding them."""
        found = self._collection.get(where={"document_id": doc_id}, include=["metadatas"])
        ids = found["ids"]
        if ids:
            metadatas: list[Any] = [{**m, "source": source} for m in found["metadatas"] or []]
            self._collection.update(ids=ids, metadatas=metadatas)
        return len(ids)

    @_guarded
    def drop(self) -> None:
        """Delete the collection (for --rebuild against a server; the embedded store deletes its folder)."""
        self._client.delete_collection(COLLECTION)

    def close(self) -> None:
        """Release the client's files and threads (Chroma keeps a client per path until closed)."""
        self._client.close()

    def llama_vector_store(self) -> Any:
        """The collection as a llama-index ChromaVectorStore (for the benchmark's plain pipeline only)."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self._collection)

    def raw_collection(self) -> Any:
        """The chromadb collection itself: for tests that damage the store on purpose."""
        return self._collection


def _metadata(chunk: StoredChunk) -> dict[str, Any]:
    return {"source": chunk.source, "title": chunk.title, "start": chunk.start, "end": chunk.end,
            "document_id": chunk.doc_id, "sha256": chunk.sha256, "doc_chunks": chunk.doc_chunks}


def _chunk(chunk_id: str, text: str | None, meta: Any) -> StoredChunk:
    meta = meta or {}
    return StoredChunk(
        chunk_id=chunk_id,
        doc_id=str(meta.get("document_id", "")),
        source=str(meta.get("source", "")),
        title=str(meta.get("title", "")),
        text=text or "",
        start=int(meta.get("start", 0)),
        end=int(meta.get("end", 0)),
        sha256=str(meta.get("sha256", "")),
        doc_chunks=int(meta.get("doc_chunks", 0)),
    )
