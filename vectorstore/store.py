"""The Chroma side of the index: the only module that imports chromadb."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import chromadb
from llama_index.vector_stores.chroma import ChromaVectorStore

from vectorstore.errors import StoreError

COLLECTION = "citeqa"


class ChromaStore:
    """An embedded Chroma PersistentClient under the data dir, wrapped for llama-index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.mkdir(parents=True, exist_ok=True)
            self._client = chromadb.PersistentClient(
                path=str(path),
                settings=chromadb.Settings(anonymized_telemetry=False, allow_reset=False),
            )
            # embedding_function=None: we always pass embeddings; Chroma's default would download a model.
            self.collection = self._client.get_or_create_collection(
                COLLECTION,
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
        except Exception as exc:  # chromadb raises many kinds for a damaged folder
            raise StoreError(
                f"cannot open the Chroma store at {path}: {exc} — "
                "delete that folder and run `citeqa ingest` to rebuild it"
            ) from exc
        self.vector_store = ChromaVectorStore(chroma_collection=self.collection)

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

    def close(self) -> None:
        """Release the client's files and threads (Chroma keeps a client per path until closed)."""
        self._client.close()

    def chunk_ids(self) -> set[str]:
        """Every chunk id in the collection (for consistency checks)."""
        return set(self.collection.get(include=[])["ids"])
