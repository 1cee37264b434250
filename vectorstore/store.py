"""The Chroma side of the index: the only module that imports chromadb."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import chromadb
from llama_index.vector_stores.chroma import ChromaVectorStore

from vectorstore.errors import CiteQAError, StoreError

COLLECTION = "citeqa"


class ChromaStore:
    """Chroma wrapped for llama-index: an embedded PersistentClient under the data dir, or a
    `chroma run` server when host is given."""

    def __init__(self, path: Path, host: str = "", port: int = 8000) -> None:
        self.path = path
        self.where = f"http://{host}:{port}" if host else str(path)
        settings = chromadb.Settings(anonymized_telemetry=False, allow_reset=False)
        try:
            if host:
                self._client = chromadb.HttpClient(host=host, port=port, settings=settings)
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(path), settings=settings)
            # embedding_function=None: we always pass embeddings; Chroma's default would download a model.
            self.collection = self._client.get_or_create_collection(
                COLLECTION,
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
        except Exception as exc:  # chromadb raises many kinds for a damaged folder or a dead server
            raise self._error(exc) from exc
        self.vector_store = ChromaVectorStore(chroma_collection=self.collection)

    def _error(self, exc: Exception) -> StoreError:
        if self.where.startswith("http"):
            return StoreError(
                f"store unreachable at {self.where} ({exc}) — start it with "
                f"`chroma run --path DIR --host HOST --port PORT`, or unset CITEQA_CHROMA_HOST"
            )
        return StoreError(
            f"cannot use the Chroma store at {self.where}: {exc} — run `citeqa ingest --rebuild`"
        )

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Any failure inside Chroma (a dead server, a damaged file) becomes a StoreError with the fix."""
        try:
            yield
        except CiteQAError:
            raise
        except Exception as exc:
            raise self._error(exc) from exc

    def count(self) -> int:
        """Chunks in the collection."""
        return self.collection.count()

    def delete_document(self, doc_id: str) -> None:
        """Remove every chunk of one article."""
        self.collection.delete(where={"document_id": doc_id})

    def rename_source(self, doc_id: str, source: str) -> int:
        """Point an article's chunks at a new file name without re-embedding them."""
        found = self.collection.get(where={"document_id": doc_id}, include=["metadatas"])
        ids = found["ids"]
        if ids:
            metadatas: list[Any] = [{**m, "source": source} for m in found["metadatas"] or []]
            self.collection.update(ids=ids, metadatas=metadatas)
        return len(ids)

    def drop(self) -> None:
        """Delete the collection (for --rebuild against a server; the embedded store deletes its folder)."""
        with self.guard():
            self._client.delete_collection(COLLECTION)

    def close(self) -> None:
        """Release the client's files and threads (Chroma keeps a client per path until closed)."""
        self._client.close()

    def chunk_ids(self) -> set[str]:
        """Every chunk id in the collection (for consistency checks)."""
        return set(self.collection.get(include=[])["ids"])
